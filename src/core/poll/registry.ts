import { realClock, type Clock } from '../clock.js';
import type { CheckoutError } from '../errors.js';
import type { CheckoutStatus } from '../status.js';
import { browserCrossTab, type CrossTab } from './channel.js';
import { PollLoop, type Check } from './loop.js';
import { onPageHiddenChange, onPageWake, pageIsHidden } from './signals.js';

export interface PollReading {
  status: CheckoutStatus;
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

export type ResolvedEnvironment = Required<Omit<PollEnvironment, 'onHiddenChange'>> & Pick<PollEnvironment, 'onHiddenChange'>;

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
   * Check now (sharing a request already in flight, in this tab or the leading one) and resolve
   * with its reading; resumes a paused loop; reschedules the chain. Waits out a `Retry-After`.
   * With `fresh`, only a check that starts from now on answers (one in flight is waited out, then
   * the provider is asked again): what decides an outcome at an instant must be read after it. With
   * `since`, a check that started at that instant or later answers, the last reading included: the
   * question many watchers ask of one instant (a session's end) is asked of the provider once.
   * Rejects with the check's CheckoutError, or an AbortError once polling of the key has stopped
   * for good (after the last watcher left).
   */
  checkNow(options?: CheckNowOptions): Promise<R>;
  unsubscribe(): void;
}

export interface CheckNowOptions {
  fresh?: boolean;
  /** Epoch ms; -Infinity: any good reading the poll has (a watcher joining it: no request). */
  since?: number;
}

export interface WatchOptions {
  /** Epoch ms the session started (for the cadence); default now. */
  startedAt?: number;
}

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
      checkNow: (options) => owner.checkNow(subscription, options),
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
