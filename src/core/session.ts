import type { CustomerField } from './customer.js';
import type { CheckoutOrder } from './order.js';
import type { CheckoutStatus, ProviderId } from './status.js';

/**
 * The session model every part shares: what the merchant asks to be paid, what the provider's
 * session looks like to the flow, and what the customer is shown. Providers produce it; the flow
 * and the elements read it.
 */

/** What the merchant asks to be paid: the payment attributes of the elements, in one shape. */
export interface PaymentParameters {
  /** Minor units. */
  amount?: number;
  currency?: string;
  description?: string;
  order?: CheckoutOrder;
  /** WeWire: allowed assets from the `assets` attribute (empty = all). */
  assets?: string[];
  /** kamiPay register. */
  storeId?: number;
  checkoutId?: number;
  /** kamiPay: seconds the QR is valid. */
  expire?: number;
}

export const PAYMENT_KEYS = ['amount', 'currency', 'description', 'order', 'assets', 'storeId', 'checkoutId', 'expire'] as const;

type Unset = null | undefined;
/** Attributes as Lit holds them: a removed attribute is `null`. */
export type PaymentInput = { [K in keyof PaymentParameters]?: PaymentParameters[K] | Unset };

/** The parameters that are set (not `null`, `undefined`, `''` or an empty list), nothing else. */
export function paymentParameters(source: PaymentInput, keys: readonly (keyof PaymentParameters)[] = PAYMENT_KEYS): PaymentParameters {
  const picked: Record<string, unknown> = {};
  for (const key of keys) {
    const value = source[key];
    if (value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)) picked[key] = value;
  }
  return picked as PaymentParameters;
}

/** URLs the hosted page sends the customer back to (docs/return-page.md). */
export interface ReturnUrls {
  success: string;
  failure: string;
  cancel: string;
}

/** A choice offered to the customer before paying: a Conomy payment method or a WeWire asset. */
export interface PaymentOption {
  id: string;
  /** Provider's type: `PIX`, `CARD`, `ETH`, `USDT`, ... */
  type: string;
  /** Display name (plain text). */
  label: string;
  /** Minor units of `currency`, when the option has its own price (Conomy `purchaseAmount`). */
  amount?: number;
  currency?: string;
  /** What choosing it leads to. */
  presentation: 'qr' | 'hosted';
  /** Details the customer must give first (the order does not): the modal asks for them. */
  fields?: CustomerField[];
}

/** What the customer is shown to pay. */
export type Presentation =
  | {
      kind: 'qr';
      /** The exact string to encode (a Pix EMV "copia e cola"); the copy button copies it too. */
      payload: string;
      /** Epoch ms at which the QR stops being payable. */
      expiresAt?: number;
      amount?: number;
      currency?: string;
    }
  | {
      kind: 'hosted';
      /** The provider's hosted checkout page (checked for a safe scheme before it is opened). */
      url: string;
      expiresAt?: number;
    };

export interface LineItem {
  description: string;
  /** Minor units, per unit. */
  amount: number;
  quantity: number;
  /** Minor units, line total when the provider gives it. */
  total?: number;
}

/** A provider session as the flow sees it. */
export interface SessionSnapshot {
  provider: ProviderId;
  /** Provider session id (kamiPay: operation_id). Hosted flows without an id use the flow's ref. */
  id: string;
  status: CheckoutStatus;
  /** Minor units. */
  amount?: number;
  currency?: string;
  /** Epoch ms at which the session (or its QR) runs out. */
  expiresAt?: number;
  items?: LineItem[];
  /** Set when the customer must pick one before `presentation` can be made. */
  options?: PaymentOption[];
  presentation?: Presentation;
  /** The status can be read from the provider (polling works). */
  pollable: boolean;
  /** The provider's last payload. */
  raw?: unknown;
}

export interface StatusReading {
  status: CheckoutStatus;
  raw: unknown;
  expiresAt?: number;
  /** The session this reading updates, as the flow that asked knew it (shared polls carry it). */
  session?: SessionSnapshot;
}
