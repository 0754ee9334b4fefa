import { isAbortError } from '../errors.js';
import type { CrossTab } from './channel.js';

/** The loop as its leadership drives it: it polls only while this tab leads. */
export interface LeadingLoop {
  isStopped(): boolean;
  isHidden(): boolean;
  /** Leading now: poll on the cadence. */
  schedule(): void;
  /** Leading now because someone asked for a check: check at once. */
  checkSoon(): void;
  /** Leading no more: drop the timer and the check in flight (the leader's reading will come). */
  standDown(): void;
}

/**
 * Which tab polls a key: the one holding its Web Lock. The others listen to what it broadcasts
 * and queue for the lock, so one of them takes over when the leader's tab closes or hides.
 */
export class TabLeadership {
  /** Holding the lock (or polling alone): this tab checks; otherwise it follows. */
  #leading = false;
  // `lockId` tells stale grants and rejections from the current request.
  #lockId = 0;
  #lockWait: AbortController | null = null;
  #releaseLock: (() => void) | null = null;
  #checkOnLead = false;
  /** A handover put off until the check in flight ends: to a tab's id, or to whoever queues first (null). */
  #handOverTo: string | null | undefined;

  readonly #key: string;
  readonly #crossTab: CrossTab | null;
  readonly #loop: LeadingLoop;

  constructor(key: string, crossTab: CrossTab | null, loop: LeadingLoop) {
    this.#key = key;
    this.#crossTab = crossTab;
    this.#loop = loop;
  }

  get leading(): boolean {
    return this.#leading;
  }

  /** No lock to share (no cross-tab transport, or Web Locks refused): this tab polls on its own. */
  leadAlone(): void {
    this.#lockWait = null;
    this.#leading = true;
    this.#checkOnLead = false;
    this.#loop.schedule();
  }

  /** Queue for the lock, or take it from its holder when `steal`. */
  request(steal: boolean): void {
    const crossTab = this.#crossTab;
    if (!crossTab) return;
    this.#lockWait?.abort(); // drop our queued request before asking again
    const id = ++this.#lockId;
    const wait = new AbortController();
    this.#lockWait = wait;
    crossTab.lock(this.#key, { steal, signal: wait.signal }, () => this.#lead(id)).catch((error: unknown) => this.#lockEnded(id, error));
  }

  /** Take the lock from the tab holding it and check at once (the customer is here, asking). */
  takeLead(): void {
    if (this.#checkOnLead) return; // already on its way
    this.#checkOnLead = true;
    this.request(true);
  }

  /** Stolen from, or handing over while hidden: listen, and queue for the lock again. */
  follow(): void {
    this.#leading = false;
    this.#loop.standDown();
    this.#release();
    this.request(false);
  }

  /**
   * Hidden: let a tab someone is looking at poll at full speed, once the check in flight (if any)
   * ends, so two tabs never have a check out at once. `to`: the visible tab that asked for it.
   */
  handOver(checking: boolean, to?: string): void {
    this.#handOverTo = to ?? this.#handOverTo ?? null;
    if (!checking) this.#handOverNow();
  }

  /** A check ended: hand over now if that was put off and this tab is still hidden. */
  checkEnded(): void {
    if (this.#handOverTo === undefined) return;
    if (!this.#loop.isStopped() && this.leading && this.#loop.isHidden()) this.#handOverNow();
    else this.#handOverTo = undefined;
  }

  /** The hidden leader handed the lead to this tab: take it (it has released it already). */
  accept(): void {
    if (!this.leading && !this.#loop.isStopped()) this.request(true);
  }

  #handOverNow(): void {
    const to = this.#handOverTo;
    this.#handOverTo = undefined;
    if (to) this.#crossTab?.post({ type: 'handover', key: this.#key, to });
    this.follow();
  }

  /** The loop ended: leave the queue and let the next tab have the lock. */
  stop(): void {
    this.#lockWait?.abort();
    this.#lockWait = null;
    this.#release();
  }

  #release(): void {
    this.#releaseLock?.();
    this.#releaseLock = null;
  }

  #lead(id: number): Promise<void> {
    if (id !== this.#lockId || this.#loop.isStopped()) return Promise.resolve(); // stale grant: pass it on
    this.#lockWait = null;
    this.#leading = true;
    const held = new Promise<void>((resolve) => (this.#releaseLock = resolve));
    if (this.#checkOnLead) {
      this.#checkOnLead = false;
      this.#loop.checkSoon();
    } else {
      this.#loop.schedule();
    }
    return held;
  }

  #lockEnded(id: number, error: unknown): void {
    if (id !== this.#lockId || this.#loop.isStopped()) return;
    if (this.#leading) {
      // Another tab stole the lock: it polls now; we listen and queue again.
      this.follow();
      return;
    }
    // Web Locks refused (e.g. an opaque-origin iframe): poll on our own rather than not at all.
    if (!isAbortError(error)) this.leadAlone();
  }
}
