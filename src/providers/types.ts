import type { Clock } from '../core/clock.js';
import type { CheckoutOrder } from '../core/order.js';
import type { CheckoutStatus, ProviderId } from '../core/status.js';
import type { TokenClient } from '../core/token.js';

/**
 * Direct access to one provider API: what the token endpoint returned. The low-level call
 * functions of each provider take this, so the same code serves the browser and a merchant's
 * Node server.
 */
export interface ApiAccess {
  apiBase: string;
  token: string;
  /** Conomy's `x-api-key`. */
  apiKey?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** URLs the hosted page sends the customer back to (SPEC "Return page"). */
export interface ReturnUrls {
  success: string;
  failure: string;
  cancel: string;
}

/** Everything an adapter needs for one flow; built by the session flow from the element's attributes. */
export interface AdapterContext {
  provider: ProviderId;
  token: TokenClient;
  clock: Clock;
  /** Minor units. */
  amount?: number;
  currency?: string;
  description?: string;
  order?: CheckoutOrder;
  /** Hosted flows (KaiPay, WeWire): built from `return-url` and the flow's random ref. */
  returnUrls?: ReturnUrls;
  /** The flow's random return-page reference. */
  ref?: string;
  /** WeWire: allowed assets from the `assets` attribute (empty = all). */
  assets?: string[];
  /** kamiPay register. */
  storeId?: number;
  checkoutId?: number;
  /** kamiPay: seconds the QR is valid. */
  expire?: number;
  fetch?: typeof fetch;
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
}

/**
 * One interface the session flow drives, one implementation per provider.
 * Every call takes the caller's AbortSignal and throws only CheckoutError (or the abort reason).
 */
export interface ProviderAdapter {
  readonly provider: ProviderId;
  /** The provider can cancel a session (Conomy DELETE, WeWire cancel). */
  readonly canCancel: boolean;
  /** "Try again" after expiry renews the same session (Conomy refresh). */
  readonly canRefresh: boolean;
  /** Create a session, or attach to the token endpoint's `sessionId`. */
  start(signal?: AbortSignal): Promise<SessionSnapshot>;
  /** Attach to an existing session by id (`<session-status>`, resume after reload). */
  attach(sessionId: string, signal?: AbortSignal): Promise<SessionSnapshot>;
  /** Read the status now (only when `session.pollable`). */
  status(session: SessionSnapshot, signal?: AbortSignal): Promise<StatusReading>;
  /** The customer picked an option: returns the session with its presentation. */
  choose(session: SessionSnapshot, optionId: string, signal?: AbortSignal): Promise<SessionSnapshot>;
  /** Cancel at the provider (no-op where the provider cannot). */
  cancel(session: SessionSnapshot, signal?: AbortSignal): Promise<void>;
  /** Tell the provider the session is over (WeWire `expire`); no-op elsewhere. */
  expire(session: SessionSnapshot, signal?: AbortSignal): Promise<void>;
  /** A fresh session after expiry (Conomy refresh); others start a new one. */
  refresh(session: SessionSnapshot, signal?: AbortSignal): Promise<SessionSnapshot>;
}
