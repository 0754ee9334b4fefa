import { randomToken, sha256Hex } from './crypto.js';
import type { TokenStore } from './store.js';

/**
 * The merchant proxy's own tokens (KaiPay and WeWire, whose API keys are secrets). A token is a
 * random string kept in the `TokenStore`, not a signed one: the browser code stays as it is, a
 * token can be narrowed after it was issued to the sessions it created, and it can be revoked.
 * Only a hash of it is stored, so the store's contents cannot be replayed as tokens.
 */

export type ProxiedProvider = 'kaipay' | 'wewire';

export const PROXIED_PROVIDERS: readonly ProxiedProvider[] = ['kaipay', 'wewire'];

export const DEFAULT_PROXY_TOKEN_SECONDS = 10 * 60;

export interface ProxyGrant {
  token: string;
  /** ISO 8601. */
  expiresAt: string;
}

/** The amount (minor units) and currency a token may create a session for: its token request's, as `authorize` left it. */
export interface ProxyPrice {
  amount: number;
  currency: string;
}

/** A live token as the store holds it. */
export interface IssuedToken {
  provider: ProxiedProvider;
  /** Epoch ms. */
  expiresAt: number;
  /** Absent: the token request named no amount, and the token creates nothing. */
  price?: ProxyPrice;
  /** The store key of this token (the hash), for its sessions. */
  key: string;
}

export interface ProxyTokensOptions {
  lifetimeSeconds?: number;
  now?: () => number;
}

export class ProxyTokens {
  private readonly lifetimeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly store: TokenStore,
    options: ProxyTokensOptions = {},
  ) {
    this.lifetimeMs = (options.lifetimeSeconds ?? DEFAULT_PROXY_TOKEN_SECONDS) * 1000;
    this.now = options.now ?? (() => Date.now());
  }

  /** A token for one provider; `sessionId` when the browser asks again for a session it follows. */
  async issue(provider: ProxiedProvider, sessionId?: string, price?: ProxyPrice): Promise<ProxyGrant> {
    const token = `pxy_${randomToken()}`;
    const expiresAt = this.now() + this.lifetimeMs;
    const key = await keyOf(token);
    await this.store.put(key, JSON.stringify({ provider, expiresAt, price }), expiresAt);
    if (sessionId) await this.store.addMember(sessionsKey(key), sessionId, expiresAt);
    return { token, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** The live token of that provider, or undefined (unknown, expired, revoked, another provider's). */
  async find(token: string, provider: ProxiedProvider): Promise<IssuedToken | undefined> {
    if (!token) return undefined;
    const key = await keyOf(token);
    const stored = parse(await this.store.get(key));
    if (!stored || stored.provider !== provider || stored.expiresAt <= this.now()) return undefined;
    return { ...stored, key };
  }

  /** Whether the token may read or act on that session (it created it, or was issued for it). */
  reaches(issued: IssuedToken, sessionId: string): Promise<boolean> {
    return this.store.hasMember(sessionsKey(issued.key), sessionId);
  }

  /** A session the token just created: it may follow it from now on, until it expires. */
  bind(issued: IssuedToken, sessionId: string): Promise<void> {
    return this.store.addMember(sessionsKey(issued.key), sessionId, issued.expiresAt);
  }

  /** Ends a token at once (e.g. when the customer logs out or the order is settled). */
  async revoke(token: string): Promise<void> {
    const key = await keyOf(token);
    await this.store.delete(key);
    await this.store.delete(sessionsKey(key));
  }
}

async function keyOf(token: string): Promise<string> {
  return `proxy-token:${await sha256Hex(token)}`;
}

function sessionsKey(key: string): string {
  return `${key}:sessions`;
}

function parse(value: string | undefined): Omit<IssuedToken, 'key'> | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(value) as { provider?: unknown; expiresAt?: unknown; price?: Partial<ProxyPrice> };
    const provider = PROXIED_PROVIDERS.find((candidate) => candidate === parsed.provider);
    if (!provider || typeof parsed.expiresAt !== 'number') return undefined;
    const { amount, currency } = parsed.price ?? {};
    const price = typeof amount === 'number' && typeof currency === 'string' ? { amount, currency } : undefined;
    return { provider, expiresAt: parsed.expiresAt, price };
  } catch {
    return undefined;
  }
}
