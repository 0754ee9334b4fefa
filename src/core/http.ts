import type { ZodMiniType } from 'zod/mini';
import { describeIssues } from './validate.js';
import { CheckoutError } from './errors.js';

/** Default time a single provider or token call may take before it counts as a network failure. */
export const DEFAULT_TIMEOUT_MS = 15_000;

export type HttpMethod = 'GET' | 'POST' | 'DELETE' | 'PATCH' | 'PUT';

export interface HttpRequest<T> {
  method: HttpMethod;
  /** Absolute (every caller builds it with `new URL()`). */
  url: string | URL;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as `application/x-www-form-urlencoded` (kamiPay's `/auth/token`). */
  form?: Record<string, string>;
  /** Every body is validated; a body that does not match is `invalid_response`. */
  schema: ZodMiniType<T>;
  /** Accept an empty body (e.g. WeWire's `201` with no content); the schema then sees `undefined`. */
  allowEmpty?: boolean;
  signal?: AbortSignal;
  /** Unset or 0: DEFAULT_TIMEOUT_MS. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface HttpResponse<T> {
  data: T;
  status: number;
  headers: Headers;
}

/** Statuses worth retrying unchanged: timeouts, rate limits, server trouble. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/** `Retry-After` in milliseconds: either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * The human part of a provider error body: kamiPay `detail`, Conomy/kamiPay `message`, or `error`.
 * A text body is shown as is, except markup: a proxy's or gateway's HTML error page is no words
 * for a customer.
 */
export function errorMessageFrom(body: unknown): string | undefined {
  if (typeof body === 'string') return /^\s*(<|$)/.test(body) ? undefined : body.trim().slice(0, 200);
  if (!body || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  for (const key of ['detail', 'message', 'error', 'msg']) {
    const value = record[key];
    if (typeof value === 'string' && value) return value;
    if (Array.isArray(value)) {
      // FastAPI validation errors: [{loc, msg, type}] (kamiPay's 422 [inferred]: its docs show none)
      const messages = value
        .map((entry) => (entry && typeof entry === 'object' ? (entry as { msg?: unknown }).msg : entry))
        .filter((msg): msg is string => typeof msg === 'string');
      if (messages.length) return messages.join('; ');
    }
  }
  return undefined;
}

/**
 * The one HTTP helper: every provider and token call goes through it.
 * Adds a timeout to the caller's signal, parses JSON, validates the body with its schema and
 * turns every failure into a CheckoutError. An abort by the caller is re-thrown as is (AbortError).
 */
export async function request<T>(req: HttpRequest<T>): Promise<HttpResponse<T>> {
  // Errors name the call by its method and path.
  const where = `${req.method} ${new URL(req.url).pathname}`;
  const timeout = AbortSignal.timeout(req.timeoutMs || DEFAULT_TIMEOUT_MS);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  const headers: Record<string, string> = { Accept: 'application/json', ...req.headers };
  let body: string | undefined;
  if (req.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(req.json);
  } else if (req.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(req.form).toString();
  }

  let response: Response;
  let text: string;
  try {
    response = await (req.fetch ?? fetch)(req.url, { method: req.method, headers, body, signal });
    text = await response.text();
  } catch (error) {
    if (req.signal?.aborted) throw req.signal.reason ?? error;
    const timedOut = timeout.aborted;
    throw new CheckoutError(
      'network',
      timedOut ? `${where} timed out` : `${where} could not be reached`,
      { retryable: true, cause: error },
    );
  }

  let parsed: unknown; // undefined: an empty body
  let parseFailed = false;
  if (text.trim()) {
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      if (response.ok) throw new CheckoutError('invalid_response', `${where} answered with a body that is not JSON`, { cause: error });
      parseFailed = true;
      parsed = text;
    }
  }

  if (!response.ok) {
    const status = response.status;
    const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
    const detail = errorMessageFrom(parseFailed ? undefined : parsed) ?? response.statusText;
    throw new CheckoutError('provider_error', detail ? `${detail} (${where}: HTTP ${status})` : `${where}: HTTP ${status}`, {
      httpStatus: status,
      retryable: isRetryableStatus(status),
      cause: parsed,
      retryAfter,
    });
  }

  if (parsed === undefined && !req.allowEmpty) {
    throw new CheckoutError('invalid_response', `${where} answered with an empty body`);
  }
  const result = req.schema.safeParse(parsed);
  if (!result.success) {
    throw new CheckoutError('invalid_response', `${where} answered with an unexpected body (${describeIssues(result.error.issues)})`, {
      cause: result.error,
    });
  }
  return { data: result.data, status: response.status, headers: response.headers };
}
