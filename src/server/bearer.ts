import { CheckoutError } from '../core/errors.js';
import * as conomy from '../providers/conomy-merchant.js';
import * as kamipay from '../providers/kamipay.js';
import { nowOf, transportOf, type CheckoutServerConfig, type ConomyConfig, type KamipayConfig } from './config.js';

/**
 * The merchant's own bearer tokens: kamiPay `POST /auth/token`, Conomy `POST /auth`. The token
 * handler asks for one per grant (a browser must never get back a token the provider refused);
 * the server's own calls (`confirmPayment`) reuse one through `BearerCache` until shortly before
 * it expires, so many confirmations cost one token request, and a 401 gets a new one once.
 */

export interface Bearer {
  token: string;
  /** Epoch ms. */
  expiresAt: number;
}

export async function kamipayToken(config: CheckoutServerConfig, settings: KamipayConfig): Promise<Bearer> {
  const api = { apiBase: settings.apiBase, ...transportOf(config) };
  const { access_token } = await kamipay.authenticate(api, settings.username, settings.password);
  const expiresAt = jwtExpiry(access_token) ?? nowOf(config)() + (settings.tokenLifetimeSeconds ?? 3600) * 1000;
  return { token: access_token, expiresAt };
}

export async function conomyToken(config: CheckoutServerConfig, settings: ConomyConfig): Promise<Bearer> {
  const api = { apiBase: settings.apiBase, apiKey: settings.apiKey, ...transportOf(config) };
  const auth = await conomy.authenticate(api, settings.clientId, settings.clientSecret);
  return { token: auth.accessToken, expiresAt: nowOf(config)() + auth.expiresIn * 1000 };
}

/** The `exp` of a JWT, in epoch ms; undefined for any other token. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '=');
    const exp = (JSON.parse(atob(base64)) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** A token is replaced this long before it expires (at most half its lifetime, for short-lived ones). */
const REFRESH_MARGIN_MS = 5 * 60_000;

export class BearerCache {
  private current?: Bearer & { refreshAt: number };
  private pending?: Promise<Bearer>;

  constructor(
    private readonly obtain: () => Promise<Bearer>,
    private readonly now: () => number,
  ) {}

  /** The cached token, or a new one; concurrent callers share one token request. */
  get(): Promise<Bearer> {
    if (this.current && this.current.refreshAt > this.now()) return Promise.resolve(this.current);
    this.pending ??= this.request().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** `call` with the cached token; after a 401, once more with a new one. */
  async use<T>(call: (token: string) => Promise<T>): Promise<T> {
    const bearer = await this.get();
    try {
      return await call(bearer.token);
    } catch (error) {
      if (!(error instanceof CheckoutError) || error.httpStatus !== 401) throw error;
      // Forgotten only if still cached: a concurrent caller may have replaced it already.
      if (this.current?.token === bearer.token) this.current = undefined;
      return call((await this.get()).token);
    }
  }

  private async request(): Promise<Bearer> {
    const obtainedAt = this.now();
    const bearer = await this.obtain();
    const margin = Math.min(REFRESH_MARGIN_MS, (bearer.expiresAt - obtainedAt) / 2);
    this.current = { ...bearer, refreshAt: bearer.expiresAt - margin };
    return bearer;
  }
}

// One cache per provider configuration object: the merchant builds it once, every call shares it.
const caches = new WeakMap<object, BearerCache>();

function cacheFor(settings: object, obtain: () => Promise<Bearer>, now: () => number): BearerCache {
  let cache = caches.get(settings);
  if (!cache) caches.set(settings, (cache = new BearerCache(obtain, now)));
  return cache;
}

export function kamipayBearer(config: CheckoutServerConfig, settings: KamipayConfig): BearerCache {
  return cacheFor(settings, () => kamipayToken(config, settings), nowOf(config));
}

export function conomyBearer(config: CheckoutServerConfig, settings: ConomyConfig): BearerCache {
  return cacheFor(settings, () => conomyToken(config, settings), nowOf(config));
}
