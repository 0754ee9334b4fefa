import { z, nonEmptyString } from './validate.js';
import { CheckoutError } from './errors.js';
import { request } from './http.js';
import { realClock, type Clock } from './clock.js';
import type { ProviderId } from './status.js';
import type { PaymentParameters } from './session.js';

/** What the elements POST to the merchant's token endpoint (docs/token-endpoint.md). */
export interface TokenRequest extends Pick<PaymentParameters, 'amount' | 'currency' | 'description' | 'storeId' | 'checkoutId' | 'order'> {
  provider: ProviderId;
  sessionId?: string;
}

const httpUrl = z.string().check(
  z.refine((value: string) => {
    try {
      const protocol = new URL(value).protocol;
      return protocol === 'https:' || protocol === 'http:';
    } catch {
      return false;
    }
  }, { message: 'must be an absolute http(s) URL' }),
);

export const tokenGrantSchema = z.looseObject({
  token: nonEmptyString,
  apiBase: httpUrl,
  apiKey: z.optional(z.string()),
  sessionId: z.optional(nonEmptyString),
  checkoutToken: z.optional(nonEmptyString),
  url: z.optional(z.string()),
  // RFC 3339 with seconds and Z or ±hh:mm; zod's date part also refuses days the calendar lacks.
  expiresAt: z.optional(z.iso.datetime({ offset: true })),
});

export type TokenGrant = z.infer<typeof tokenGrantSchema>;

/** Ask for a new token this long before `expiresAt`, so a call never leaves with a dying token. */
export const TOKEN_REFRESH_MARGIN_MS = 30_000;

export interface TokenClientOptions {
  url: string;
  body: TokenRequest;
  clock?: Clock;
  fetch?: typeof fetch;
}

/**
 * Fetches and caches the grant from the merchant's token endpoint.
 * Concurrent callers share one request; the grant is asked for again (with `sessionId`) before it
 * expires or after a provider 401. The shared request is not tied to any one caller's signal, so
 * one element leaving does not fail the others.
 */
export class TokenClient {
  #grant?: TokenGrant;
  /** When to ask again for the grant (epoch ms); undefined: only after a provider 401. */
  #dueAt?: number;
  #inFlight?: Promise<TokenGrant>;
  #sessionId?: string;
  readonly #clock: Clock;

  readonly #options: TokenClientOptions;

  constructor(options: TokenClientOptions) {
    this.#options = options;
    this.#clock = options.clock ?? realClock;
  }

  /** Once a session exists, later grants are asked for that session (until then: the body's, if any). */
  setSessionId(sessionId: string | undefined): void {
    this.#sessionId = sessionId;
  }

  /** The current grant if any (no request). */
  get current(): TokenGrant | undefined {
    return this.#grant;
  }

  async get(signal?: AbortSignal): Promise<TokenGrant> {
    const grant = this.#grant;
    // A grant is asked for again shortly before its `expiresAt`, so a call never leaves with a dying token.
    if (grant && !(this.#dueAt !== undefined && this.#dueAt <= this.#clock.now())) return grant;
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

  async #fetchGrant(): Promise<TokenGrant> {
    const body: TokenRequest = { ...this.#options.body };
    if (this.#sessionId) body.sessionId = this.#sessionId;
    try {
      const { data } = await request({
        method: 'POST',
        url: this.#options.url,
        json: body,
        schema: tokenGrantSchema,
        fetch: this.#options.fetch,
      });
      const dueAt = data.expiresAt ? Date.parse(data.expiresAt) - TOKEN_REFRESH_MARGIN_MS : undefined;
      // Due already on arrival: this browser's clock is ahead of the merchant's (or the token is
      // that short-lived). Asking again before each call would not help; a provider 401 will say.
      this.#dueAt = dueAt !== undefined && dueAt > this.#clock.now() ? dueAt : undefined;
      this.#grant = data;
      return data;
    } catch (error) {
      if (error instanceof CheckoutError) {
        // Its own fields (retryable, httpStatus, retryAfter) carry over as they are.
        throw new CheckoutError('token_failed', `The token endpoint failed: ${error.message}`, { ...error, cause: error });
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
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
