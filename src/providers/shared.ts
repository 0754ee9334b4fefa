import { z, nonEmptyString } from '../core/validate.js';
import { request, type HttpMethod } from '../core/http.js';
import type { TokenGrant } from '../core/token.js';
import type { AdapterContext } from '../core/adapter.js';
import type { SessionSnapshot, StatusReading } from '../core/session.js';
import type { ApiAccess } from './types.js';

/**
 * `apiBase` may end with a slash or carry a path prefix (a merchant proxy): join without losing it.
 * `path` starts with `/` (every endpoint path here is written so).
 */
export function apiUrl(apiBase: string, path: string, query?: Record<string, string | number | undefined>): string {
  const url = new URL(apiBase.replace(/\/+$/, '') + path);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

/** Direct API access from a token grant, for the low-level call functions. */
export function accessFrom(grant: TokenGrant, ctx: Pick<AdapterContext, 'fetch'>): ApiAccess {
  return { apiBase: grant.apiBase, token: grant.token, apiKey: grant.apiKey, fetch: ctx.fetch };
}

/**
 * Runs low-level calls through the token client with access from its grant, so a provider 401
 * asks the token endpoint once more and retries.
 */
export function apiCaller(ctx: Pick<AdapterContext, 'token' | 'fetch'>) {
  return <T>(fn: (api: ApiAccess, grant: TokenGrant) => Promise<T>, signal?: AbortSignal): Promise<T> =>
    ctx.token.call((grant) => fn(accessFrom(grant, ctx), grant), signal);
}

/** What a call needs from ApiAccess: the token-less credential calls (`/auth`) have no token yet. */
export type Transport = Pick<ApiAccess, 'apiBase' | 'fetch' | 'timeoutMs'>;

/** Fields of `request()` that come from ApiAccess. */
export function transport(api: Pick<ApiAccess, 'fetch' | 'timeoutMs'>): { fetch?: typeof fetch; timeoutMs?: number } {
  return { ...(api.fetch ? { fetch: api.fetch } : {}), ...(api.timeoutMs ? { timeoutMs: api.timeoutMs } : {}) };
}

/** One provider call; the auth headers are the provider's own. */
export interface ApiCall<T> {
  method: HttpMethod;
  /** From the API's root, starting with `/`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  schema: z.ZodMiniType<T>;
  allowEmpty?: boolean;
}

/** `request()` against `api.apiBase` with the access's fetch and timeout; resolves to the validated body. */
export async function callApi<T>(api: Transport, call: ApiCall<T>, signal?: AbortSignal): Promise<T> {
  // request() reads an absent fetch, timeout or signal as its default, and a timeout of 0 too (as
  // transport() drops it), so each is handed over as it is. It has no use for the call's path and
  // query, which make up the url.
  const { data } = await request({
    ...call,
    url: apiUrl(api.apiBase, call.path, call.query),
    fetch: api.fetch,
    timeoutMs: api.timeoutMs,
    signal,
  });
  return data;
}

/** A GET of a list endpoint, each item checked by `itemSchema`; `headers` are the provider's auth. */
export async function getList<T>(
  api: Transport,
  path: string,
  headers: Record<string, string>,
  itemSchema: z.ZodMiniType<T>,
  signal?: AbortSignal,
): Promise<T[]> {
  return callApi(api, { method: 'GET', path, headers, schema: z.array(itemSchema) }, signal);
}

/** A body whose content is not read (DELETE's `{}`, an action's empty `201`): any body, or none, is accepted. */
export const anyBody = z.unknown();

/** A string or a (finite) number: fields whose type the providers do not pin down. */
export const textSchema = z.union([z.string(), z.number()]);

/** A provider id sent as a (non-empty) string or a number, read as a string. */
export const idSchema = z.pipe(
  z.union([nonEmptyString, z.number()]),
  z.transform((value: string | number) => String(value)),
);

/** ISO date-time without an offset: a Python `datetime.isoformat()` of a naive UTC time. */
const NAIVE_ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * Parses a provider time (ISO string or epoch seconds/ms) to epoch ms; undefined when it is neither.
 * An ISO time without an offset is read as UTC, never as the browser's local time (which
 * `Date.parse` would do): the providers' servers keep UTC, and the customer's zone is not theirs.
 */
export function parseTime(value: unknown): number | undefined {
  // Anything but a string is '' here, which Date.parse refuses like any string that is no time.
  const text = typeof value === 'string' ? value.trim() : '';
  // Epoch seconds or ms, also written as a string ([inferred] types).
  if (typeof value === 'number' || /^\d+(\.\d+)?$/.test(text)) {
    const epoch = Number(value);
    return Number.isFinite(epoch) ? (epoch < 1e12 ? epoch * 1000 : epoch) : undefined;
  }
  const parsed = Date.parse(NAIVE_ISO.test(text) ? `${text.replace(' ', 'T')}Z` : text);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/**
 * The reading of a session the provider cannot be asked about: what is known of it already. Its
 * end is the flow's to declare (a last check, then the provider's expire call where there is one).
 */
export function lastKnownReading(session: SessionSnapshot): StatusReading {
  return { status: session.status, raw: session.raw, ...knownExpiry(session.expiresAt) };
}

/** A copy without the keys whose value is absent (`undefined` or `null`): KaiPay gets no such keys, snapshots carry none. */
export function present<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as T;
}

/** `{ expiresAt }` when the time is known, else nothing: snapshots and readings carry no `expiresAt: undefined`. */
export function knownExpiry(expiresAt: number | undefined): { expiresAt?: number } {
  return expiresAt === undefined ? {} : { expiresAt };
}

/** The session presented as the provider's hosted page at `url`, which ends when the session does. */
export function onHostedPage(session: SessionSnapshot, url: string): SessionSnapshot {
  return { ...session, presentation: { kind: 'hosted', url, ...knownExpiry(session.expiresAt) } };
}
