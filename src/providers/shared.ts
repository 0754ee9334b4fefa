import type { TokenGrant } from '../core/token.js';
import type { AdapterContext, ApiAccess } from './types.js';

/** `apiBase` may end with a slash or carry a path prefix (a merchant proxy): join without losing it. */
export function apiUrl(apiBase: string, path: string, query?: Record<string, string | number | undefined>): string {
  const url = new URL(apiBase.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`));
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

/** Direct API access from a token grant, for the low-level call functions. */
export function accessFrom(grant: TokenGrant, ctx: Pick<AdapterContext, 'fetch'>): ApiAccess {
  const access: ApiAccess = { apiBase: grant.apiBase, token: grant.token };
  if (grant.apiKey !== undefined) access.apiKey = grant.apiKey;
  if (ctx.fetch) access.fetch = ctx.fetch;
  return access;
}

/** Fields of `request()` that come from ApiAccess. */
export function transport(api: ApiAccess): { fetch?: typeof fetch; timeoutMs?: number } {
  return { ...(api.fetch ? { fetch: api.fetch } : {}), ...(api.timeoutMs ? { timeoutMs: api.timeoutMs } : {}) };
}

/** Parses a provider time (ISO string or epoch seconds/ms) to epoch ms; undefined when it is neither. */
export function parseTime(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value < 1e12 ? value * 1000 : value;
  if (typeof value === 'string' && value.trim()) {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}
