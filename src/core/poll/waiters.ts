/**
 * The `checkNow()` calls of a loop waiting for their reading: each is answered by a check that
 * started at its `after` or later, so a question asked at an instant gets an answer read after it.
 */
export class Waiters<R> {
  #waiting: { after: number; resolve(reading: R): void; reject(error: unknown): void }[] = [];

  get size(): number {
    return this.#waiting.length;
  }

  /** A reading of a check that starts at `after` or later (-Infinity: one in flight will do). */
  wait(after: number): Promise<R> {
    return new Promise<R>((resolve, reject) => this.#waiting.push({ after, resolve, reject }));
  }

  /** A reading owed to another tab: it keeps the loop checking until one that new arrives. */
  owe(after: number): void {
    this.wait(after).catch(() => undefined);
  }

  /** Answers those a check started at `startedAt` answers (`all`: everyone, whenever they asked). */
  resolve(reading: R, startedAt: number, all: boolean): void {
    for (const waiter of this.#take(startedAt, all)) waiter.resolve(reading);
  }

  reject(error: unknown, startedAt = Infinity, all = true): void {
    for (const waiter of this.#take(startedAt, all)) waiter.reject(error);
  }

  #take(startedAt: number, all: boolean) {
    const answered = (waiter: { after: number }) => all || waiter.after <= startedAt;
    const taken = this.#waiting.filter(answered);
    this.#waiting = this.#waiting.filter((waiter) => !answered(waiter));
    return taken;
  }
}

/** What a waiter hears when polling of its key has stopped for good. */
export function stoppedError(): DOMException {
  return new DOMException('Polling stopped', 'AbortError');
}
