import { ContextConsumer, ContextProvider, createContext } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Locale } from '../core/i18n.js';
import type { FlowSource } from './flow-source.js';

/**
 * What `<checkout-modal>`, `<caja-qr>` and `<checkout-button>` hand down the tree: the flow they
 * run and the language they speak. `<checkout-qr>` draws the flow's QR from it, and a
 * `<session-status>` without `session-id` follows that flow instead of reading the session itself.
 */
export interface CheckoutContext {
  source: FlowSource;
  locale: Locale;
}

// A global symbol: two copies of the library on one page still find each other's checkouts.
export const checkoutContext = createContext<CheckoutContext | undefined>(Symbol.for('checkout-elements.checkout'));

type Host = ReactiveControllerHost & HTMLElement;

/** Provides the host's checkout to its subtree; the locale is re-read before every render. */
export class CheckoutContextProvider implements ReactiveController {
  readonly #provider: ContextProvider<typeof checkoutContext>;
  readonly #source: FlowSource;
  readonly #locale: () => Locale;

  constructor(host: Host, source: FlowSource, locale: () => Locale) {
    this.#source = source;
    this.#locale = locale;
    this.#provider = new ContextProvider(host, { context: checkoutContext, initialValue: { source, locale: 'en' } });
    host.addController(this);
  }

  hostUpdate(): void {
    const locale = this.#locale();
    if (this.#provider.value?.locale !== locale) this.#provider.setValue({ source: this.#source, locale });
  }
}

/** The checkout around the host, if any (kept up to date: the host re-renders on a change). */
export function consumeCheckout(host: Host): ContextConsumer<typeof checkoutContext, Host> {
  return new ContextConsumer(host, { context: checkoutContext, subscribe: true });
}
