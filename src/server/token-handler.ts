import { CheckoutError } from '../core/errors.js';
import type { TokenGrant } from '../core/token.js';
import * as conomy from '../providers/conomy-merchant.js';
import { conomyToken, kamipayToken } from './bearer.js';
import { DEFAULT_PROXY_BASE, logOf, nowOf, transportOf, type CheckoutServerConfig } from './config.js';
import { conomySessionBody } from './conomy-session.js';
import { errorResponse, HttpError, json, readJson, requireJsonContent } from './http.js';
import { ProxyTokens, type ProxiedProvider } from './proxy-tokens.js';
import { storeOf } from './store.js';
import { parseTokenRequest, type TokenRequestBody } from './token-request.js';

/**
 * The merchant's token endpoint (`POST {token-url}`) as a web-standard handler: the provider
 * credentials stay on the server, the browser gets a token and the API base.
 *
 *   kamipay → a bearer from POST /auth/token with the merchant's username/password
 *   conomy  → a bearer from POST /auth, and a session made for the order
 *   kaipay, wewire → their keys are secrets: a short-lived token for the merchant's proxy
 *
 * Each grant carries a provider token of its own, never a cached one: a browser whose token the
 * provider refused asks again (without a session id when it has none yet) and must not get the
 * same refused token back.
 */
export function createTokenHandler(config: CheckoutServerConfig): (request: Request) => Promise<Response> {
  const log = logOf(config);
  const proxyTokens = new ProxyTokens(storeOf(config), { lifetimeSeconds: config.proxy?.tokenSeconds, now: nowOf(config) });

  async function grantFor(body: TokenRequestBody, origin: string): Promise<TokenGrant> {
    switch (body.provider) {
      case 'kamipay': {
        const kamipay = need(config.kamipay, 'kamipay');
        const bearer = await kamipayToken(config, kamipay);
        return { token: bearer.token, apiBase: kamipay.apiBase, expiresAt: new Date(bearer.expiresAt).toISOString() };
      }
      case 'conomy': {
        const settings = need(config.conomy, 'conomy');
        const bearer = await conomyToken(config, settings);
        const grant: TokenGrant = {
          token: bearer.token,
          apiBase: settings.apiBase,
          apiKey: settings.apiKey,
          expiresAt: new Date(bearer.expiresAt).toISOString(),
        };
        // Asked again for a session it follows: a fresh token is all it needs.
        if (body.sessionId) return grant;
        const api = { apiBase: settings.apiBase, token: bearer.token, apiKey: settings.apiKey, ...transportOf(config) };
        const request = conomySessionBody(settings, body, origin);
        const session = await conomy.createCheckoutSession(api, request);
        // checkoutToken too: "try again" after expiry refreshes the session from it.
        return { ...grant, sessionId: session.id, checkoutToken: request.checkoutToken };
      }
      case 'kaipay':
      case 'wewire':
        return proxyGrant(body.provider, body, origin);
    }
  }

  /** A proxy token, which creates a session only for the amount and currency of this request. */
  async function proxyGrant(provider: ProxiedProvider, body: TokenRequestBody, origin: string): Promise<TokenGrant> {
    need(config[provider], provider);
    const { amount, currency } = body;
    const price = amount !== undefined && currency ? { amount, currency: currency.toUpperCase() } : undefined;
    const { token, expiresAt } = await proxyTokens.issue(provider, body.sessionId, price);
    const base = (config.proxy?.base ?? DEFAULT_PROXY_BASE).replace(/\/+$/, '');
    return { token, apiBase: `${origin}${base}/${provider}`, expiresAt };
  }

  return async function tokenHandler(request: Request): Promise<Response> {
    const noStore = { 'Cache-Control': 'no-store' };
    if (request.method !== 'POST') return json(405, { error: 'POST only' }, { ...noStore, Allow: 'POST' });
    try {
      requireJsonContent(request);
      let body = parseTokenRequest(await readJson(request));
      if (config.authorize) {
        const decided = await config.authorize(body, request);
        if (decided instanceof Response) return decided;
        body = parseTokenRequest(decided);
      }
      return json(200, await grantFor(body, config.publicOrigin ?? new URL(request.url).origin));
    } catch (error) {
      if (error instanceof HttpError) return errorResponse(error);
      // The provider refused or failed: 502, without passing its details to the browser.
      if (error instanceof CheckoutError) {
        log(`checkout-elements token handler: ${error.code}: ${error.message}`);
        return json(502, { error: 'the payment provider could not issue a token' });
      }
      log(`checkout-elements token handler: ${error instanceof Error ? error.message : String(error)}`);
      return json(500, { error: 'token endpoint failed' });
    }
  };
}

function need<T>(settings: T | undefined, provider: string): T {
  if (!settings) throw new HttpError(400, `provider ${provider} is not enabled`);
  return settings;
}
