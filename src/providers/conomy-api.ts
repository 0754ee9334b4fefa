/**
 * Conomy's checkout-session calls as the browser adapter (conomy.ts) makes them: open from a
 * payment link, read, refresh after expiry, pay, and DELETE. Low-level and stateless, so they also
 * run in Node; the merchant-server calls live in conomy-merchant.ts.
 * Reference: Conomy's OpenAPI spec (Checkout-sessions, Payment-links); docs/providers/conomy.md.
 */
import { CheckoutError } from '../core/errors.js';
import { anyBody, callApi } from './shared.js';
import {
  checkoutSessionSchema,
  transactionSchema,
  type ConomyCheckoutSession,
  type ConomyPaymentRequest,
  type ConomyTransaction,
} from './conomy-schemas.js';
import type { ApiAccess } from './types.js';

// Every call sends `Authorization: Bearer` and `x-api-key` (spec: both required).

const MISSING_API_KEY = 'token endpoint must return apiKey for Conomy';

/** Exported for conomy-merchant.ts, which sends the same headers; not public (conomy.ts omits it). */
export function authHeaders(api: ApiAccess): Record<string, string> {
  if (!api.apiKey) throw new CheckoutError('config', MISSING_API_KEY);
  return { Authorization: `Bearer ${api.token}`, 'x-api-key': api.apiKey };
}

function segment(value: string, what: string): string {
  if (!value) throw new CheckoutError('config', `Conomy ${what} is empty`);
  return encodeURIComponent(value);
}

/** `POST /payment-links/token/{checkoutToken}/checkout-sessions`: a session from a payment link. */
export async function openPaymentLinkSession(
  api: ApiAccess,
  checkoutToken: string,
  signal?: AbortSignal,
): Promise<ConomyCheckoutSession> {
  const path = `/payment-links/token/${segment(checkoutToken, 'checkoutToken')}/checkout-sessions`;
  return sessionCall(api, 'POST', path, {}, signal);
}

/** `GET /checkout-sessions/{id}`. */
export async function getCheckoutSession(api: ApiAccess, id: string, signal?: AbortSignal): Promise<ConomyCheckoutSession> {
  return sessionCall(api, 'GET', `/checkout-sessions/${segment(id, 'session id')}`, undefined, signal);
}

/** `POST /checkout-sessions/token/{checkoutToken}/refresh`: a new session after expiry. */
export async function refreshCheckoutSession(
  api: ApiAccess,
  checkoutToken: string,
  signal?: AbortSignal,
): Promise<ConomyCheckoutSession> {
  return sessionCall(api, 'POST', `/checkout-sessions/token/${segment(checkoutToken, 'checkoutToken')}/refresh`, {}, signal);
}

/** `POST /checkout-sessions/{id}/payments`: pay with one method; returns the Transaction. */
export async function submitPayment(
  api: ApiAccess,
  id: string,
  body: ConomyPaymentRequest,
  signal?: AbortSignal,
): Promise<ConomyTransaction> {
  // Headers first (here and in DELETE): a missing apiKey is reported before an empty id.
  return callApi(
    api,
    {
      headers: authHeaders(api),
      method: 'POST',
      path: `/checkout-sessions/${segment(id, 'session id')}/payments`,
      json: body,
      schema: transactionSchema,
    },
    signal,
  );
}

/** `DELETE /checkout-sessions/{id}`: invalidates the session; it answers `{}`, not read. */
export async function deleteCheckoutSession(api: ApiAccess, id: string, signal?: AbortSignal): Promise<void> {
  await callApi(
    api,
    {
      headers: authHeaders(api),
      method: 'DELETE',
      path: `/checkout-sessions/${segment(id, 'session id')}`,
      schema: anyBody,
      allowEmpty: true,
    },
    signal,
  );
}

/** Exported for conomy-merchant.ts (`POST /checkout-sessions` answers a session too); not public. */
export async function sessionCall(
  api: ApiAccess,
  method: 'GET' | 'POST',
  path: string,
  json: unknown,
  signal: AbortSignal | undefined,
): Promise<ConomyCheckoutSession> {
  return callApi(api, { method, path, headers: authHeaders(api), json, schema: checkoutSessionSchema }, signal);
}
