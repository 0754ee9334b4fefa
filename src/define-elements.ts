import { useAdapters, type AdapterRegistry } from './core/adapter.js';
import { useRegisters, type RegisterProvider } from './core/registers.js';
import { announceReturn } from './core/return-page.js';
import { CheckoutQrElement } from './elements/checkout-qr/checkout-qr.js';
import { CheckoutModalElement } from './elements/checkout-modal/checkout-modal.js';
import { CheckoutButtonElement } from './elements/checkout-button/checkout-button.js';
import { SessionStatusElement } from './elements/session-status/session-status.js';
import { CajaQrElement } from './elements/caja-qr/caja-qr.js';

/** Every tag of the library and its class. */
export const ELEMENTS: Record<string, CustomElementConstructor> = {
  'checkout-qr': CheckoutQrElement,
  'checkout-modal': CheckoutModalElement,
  'checkout-button': CheckoutButtonElement,
  'caja-qr': CajaQrElement,
  // Last: a status placed inside one of the others finds that element's checkout as it upgrades.
  'session-status': SessionStatusElement,
};

/** Registers the tags not registered yet, so loading the library twice does not throw. */
export function defineElements(registry: CustomElementRegistry = customElements): void {
  for (const [tag, element] of Object.entries(ELEMENTS)) {
    if (!registry.get(tag)) registry.define(tag, element);
  }
}

/**
 * What loading the library does in a browser: hand the flows the build's providers (and
 * `<caja-qr>` the register provider, when the build has kamiPay), register the
 * tags and, on a return page, announce the hosted checkout's outcome (docs/return-page.md).
 * Nothing else in Node (server-side rendering).
 */
export function activate(adapters: AdapterRegistry, registers?: RegisterProvider): void {
  useAdapters(adapters);
  if (registers) useRegisters(registers);
  if (typeof window === 'undefined' || typeof customElements === 'undefined') return;
  defineElements();
  announceReturn(window);
}
