import { CheckoutError } from '../errors.js';
import { MALFORMED_LIMIT, MALFORMED_WINDOW_MS } from './cadence.js';

/**
 * Consecutive status answers we could not read. While the streak is short such an answer is
 * transient (reconnecting, back off, keep asking): one bad response must not hide a payment that
 * lands a second later. A long streak is what the provider really sends: then it stops the loop.
 */
export class MalformedStreak {
  #count = 0;
  #since = 0;

  /** The error as the loop should treat it: `invalid_response` becomes retryable while the streak is short. */
  judge(error: CheckoutError, startedAt: number): CheckoutError {
    if (error.code !== 'invalid_response' || error.retryable) return error;
    if (this.#count === 0) this.#since = startedAt;
    this.#count += 1;
    if (this.#count >= MALFORMED_LIMIT || startedAt - this.#since >= MALFORMED_WINDOW_MS) return error;
    return new CheckoutError('invalid_response', error.message, { retryable: true, cause: error });
  }

  reset(): void {
    this.#count = 0;
  }
}
