import type { ProviderAdapter } from './adapter.js';
import type { Clock } from './clock.js';
import { isAbortError, toCheckoutError, type CheckoutError } from './errors.js';
import { ExpiryTimer } from './expiry-timer.js';
import { providerDecided, type FlowReport } from './flow-state.js';
import { pagePollRegistry, type PollRegistry, type PollSubscription } from './poll/index.js';
import { listenForReturn } from './return-page.js';
import type { SessionSnapshot, StatusReading } from './session.js';

/** When the final check before `expired` cannot reach the provider, try again after this long. */
export const EXPIRY_RECHECK_MS = 5_000;

/** What the watch needs from the flow, read each time it is needed. */
export interface WatchHandlers {
  /** While a cancel is out its own answer decides: what the poll hears meanwhile is stale. */
  cancelling(): boolean;
  /** A retried start builds a new adapter; checks use the latest. */
  adapter(): ProviderAdapter;
  /** The flow's current step: cancel and dispose abort the expiry check with it. */
  signal(): AbortSignal;
  /** Stop with a retry control: the error is one only `checkNow()` (via `retry()`) gets past. */
  fail(error: CheckoutError): void;
}

export interface WatchTarget {
  session: SessionSnapshot;
  /** Default: the page's registry. */
  registry: PollRegistry | undefined;
  /** The flow's return-page ref; empty, no return listener. */
  ref: string;
  /** Epoch ms the session started (for the poll cadence). */
  startedAt: number;
}

/**
 * Everything that can tell the flow about the session it shows (the shared status poll, the
 * hosted checkout's return page and the expiry clock), reported to the flow's FlowReport. Only
 * the latest `follow()` is heard.
 */
export class SessionWatch {
  #poll?: PollSubscription<StatusReading>;
  #stopReturnListener?: () => void;
  readonly #expiry: ExpiryTimer;
  readonly #report: FlowReport;
  readonly #handlers: WatchHandlers;

  constructor(clock: Clock, report: FlowReport, handlers: WatchHandlers) {
    this.#expiry = new ExpiryTimer(clock);
    this.#report = report;
    this.#handlers = handlers;
  }

  /** The status poll of the session, when it can be polled. */
  get poll(): PollSubscription<StatusReading> | undefined {
    return this.#poll;
  }

  get expiryArmed(): boolean {
    return this.#expiry.armed;
  }

  follow({ session, registry, ref, startedAt }: WatchTarget): void {
    this.stop();
    const report = this.#report;
    const handlers = this.#handlers;
    if (session.pollable) {
      const subscription: PollSubscription<StatusReading> = (registry ?? pagePollRegistry()).watch(
        `${session.provider}:${session.id}`,
        (signal) => handlers.adapter().status(session, signal),
        {
          onReading: (reading) => this.#poll === subscription && !handlers.cancelling() && report.reading(reading),
          onTransientError: () => this.#poll === subscription && report.update({ reconnecting: true }),
          onRecovered: () => this.#poll === subscription && report.update({ reconnecting: false }),
          onFatalError: (error) => this.#poll === subscription && !handlers.cancelling() && handlers.fail(error),
        },
        { startedAt },
      );
      this.#poll = subscription;
    }
    if (ref) this.#stopReturnListener = listenForReturn(ref, (message) => void report.returned(message, this.#poll));
    this.armExpiry(session);
  }

  /** Expiry is due at the session's (or its QR's) end; at once when that has passed. */
  armExpiry(session: SessionSnapshot): void {
    const expiresAt = session.presentation?.expiresAt ?? session.expiresAt;
    if (expiresAt !== undefined) this.#expiry.at(expiresAt, () => void this.#expired(session));
  }

  stop(): void {
    this.#poll?.unsubscribe();
    this.#poll = undefined;
    this.#stopReturnListener?.();
    this.#stopReturnListener = undefined;
    this.#expiry.clear();
  }

  /**
   * The local clock says the QR or session ran out. Ask the provider once more first: a payment
   * that landed at the last second is `succeeded`, not `expired`.
   */
  async #expired(session: SessionSnapshot): Promise<void> {
    const report = this.#report;
    if (!report.isCurrent(session) || report.state.status === 'processing') return;
    const signal = this.#handlers.signal();
    const adapter = this.#handlers.adapter();
    let reading: StatusReading | undefined;
    try {
      reading = session.pollable && this.#poll ? await this.#poll.checkNow() : await adapter.status(session, signal);
    } catch (error) {
      if (isAbortError(error) || !report.isCurrent(session)) return;
      const failure = toCheckoutError(error);
      if (failure.retryable) {
        // Cannot tell yet whether it was paid: keep asking rather than declare it expired.
        report.update({ reconnecting: true });
        this.#expiry.after(EXPIRY_RECHECK_MS, () => void this.#expired(session));
      } else if (report.state.phase !== 'error') {
        // Never declare `expired` unconfirmed: stop with a retry control instead.
        this.#handlers.fail(failure);
      }
      return;
    }
    if (!report.isCurrent(session)) return;
    if (providerDecided(reading)) return report.reading(reading);
    // So a late payment cannot land on a session the customer was told is over (WeWire `expire`).
    await this.#handlers.adapter().expire(session, signal).catch(() => undefined);
    if (report.isCurrent(session)) report.settle('expired', reading?.raw ?? session.raw);
  }
}
