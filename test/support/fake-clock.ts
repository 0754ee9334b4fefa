import type { Clock } from '../../src/core/clock.js';

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

/**
 * A virtual clock for the session core: `advance(ms)` runs every timer due in that span in time
 * order, letting promise chains settle between timers, so a 10-minute session runs in milliseconds.
 */
export class FakeClock implements Clock {
  private time: number;
  private timers: Timer[] = [];
  private nextId = 1;

  /**
   * @param idle tells whether real async work (HTTP to the sandbox) is still running; `advance`
   *   waits for it between timers, so a check started by a timer completes before time moves on.
   */
  constructor(
    start = Date.parse('2026-11-21T12:00:00Z'),
    private readonly idle: () => boolean = () => true,
  ) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, at: this.time + Math.max(0, ms), callback };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  /** Timers not yet run. */
  get pending(): number {
    return this.timers.length;
  }

  /** Lets pending promise callbacks run, and real async work finish (see `idle`). */
  async settle(): Promise<void> {
    const giveUpAt = Date.now() + 5_000;
    do {
      for (let i = 0; i < 5; i++) await Promise.resolve();
      await new Promise((resolve) => globalThis.setTimeout(resolve, 0));
      for (let i = 0; i < 5; i++) await Promise.resolve();
    } while (!this.idle() && Date.now() < giveUpAt);
  }

  /** Moves time forward by `ms`, running due timers in order. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    await this.settle();
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.time = next.at;
      next.callback();
      await this.settle();
    }
    this.time = end;
    await this.settle();
  }
}
