import { ContextConsumer, ContextProvider, createContext } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Speech } from '../core/i18n.js';
import type { FlowSource } from './flow-source.js';

/**
 * What `<checkout-modal>`, `<caja-qr>` and `<checkout-button>` hand down the tree: the flow they
 * run, the language they speak and their text overrides (`messages`). `<checkout-qr>` draws the
 * flow's QR from it in those words, and a `<session-status>` without `session-id` follows that
 * flow instead of reading the session itself.
 */
export interface CheckoutContext extends Speech {
  source: FlowSource;
}

// A global symbol: two copies of the library on one page still find each other's checkouts.
export const checkoutContext = createContext<CheckoutContext | undefined>(Symbol.for('checkout-elements.checkout'));

type Host = ReactiveControllerHost & HTMLElement;

/** Provides the host's checkout to its subtree; its locale and messages are re-read before every render. */
export class CheckoutContextProvider implements ReactiveController {
  readonly #provider: ContextProvider<typeof checkoutContext>;
  readonly #source: FlowSource;
  readonly #speech: Speech;

  /** `speech`: the host's words (read again before each render). */
  constructor(host: Host, source: FlowSource, speech: Speech) {
    this.#source = source;
    this.#speech = speech;
    this.#provider = new ContextProvider(host, { context: checkoutContext, initialValue: { source, locale: 'en' } });
    host.addController(this);
  }

  hostUpdate(): void {
    const { locale, messages } = this.#speech;
    const value = this.#provider.value;
    if (value?.locale !== locale || value.messages !== messages) this.#provider.setValue({ source: this.#source, locale, messages });
  }
}

/** The checkout around the host, if any (kept up to date: the host re-renders on a change). */
export function consumeCheckout(host: Host): ContextConsumer<typeof checkoutContext, Host> {
  return new ContextConsumer(host, { context: checkoutContext, subscribe: true });
}
