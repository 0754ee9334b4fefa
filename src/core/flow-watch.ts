import type { ProviderAdapter } from './adapter.js';
import type { Clock } from './clock.js';
import { isAbortError, toCheckoutError, type CheckoutError } from './errors.js';
import { OneTimer } from './one-timer.js';
import { providerDecided, type FlowReport } from './flow-state.js';
import { pagePollRegistry, type PollRegistry, type PollSubscription } from './poll/index.js';
import { listenForReturn } from './return-page.js';
import type { SessionSnapshot, StatusReading } from './session.js';
import type { ProviderId } from './status.js';

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
  /** The flow's return-page ref; empty, no return listener. */
  ref(): string;
  /** Epoch ms the session started (for the poll cadence). */
  startedAt(): number;
  /** Default: the page's registry. */
  registry: PollRegistry | undefined;
}

/**
 * Everything that can tell the flow about the session it shows (the shared status poll, the
 * hosted checkout's return page and the expiry clock), reported to the flow's FlowReport. Only
 * the latest `follow()` is heard.
 */
export class SessionWatch {
  #poll?: PollSubscription<StatusReading>;
  #key?: string;
  /** The session the poll's checks ask about (the latest the flow applied). */
  #session?: SessionSnapshot;
  #stopReturnListener?: () => void;
  /** An attach waiting, after a transient failure, for the poll's first reading. */
  #first?: { resolve(reading: StatusReading): void; reject(error: unknown): void };
  readonly #clock: Clock;
  readonly #expiry: OneTimer;
  readonly #report: FlowReport;
  readonly #handlers: WatchHandlers;

  constructor(clock: Clock, report: FlowReport, handlers: WatchHandlers) {
    this.#clock = clock;
    this.#expiry = new OneTimer(clock);
    this.#report = report;
    this.#handlers = handlers;
  }

  /** The status poll of the session, when it can be polled. */
  get poll(): PollSubscription<StatusReading> | undefined {
    return this.#poll;
  }

  /**
   * The first read of a session followed by its id, through the shared poll: every element and
   * tab on the session shares it (one request in flight), and the poll it opens goes on after it.
   */
  async attach(provider: ProviderId, id: string, read: (signal: AbortSignal) => Promise<SessionSnapshot>): Promise<SessionSnapshot> {
    this.stop();
    const subscription = this.#open(`${provider}:${id}`, (signal) =>
      read(signal).then((session) => ({ status: session.status, raw: session.raw, session })),
    );
    let reading: StatusReading;
    try {
      reading = await subscription.checkNow({ since: -Infinity });
    } catch (error) {
      // A 503 or a dropped connection on the first read is as transient as on any later one:
      // "reconnecting", and the loop's next reading (after its backoff) or fatal error answers.
      if (!(error as CheckoutError).retryable || this.#poll !== subscription) throw error;
      this.#report.update({ reconnecting: true });
      reading = await new Promise((resolve, reject) => (this.#first = { resolve, reject }));
    }
    // Every reading of a flow's poll carries its session; a bare one still names the status.
    return reading.session ?? { provider, id, status: reading.status, pollable: true, raw: reading.raw, ...expiryOf(reading) };
  }

  follow(session: SessionSnapshot): void {
    const key = `${session.provider}:${session.id}`;
    // The poll an attach opened goes on: leaving it would end its loop and start a new one.
    if (!(this.#poll && this.#key === key && session.pollable)) {
      this.stop();
      if (session.pollable) this.#open(key);
    }
    this.#session = session;
    const ref = this.#handlers.ref();
    // Followed again (a Conomy method chosen, same poll): one listener, not one per follow.
    this.#stopReturnListener?.();
    if (ref) this.#stopReturnListener = listenForReturn(ref, (message) => void this.#report.returned(message, this.#poll));
    this.#armExpiry(session);
  }

  /**
   * Subscribes the flow to the key's shared poll. A check is `first` until the flow has its
   * session, then the adapter's status call; each reading carries the session it updates, so an
   * element or tab joining the poll later learns the session from any reading.
   */
  #open(key: string, first?: (signal: AbortSignal) => Promise<StatusReading>): PollSubscription<StatusReading> {
    const report = this.#report;
    const handlers = this.#handlers;
    const check = async (signal: AbortSignal): Promise<StatusReading> => {
      const session = this.#session;
      if (!session) return first!(signal);
      const reading = await handlers.adapter().status(session, signal);
      return { ...reading, session: { ...session, status: reading.status, raw: reading.raw, ...expiryOf(reading) } };
    };
    const heard = () => this.#poll === subscription && this.#session !== undefined;
    const subscription: PollSubscription<StatusReading> = (handlers.registry ?? pagePollRegistry()).watch(
      key,
      check,
      {
        onReading: (reading) => {
          if (this.#poll !== subscription || handlers.cancelling()) return;
          if (!this.#session) return this.#first?.resolve(reading);
          report.reading(reading);
          this.#rearm();
        },
        // Until the flow has its session, the first read's failure reaches it through checkNow().
        onTransientError: () => heard() && report.update({ reconnecting: true }),
        onRecovered: () => heard() && report.update({ reconnecting: false }),
        onFatalError: (error) => (heard() ? !handlers.cancelling() && handlers.fail(error) : this.#first?.reject(error)),
      },
      { startedAt: handlers.startedAt() },
    );
    this.#poll = subscription;
    this.#key = key;
    return subscription;
  }

  /** A reading that moved the session's end (the provider extended it) moves the expiry check too. */
  #rearm(): void {
    const session = this.#report.state.session;
    const dueAt = this.#expiry.dueAt;
    if (session && this.#report.isCurrent(session) && dueAt !== undefined && expiresAtOf(session) !== dueAt) this.#armExpiry(session);
  }

  /** After a failed expiry check, "try again": it is due again (at once when the time has passed). */
  retryExpiry(session: SessionSnapshot): void {
    if (this.#report.isCurrent(session) && this.#expiry.dueAt === undefined) this.#armExpiry(session);
  }

  /** Expiry is due at the session's (or its QR's) end; at once when that has passed. */
  #armExpiry(session: SessionSnapshot): void {
    const expiresAt = expiresAtOf(session);
    if (expiresAt !== undefined) this.#expiry.at(expiresAt, () => void this.#expired(session));
  }

  stop(): void {
    this.#first?.reject(new DOMException('stopped', 'AbortError'));
    this.#first = undefined;
    this.#poll?.unsubscribe();
    this.#poll = undefined;
    this.#key = undefined;
    this.#session = undefined;
    this.#stopReturnListener?.();
    this.#stopReturnListener = undefined;
    this.#expiry.clear();
  }

  /**
   * The local clock says the QR or session ran out. Ask the provider once more, with a request
   * that started at the end or later (one that left before may have missed a last-second payment;
   * every element on the session shares one): a payment that landed in time is `succeeded`, not
   * `expired`. Then tell the provider the session is over
   * (WeWire `expire`), so no payment lands on a session the customer was told has ended; when that
   * call fails, the provider's status once more decides.
   */
  async #expired(session: SessionSnapshot): Promise<void> {
    const report = this.#report;
    if (!report.isCurrent(session) || report.state.status === 'processing') return;
    const signal = this.#handlers.signal();
    let reading: StatusReading | undefined;
    try {
      reading = await this.#freshReading(session, signal, expiresAtOf(session));
    } catch (error) {
      if (isAbortError(error) || !report.isCurrent(session)) return;
      const failure = toCheckoutError(error);
      if (failure.retryable) {
        // Cannot tell yet whether it was paid: keep asking rather than declare it expired.
        report.update({ reconnecting: true });
        this.#expiry.at(this.#clock.now() + EXPIRY_RECHECK_MS, () => void this.#expired(session));
      } else if (report.state.phase !== 'error') {
        // Never declare `expired` unconfirmed: stop with a retry control instead.
        this.#handlers.fail(failure);
      }
      return;
    }
    if (!report.isCurrent(session)) return;
    if (providerDecided(reading)) return report.reading(reading);
    try {
      await this.#handlers.adapter().expire(session, signal);
    } catch (error) {
      if (isAbortError(error) || !report.isCurrent(session)) return;
      const again = await this.#freshReading(session, signal).catch(() => undefined);
      if (!report.isCurrent(session)) return;
      if (providerDecided(again)) return report.reading(again);
      // Refused, with no status to read (a WeWire session paid in its last second): never declared
      // `expired` unconfirmed; a retry control, and the return page's outcome is still heard.
      if (!session.pollable) return this.#handlers.fail(toCheckoutError(error, 'provider_error'));
    }
    if (report.isCurrent(session)) report.settle('expired', reading?.raw ?? session.raw);
  }

  /** A status read that starts now (or at `since` or later): through the shared poll when there is one. */
  #freshReading(session: SessionSnapshot, signal: AbortSignal, since?: number): Promise<StatusReading> {
    if (session.pollable && this.#poll) return this.#poll.checkNow(since === undefined ? { fresh: true } : { since });
    return this.#handlers.adapter().status(session, signal);
  }
}

function expiresAtOf(session: SessionSnapshot): number | undefined {
  return session.presentation?.expiresAt ?? session.expiresAt;
}

function expiryOf(reading: StatusReading): { expiresAt?: number } {
  return reading.expiresAt === undefined ? {} : { expiresAt: reading.expiresAt };
}
