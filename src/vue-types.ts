/**
 * Vue template types for the tags (the `checkout-elements/vue` types entry; no runtime code).
 *
 * Load it once in a Vue app, e.g. in `env.d.ts`: `import type {} from 'checkout-elements/vue';`.
 * `vue-tsc` and Volar then check `<checkout-button>`, `<checkout-modal>`, `<caja-qr>` and
 * `<session-status>` in templates: the element's properties as props (`:amount="1250"`,
 * `.order="order"`, `token-url="..."`) and its events (`@checkout-success="(event) => ..."`, the
 * handler gets the typed event). The tags still need Vue's
 * `compilerOptions.isCustomElement` so Vue does not try to resolve them as Vue components.
 *
 * Vue sets a bound value as a DOM property when the element has one, even for a static string:
 * bind numbers (`:amount="1250"`), not `amount="1250"`, which the `number` prop types reject.
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { CajaQrElement } from './elements/caja-qr/caja-qr.js';
import type { CheckoutButtonElement } from './elements/checkout-button/checkout-button.js';
import type { CheckoutModalElement } from './elements/checkout-modal/checkout-modal.js';
import type { PaymentAttributesInterface } from './elements/shared/payment-attributes.js';
import type { SessionStatusElement } from './elements/session-status/session-status.js';
import type { CheckoutEventMap } from './events.js';

/** `checkout-success` → `CheckoutSuccess`: how Vue's compiler names `@checkout-success` (`onCheckoutSuccess`). */
type PascalCase<Name extends string> = Name extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Head>}${PascalCase<Tail>}`
  : Capitalize<Name>;

/** Event name → event class, e.g. `CheckoutEventMap`. */
type EventMap<Events> = { [Name in keyof Events]: Event };

/** The `on…` props Vue compiles `@event` listeners to, each typed with its event. */
export type VueEventProps<Events extends EventMap<Events>> = {
  [Name in keyof Events & string as `on${PascalCase<Name>}`]?: (event: Events[Name]) => void;
};

/** The element's properties and its event props: what a template may set on the tag. */
export type VueElementProps<Element extends HTMLElement, Props extends keyof Element, Events extends EventMap<Events>> =
  Partial<Pick<Element, Props>> & VueEventProps<Events>;

/**
 * A custom element as Vue's template type checker reads a component: props from `$props`,
 * events from `$emit` (Vue's documented recipe for non-Vue custom elements). Neither property
 * exists on the element at run time.
 */
export type VueCustomElement<Element extends HTMLElement, Props extends keyof Element, Events extends EventMap<Events>> =
  new () => Element & {
    /** @deprecated Template type checking only: not a property of the element. */
    $props: HTMLAttributes & VueElementProps<Element, Props, Events> & PublicProps;
    /** @deprecated Template type checking only: not a property of the element. */
    $emit: EmitFn<{ [Name in keyof Events]: (event: Events[Name]) => void }>;
  };

/** The events of `<checkout-button>` and `<checkout-modal>`: every checkout event. */
export type CheckoutDialogEvents = CheckoutEventMap;

/** The events of `<session-status>`: every status outcome and errors (no open/close). */
export type SessionStatusEvents = Omit<CheckoutEventMap, 'checkout-open' | 'checkout-close'>;

/** The events of `<caja-qr>`: a kamiPay charge is never cancelled. */
export type CajaQrEvents = Pick<
  CheckoutEventMap,
  'checkout-status' | 'checkout-success' | 'checkout-failure' | 'checkout-expired' | 'checkout-error'
>;

type PaymentProps = keyof PaymentAttributesInterface;
type CajaQrProps =
  | 'provider' | 'tokenUrl' | 'locale' | 'messages' | 'order' | 'storeId' | 'checkoutId' | 'amount' | 'currency' | 'expire'
  | 'continuous' | 'manage';
type SessionStatusProps = 'provider' | 'sessionId' | 'tokenUrl' | 'locale' | 'messages' | 'order';

export type CheckoutButtonVueProps = VueElementProps<CheckoutButtonElement, PaymentProps, CheckoutDialogEvents>;
export type CheckoutModalVueProps = VueElementProps<CheckoutModalElement, PaymentProps | 'open', CheckoutDialogEvents>;
export type CajaQrVueProps = VueElementProps<CajaQrElement, CajaQrProps, CajaQrEvents>;
export type SessionStatusVueProps = VueElementProps<SessionStatusElement, SessionStatusProps, SessionStatusEvents>;

/** The library's tags, as Vue's `GlobalComponents` entries. */
export interface CheckoutElementsVueComponents {
  'checkout-button': VueCustomElement<CheckoutButtonElement, PaymentProps, CheckoutDialogEvents>;
  'checkout-modal': VueCustomElement<CheckoutModalElement, PaymentProps | 'open', CheckoutDialogEvents>;
  'caja-qr': VueCustomElement<CajaQrElement, CajaQrProps, CajaQrEvents>;
  'session-status': VueCustomElement<SessionStatusElement, SessionStatusProps, SessionStatusEvents>;
}

declare module 'vue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalComponents extends CheckoutElementsVueComponents {}
}
