import { toCheckoutError, type CheckoutError } from '../errors.js';
import { isTerminal } from '../status.js';
import { POLL_HIDDEN_MS, backoffDelay, pollDelay } from './cadence.js';
import { fromShared, toShared, type CrossTabMessage } from './channel.js';
import { TabLeadership } from './leadership.js';
import type { PollReading, PollWatcher, ResolvedEnvironment } from './registry.js';

export type Check<R> = (signal: AbortSignal) => Promise<R>;

interface Subscription<R extends PollReading> {
  check: Check<R>;
  watcher: PollWatcher<R>;
  active: boolean;
}

interface Waiter<R> {
  resolve(reading: R): void;
  reject(error: unknown): void;
}

type TimerKind = 'cadence' | 'asap';

/** The status loop of one key: its timer chain, its one check in flight, and what it last learned. */
export class PollLoop<R extends PollReading> {
  readonly #subscriptions: Subscription<R>[] = [];
  #waiters: Waiter<R>[] = [];
  #stopped = false;
  #timer: { handle: unknown; kind: TimerKind } | null = null;
  #inFlight: AbortController | null = null;
  /** The cadence counts from here: the start of the last check (ours or another tab's), or the loop's start. */
  #anchorAt: number;
  #lastReading: R | undefined;
  #lastReadingAt = -Infinity;
  #lastError: CheckoutError | undefined;
  #failures = 0;
  #failing = false;
  #paused = false;
  #backoffUntil = 0;
  /** Retry-After: no check before this, whatever asks for one. */
  #notBefore = 0;

  readonly #startedAt: number;
  readonly #env: ResolvedEnvironment;
  readonly #onEnd: (loop: PollLoop<R>) => void;
  readonly #leadership: TabLeadership;

  constructor(
    readonly key: string,
    startedAt: number,
    env: ResolvedEnvironment,
    onEnd: (loop: PollLoop<R>) => void,
  ) {
    this.#startedAt = startedAt;
    this.#env = env;
    this.#onEnd = onEnd;
    this.#anchorAt = env.clock.now();
    this.#leadership = new TabLeadership(key, env.crossTab, {
      isStopped: () => this.#stopped,
      isHidden: () => env.isHidden(),
      schedule: () => this.#schedule(),
      checkSoon: () => this.#checkSoon(),
      standDown: () => {
        this.#clearTimer();
        this.#abortInFlight();
      },
    });
  }

  get leading(): boolean {
    return !this.#stopped && this.#leadership.leading;
  }

  start(): void {
    if (!this.#env.crossTab) return this.#leadership.leadAlone();
    this.#post({ type: 'hello', key: this.key });
    // A visible tab takes the lead: the customer is looking at it, so it should poll at full speed.
    this.#leadership.request(!this.#env.isHidden());
  }

  add(check: Check<R>, watcher: PollWatcher<R>): Subscription<R> {
    const subscription: Subscription<R> = { check, watcher, active: true };
    this.#subscriptions.push(subscription);
    this.#catchUp(subscription);
    return subscription;
  }

  remove(subscription: Subscription<R>): void {
    if (!subscription.active) return;
    subscription.active = false;
    this.#subscriptions.splice(this.#subscriptions.indexOf(subscription), 1);
    if (this.#subscriptions.length === 0) this.#stop();
  }

  checkNow(subscription: Subscription<R>): Promise<R> {
    if (this.#stopped || !subscription.active) {
      const last = this.#lastReading;
      return last && isTerminal(last.status) ? Promise.resolve(last) : Promise.reject(stoppedError());
    }
    const answer = new Promise<R>((resolve, reject) => this.#waiters.push({ resolve, reject }));
    this.#paused = false;
    if (!this.#leadership.leading) this.#leadership.takeLead();
    else this.#checkSoon();
    return answer;
  }

  /** Page visible again, back online, or restored from the back/forward cache. */
  wake(): void {
    if (this.#stopped || this.#paused) return;
    if (!this.#leadership.leading) {
      if (!this.#env.isHidden()) this.#leadership.takeLead();
      return;
    }
    if (this.#env.isHidden()) this.#schedule();
    else this.#checkSoon();
  }

  visibilityChanged(): void {
    if (this.#stopped || !this.#leadership.leading) return;
    if (this.#env.crossTab && this.#env.isHidden()) {
      // Let a tab someone is looking at poll at full speed; we queue for the lock again.
      this.#leadership.handOver(this.#inFlight !== null);
      return;
    }
    this.#schedule();
  }

  receive(message: CrossTabMessage): void {
    if (this.#stopped) return;
    if (message.type === 'reading') this.#applyReading(message.reading as R, message.at, false, message.replay);
    else if (message.type === 'error') this.#applyError(fromShared(message.error), message.at, false);
    else if (this.#lastReading) {
      this.#post({ type: 'reading', key: this.key, reading: this.#lastReading, at: this.#lastReadingAt, replay: true });
    }
  }

  // --- the chain -------------------------------------------------------------------------------

  #nextCheckAt(): number {
    const floor = this.#env.isHidden() ? POLL_HIDDEN_MS : 0;
    const cadence = Math.max(pollDelay(this.#anchorAt - this.#startedAt), floor);
    return Math.max(this.#anchorAt + cadence, this.#backoffUntil, this.#notBefore);
  }

  #schedule(): void {
    this.#clearTimer();
    if (this.#stopped || this.#paused || this.#inFlight || !this.#leadership.leading) return;
    this.#setTimer(this.#nextCheckAt(), 'cadence');
  }

  /** Check at once (sharing one in flight), but never before a Retry-After. */
  #checkSoon(): void {
    if (this.#stopped || this.#inFlight || !this.#leadership.leading) return;
    if (this.#notBefore > this.#env.clock.now()) this.#setTimer(this.#notBefore, 'asap');
    else void this.#runCheck();
  }

  #setTimer(at: number, kind: TimerKind): void {
    this.#clearTimer();
    const clock = this.#env.clock;
    const handle = clock.setTimeout(() => {
      this.#timer = null;
      this.#onTimer(kind);
    }, Math.max(0, at - clock.now()));
    this.#timer = { handle, kind };
  }

  #clearTimer(): void {
    if (this.#timer) this.#env.clock.clearTimeout(this.#timer.handle);
    this.#timer = null;
  }

  #onTimer(kind: TimerKind): void {
    // The page may have been hidden without anyone telling us: re-check the cadence before polling.
    if (kind === 'cadence' && this.#nextCheckAt() > this.#env.clock.now()) this.#schedule();
    else void this.#runCheck();
  }

  async #runCheck(): Promise<void> {
    const subscription = this.#subscriptions[0];
    if (this.#stopped || this.#inFlight || !this.#leadership.leading || !subscription) return;
    this.#clearTimer();
    const controller = new AbortController();
    this.#inFlight = controller;
    const startedAt = this.#env.clock.now();
    this.#anchorAt = startedAt;
    this.#paused = false;
    let reading: R;
    try {
      reading = await subscription.check(controller.signal);
    } catch (error) {
      if (this.#inFlight !== controller) return; // aborted: nobody hears of it
      this.#inFlight = null;
      this.#applyError(toCheckoutError(error, 'invalid_response'), this.#env.clock.now(), true);
      this.#leadership.checkEnded();
      return;
    }
    if (this.#inFlight !== controller) return;
    this.#inFlight = null;
    this.#applyReading(reading, startedAt, true);
    this.#leadership.checkEnded();
  }

  #abortInFlight(): void {
    const controller = this.#inFlight;
    this.#inFlight = null;
    controller?.abort(stoppedError());
  }

  // --- outcomes --------------------------------------------------------------------------------

  #applyReading(reading: R, at: number, own: boolean, replay = false): void {
    if (at < this.#lastReadingAt || (replay && at <= this.#lastReadingAt)) return; // older than what we know
    this.#lastReading = reading;
    this.#lastReadingAt = at;
    this.#anchorAt = Math.max(this.#anchorAt, at);
    const recovered = this.#failing;
    this.#failing = false;
    this.#failures = 0;
    this.#backoffUntil = 0;
    this.#notBefore = 0;
    this.#lastError = undefined;
    this.#paused = false;
    if (own) this.#post({ type: 'reading', key: this.key, reading, at });
    const waiters = this.#takeWaiters();
    const subscriptions = [...this.#subscriptions];
    if (isTerminal(reading.status)) this.#stop();
    else this.#schedule();
    for (const waiter of waiters) waiter.resolve(reading);
    for (const subscription of subscriptions) {
      if (!subscription.active) continue;
      if (recovered) subscription.watcher.onRecovered?.();
      subscription.watcher.onReading(reading);
    }
  }

  #applyError(error: CheckoutError, at: number, own: boolean): void {
    if (at < this.#lastReadingAt) return;
    this.#lastError = error;
    this.#failing = true;
    if (error.retryable) {
      this.#failures += 1;
      this.#backoffUntil = at + backoffDelay(this.#failures, this.#env.random);
      this.#notBefore = error.retryAfter === undefined ? 0 : at + error.retryAfter;
    } else {
      this.#paused = true;
    }
    if (own) this.#post({ type: 'error', key: this.key, error: toShared(error), at });
    const waiters = this.#takeWaiters();
    this.#schedule();
    for (const waiter of waiters) waiter.reject(error);
    for (const subscription of [...this.#subscriptions]) {
      if (subscription.active) tellError(subscription.watcher, error);
    }
  }

  /** A watcher joining a running loop learns its state at once, but after `watch()` returned. */
  #catchUp(subscription: Subscription<R>): void {
    const reading = this.#lastReading;
    const error = this.#failing ? this.#lastError : undefined;
    if (!reading && !error) return;
    void Promise.resolve().then(() => {
      if (!subscription.active) return;
      if (reading) subscription.watcher.onReading(reading);
      if (error) tellError(subscription.watcher, error);
    });
  }

  #takeWaiters(): Waiter<R>[] {
    const waiters = this.#waiters;
    this.#waiters = [];
    return waiters;
  }

  #post(message: CrossTabMessage): void {
    this.#env.crossTab?.post(message);
  }

  #stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#clearTimer();
    this.#abortInFlight();
    this.#leadership.stop();
    for (const waiter of this.#takeWaiters()) waiter.reject(stoppedError());
    this.#onEnd(this);
  }
}

function tellError<R extends PollReading>(watcher: PollWatcher<R>, error: CheckoutError): void {
  if (error.retryable) watcher.onTransientError?.(error);
  else watcher.onFatalError?.(error);
}

function stoppedError(): DOMException {
  return new DOMException('Polling stopped', 'AbortError');
}
