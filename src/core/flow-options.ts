import { registeredAdapters, type AdapterContext, type AdapterRegistry, type ProviderAdapter } from './adapter.js';
import type { Clock } from './clock.js';
import { CheckoutError } from './errors.js';
import type { PollRegistry } from './poll/index.js';
import type { KeyValueStorage } from './resume-store.js';
import { buildReturnUrls, type ReturnMessage } from './return-page.js';
import { paymentParameters, type PaymentParameters } from './session.js';
import type { ProviderId } from './status.js';
import type { TokenClient, TokenRequest } from './token.js';
import { safeUrl } from './url.js';

/** What a flow is built from: the payment, where the token comes from, and the page around it. */
export interface CheckoutFlowOptions extends PaymentParameters {
  provider: ProviderId;
  tokenUrl: string;
  /** Hosted flows: the merchant's return page (same origin). */
  returnUrl?: string;
  /** Follow this existing session instead of creating one (`<session-status>`). */
  sessionId?: string;
  clock?: Clock;
  fetch?: typeof fetch;
  /** Where a resumable session is kept; `null` turns resuming off. Default: sessionStorage. */
  storage?: KeyValueStorage | null;
  /** Which stored session this flow resumes; default derived from provider, token URL and amount. */
  resumeKey?: string;
  registry?: PollRegistry;
  /** For resolving a relative `return-url`/`token-url` (the elements pass `document.baseURI`). */
  baseUrl?: string;
  /** The page's URL, read once for a return-page outcome when resuming after a redirect. */
  pageUrl?: string;
  /**
   * An outcome this page announces (it is a return page), for a flow that follows a session
   * (`sessionId`) or, without one, the hosted checkout the return URL names: it settles the session
   * the same way the flow's own return listener would (`success` is checked with the provider
   * when the session can be polled).
   */
  returnMessage?: ReturnMessage;
  /** The providers this flow may use; default: those the entry set with `useAdapters()`. */
  adapters?: AdapterRegistry;
}

/**
 * The sessionStorage key a flow with these options resumes from (elements check it on a return
 * page): the same payment, so the next order's display at the same amount never takes over the
 * last order's charge.
 */
export function defaultResumeKey(o: CheckoutFlowOptions): string {
  return [o.provider, o.tokenUrl, o.amount, o.currency, o.storeId, o.checkoutId, o.sessionId, o.order?.externalId, o.expire].join('|');
}

const TOKEN_KEYS = ['amount', 'currency', 'description', 'storeId', 'checkoutId', 'order'] as const;

/** Only the fields that apply are sent (docs/token-endpoint.md; JSON drops an unset `sessionId`). */
export function tokenRequestFrom(o: CheckoutFlowOptions, sessionId: string | undefined): TokenRequest {
  return { provider: o.provider, ...paymentParameters(o, TOKEN_KEYS), sessionId: sessionId || undefined };
}

/** The adapter of the options' provider, with the payment and the return URLs it needs. */
export function createAdapterFor(
  o: CheckoutFlowOptions,
  flow: { token: TokenClient; clock: Clock; ref: string },
): ProviderAdapter {
  const create = (o.adapters ?? registeredAdapters())[o.provider];
  if (!create) {
    throw new CheckoutError('config', `No adapter for the provider "${o.provider}" in this build: load one that includes it.`);
  }
  const ctx: AdapterContext = { provider: o.provider, ...flow, ...paymentParameters(o), fetch: o.fetch };
  if (o.returnUrl) {
    const absolute = safeUrl(o.returnUrl, 'the return-url', o.baseUrl);
    if (o.pageUrl && new URL(absolute).origin !== new URL(o.pageUrl).origin) {
      throw new CheckoutError('config', 'The return-url must be a page of this site (same origin).');
    }
    ctx.returnUrls = buildReturnUrls(absolute, o.provider, flow.ref);
  }
  return create(ctx);
}
