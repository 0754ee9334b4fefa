import type { CheckoutError } from './errors.js';
import type { ReturnMessage } from './return-page.js';
import type { SessionSnapshot, StatusReading } from './session.js';
import { isTerminal, type CheckoutDetail, type CheckoutStatus, type ProviderId } from './status.js';

/**
 * What the customer is looking at; the elements render one view per phase. `details`: the option
 * chosen asks for customer details first (its `fields`), after `choosing`.
 */
export type FlowPhase = 'idle' | 'loading' | 'choosing' | 'details' | 'ready' | 'processing' | 'done' | 'error';

export interface FlowState {
  phase: FlowPhase;
  status?: CheckoutStatus;
  session?: SessionSnapshot;
  /** Set in phase `error`: what stopped the flow (the UI offers `retry()`); in `details`, what the provider refused. */
  error?: CheckoutError;
  /** The option whose details are asked (phase `details`). */
  chosen?: string;
  /** Transient trouble the flow is retrying by itself (shown as "reconnecting", no `checkout-error`). */
  reconnecting: boolean;
}

export type FlowEvent =
  | { type: 'change'; state: FlowState }
  /** Every change of status, terminal ones included (each terminal at most once per session). */
  | { type: 'status'; detail: CheckoutDetail }
  /** An error that stopped the flow (→ `checkout-error`). */
  | { type: 'error'; error: CheckoutError };

export function phaseOf(session: SessionSnapshot, status: CheckoutStatus): FlowPhase {
  if (isTerminal(status)) return 'done';
  if (status === 'processing') return 'processing';
  return session.options && !session.presentation ? 'choosing' : 'ready';
}

/** The provider has decided (paid, processing or over): its word beats what the page assumed. */
export function providerDecided(
  reading: StatusReading | undefined,
): reading is StatusReading & { status: Exclude<CheckoutStatus, 'pending'> } {
  return reading !== undefined && (isTerminal(reading.status) || reading.status === 'processing');
}

/**
 * A flow that follows a session (`sessionId`) only watches: it drops the session's payment
 * choices, so it never picks a method on the customer's behalf (nor shows `choosing`).
 */
export function withoutChoices(session: SessionSnapshot): SessionSnapshot {
  const { options: _choices, ...rest } = session;
  return rest;
}

/** Where status details come from: the flow's payment (read when reported) and its return-page ref. */
export interface ReportSource {
  readonly payment: { provider: ProviderId; amount?: number; currency?: string };
  ref(): string;
  /** A session just ended: stop everything that follows it. */
  settled(): void;
}

/**
 * What a flow tells its listeners, and the rules it keeps: each session ends in at most one
 * terminal status, and nothing is reported for a session after that (nor for a session the flow
 * has left, nor once the flow is closed).
 */
export class FlowReport {
  #state: FlowState = { phase: 'idle', reconnecting: false };
  readonly #listeners = new Set<(event: FlowEvent) => void>();
  readonly #settledIds = new Set<string>();
  #outcomeWaiters: ((detail: CheckoutDetail) => void)[] = [];
  #closed = false;
  readonly #source: ReportSource;

  constructor(source: ReportSource) {
    this.#source = source;
  }

  get state(): FlowState {
    return this.#state;
  }

  get closed(): boolean {
    return this.#closed;
  }

  subscribe(listener: (event: FlowEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves with the first terminal outcome from now on. */
  nextOutcome(): Promise<CheckoutDetail> {
    return new Promise((resolve) => this.#outcomeWaiters.push(resolve));
  }

  /** Nothing is reported from now on. */
  close(): void {
    this.#closed = true;
    this.#listeners.clear();
  }

  update(patch: Partial<FlowState>): void {
    this.#state = { ...this.#state, ...patch };
    this.#emit({ type: 'change', state: this.#state });
  }

  error(error: CheckoutError): void {
    this.#emit({ type: 'error', error });
  }

  /** A session left behind (Conomy refresh) reports nothing more. */
  leave(id: string): void {
    this.#settledIds.add(id);
  }

  /** Whether `session` is still the one being reported on. */
  isCurrent(session: SessionSnapshot): boolean {
    return !this.#closed && this.#state.session?.id === session.id && !this.#settledIds.has(session.id);
  }

  /**
   * The return page's outcome for the session shown. The provider is the arbiter: `success` is
   * checked with `poll` when the session has one.
   */
  async returned(
    message: ReturnMessage,
    poll: { checkNow(options: { fresh: boolean }): Promise<StatusReading> } | undefined,
  ): Promise<void> {
    const session = this.#state.session;
    if (!session || this.#settledIds.has(session.id) || message.provider !== session.provider) return;
    if (message.outcome === 'failure') return this.settle('failed', session.raw);
    if (message.outcome === 'cancel') return this.settle('cancelled', session.raw);
    // `success` → succeeded, unless the provider's API says otherwise.
    if (session.pollable && poll) {
      // A check that left before the customer came back may not know of the payment yet.
      const reading = await poll.checkNow({ fresh: true }).catch(() => undefined);
      if (!this.isCurrent(session)) return;
      if (reading && reading.status !== 'pending') return this.reading(reading);
    }
    this.settle('succeeded', session.raw);
  }

  reading(reading: StatusReading): void {
    const session = this.#state.session;
    if (!session || this.#settledIds.has(session.id)) return;
    // The provider's latest payload is kept even when the status stays (a resumed Conomy session
    // needs it to submit the method chosen), and a moved end moves the QR's countdown with it.
    const updated: SessionSnapshot = reading.raw === undefined ? { ...session } : { ...session, raw: reading.raw };
    if (reading.expiresAt !== undefined && reading.expiresAt !== session.expiresAt) {
      updated.expiresAt = reading.expiresAt;
      const presentation = session.presentation;
      if (presentation && presentation.expiresAt === session.expiresAt) {
        updated.presentation = { ...presentation, expiresAt: reading.expiresAt };
      }
    }
    this.update({ session: updated, reconnecting: false });
    this.status(reading.status, reading.raw);
    const { phase } = this.#state;
    const next = phaseOf(this.#state.session!, reading.status);
    // A reading that still says "choose" leaves the customer in the details form they are filling in,
    // or the choice being submitted (showing the list again would let it be paid twice).
    if (!isTerminal(reading.status) && phase !== 'error' && !((phase === 'details' || phase === 'loading') && next === 'choosing')) this.update({ phase: next });
  }

  /** The status of the session shown, which carries `raw` already (both callers put it there first). */
  status(status: CheckoutStatus, raw: unknown): void {
    const session = this.#state.session;
    if (!session || this.#settledIds.has(session.id)) return;
    if (isTerminal(status)) return this.settle(status, raw);
    if (status === this.#state.status) return;
    this.update({ status });
    this.#emit({ type: 'status', detail: this.#detail(status, raw, session.id) });
  }

  /** The one place a session ends: at most once per session id. */
  settle(status: CheckoutStatus, raw: unknown): void {
    // Before the provider has a session (still loading, a WeWire asset not chosen) it is the flow's ref.
    const id = this.#state.session?.id ?? this.#source.ref();
    if (this.#settledIds.has(id)) return;
    this.#settledIds.add(id);
    this.#source.settled();
    this.update({ phase: 'done', status, reconnecting: false, error: undefined });
    const detail = this.#detail(status, raw, id);
    this.#emit({ type: 'status', detail });
    const waiters = this.#outcomeWaiters;
    this.#outcomeWaiters = [];
    for (const resolve of waiters) resolve(detail);
  }

  #detail(status: CheckoutStatus, raw: unknown, sessionId: string): CheckoutDetail {
    const session = this.#state.session;
    const payment = this.#source.payment;
    const detail: CheckoutDetail = { provider: payment.provider, sessionId, status };
    const amount = session?.amount ?? payment.amount;
    const currency = session?.currency ?? payment.currency;
    if (amount !== undefined) detail.amount = amount;
    if (currency !== undefined) detail.currency = currency;
    if (raw !== undefined) detail.raw = raw;
    return detail;
  }

  #emit(event: FlowEvent): void {
    if (this.#closed) return;
    for (const listener of [...this.#listeners]) listener(event);
  }
}
