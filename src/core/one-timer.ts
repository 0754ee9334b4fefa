import type { Clock } from './clock.js';

/** setTimeout's ceiling (2^31-1 ms); longer waits are re-armed. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * One timer on a clock (the flow's "the QR or session runs out now", a poll loop's next check):
 * setting it replaces the last, however far away the instant is; `kind` says what it is set for.
 */
export class OneTimer<K = string> {
  #timer?: unknown;
  #dueAt?: number;
  #kind?: K;
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** The instant the timer is armed for (undefined while it is not: after `clear()` or once due). */
  get dueAt(): number | undefined {
    return this.#dueAt;
  }

  /** What the armed timer was set for. */
  get kind(): K | undefined {
    return this.#kind;
  }

  /** Calls `onDue` at the epoch-ms instant `at` (at once when it has passed), replacing any other. */
  at(at: number, onDue: () => void, kind?: K): void {
    this.clear();
    const delay = Math.max(0, at - this.#clock.now());
    this.#dueAt = at;
    this.#kind = kind;
    this.#timer = this.#clock.setTimeout(
      () => {
        this.clear();
        if (delay > MAX_TIMER_MS) this.at(at, onDue, kind);
        else onDue();
      },
      Math.min(delay, MAX_TIMER_MS),
    );
  }

  clear(): void {
    this.#clock.clearTimeout(this.#timer); // clearing no timer (undefined) does nothing
    this.#timer = undefined;
    this.#dueAt = undefined;
    this.#kind = undefined;
  }
}
