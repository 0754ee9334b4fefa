import type { LitElement, PropertyValues } from 'lit';
import type { CheckoutOrder } from '../../core/order.js';
import type { PaymentParameters } from '../../core/session.js';
import type { ProviderId } from '../../core/status.js';
import type { Messages } from './locale.js';
import { assetsConverter, normalizeNumbers } from './attributes.js';

/** The attributes `<checkout-button>` and `<checkout-modal>` share (docs/elements.md). */
export interface PaymentAttributesInterface extends PaymentParameters {
  provider?: ProviderId;
  tokenUrl?: string;
  locale?: string;
  messages?: Messages;
  returnUrl?: string;
  redirect: boolean;
  disabled: boolean;
}

// TypeScript requires `any[]` for a mixin's constructor arguments (TS2545).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor<T> = new (...args: any[]) => T;

/** Declares the shared payment attributes once, for the button and the modal. */
export const PaymentAttributes = <T extends Constructor<LitElement>>(superClass: T) => {
  class PaymentAttributesElement extends superClass {
    /** @ignore Lit's reactive properties (declared without decorators: smaller). */
    static properties = {
      provider: {},
      tokenUrl: { attribute: 'token-url' },
      locale: {},
      messages: { attribute: false },
      amount: { type: Number },
      currency: {},
      description: {},
      returnUrl: { attribute: 'return-url' },
      redirect: { type: Boolean },
      assets: { converter: assetsConverter },
      storeId: { type: Number, attribute: 'store-id' },
      checkoutId: { type: Number, attribute: 'checkout-id' },
      expire: { type: Number },
      disabled: { type: Boolean, reflect: true },
      order: { attribute: false },
    };

    /** `kamipay`, `kaipay`, `conomy` or `wewire`. */
    provider?: ProviderId;
    /** The merchant's token endpoint (absolute, or relative to the page). */
    tokenUrl?: string;
    /** `en`, `es` or `pt-BR`; default: the nearest `lang`, then the browser's language. */
    locale?: string;
    /** Text in place of the built-in text, in whatever language the element speaks (README "Text and languages"). */
    messages?: Messages;
    /** Integer amount in the currency's minor unit (`21000` = MXN 210.00). */
    amount?: number;
    /** ISO 4217 code (`BRL`, `MXN`...). */
    currency?: string;
    /** What is being paid: the dialog's title. */
    description?: string;
    /** Hosted flows (KaiPay, WeWire): a page of this site the provider sends the customer back to. */
    returnUrl?: string;
    /** Hosted flows navigate this page instead of opening the provider's page in a popup. */
    redirect = false;
    /** WeWire: comma-separated asset symbols to offer (`BTC,USDT`); default `ETH,USDT,USDC`. */
    assets?: string[];
    /** kamiPay: the store of the register the Pix charge is issued for. */
    storeId?: number;
    /** kamiPay: the register (caja) the Pix charge is issued for. */
    checkoutId?: number;
    /** kamiPay: seconds the QR stays payable (default 300). */
    expire?: number;
    /** Disabled: nothing opens. */
    disabled = false;
    /** The merchant's order: sent to the token endpoint and used for the provider's create request. */
    order?: CheckoutOrder;

    protected override willUpdate(changed: PropertyValues): void {
      normalizeNumbers(this, changed, ['amount', 'storeId', 'checkoutId', 'expire']);
      super.willUpdate(changed);
    }
  }
  return PaymentAttributesElement as Constructor<PaymentAttributesInterface> & T;
};
