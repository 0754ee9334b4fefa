// Benchmark instrumentation, not a test double: counts the page's pending timers. Import it FIRST
// in a bench page, so every timer the library (and anything else) sets later goes through it.

interface PendingTimer {
  kind: 'timeout' | 'interval';
  /** Order of creation, to tell the timers set after a mark from older ones. */
  seq: number;
  delay: number;
  stack: string;
}

export interface TimerReport {
  count: number;
  /** Where each pending timer was set (first lines of its stack), for a leak's origin. */
  origins: string[];
}

const pending = new Map<number, PendingTimer>();
let seq = 0;

const realSetTimeout = window.setTimeout.bind(window);
const realClearTimeout = window.clearTimeout.bind(window);
const realSetInterval = window.setInterval.bind(window);
const realClearInterval = window.clearInterval.bind(window);

type TimerHandler = (...args: unknown[]) => void;
type SetTimer = (handler: TimerHandler | string, delay?: number, ...args: unknown[]) => number;
type ClearTimer = (id?: number) => void;

function record(kind: PendingTimer['kind'], id: number, delay: number | undefined): void {
  const stack = (new Error().stack ?? '').split('\n').slice(3, 9).join('\n');
  pending.set(id, { kind, seq: ++seq, delay: delay ?? 0, stack });
}

const setTimeoutCounted: SetTimer = (handler, delay, ...args) => {
  if (typeof handler !== 'function') return realSetTimeout(handler, delay, ...args);
  const id: number = realSetTimeout((...callbackArgs: unknown[]) => {
    pending.delete(id);
    handler(...callbackArgs);
  }, delay, ...args);
  record('timeout', id, delay);
  return id;
};

const setIntervalCounted: SetTimer = (handler, delay, ...args) => {
  const id: number = realSetInterval(handler as TimerHandler, delay, ...args);
  record('interval', id, delay);
  return id;
};

const clearCounted = (clear: ClearTimer): ClearTimer => (id) => {
  if (id !== undefined) pending.delete(id);
  clear(id);
};

Object.assign(window, {
  setTimeout: setTimeoutCounted,
  setInterval: setIntervalCounted,
  clearTimeout: clearCounted(realClearTimeout),
  clearInterval: clearCounted(realClearInterval),
});

/** A point in time to count timers from. */
export function timerMark(): number {
  return seq;
}

/** Timers set after `mark` that have neither fired nor been cleared. */
export function timersSince(mark: number): TimerReport {
  const left = [...pending.values()].filter((timer) => timer.seq > mark);
  return {
    count: left.length,
    origins: left.map((timer) => `${timer.kind} ${timer.delay} ms\n${timer.stack}`),
  };
}
