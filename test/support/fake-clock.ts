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

  constructor(start = Date.parse('2026-11-21T12:00:00Z')) {
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

  /** Lets pending promise callbacks (and one macrotask, for fetch/msw) run. */
  async settle(): Promise<void> {
    for (let i = 0; i < 5; i++) await Promise.resolve();
    await new Promise((resolve) => globalThis.setTimeout(resolve, 0));
    for (let i = 0; i < 5; i++) await Promise.resolve();
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
