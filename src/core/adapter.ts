import type { Clock } from './clock.js';
import type { CustomerDetails } from './customer.js';
import type { PaymentParameters, ReturnUrls, SessionSnapshot, StatusReading } from './session.js';
import type { ProviderId } from './status.js';
import type { TokenClient } from './token.js';

/**
 * The port between the flow and the providers: core declares it, each provider implements it,
 * and whoever builds the page (an entry, an app, a test) hands the flow the adapters it may use.
 * Core never imports a provider, so a one-provider build carries one provider's code.
 */

/** Everything an adapter needs for one flow; built by the session flow from the element's attributes. */
export interface AdapterContext extends PaymentParameters {
  provider: ProviderId;
  token: TokenClient;
  clock: Clock;
  /** Hosted flows (KaiPay, WeWire): built from `return-url` and the flow's random ref. */
  returnUrls?: ReturnUrls;
  /** The flow's random return-page reference. */
  ref?: string;
  fetch?: typeof fetch;
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
  /** Its hosted page sends the customer back to the return page (KaiPay, WeWire): only then does a page's URL tell an outcome. */
  readonly returnsToPage: boolean;
  /** Create a session, or attach to the token endpoint's `sessionId`. */
  start(signal?: AbortSignal): Promise<SessionSnapshot>;
  /** Attach to an existing session by id (`<session-status>`, resume after reload). */
  attach(sessionId: string, signal?: AbortSignal): Promise<SessionSnapshot>;
  /** Read the status now (only when `session.pollable`). */
  status(session: SessionSnapshot, signal?: AbortSignal): Promise<StatusReading>;
  /**
   * The customer picked an option (and gave the `details` its `fields` ask for): returns the
   * session with its presentation.
   */
  choose(session: SessionSnapshot, optionId: string, signal?: AbortSignal, details?: CustomerDetails): Promise<SessionSnapshot>;
  /** Cancel at the provider (no-op where the provider cannot). */
  cancel(session: SessionSnapshot, signal?: AbortSignal): Promise<void>;
  /** Tell the provider the session is over (WeWire `expire`); no-op elsewhere. */
  expire(session: SessionSnapshot, signal?: AbortSignal): Promise<void>;
  /** A fresh session after expiry (Conomy refresh); others start a new one. */
  refresh(session: SessionSnapshot, signal?: AbortSignal): Promise<SessionSnapshot>;
}

export type AdapterFactory = (ctx: AdapterContext) => ProviderAdapter;

/** The adapters a page may use, by provider. */
export type AdapterRegistry = Partial<Record<ProviderId, AdapterFactory>>;

let pageAdapters: AdapterRegistry = {};

/** Sets the adapters flows use when their options name none (the entries pass theirs). */
export function useAdapters(registry: AdapterRegistry): void {
  pageAdapters = { ...pageAdapters, ...registry };
}

/** The adapters set with `useAdapters()`. */
export function registeredAdapters(): AdapterRegistry {
  return pageAdapters;
}
