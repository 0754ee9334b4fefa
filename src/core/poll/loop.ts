import { toCheckoutError, type CheckoutError } from '../errors.js';
import { OneTimer } from '../one-timer.js';
import { isTerminal } from '../status.js';
import { LEADER_PATIENCE_MS, POLL_HIDDEN_MS, backoffDelay, pollDelay } from './cadence.js';
import { fromShared, toShared, type CrossTabMessage } from './channel.js';
import { TabLeadership } from './leadership.js';
import { MalformedStreak } from './malformed.js';
import { Waiters, stoppedError } from './waiters.js';
import type { CheckNowOptions, PollReading, PollWatcher, ResolvedEnvironment } from './registry.js';

export type Check<R> = (signal: AbortSignal) => Promise<R>;

interface Subscription<R extends PollReading> {
  check: Check<R>;
  watcher: PollWatcher<R>;
  active: boolean;
}

type TimerKind = 'cadence' | 'asap' | 'patience';

/** The status loop of one key: its timer chain, its one check in flight, and what it last learned. */
export class PollLoop<R extends PollReading> {
  readonly #subscriptions: Subscription<R>[] = [];
  readonly #waiters = new Waiters<R>();
  #stopped = false;
  /** Aborts the one check in flight. */
  #inFlight: AbortController | null = null;
  /** The cadence counts from here: the start of the last check (ours or another tab's), or the loop's start. */
  #anchorAt: number;
  #lastReading: R | undefined;
  #lastReadingAt = -Infinity;
  /** Set while failing: the error since the last good reading. */
  #lastError: CheckoutError | undefined;
  #failures = 0;
  #paused = false;
  #backoffUntil = 0;
  /** Retry-After: no check before this, whatever asks for one. */
  #notBefore = 0;
  readonly #malformed = new MalformedStreak();
  /** This tab's name for the key's other tabs. */
  readonly #id = Math.random().toString(36).slice(2);

  readonly #startedAt: number;
  readonly #env: ResolvedEnvironment;
  readonly #onEnd: (loop: PollLoop<R>) => void;
  readonly #leadership: TabLeadership;
  readonly #timer: OneTimer<TimerKind>;

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
    this.#timer = new OneTimer(env.clock);
    this.#leadership = new TabLeadership(key, env.crossTab, {
      isStopped: () => this.#stopped,
      isHidden: () => env.isHidden(),
      schedule: () => this.#schedule(),
      checkSoon: () => this.#checkSoon(),
      standDown: () => {
        this.#timer.clear();
        this.#abortInFlight();
      },
    });
  }

  /** Read through the registry, which forgets a loop as it stops. */
  get leading(): boolean {
    return this.#leadership.leading;
  }

  /** Queue for the lock and say hello: a leading tab answers with its last reading (no request). */
  start(): void {
    if (!this.#env.crossTab) return this.#leadership.leadAlone();
    this.#post({ type: 'hello', key: this.key, from: this.#id, visible: !this.#env.isHidden() });
    this.#leadership.request(false);
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

  /**
   * A reading from a check in flight or started now; with `fresh`, only from a check that starts
   * from now on (one in flight is waited out, then the provider is asked again); with `since`,
   * from a check that started then or later, the last reading included.
   */
  checkNow(subscription: Subscription<R>, { fresh = false, since }: CheckNowOptions = {}): Promise<R> {
    const last = this.#lastReading;
    if (this.#stopped || !subscription.active) {
      return last && isTerminal(last.status) ? Promise.resolve(last) : Promise.reject(stoppedError());
    }
    if (last && !this.#lastError && since !== undefined && this.#lastReadingAt >= since) return Promise.resolve(last);
    const after = since ?? (fresh ? this.#env.clock.now() : -Infinity);
    const answer = this.#waiters.wait(after);
    this.#paused = false;
    if (this.#leadership.leading) this.#checkSoon();
    else this.#askLeader(since === undefined ? { after } : { since });
    return answer;
  }

  /** Page visible again, back online, or restored from the back/forward cache. */
  wake(): void {
    if (this.#stopped || this.#paused) return;
    if (!this.#leadership.leading) return this.#askLeader();
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
    switch (message.type) {
      case 'reading':
        return this.#applyReading(message.reading as R, message.at, false, message.replay);
      case 'error':
        return this.#applyError(fromShared(message.error), message.at, message.startedAt ?? message.at, false);
      case 'handover':
        if (message.to === this.#id) this.#leadership.accept();
        return;
    }
    if (!this.#leadership.leading) return;
    if (message.type === 'hello') this.#replay();
    if (message.type === 'check') {
      const answered = message.since !== undefined && message.since <= this.#lastReadingAt && !this.#lastError;
      if (!(answered && this.#replay())) {
        const after = message.after ?? message.since;
        if (after !== undefined && after > this.#lastReadingAt) this.#waiters.owe(after);
        this.#paused = false;
        this.#checkSoon();
      }
    }
    if (message.visible && message.from && this.#env.isHidden()) this.#leadership.handOver(this.#inFlight !== null, message.from);
  }

  #nextCheckAt(): number {
    const floor = this.#env.isHidden() ? POLL_HIDDEN_MS : 0;
    const cadence = Math.max(pollDelay(this.#anchorAt - this.#startedAt), floor);
    return Math.max(this.#anchorAt + cadence, this.#backoffUntil, this.#notBefore);
  }

  #schedule(): void {
    if (this.#waiters.size && this.#leadership.leading) return this.#checkSoon();
    this.#timer.clear();
    if (this.#stopped || this.#paused || this.#inFlight || !this.#leadership.leading) return;
    this.#setTimer(this.#nextCheckAt(), 'cadence');
  }

  /** Check at once (sharing one in flight), but never before a Retry-After. */
  #checkSoon(): void {
    if (this.#stopped || this.#inFlight || !this.#leadership.leading) return;
    if (this.#notBefore > this.#env.clock.now()) this.#setTimer(this.#notBefore, 'asap');
    else void this.#runCheck();
  }

  /**
   * A follower asks the leading tab for a check (it shares the one in flight, or starts one); if
   * no reading comes in LEADER_PATIENCE_MS while someone waits, it takes the lead and checks itself.
   */
  #askLeader(wanted: { after?: number; since?: number } = {}): void {
    this.#post({ type: 'check', key: this.key, from: this.#id, visible: !this.#env.isHidden(), ...wanted });
    if (this.#waiters.size && this.#timer.kind !== 'patience') {
      this.#setTimer(this.#env.clock.now() + LEADER_PATIENCE_MS, 'patience');
    }
  }

  #setTimer(at: number, kind: TimerKind): void {
    this.#timer.at(at, () => this.#onTimer(kind), kind);
  }

  #onTimer(kind: TimerKind): void {
    if (kind === 'patience') {
      if (this.#waiters.size && !this.#leadership.leading) this.#leadership.takeLead();
      return;
    }
    // The page may have been hidden without anyone telling us: re-check the cadence before polling.
    if (kind === 'cadence' && this.#nextCheckAt() > this.#env.clock.now()) this.#schedule();
    else void this.#runCheck();
  }

  async #runCheck(): Promise<void> {
    const subscription = this.#subscriptions[0];
    if (this.#stopped || this.#inFlight || !this.#leadership.leading || !subscription) return;
    this.#timer.clear();
    const startedAt = this.#env.clock.now();
    const inFlight = new AbortController();
    this.#inFlight = inFlight;
    this.#anchorAt = startedAt;
    this.#paused = false;
    let reading: R | undefined;
    let failure: CheckoutError | undefined;
    try {
      reading = await subscription.check(inFlight.signal);
    } catch (error) {
      failure = toCheckoutError(error, 'invalid_response');
    }
    if (this.#inFlight !== inFlight) return; // aborted: nobody hears of it
    this.#inFlight = null;
    if (failure) this.#applyError(this.#malformed.judge(failure, startedAt), this.#env.clock.now(), startedAt, true);
    else {
      this.#malformed.reset();
      this.#applyReading(reading!, startedAt, true);
    }
    this.#leadership.checkEnded();
  }

  #abortInFlight(): void {
    const inFlight = this.#inFlight;
    this.#inFlight = null;
    inFlight?.abort(stoppedError());
  }

  #applyReading(reading: R, at: number, own: boolean, replay = false): void {
    if (at < this.#lastReadingAt || (replay && at <= this.#lastReadingAt)) return; // older than what we know
    this.#lastReading = reading;
    this.#lastReadingAt = at;
    this.#anchorAt = Math.max(this.#anchorAt, at);
    const recovered = !!this.#lastError;
    this.#failures = 0;
    this.#backoffUntil = 0;
    this.#notBefore = 0;
    this.#lastError = undefined;
    this.#paused = false;
    if (own) this.#post({ type: 'reading', key: this.key, reading, at });
    // A terminal reading answers everyone: the provider has decided, however old the question.
    this.#waiters.resolve(reading, at, isTerminal(reading.status));
    const subscriptions = [...this.#subscriptions];
    if (isTerminal(reading.status)) this.#stop();
    else if (this.#leadership.leading) this.#schedule();
    else if (!this.#waiters.size && this.#timer.kind === 'patience') this.#timer.clear();
    for (const subscription of subscriptions) {
      if (!subscription.active) continue;
      if (recovered) subscription.watcher.onRecovered?.();
      subscription.watcher.onReading(reading);
    }
  }

  #applyError(error: CheckoutError, at: number, startedAt: number, own: boolean): void {
    if (at < this.#lastReadingAt) return;
    this.#lastError = error;
    if (error.retryable) {
      this.#failures += 1;
      this.#backoffUntil = at + backoffDelay(this.#failures, this.#env.random);
      this.#notBefore = error.retryAfter === undefined ? 0 : at + error.retryAfter;
    } else {
      this.#paused = true;
    }
    if (own) this.#post({ type: 'error', key: this.key, error: toShared(error), at, startedAt });
    // A fatal error answers everyone (polling pauses); a transient one only who asked before the check.
    this.#waiters.reject(error, startedAt, !error.retryable);
    if (this.#leadership.leading) this.#schedule();
    for (const subscription of [...this.#subscriptions]) {
      if (subscription.active) tellError(subscription.watcher, error);
    }
  }

  /** A watcher joining a running loop learns its state at once, but after `watch()` returned. */
  #catchUp(subscription: Subscription<R>): void {
    const reading = this.#lastReading;
    const error = this.#lastError;
    if (!reading && !error) return;
    void Promise.resolve().then(() => {
      if (!subscription.active) return;
      if (reading) subscription.watcher.onReading(reading);
      if (error) tellError(subscription.watcher, error);
    });
  }

  /** Re-sends the last reading to the other tabs (they keep it only if it is news to them). */
  #replay(): boolean {
    const reading = this.#lastReading;
    if (reading) this.#post({ type: 'reading', key: this.key, reading, at: this.#lastReadingAt, replay: true });
    return !!reading;
  }

  #post(message: CrossTabMessage): void {
    this.#env.crossTab?.post(message);
  }

  #stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#timer.clear();
    this.#abortInFlight();
    this.#leadership.stop();
    this.#waiters.reject(stoppedError());
    this.#onEnd(this);
  }
}

function tellError<R extends PollReading>(watcher: PollWatcher<R>, error: CheckoutError): void {
  if (error.retryable) watcher.onTransientError?.(error);
  else watcher.onFatalError?.(error);
}
