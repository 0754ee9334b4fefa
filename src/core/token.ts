import * as s from './schema.js';
import { CheckoutError } from './errors.js';
import { request } from './http.js';
import { realClock, type Clock } from './clock.js';
import type { ProviderId } from './status.js';
import type { PaymentParameters } from './session.js';

/** What the elements POST to the merchant's token endpoint (SPEC "The token endpoint"). */
export interface TokenRequest extends Pick<PaymentParameters, 'amount' | 'currency' | 'description' | 'storeId' | 'checkoutId' | 'order'> {
  provider: ProviderId;
  sessionId?: string;
}

const httpUrl = s.string().check(
  s.refine((value: string) => {
    try {
      const protocol = new URL(value).protocol;
      return protocol === 'https:' || protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an absolute http(s) URL'),
);

/** An ISO date-time with seconds and `Z` or a ±hh:mm offset (what zod's `z.iso.datetime({ offset: true })` took). */
const ISO_DATE_TIME =
  /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** Also a real calendar day: the 30th of February is refused, the 29th only in a leap year. */
function isIsoDateTime(value: string): boolean {
  const match = ISO_DATE_TIME.exec(value);
  if (!match) return false;
  const [, year, month, day] = match.map(Number);
  // Day 0 of the next month is the month's last day. The calendar repeats every 400 years, so
  // 2000 + year % 400 has the same leap years and stays clear of Date.UTC's 1900 + year for 0-99.
  return day <= new Date(Date.UTC(2000 + (year % 400), month, 0)).getUTCDate();
}

export const tokenGrantSchema = s.looseObject({
  token: s.nonEmptyString,
  apiBase: httpUrl,
  apiKey: s.optional(s.string()),
  sessionId: s.optional(s.nonEmptyString),
  checkoutToken: s.optional(s.nonEmptyString),
  url: s.optional(s.string()),
  expiresAt: s.optional(s.string().check(s.refine(isIsoDateTime))),
});

export type TokenGrant = s.Infer<typeof tokenGrantSchema>;

/** Ask for a new token this long before `expiresAt`, so a call never leaves with a dying token. */
export const TOKEN_REFRESH_MARGIN_MS = 30_000;

export interface TokenClientOptions {
  url: string;
  body: TokenRequest;
  clock?: Clock;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * Fetches and caches the grant from the merchant's token endpoint.
 * Concurrent callers share one request; the grant is asked for again (with `sessionId`) before it
 * expires or after a provider 401. The shared request is not tied to any one caller's signal, so
 * one element leaving does not fail the others.
 */
export class TokenClient {
  #grant?: TokenGrant;
  #inFlight?: Promise<TokenGrant>;
  #sessionId?: string;
  readonly #clock: Clock;

  readonly #options: TokenClientOptions;

  constructor(options: TokenClientOptions) {
    this.#options = options;
    this.#clock = options.clock ?? realClock;
    if (options.body.sessionId) this.#sessionId = options.body.sessionId;
  }

  /** Once a session exists, later grants are asked for that session. */
  setSessionId(sessionId: string | undefined): void {
    this.#sessionId = sessionId;
  }

  /** The current grant if any (no request). */
  get current(): TokenGrant | undefined {
    return this.#grant;
  }

  async get(signal?: AbortSignal): Promise<TokenGrant> {
    if (this.#grant && !this.#isExpiring(this.#grant)) return this.#grant;
    this.#inFlight ??= this.#fetchGrant().finally(() => {
      this.#inFlight = undefined;
    });
    return abortable(this.#inFlight, signal);
  }

  /** Drops the cached grant (a provider answered 401): the next `get` asks again. */
  invalidate(stale?: TokenGrant): void {
    if (!stale || stale === this.#grant) this.#grant = undefined;
  }

  /**
   * Runs a provider call with a grant; on a provider 401 asks the token endpoint once more
   * (with `sessionId`) and retries the call once.
   */
  async call<T>(fn: (grant: TokenGrant) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const grant = await this.get(signal);
    try {
      return await fn(grant);
    } catch (error) {
      if (!(error instanceof CheckoutError) || error.httpStatus !== 401 || error.code !== 'provider_error') throw error;
      this.invalidate(grant);
      return fn(await this.get(signal));
    }
  }

  #isExpiring(grant: TokenGrant): boolean {
    if (!grant.expiresAt) return false;
    return Date.parse(grant.expiresAt) - TOKEN_REFRESH_MARGIN_MS <= this.#clock.now();
  }

  async #fetchGrant(): Promise<TokenGrant> {
    const body: TokenRequest = { ...this.#options.body };
    if (this.#sessionId) body.sessionId = this.#sessionId;
    try {
      const { data } = await request({
        method: 'POST',
        url: this.#options.url,
        json: body,
        schema: tokenGrantSchema,
        errorCode: 'token_failed',
        ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}),
        ...(this.#options.timeoutMs ? { timeoutMs: this.#options.timeoutMs } : {}),
      });
      this.#grant = data;
      return data;
    } catch (error) {
      if (error instanceof CheckoutError) {
        throw new CheckoutError('token_failed', `The token endpoint failed: ${error.message}`, {
          retryable: error.retryable,
          cause: error,
          ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }),
          ...(error.retryAfter === undefined ? {} : { retryAfter: error.retryAfter }),
        });
      }
      throw error;
    }
  }
}

/** Lets one caller stop waiting for a shared promise without cancelling it for the others. */
export function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
