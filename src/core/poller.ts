import { realClock, type Clock } from './clock.js';
import { CheckoutError, toCheckoutError, type CheckoutErrorCode } from './errors.js';
import { isTerminal, type CheckoutStatus } from './status.js';

/** Cadence while the session is young: a customer who just paid sees it within 2 s. */
export const POLL_FAST_MS = 2_000;
export const POLL_FAST_UNTIL_MS = 60_000;
export const POLL_MEDIUM_MS = 10_000;
export const POLL_MEDIUM_UNTIL_MS = 180_000;
export const POLL_SLOW_MS = 15_000;
/** A hidden page checks at most this often: nobody is looking, the tab may be one of many. */
export const POLL_HIDDEN_MS = 30_000;
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_MAX_MS = 30_000;
/** BroadcastChannel name; the Web Lock of a key is `${POLL_CHANNEL}:${key}`. */
export const POLL_CHANNEL = 'checkout-elements:poll';

/** Normal cadence: delay before the next check given the session's age (ms since it started). */
export function pollDelay(ageMs: number): number {
  if (ageMs < POLL_FAST_UNTIL_MS) return POLL_FAST_MS;
  if (ageMs < POLL_MEDIUM_UNTIL_MS) return POLL_MEDIUM_MS;
  return POLL_SLOW_MS;
}

/**
 * Delay after the n-th consecutive retryable failure: exponential, capped, with "equal jitter"
 * (half fixed, half random) so delays still grow while clients spread out instead of retrying in step.
 */
export function backoffDelay(failures: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (Math.max(1, failures) - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export interface PollReading {
  status: CheckoutStatus;
}

/** The error fields that cross tabs (a CheckoutError itself is not structured-cloneable as one). */
export interface SharedPollError {
  code: CheckoutErrorCode;
  message: string;
  retryable: boolean;
  httpStatus?: number;
  retryAfter?: number;
}

/**
 * What tabs tell each other about a key. `at` orders readings: the clock time the check started
 * (for errors: when it failed). `replay` marks a reading re-sent for a tab that just joined.
 */
export type CrossTabMessage =
  | { type: 'reading'; key: string; reading: PollReading; at: number; replay?: boolean }
  | { type: 'error'; key: string; error: SharedPollError; at: number }
  | { type: 'hello'; key: string };

/** The cross-tab transport: a Web Lock per key (who polls) and a broadcast channel (what was read). */
export interface CrossTab {
  /**
   * Like `navigator.locks.request`: waits for the key's lock (or takes it from its holder when
   * `steal`), runs `hold` while holding it and releases it when hold's promise settles. Rejects with
   * an AbortError when `signal` aborts the wait or another tab steals the lock.
   */
  lock(key: string, options: { steal: boolean; signal: AbortSignal }, hold: () => Promise<void>): Promise<void>;
  post(message: CrossTabMessage): void;
  listen(listener: (message: CrossTabMessage) => void): () => void;
}

export interface PollEnvironment {
  clock: Clock;
  /** Jitter source. */
  random(): number;
  isHidden(): boolean;
  /** Calls `listener` when a check is worth doing at once: page visible again, online, pageshow. */
  onWake(listener: () => void): () => void;
  /** Calls `listener` when the page is hidden or shown, to reschedule. */
  onHiddenChange?(listener: () => void): () => void;
  /** null: every tab polls on its own. */
  crossTab?: CrossTab | null;
}

export interface PollWatcher<R extends PollReading> {
  /** Every successful check (the flow dedupes status). */
  onReading(reading: R): void;
  /** Retryable failure: polling continues with backoff. */
  onTransientError?(error: CheckoutError): void;
  /** First success after errors. */
  onRecovered?(): void;
  /** Non-retryable failure: polling of this key pauses until `checkNow()`. */
  onFatalError?(error: CheckoutError): void;
}

export interface PollSubscription<R extends PollReading = PollReading> {
  /**
   * Check now (sharing a request already in flight) and resolve with its reading; resumes a paused
   * loop; reschedules the chain. Waits out a `Retry-After`. Rejects with the check's CheckoutError,
   * or an AbortError once polling of the key has stopped for good (after the last watcher left).
   */
  checkNow(): Promise<R>;
  unsubscribe(): void;
}

export interface WatchOptions {
  /** Epoch ms the session started (for the cadence); default now. */
  startedAt?: number;
}

type Check<R> = (signal: AbortSignal) => Promise<R>;

type ResolvedEnvironment = Required<Omit<PollEnvironment, 'onHiddenChange'>> & Pick<PollEnvironment, 'onHiddenChange'>;

/**
 * One status loop per session key shared by every watcher in the page and, through `crossTab`,
 * by every tab of the origin: only the tab holding the key's Web Lock polls and broadcasts.
 */
export class PollRegistry {
  readonly #env: ResolvedEnvironment;
  readonly #loops = new Map<string, PollLoop<PollReading>>();
  #stopListening: (() => void) | null = null;

  constructor(env: Partial<PollEnvironment> = {}) {
    this.#env = {
      clock: env.clock ?? realClock,
      random: env.random ?? Math.random,
      isHidden: env.isHidden ?? pageIsHidden,
      onWake: env.onWake ?? onPageWake,
      onHiddenChange: env.onHiddenChange ?? (env.isHidden ? undefined : onPageHiddenChange),
      crossTab: env.crossTab === undefined ? browserCrossTab() : env.crossTab,
    };
  }

  /** Keys being polled (tests/bench). */
  get activeKeys(): string[] {
    return [...this.#loops.keys()];
  }

  /** Whether this registry (tab) runs the loop of `key`, rather than listening to another tab. */
  isLeading(key: string): boolean {
    return this.#loops.get(key)?.leading ?? false;
  }

  /**
   * key: `${provider}:${sessionId}`. The first watcher of a key starts its loop (first check after
   * pollDelay(age), not immediately); later watchers join it and get the last reading at once
   * (async). The loop uses the check of its oldest remaining watcher. One request in flight per key.
   */
  watch<R extends PollReading>(
    key: string,
    check: Check<R>,
    watcher: PollWatcher<R>,
    options: WatchOptions = {},
  ): PollSubscription<R> {
    let loop = this.#loops.get(key) as PollLoop<R> | undefined;
    const isNew = !loop;
    if (!loop) {
      const startedAt = options.startedAt ?? this.#env.clock.now();
      loop = new PollLoop<R>(key, startedAt, this.#env, (ended) => this.#forget(key, ended));
      this.#loops.set(key, loop as unknown as PollLoop<PollReading>);
      this.#listen();
    }
    const subscription = loop.add(check, watcher);
    if (isNew) loop.start();
    const owner = loop;
    return {
      checkNow: () => owner.checkNow(subscription),
      unsubscribe: () => owner.remove(subscription),
    };
  }

  #forget(key: string, loop: unknown): void {
    if (this.#loops.get(key) === loop) this.#loops.delete(key);
    if (this.#loops.size === 0) {
      this.#stopListening?.();
      this.#stopListening = null;
    }
  }

  /** Page events are listened to only while something is polled, so an idle page holds nothing. */
  #listen(): void {
    if (this.#stopListening) return;
    const each = (action: (loop: PollLoop<PollReading>) => void) => () => {
      for (const loop of [...this.#loops.values()]) action(loop);
    };
    const stops = [
      this.#env.onWake(each((loop) => loop.wake())),
      this.#env.onHiddenChange?.(each((loop) => loop.visibilityChanged())),
      this.#env.crossTab?.listen((message) => this.#loops.get(message.key)?.receive(message)),
    ];
    this.#stopListening = () => stops.forEach((stop) => stop?.());
  }
}

let pageRegistry: PollRegistry | undefined;

/** One registry per page, created on first use (importing this module in Node must not touch the DOM). */
export function pagePollRegistry(): PollRegistry {
  pageRegistry ??= new PollRegistry();
  return pageRegistry;
}

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

class PollLoop<R extends PollReading> {
  readonly #subscriptions: Subscription<R>[] = [];
  #waiters: Waiter<R>[] = [];
  #role: 'leader' | 'follower' = 'follower';
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
  // Cross-tab lock state; `lockId` tells stale grants and rejections from the current request.
  #lockId = 0;
  #lockWait: AbortController | null = null;
  #releaseLock: (() => void) | null = null;
  #checkOnLead = false;
  #handOverAfterCheck = false;

  readonly #startedAt: number;
  readonly #env: ResolvedEnvironment;
  readonly #onEnd: (loop: PollLoop<R>) => void;

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
  }

  get leading(): boolean {
    return !this.#stopped && this.#role === 'leader';
  }

  start(): void {
    const crossTab = this.#env.crossTab;
    if (!crossTab) {
      this.#role = 'leader';
      this.#schedule();
      return;
    }
    crossTab.post({ type: 'hello', key: this.key });
    // A visible tab takes the lead: the customer is looking at it, so it should poll at full speed.
    this.#requestLock(!this.#env.isHidden());
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
    if (this.#role === 'follower') this.#takeLead();
    else this.#checkSoon();
    return answer;
  }

  /** Page visible again, back online, or restored from the back/forward cache. */
  wake(): void {
    if (this.#stopped || this.#paused) return;
    if (this.#role === 'follower') {
      if (!this.#env.isHidden()) this.#takeLead();
      return;
    }
    if (this.#env.isHidden()) this.#schedule();
    else this.#checkSoon();
  }

  visibilityChanged(): void {
    if (this.#stopped || this.#role !== 'leader') return;
    if (this.#env.crossTab && this.#env.isHidden()) {
      // Let a tab someone is looking at poll at full speed; we queue for the lock again.
      if (this.#inFlight) this.#handOverAfterCheck = true;
      else this.#becomeFollower();
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
    if (this.#stopped || this.#paused || this.#inFlight || this.#role !== 'leader') return;
    this.#setTimer(this.#nextCheckAt(), 'cadence');
  }

  /** Check at once (sharing one in flight), but never before a Retry-After. */
  #checkSoon(): void {
    if (this.#stopped || this.#inFlight || this.#role !== 'leader') return;
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
    if (this.#stopped || this.#inFlight || this.#role !== 'leader' || !subscription) return;
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
      this.#afterCheck();
      return;
    }
    if (this.#inFlight !== controller) return;
    this.#inFlight = null;
    this.#applyReading(reading, startedAt, true);
    this.#afterCheck();
  }

  #afterCheck(): void {
    if (!this.#handOverAfterCheck) return;
    this.#handOverAfterCheck = false;
    if (!this.#stopped && this.#role === 'leader' && this.#env.isHidden()) this.#becomeFollower();
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
      if (!subscription.active) continue;
      if (error.retryable) subscription.watcher.onTransientError?.(error);
      else subscription.watcher.onFatalError?.(error);
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
      if (error?.retryable) subscription.watcher.onTransientError?.(error);
      else if (error) subscription.watcher.onFatalError?.(error);
    });
  }

  #takeWaiters(): Waiter<R>[] {
    const waiters = this.#waiters;
    this.#waiters = [];
    return waiters;
  }

  #stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#clearTimer();
    this.#abortInFlight();
    this.#lockWait?.abort();
    this.#lockWait = null;
    this.#releaseLock?.();
    this.#releaseLock = null;
    for (const waiter of this.#takeWaiters()) waiter.reject(stoppedError());
    this.#onEnd(this);
  }

  // --- cross-tab -------------------------------------------------------------------------------

  #post(message: CrossTabMessage): void {
    this.#env.crossTab?.post(message);
  }

  #requestLock(steal: boolean): void {
    const crossTab = this.#env.crossTab;
    if (!crossTab) return;
    this.#lockWait?.abort(); // drop our queued request before asking again
    const id = ++this.#lockId;
    const wait = new AbortController();
    this.#lockWait = wait;
    crossTab.lock(this.key, { steal, signal: wait.signal }, () => this.#lead(id)).then(
      () => undefined,
      (error: unknown) => this.#lockEnded(id, error),
    );
  }

  /** Take the lock from the tab holding it and check at once (the customer is here, asking). */
  #takeLead(): void {
    if (this.#checkOnLead) return; // already on its way
    this.#checkOnLead = true;
    this.#requestLock(true);
  }

  #lead(id: number): Promise<void> {
    if (id !== this.#lockId || this.#stopped) return Promise.resolve(); // stale grant: pass it on
    this.#lockWait = null;
    this.#role = 'leader';
    const held = new Promise<void>((resolve) => (this.#releaseLock = resolve));
    if (this.#checkOnLead) {
      this.#checkOnLead = false;
      this.#checkSoon();
    } else {
      this.#schedule();
    }
    return held;
  }

  #lockEnded(id: number, error: unknown): void {
    if (id !== this.#lockId || this.#stopped) return;
    if (this.#role === 'leader') {
      // Another tab stole the lock: it polls now; we listen and queue again.
      this.#becomeFollower();
      return;
    }
    if (!(error instanceof DOMException && error.name === 'AbortError')) {
      // Web Locks refused (e.g. an opaque-origin iframe): poll on our own rather than not at all.
      this.#lockWait = null;
      this.#role = 'leader';
      this.#checkOnLead = false;
      this.#schedule();
    }
  }

  /** Stolen from, or handing over while hidden: listen, and queue for the lock again. */
  #becomeFollower(): void {
    this.#role = 'follower';
    this.#clearTimer();
    this.#abortInFlight();
    this.#releaseLock?.();
    this.#releaseLock = null;
    this.#requestLock(false);
  }
}

function stoppedError(): DOMException {
  return new DOMException('Polling stopped', 'AbortError');
}

function toShared(error: CheckoutError): SharedPollError {
  const shared: SharedPollError = { code: error.code, message: error.message, retryable: error.retryable };
  if (error.httpStatus !== undefined) shared.httpStatus = error.httpStatus;
  if (error.retryAfter !== undefined) shared.retryAfter = error.retryAfter;
  return shared;
}

function fromShared(shared: SharedPollError): CheckoutError {
  const { code, message, ...options } = shared;
  return new CheckoutError(code, message, options);
}

// --- the page's defaults (touched only when a registry is built) -------------------------------

function pageIsHidden(): boolean {
  return typeof document !== 'undefined' && document.visibilityState === 'hidden';
}

function onPageWake(listener: () => void): () => void {
  if (typeof window === 'undefined' || typeof document === 'undefined') return () => undefined;
  const onVisibility = () => {
    if (document.visibilityState === 'visible') listener();
  };
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('online', listener);
  window.addEventListener('pageshow', listener);
  return () => {
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('online', listener);
    window.removeEventListener('pageshow', listener);
  };
}

function onPageHiddenChange(listener: () => void): () => void {
  if (typeof document === 'undefined') return () => undefined;
  document.addEventListener('visibilitychange', listener);
  return () => document.removeEventListener('visibilitychange', listener);
}

/**
 * BroadcastChannel + Web Locks, or null where either is missing (Node, old browsers): then each
 * tab polls on its own. The channel is open only while something listens, so an idle page holds none.
 */
export function browserCrossTab(channelName: string = POLL_CHANNEL): CrossTab | null {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks || typeof BroadcastChannel !== 'function') return null;
  const listeners = new Set<(message: CrossTabMessage) => void>();
  let channel: BroadcastChannel | null = null;
  const onMessage = (event: MessageEvent<unknown>) => {
    if (!isCrossTabMessage(event.data)) return;
    for (const listener of [...listeners]) listener(event.data);
  };
  return {
    // Web Locks refuse `steal` together with `signal`; a steal is granted at once, nothing to abort.
    lock: (key, { steal, signal }, hold) =>
      locks.request(`${channelName}:${key}`, steal ? { steal: true } : { signal }, hold),
    post(message) {
      try {
        channel?.postMessage(message);
      } catch {
        // A reading that is not structured-cloneable stays in this tab; other tabs poll on handover.
      }
    },
    listen(listener) {
      listeners.add(listener);
      if (!channel) {
        channel = new BroadcastChannel(channelName);
        channel.addEventListener('message', onMessage);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0 || !channel) return;
        channel.removeEventListener('message', onMessage);
        channel.close();
        channel = null;
      };
    },
  };
}

function isCrossTabMessage(data: unknown): data is CrossTabMessage {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as Record<string, unknown>;
  if (typeof message.key !== 'string') return false;
  if (message.type === 'hello') return true;
  if (typeof message.at !== 'number') return false;
  if (message.type === 'reading') {
    const reading = message.reading as Record<string, unknown> | null;
    return typeof reading === 'object' && reading !== null && typeof reading.status === 'string';
  }
  if (message.type === 'error') {
    const error = message.error as Record<string, unknown> | null;
    return typeof error === 'object' && error !== null && typeof error.code === 'string'
      && typeof error.message === 'string' && typeof error.retryable === 'boolean';
  }
  return false;
}
