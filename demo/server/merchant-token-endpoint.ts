import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { CheckoutError } from '../../src/core/errors.js';
import { toMajorString } from '../../src/core/money.js';
import { describeIssues, nonEmptyString, z } from '../../src/core/validate.js';
import type { TokenGrant } from '../../src/core/token.js';
import * as conomy from '../../src/providers/conomy-merchant.js';
import * as kamipay from '../../src/providers/kamipay.js';
import { BodyTooLargeError, publicOrigin, readJsonBody, sendJson, type RequestWithBody } from './node-http.js';
import { DEFAULT_PROXY_BASE, type ProxiedProvider, type ProxyTokens } from './provider-proxy.js';

/**
 * The merchant's token endpoint (SPEC "The token endpoint"), the example a merchant adapts:
 * provider credentials stay here; the browser gets a token, the API base and, for Conomy, the
 * session made for its order. The provider calls are the library's own clients, run in Node.
 *
 *   kamipay → POST /auth/token with the merchant's username/password → the bearer token
 *   conomy  → POST /auth (clientId/clientSecret + x-api-key) → POST /checkout-sessions for the order
 *   kaipay, wewire → their keys are secrets: a short-lived token for the merchant's own proxy
 */

export interface KamipaySecrets {
  apiBase: string;
  username: string;
  password: string;
  /** Used for `expiresAt` when the token is not a JWT with `exp` (kamiPay: 1 h – 1 day). Default 3600. */
  tokenLifetimeSeconds?: number;
}

export interface ConomySecrets {
  apiBase: string;
  /** `x-api-key`: it identifies the merchant's integration and goes to the browser with the token (SPEC). */
  apiKey: string;
  clientId: string;
  clientSecret: string;
  /** The merchant's Conomy identity (`owner`) and the account the money goes to (`destinations`). */
  owner: { identityId: string; name?: string };
  account: { accountNumber: string; accountHolder: string; type?: string };
  /** Payment node types offered; default `PIX`, `CARD`. */
  paymentMethods?: string[];
  /** Seconds the session stays payable; default 900 (at least 30). */
  sessionSeconds?: number;
  /** Where Conomy's hosted page sends the customer; absolute, or relative to this server's origin. */
  successUrl?: string;
  failedUrl?: string;
}

export interface TokenEndpointConfig {
  kamipay?: KamipaySecrets;
  conomy?: ConomySecrets;
  /** KaiPay and WeWire go through the merchant's proxy (provider-proxy.ts), which holds their keys. */
  proxy?: { tokens: ProxyTokens; providers: ProxiedProvider[]; base?: string };
  /** The origin the browser reaches this server at; default from the request's `Host`. */
  publicOrigin?: string;
  fetch?: typeof fetch;
}

/** SPEC's token request, as far as this endpoint reads it. */
const positiveInt = z.int().check(z.positive());
const tokenRequestSchema = z.looseObject({
  provider: z.enum(['kamipay', 'kaipay', 'conomy', 'wewire']),
  amount: z.optional(positiveInt),
  currency: z.optional(z.string().check(z.regex(/^[A-Za-z]{3,4}$/))),
  description: z.optional(z.string()),
  storeId: z.optional(positiveInt),
  checkoutId: z.optional(positiveInt),
  sessionId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  order: z.optional(
    z.looseObject({
      customer: z.optional(
        z.looseObject({
          name: z.optional(z.string()),
          email: z.optional(z.string()),
          documentType: z.optional(z.string()),
          documentNumber: z.optional(z.string()),
          phone: z.optional(z.string()),
          phonePrefix: z.optional(z.string()),
        }),
      ),
      items: z.optional(
        z.array(z.looseObject({ description: nonEmptyString, amount: positiveInt, quantity: positiveInt })),
      ),
    }),
  ),
});

export type TokenRequestBody = z.infer<typeof tokenRequestSchema>;

/** A request the endpoint refuses (answered 400 with its message). */
class BadRequest extends Error {}

/** The Node handler for `POST /api/checkout-token` (Express, Connect, or `node:http` directly). */
export function createTokenEndpoint(config: TokenEndpointConfig) {
  const fetchOption = config.fetch ? { fetch: config.fetch } : {};

  async function grantFor(body: TokenRequestBody, origin: string): Promise<TokenGrant> {
    switch (body.provider) {
      case 'kamipay':
        return kamipayGrant(need(config.kamipay, 'kamipay'));
      case 'conomy':
        return conomyGrant(need(config.conomy, 'conomy'), body, origin);
      case 'kaipay':
      case 'wewire':
        return proxyGrant(body.provider, body.sessionId, origin);
    }
  }

  async function kamipayGrant(secrets: KamipaySecrets): Promise<TokenGrant> {
    const { access_token } = await kamipay.authenticate({ apiBase: secrets.apiBase, ...fetchOption }, secrets.username, secrets.password);
    const expiresAt = jwtExpiry(access_token) ?? Date.now() + (secrets.tokenLifetimeSeconds ?? 3600) * 1000;
    return { token: access_token, apiBase: secrets.apiBase, expiresAt: new Date(expiresAt).toISOString() };
  }

  async function conomyGrant(secrets: ConomySecrets, body: TokenRequestBody, origin: string): Promise<TokenGrant> {
    const auth = await conomy.authenticate({ apiBase: secrets.apiBase, apiKey: secrets.apiKey, ...fetchOption }, secrets.clientId, secrets.clientSecret);
    const grant: TokenGrant = {
      token: auth.accessToken,
      apiBase: secrets.apiBase,
      apiKey: secrets.apiKey,
      expiresAt: new Date(Date.now() + auth.expiresIn * 1000).toISOString(),
    };
    // Asked again for a session it follows: a fresh token is all it needs.
    if (body.sessionId) return grant;
    const api = { apiBase: secrets.apiBase, token: auth.accessToken, apiKey: secrets.apiKey, ...fetchOption };
    const request = conomySessionBody(secrets, body, origin);
    const session = await conomy.createCheckoutSession(api, request);
    // checkoutToken too: "try again" after expiry refreshes the session from it.
    return { ...grant, sessionId: session.id, checkoutToken: request.checkoutToken };
  }

  function proxyGrant(provider: ProxiedProvider, sessionId: string | undefined, origin: string): TokenGrant {
    const proxy = config.proxy;
    if (!proxy?.providers.includes(provider)) throw new BadRequest(`provider ${provider} is not enabled`);
    // A real merchant checks here that `sessionId` belongs to this customer (their cart, their login).
    const { token, expiresAt } = proxy.tokens.issue(provider, sessionId);
    return { token, apiBase: `${origin}${proxy.base ?? DEFAULT_PROXY_BASE}/${provider}`, expiresAt };
  }

  return async function tokenEndpoint(req: RequestWithBody, res: ServerResponse): Promise<void> {
    const noStore = { 'Cache-Control': 'no-store' };
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'POST only' }, { ...noStore, Allow: 'POST' });
    // A JSON content type needs a CORS preflight: other sites cannot make a customer's browser ask for tokens.
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return sendJson(res, 415, { error: 'Content-Type must be application/json' });
    }
    try {
      const parsed = tokenRequestSchema.safeParse(await readJsonBody(req));
      if (!parsed.success) throw new BadRequest(`invalid token request: ${describeIssues(parsed.error.issues, Infinity)}`);
      const grant = await grantFor(parsed.data, config.publicOrigin ?? publicOrigin(req));
      sendJson(res, 200, grant);
    } catch (error) {
      sendJson(res, ...failure(error));
    }
  };

  function failure(error: unknown): [number, { error: string }] {
    if (error instanceof SyntaxError) return [400, { error: 'body is not JSON' }];
    if (error instanceof BadRequest) return [400, { error: error.message }];
    if (error instanceof BodyTooLargeError) return [413, { error: error.message }];
    // The provider refused or failed: 502, without passing its details to the browser.
    if (error instanceof CheckoutError) {
      console.error(`token endpoint: ${error.code}: ${error.message}`);
      return [502, { error: 'the payment provider could not issue a token' }];
    }
    console.error('token endpoint:', error);
    return [500, { error: 'token endpoint failed' }];
  }
}

function need<T>(secrets: T | undefined, provider: string): T {
  if (!secrets) throw new BadRequest(`provider ${provider} is not enabled`);
  return secrets;
}

/** The `exp` of a JWT, in epoch ms; undefined for any other token. */
function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `POST /checkout-sessions` for the order: items in major-unit strings (quantity folded into the
 * line, Conomy items have none), the merchant's account as the one destination.
 */
export function conomySessionBody(secrets: ConomySecrets, body: TokenRequestBody, origin: string): conomy.ConomyCreateCheckoutSession {
  const currency = (body.currency ?? 'BRL').toUpperCase();
  const items = conomyItems(body, currency);
  const total = toMajorString(
    (body.order?.items ?? []).reduce((sum, item) => sum + item.amount * item.quantity, 0) || body.amount!,
    currency,
  );
  const session: conomy.ConomyCreateCheckoutSession = {
    checkoutToken: `chk_${randomBytes(12).toString('base64url')}`,
    items,
    currency,
    paymentMethodsAllowed: secrets.paymentMethods ?? ['PIX', 'CARD'],
    destinations: [
      {
        type: 'ACCOUNT',
        amount: total,
        account: { type: secrets.account.type ?? 'CHECKING', currency, ...secrets.account },
      },
    ],
    duration: secrets.sessionSeconds ?? 900,
    owner: secrets.owner,
  };
  const customer = conomyCustomer(body.order?.customer);
  if (customer) session.customer = customer;
  if (secrets.successUrl) session.successUrl = new URL(secrets.successUrl, origin).toString();
  if (secrets.failedUrl) session.failedUrl = new URL(secrets.failedUrl, origin).toString();
  return session;
}

function conomyItems(body: TokenRequestBody, currency: string): conomy.ConomyItem[] {
  const lines = body.order?.items ?? [];
  if (lines.length) {
    return lines.map((item) => {
      const total = toMajorString(item.amount * item.quantity, currency);
      const description = item.quantity > 1 ? `${item.description} × ${item.quantity}` : item.description;
      return { preTaxAmount: total, totalAmount: total, description };
    });
  }
  if (body.amount === undefined) throw new BadRequest('conomy needs an amount or order.items');
  const amount = toMajorString(body.amount, currency);
  return [{ preTaxAmount: amount, totalAmount: amount, description: body.description || 'Payment' }];
}

/** The session's `customer` (spec: firstName, lastName, email, documentType, documentNumber, phoneNumber, phoneNumberPrefix). */
function conomyCustomer(customer: NonNullable<TokenRequestBody['order']>['customer']) {
  const name = customer?.name?.trim();
  if (!name) return undefined;
  const [firstName, ...rest] = name.split(/\s+/);
  const optional = {
    lastName: rest.join(' '),
    email: customer?.email,
    documentType: customer?.documentType,
    documentNumber: customer?.documentNumber,
    phoneNumber: customer?.phone,
    phoneNumberPrefix: customer?.phonePrefix,
  };
  return { firstName, ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value)) };
}
