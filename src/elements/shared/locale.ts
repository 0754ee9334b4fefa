import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  negotiateLocale, onPageMessages, rerenderPage, setPageMessages, translator,
  type Catalog, type Locale, type Messages as MessagesOf, type Speech, type Translate,
} from '../../core/i18n.js';
import { sharedMessages, type SharedKey } from '../../core/messages.js';
import type { CajaQrKey } from '../caja-qr/caja-qr.messages.js';
import type { CheckoutButtonKey } from '../checkout-button/checkout-button.messages.js';
import type { CheckoutModalKey } from '../checkout-modal/checkout-modal.messages.js';
import type { SessionStatusKey } from '../session-status/session-status.messages.js';

/** Every key of every catalog: what `messages` and `setMessages` may override. */
export type MessageKey = SharedKey | CheckoutModalKey | CheckoutButtonKey | CajaQrKey | SessionStatusKey;

/** Texts in place of the built-in ones, by key, e.g. `{ 'status.succeeded': 'Paid, thank you!' }`. */
export type Messages = MessagesOf<MessageKey>;

/**
 * Overrides the built-in text of a language for every element of the page, e.g.
 * `setMessages('es', { 'qr.copy': 'Copiar el código Pix' })`. `es-MX` means `es`, `pt` means
 * `pt-BR`: the elements speak `en`, `es` and `pt-BR`. Calls add up (a key set again wins), keys
 * left out keep the built-in text, and elements already on the page re-render.
 */
export const setMessages: (locale: Locale | (string & {}), messages: Messages) => void = setPageMessages;

/** Watches the page's `lang` attributes (a language switcher sets `<html lang>`): one observer for every element. */
let langWatch: MutationObserver | undefined;

/** The nearest `lang` attribute, looking through shadow roots to their hosts. */
function nearestLang(element: Element): string | null {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang');
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return null;
}

/** The `locale` attribute, else the nearest `lang`, else the browser's languages, else `en`. */
export function resolveLocale(element: Element, attribute?: string | null): Locale {
  return negotiateLocale([attribute, nearestLang(element), ...(globalThis.navigator?.languages ?? [])]);
}

/** An element that speaks: its `locale` and `messages` properties. */
export type Speaker = ReactiveControllerHost & HTMLElement & { locale?: string; messages?: Messages };

/**
 * An element's words: its locale, and its translator (its `messages`, the page's `setMessages`,
 * its own catalog, the shared one). Re-renders the element when `setMessages` is called or a
 * `lang` attribute of the page changes.
 */
export class Words<Key extends string> implements ReactiveController, Speech {
  readonly #host: Speaker;
  readonly #catalogs: readonly Catalog<string>[];
  /** The element this one is drawn in, for a part with no locale or messages of its own. */
  readonly #around?: () => Speech | undefined;
  #stopListening?: () => void;

  constructor(host: Speaker, catalog?: Catalog<Key>, around?: () => Speech | undefined) {
    this.#host = host;
    this.#catalogs = catalog ? [catalog, sharedMessages] : [sharedMessages];
    this.#around = around;
    host.addController(this);
  }

  hostConnected(): void {
    this.#stopListening = onPageMessages(() => this.#host.requestUpdate());
    if (!langWatch) (langWatch = new MutationObserver(rerenderPage)).observe(document.documentElement, { attributeFilter: ['lang'], subtree: true });
  }

  hostDisconnected(): void {
    this.#stopListening?.();
  }

  get locale(): Locale {
    return resolveLocale(this.#host, this.#host.locale ?? this.#around?.()?.locale);
  }

  get messages(): Messages | undefined {
    return this.#host.messages ?? this.#around?.()?.messages;
  }

  get t(): Translate<Key | SharedKey> {
    return translator(this.locale, this.#catalogs, this.messages);
  }
}
