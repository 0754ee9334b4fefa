import type { CustomerField } from './customer.js';

/** Why a checkout call failed. The same codes reach merchants in `checkout-error` events. */
export type CheckoutErrorCode =
  | 'token_failed'
  | 'network'
  | 'invalid_response'
  | 'provider_error'
  | 'config';

export interface CheckoutErrorOptions {
  retryable?: boolean;
  httpStatus?: number;
  /** Milliseconds the server asked us to wait (`Retry-After`). */
  retryAfter?: number;
  cause?: unknown;
  /** The customer detail the provider refused or the payment lacks (the details form marks it). */
  field?: CustomerField;
}

/** The one error class of the library: every failure is turned into one of these at the boundary. */
export class CheckoutError extends Error {
  override readonly name = 'CheckoutError';
  readonly code: CheckoutErrorCode;
  /** True when the same call may succeed later without anything changing (network, 429, 5xx). */
  readonly retryable: boolean;
  readonly httpStatus?: number;
  readonly retryAfter?: number;
  readonly field?: CustomerField;

  constructor(code: CheckoutErrorCode, message: string, options: CheckoutErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? false;
    if (options.httpStatus !== undefined) this.httpStatus = options.httpStatus;
    if (options.retryAfter !== undefined) this.retryAfter = options.retryAfter;
    if (options.field) this.field = options.field;
  }

  /** The payload of a `checkout-error` event. */
  toDetail(): CheckoutErrorDetail {
    const detail: CheckoutErrorDetail = { code: this.code, message: this.message, retryable: this.retryable };
    if (this.httpStatus !== undefined) detail.httpStatus = this.httpStatus;
    return detail;
  }
}

export interface CheckoutErrorDetail {
  code: CheckoutErrorCode;
  message: string;
  retryable: boolean;
  httpStatus?: number;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Turns anything thrown into a CheckoutError, keeping the original as `cause`. */
export function toCheckoutError(error: unknown, fallback: CheckoutErrorCode = 'network'): CheckoutError {
  if (error instanceof CheckoutError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new CheckoutError(fallback, message, { cause: error, retryable: fallback === 'network' });
}
