/**
 * Registers the library's custom elements and, on a return page, announces the hosted checkout's
 * outcome (SPEC "Return page"). Registration is guarded, so a page that loads the script twice
 * (or also imports the npm package) does not throw.
 */
import { announceReturn } from './core/return-page.js';
import { CheckoutQrElement } from './elements/checkout-qr/checkout-qr.js';
import { CheckoutModalElement } from './elements/checkout-modal/checkout-modal.js';
import { CheckoutButtonElement } from './elements/checkout-button/checkout-button.js';
import { SessionStatusElement } from './elements/session-status/session-status.js';
import { CajaQrElement } from './elements/caja-qr/caja-qr.js';

export const ELEMENTS: Record<string, CustomElementConstructor> = {
  'checkout-qr': CheckoutQrElement,
  'checkout-modal': CheckoutModalElement,
  'checkout-button': CheckoutButtonElement,
  'session-status': SessionStatusElement,
  'caja-qr': CajaQrElement,
};

export function defineElements(registry: CustomElementRegistry = customElements): void {
  for (const [tag, element] of Object.entries(ELEMENTS)) {
    if (!registry.get(tag)) registry.define(tag, element);
  }
}

if (typeof window !== 'undefined' && typeof customElements !== 'undefined') {
  defineElements();
  announceReturn(window);
}

export * from './index.js';
