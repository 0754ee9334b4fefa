/**
 * Conomy API gateway: checkout sessions opened from a payment link, a method choice (Pix QR or the
 * hosted checkout page), status polling, cancel (DELETE) and refresh after expiry.
 * This file is the adapter. Its parts, one concern each: conomy-schemas.ts (the wire format),
 * conomy-api.ts (the calls the adapter makes), conomy-mapping.ts (answers → the elements' model)
 * and conomy-merchant.ts (the calls only a merchant server makes).
 * Reference: Conomy's OpenAPI spec (Checkout-sessions, Payment-links, Auth); docs/providers/conomy.md.
 */
import { CheckoutError } from '../core/errors.js';
import type { CheckoutStatus } from '../core/status.js';
import { apiCaller, knownExpiry, onHostedPage, parseTime } from './shared.js';
import type { AdapterContext, ProviderAdapter } from '../core/adapter.js';
import type { CustomerDetails } from '../core/customer.js';
import type { Presentation, SessionSnapshot, StatusReading } from '../core/session.js';
import type { ConomyCheckoutSession, ConomyPaymentRequest } from './conomy-schemas.js';
import {
  deleteCheckoutSession,
  getCheckoutSession,
  openPaymentLinkSession,
  refreshCheckoutSession,
  submitPayment,
} from './conomy-api.js';
import {
  checkoutTokenOf,
  conomySessionOf,
  offeredMethods,
  pixCode,
  pixOrigin,
  requireStatus,
  snapshotOf,
  withRefusedField,
  type OfferedMethod,
} from './conomy-mapping.js';

// The public `conomy` namespace (src/index.ts: `export * as conomy from './providers/conomy.js'`)
// is this module, and the README documents its calls and schemas there: re-export the parts so
// the package's API stays whole. Code in this repository imports each symbol from its own file.
export * from './conomy-schemas.js';
export * from './conomy-merchant.js';
export {
  openPaymentLinkSession,
  getCheckoutSession,
  refreshCheckoutSession,
  submitPayment,
  deleteCheckoutSession,
} from './conomy-api.js';
export { mapConomyStatus, sessionOptions } from './conomy-mapping.js';

// ---------------------------------------------------------------------------------------------
// Adapter.

const MISSING_SESSION_SOURCE = 'token endpoint must return sessionId or checkoutToken for Conomy';

export function createConomyAdapter(ctx: AdapterContext): ProviderAdapter {
  /**
   * Sessions we DELETEd: Conomy then reports them unpayable, which for us is `cancelled`. [inferred]
   * The spec has no cancelled status, and a deleted session reading EXPIRED (or still ACTIVE) is
   * our reading of "invalidate".
   */
  const deleted = new Set<string>();

  const withApi = apiCaller(ctx);

  function follow(session: ConomyCheckoutSession): SessionSnapshot {
    const snapshot = snapshotOf(session, ctx.order?.customer);
    ctx.token.setSessionId(session.id);
    return snapshot;
  }

  /** A session to pay (not only to follow) must offer at least one usable method. */
  function payable(snapshot: SessionSnapshot): SessionSnapshot {
    if (snapshot.status === 'pending' && !snapshot.options?.length) {
      throw new CheckoutError('invalid_response', 'Conomy answered with a session that offers no usable payment method');
    }
    return snapshot;
  }

  function statusAfterDelete(id: string, status: CheckoutStatus): CheckoutStatus {
    return deleted.has(id) && (status === 'pending' || status === 'expired') ? 'cancelled' : status;
  }

  async function choosePix(
    session: SessionSnapshot,
    offered: OfferedMethod,
    signal?: AbortSignal,
    details?: CustomerDetails,
  ): Promise<SessionSnapshot> {
    const body: ConomyPaymentRequest = { origins: [pixOrigin(offered, { ...ctx.order?.customer, ...details })] };
    if (ctx.description) body.description = ctx.description;
    const transaction = await withApi((api) => submitPayment(api, session.id, body, signal), signal).catch((error: unknown) => {
      throw withRefusedField(error);
    });
    const pix = pixCode(transaction);
    const presentation: Presentation = {
      kind: 'qr',
      payload: pix.data,
      amount: offered.amount,
      currency: offered.config.currency,
      ...knownExpiry(parseTime(pix.expiredAt) ?? session.expiresAt),
    };
    return { ...session, presentation };
  }

  return {
    provider: 'conomy',
    canCancel: true,
    canRefresh: true,
    returnsToPage: false,

    async start(signal) {
      const session = await withApi((api, grant) => {
        if (grant.sessionId) return getCheckoutSession(api, grant.sessionId, signal);
        if (grant.checkoutToken) return openPaymentLinkSession(api, grant.checkoutToken, signal);
        throw new CheckoutError('config', MISSING_SESSION_SOURCE);
      }, signal);
      return payable(follow(session));
    },

    async attach(sessionId, signal) {
      const session = await withApi((api) => getCheckoutSession(api, sessionId, signal), signal);
      return follow(session);
    },

    async status(session, signal): Promise<StatusReading> {
      const current = await withApi((api) => getCheckoutSession(api, session.id, signal), signal);
      return { status: statusAfterDelete(session.id, requireStatus(current)), raw: current, ...knownExpiry(parseTime(current.expiresAt)) };
    },

    async choose(session, chosen, signal, details) {
      const conomySession = conomySessionOf(session);
      const offered = offeredMethods(conomySession).find((method) => method.id === chosen);
      if (!offered) throw new CheckoutError('config', `Unknown Conomy payment option "${chosen}"`);
      if (offered.method.type === 'PIX') return choosePix(session, offered, signal, details);
      // Every other method is completed on Conomy's hosted page; the status arrives by polling.
      return onHostedPage(session, conomySession.url);
    },

    async cancel(session, signal) {
      await withApi((api) => deleteCheckoutSession(api, session.id, signal), signal);
      deleted.add(session.id);
    },

    async expire() {
      // Conomy expires sessions itself at `expiresAt`: nothing to tell it.
    },

    async refresh(session, signal) {
      const fresh = await withApi((api, grant) => {
        const checkoutToken = checkoutTokenOf(session.raw) ?? grant.checkoutToken;
        if (!checkoutToken) {
          throw new CheckoutError('config', 'Conomy refresh needs a checkoutToken (from the session or the token endpoint)');
        }
        return refreshCheckoutSession(api, checkoutToken, signal);
      }, signal);
      return payable(follow(fresh));
    },
  };
}
