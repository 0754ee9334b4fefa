/**
 * Conomy calls for the merchant's server, never the browser: `/auth` takes the client secret and
 * `POST /checkout-sessions` names the merchant's destination account, so neither may run in a
 * page. The demo's merchant server (demo/server) runs them in Node; the public `conomy` namespace
 * still carries them (conomy.ts re-exports them), as the README's token-endpoint example uses.
 * Reference: Conomy's OpenAPI spec (Checkout-sessions, Auth); docs/providers/conomy.md.
 */
import { z, nonEmptyString } from '../core/validate.js';
import { CheckoutError } from '../core/errors.js';
import { callApi, type Transport } from './shared.js';
import { authHeaders, sessionCall } from './conomy-api.js';
import type { ConomyCheckoutSession } from './conomy-schemas.js';
import type { ApiAccess } from './types.js';

const authSchema = z.looseObject({
  accessToken: nonEmptyString,
  tokenType: z.string(),
  expiresIn: z.number(),
});

export type ConomyAuth = z.infer<typeof authSchema>;

/** The list endpoint is for merchant servers: only each result's `id` and `status` are required. */
const sessionSummarySchema = z.looseObject({ id: z.string(), status: z.string() });
const optionalCount = z.optional(z.nullable(z.number()));

const sessionListSchema = z.looseObject({
  pagination: z.looseObject({ count: optionalCount, next: optionalCount, previous: optionalCount, total: optionalCount }),
  results: z.array(sessionSummarySchema),
});

export type ConomyCheckoutSessionList = z.infer<typeof sessionListSchema>;

export interface ConomyItem {
  preTaxAmount: string;
  totalAmount: string;
  description: string;
  tax?: { name: string; type: 'FIXED' | 'PERCENTAGE'; value: string; amount: string } | null;
}

/** `create-checkout-session` in the spec. */
export interface ConomyCreateCheckoutSession {
  checkoutToken: string;
  items: ConomyItem[];
  currency: string;
  paymentMethodsAllowed: string[];
  destinations: { type: string; amount: string; [field: string]: unknown }[];
  /** Seconds until the session is inactivated; at least 30. */
  duration: number;
  owner: { identityId: string; [field: string]: unknown };
  customer?: Record<string, unknown> | null;
  customerRequirements?: string[];
  successUrl?: string;
  failedUrl?: string;
}

export interface ConomyListQuery {
  identityId?: string;
  accountNumber?: string;
  status?: string;
  /** dd/mm/yyyy */
  startDate?: string;
  /** dd/mm/yyyy */
  endDate?: string;
  /** e.g. `createdAt:desc` */
  sort?: string;
  limit?: number;
  offset?: number;
}

/** What `/auth` needs: the API key, not a token (it is how the token is obtained). */
export interface ConomyAuthAccess extends Transport {
  apiKey: string;
}

/** `POST /auth`: a merchant-server call that turns client credentials into a bearer token. */
export async function authenticate(
  api: ConomyAuthAccess,
  clientId: string,
  clientSecret: string,
  signal?: AbortSignal,
): Promise<ConomyAuth> {
  if (!api.apiKey) throw new CheckoutError('config', 'Conomy /auth needs the apiKey');
  return callApi(
    api,
    {
      method: 'POST',
      path: '/auth',
      headers: { 'x-api-key': api.apiKey },
      json: { clientId, clientSecret },
      schema: authSchema,
    },
    signal,
  );
}

/** `POST /checkout-sessions`: a merchant-server call (it names the merchant's destination account). */
export async function createCheckoutSession(
  api: ApiAccess,
  body: ConomyCreateCheckoutSession,
  signal?: AbortSignal,
): Promise<ConomyCheckoutSession> {
  checkCreateBody(body);
  return sessionCall(api, 'POST', '/checkout-sessions', body, signal);
}

/** `GET /checkout-sessions?...`: a page of sessions. */
export async function listCheckoutSessions(
  api: ApiAccess,
  query: ConomyListQuery = {},
  signal?: AbortSignal,
): Promise<ConomyCheckoutSessionList> {
  return callApi(
    api,
    { method: 'GET', path: '/checkout-sessions', query: { ...query }, headers: authHeaders(api), schema: sessionListSchema },
    signal,
  );
}

/** The spec's hard rules, checked before sending so a bad call costs no request. */
function checkCreateBody(body: ConomyCreateCheckoutSession): void {
  const problem =
    (!body.checkoutToken && 'checkoutToken is required') ||
    (!body.items?.length && 'items must not be empty') ||
    (!body.currency && 'currency is required') ||
    (!body.paymentMethodsAllowed?.length && 'paymentMethodsAllowed must not be empty') ||
    (!body.destinations?.length && 'destinations must not be empty') ||
    ((!Number.isInteger(body.duration) || body.duration < 30) && 'duration must be an integer of at least 30 seconds') ||
    (!body.owner?.identityId && 'owner.identityId is required');
  if (problem) throw new CheckoutError('config', `Conomy checkout session: ${problem}`);
}
