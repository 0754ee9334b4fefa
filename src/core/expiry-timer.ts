import type { Clock } from './clock.js';

/** setTimeout's ceiling (2^31-1 ms); longer waits are re-armed. */
const MAX_TIMER_MS = 2_147_483_647;

/** One timer on the flow's clock for "the QR or session runs out now", however far away that is. */
export class ExpiryTimer {
  #timer?: unknown;
  #dueAt?: number;
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  get armed(): boolean {
    return this.#timer !== undefined;
  }

  /** The instant `at()` was last armed for (undefined after `after()` or `clear()`). */
  get dueAt(): number | undefined {
    return this.#dueAt;
  }

  /** Calls `onDue` at the epoch-ms instant `at` (at once when it has passed), replacing any other. */
  at(at: number, onDue: () => void): void {
    this.after(at - this.#clock.now(), onDue, at);
    this.#dueAt = at;
  }

  /** Calls `onDue` after `ms`, replacing any other. */
  after(ms: number, onDue: () => void, at = this.#clock.now() + ms): void {
    this.clear();
    const delay = Math.max(0, ms);
    this.#dueAt = undefined;
    this.#timer = this.#clock.setTimeout(
      () => {
        this.#timer = undefined;
        if (delay > MAX_TIMER_MS) this.at(at, onDue);
        else onDue();
      },
      Math.min(delay, MAX_TIMER_MS),
    );
  }

  clear(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#dueAt = undefined;
  }
}
