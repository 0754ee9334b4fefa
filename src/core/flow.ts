import { realClock, type Clock } from './clock.js';
import { CheckoutError, isAbortError, toCheckoutError } from './errors.js';
import { pagePollRegistry, type PollSubscription } from './poll/index.js';
import { ResumeStore, pageSessionStorage } from './resume-store.js';
import { listenForReturn, makeRef, readReturnMessage, type ReturnMessage } from './return-page.js';
import { isProviderId, isTerminal, type CheckoutDetail, type CheckoutStatus, type ProviderId } from './status.js';
import { TokenClient } from './token.js';
import { isSafeUrl } from './url.js';
import type { ProviderAdapter } from './adapter.js';
import { ExpiryTimer } from './expiry-timer.js';
import { createAdapterFor, defaultResumeKey, tokenRequestFrom, type CheckoutFlowOptions } from './flow-options.js';
import type { SessionSnapshot, StatusReading } from './session.js';

/** What the customer is looking at; the elements render one view per phase. */
export type FlowPhase = 'idle' | 'loading' | 'choosing' | 'ready' | 'processing' | 'done' | 'error';

export interface FlowState {
  phase: FlowPhase;
  status?: CheckoutStatus;
  session?: SessionSnapshot;
  /** Set in phase `error`: what stopped the flow (the UI offers `retry()`). */
  error?: CheckoutError;
  /** Transient trouble the flow is retrying by itself (SPEC: "reconnecting"). */
  reconnecting: boolean;
}

export type FlowEvent =
  | { type: 'change'; state: FlowState }
  /** Every change of status, terminal ones included (each terminal at most once per session). */
  | { type: 'status'; detail: CheckoutDetail }
  /** An error that stopped the flow (→ `checkout-error`). */
  | { type: 'error'; error: CheckoutError };

/** When the final check before `expired` cannot reach the provider, try again after this long. */
export const EXPIRY_RECHECK_MS = 5_000;

/**
 * One checkout from token to outcome, without any rendering: the elements drive it and draw its
 * state. Guarantees: each session ends in at most one terminal status, and nothing is reported
 * for a session after that (nor for a session the flow has left, e.g. after a Conomy refresh).
 */
export class CheckoutFlow {
  #stateValue: FlowState = { phase: 'idle', reconnecting: false };
  readonly #listeners = new Set<(event: FlowEvent) => void>();
  readonly #clock: Clock;
  readonly #settledIds = new Set<string>();
  readonly #store: ResumeStore;
  #token!: TokenClient;
  #adapter!: ProviderAdapter;
  #refValue = '';
  #startedAt = 0;
  /** Aborts every request of the current step (cancel, dispose, retry). */
  #ops = new AbortController();
  #poll?: PollSubscription<StatusReading>;
  readonly #expiry: ExpiryTimer;
  #stopReturnListener?: () => void;
  #cancelling = false;
  #disposed = false;
  #starting?: Promise<void>;
  #outcomeWaiters: ((detail: CheckoutDetail) => void)[] = [];
  /** Where `retry()` picks up after an error. */
  #resumeStep: 'start' | 'choose' | 'poll' = 'start';

  readonly #options: CheckoutFlowOptions;

  constructor(options: CheckoutFlowOptions) {
    this.#options = options;
    this.#clock = options.clock ?? realClock;
    this.#expiry = new ExpiryTimer(this.#clock);
    const storage = options.storage === null ? undefined : (options.storage ?? pageSessionStorage());
    this.#store = new ResumeStore(storage, options.resumeKey ?? defaultResumeKey(options));
  }

  get state(): FlowState {
    return this.#stateValue;
  }

  get provider(): ProviderId {
    return this.#options.provider;
  }

  /** The flow's random return-page reference (names the popup; matches the return page). */
  get ref(): string {
    return this.#refValue;
  }

  subscribe(listener: (event: FlowEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves with the first terminal outcome from now on. */
  nextOutcome(): Promise<CheckoutDetail> {
    return new Promise((resolve) => this.#outcomeWaiters.push(resolve));
  }

  /** Starts (or resumes) the flow; calling it again while it runs starts nothing new. */
  start(): Promise<void> {
    this.#starting ??= this.#run('start', (signal) => this.#begin(signal));
    return this.#starting;
  }

  /** The customer picked a payment method or asset. */
  choose(optionId: string): Promise<void> {
    const session = this.#stateValue.session;
    if (!session || this.#stateValue.phase !== 'choosing') return Promise.resolve();
    this.#update({ phase: 'loading' });
    return this.#run('choose', async (signal) => {
      this.#applySession(await this.#adapter.choose(session, optionId, signal));
    });
  }

  /**
   * The customer closed the checkout (SPEC `<checkout-modal>`): before payment, cancel at the
   * provider where it can and end in `cancelled`; while processing, do nothing (the outcome still
   * arrives). The provider is the arbiter: if the cancel is refused because the payment landed,
   * the flow ends with what the provider says.
   */
  async cancel(): Promise<void> {
    const { phase, status, session } = this.#stateValue;
    if (this.#cancelling || this.#disposed || phase === 'done' || status === 'processing') return;
    if (phase === 'idle') return;
    this.#cancelling = true;
    this.#stopWatching();
    this.#ops.abort(new DOMException('cancelled', 'AbortError'));
    this.#ops = new AbortController();
    const signal = this.#ops.signal;
    if (!session || session.id === this.#refValue) {
      // Nothing exists at the provider yet (still loading, or a WeWire asset not chosen).
      this.#settle('cancelled', session?.raw, session?.id ?? this.#refValue);
      return;
    }
    let reading: StatusReading | undefined;
    try {
      if (this.#adapter.canCancel) await this.#adapter.cancel(session, signal);
      else if (session.pollable) reading = await this.#adapter.status(session, signal);
    } catch (error) {
      if (isAbortError(error) && this.#disposed) return;
      // The cancel was refused or did not arrive: ask the provider what happened instead.
      reading = await this.#adapter.status(session, signal).catch(() => undefined);
    }
    this.#cancelling = false;
    if (reading && (isTerminal(reading.status) || reading.status === 'processing')) {
      this.#applyReading(reading);
      if (reading.status === 'processing') this.#watch(this.#stateValue.session!);
      return;
    }
    this.#settle('cancelled', reading?.raw ?? session.raw);
  }

  /**
   * The "try again" of the UI: after an error, redo the step that failed; after `failed` or
   * `expired`, a new session (Conomy: refresh the expired one into a new session).
   */
  retry(): Promise<void> {
    const { phase, status, session } = this.#stateValue;
    if (phase === 'error') {
      if (this.#resumeStep === 'poll' && this.#poll && session) {
        this.#update({ phase: phaseOf(session, status ?? 'pending'), error: undefined });
        return this.#run('poll', async () => {
          // A failure reaches the poll watcher (reconnecting or a new error), not this step.
          await this.#poll!.checkNow().catch(() => undefined);
          // The expiry check that failed is due again (it fires at once when the time has passed).
          if (this.#isCurrent(session) && !this.#expiry.armed) this.#armExpiry(session);
        });
      }
      if (this.#resumeStep === 'choose' && session?.options) {
        this.#update({ phase: 'choosing', error: undefined });
        return Promise.resolve();
      }
      this.#starting = undefined;
      return this.start();
    }
    if (phase === 'done' && (status === 'failed' || status === 'expired') && session) {
      this.#update({ phase: 'loading', error: undefined, status: undefined });
      if (status === 'expired' && this.#adapter.canRefresh) {
        return this.#run('start', async (signal) => this.#applySession(await this.#adapter.refresh(session, signal)));
      }
      this.#starting = undefined;
      this.#store.clear();
      return this.start();
    }
    return Promise.resolve();
  }

  /** Stops everything this flow runs (polling, timers, requests). Does not cancel at the provider. */
  dispose(): void {
    this.#disposed = true;
    this.#stopWatching();
    this.#ops.abort(new DOMException('disposed', 'AbortError'));
    this.#listeners.clear();
  }

  // ---- steps ----

  async #begin(signal: AbortSignal): Promise<void> {
    this.#update({ phase: 'loading', error: undefined });
    const options = this.#options;
    if (!isProviderId(options.provider)) {
      throw new CheckoutError('config', `Unknown provider "${String(options.provider)}": use kamipay, kaipay, conomy or wewire.`);
    }
    if (!options.tokenUrl) throw new CheckoutError('config', 'The token-url attribute is required.');
    const resumed = options.sessionId ? undefined : this.#store.load(this.#clock.now());
    this.#refValue = resumed?.ref ?? makeRef();
    this.#startedAt = resumed?.startedAt ?? this.#clock.now();
    const sessionId = options.sessionId ?? resumed?.session.id;
    this.#token = new TokenClient({
      url: new URL(options.tokenUrl, options.baseUrl).toString(),
      body: tokenRequestFrom(options, sessionId),
      clock: this.#clock,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    this.#adapter = createAdapterFor(options, { token: this.#token, clock: this.#clock, ref: this.#refValue });

    if (resumed) {
      this.#applySession({ ...resumed.session, raw: undefined });
      const returned = options.pageUrl ? readReturnMessage(options.pageUrl) : undefined;
      if (returned?.ref === this.#refValue) await this.#handleReturn(returned);
      // Errors reach the poll watcher (reconnecting / fatal), not this step.
      else if (this.#poll) await this.#poll.checkNow().catch(() => undefined);
      return;
    }
    const announced = options.returnMessage?.provider === options.provider ? options.returnMessage : undefined;
    if (announced && !options.sessionId) {
      // A return page following the hosted checkout it returned from: the URL is all there is.
      this.#applySession({ provider: options.provider, id: announced.ref, status: 'pending', pollable: false });
      return this.#handleReturn(announced);
    }
    const session = options.sessionId
      ? withoutChoices(await this.#adapter.attach(options.sessionId, signal))
      : await this.#adapter.start(signal);
    this.#applySession(session);
    if (announced) await this.#handleReturn(announced);
  }

  /** A new or updated session from the provider: show it, and start following it. */
  #applySession(session: SessionSnapshot): void {
    const previous = this.#stateValue.session;
    if (previous && previous.id !== session.id) {
      // Conomy refresh: the old session is left behind and reports nothing more.
      this.#stopWatching();
      this.#settledIds.add(previous.id);
    }
    if (session.presentation?.kind === 'hosted' && !isSafeUrl(session.presentation.url)) {
      throw new CheckoutError('config', 'Refused to open the checkout page: the provider gave an unsafe URL.');
    }
    this.#cancelling = false;
    this.#update({ session, error: undefined, reconnecting: false });
    const exists = session.id !== this.#refValue;
    if (exists || session.presentation) this.#store.save({ session, ref: this.#refValue, startedAt: this.#startedAt });
    if (exists || session.presentation) {
      this.#setStatus(session.status, session.raw);
      if (isTerminal(session.status)) return;
      this.#watch(session);
    }
    this.#update({ phase: phaseOf(session, session.status) });
    if (this.#stateValue.phase === 'choosing') {
      this.#resumeStep = 'choose';
      // Only the flow that pays picks the single method; one that follows (`sessionId`) never submits.
      if (session.options!.length === 1 && !this.#options.sessionId) void this.choose(session.options![0]!.id);
    }
  }

  #watch(session: SessionSnapshot): void {
    this.#stopWatching();
    this.#resumeStep = 'poll';
    if (session.pollable) {
      const registry = this.#options.registry ?? pagePollRegistry();
      const subscription = registry.watch(
        `${session.provider}:${session.id}`,
        (signal) => this.#adapter.status(session, signal),
        {
          onReading: (reading) => {
            if (this.#poll === subscription && !this.#cancelling) this.#applyReading(reading);
          },
          onTransientError: () => {
            if (this.#poll === subscription) this.#update({ reconnecting: true });
          },
          onRecovered: () => {
            if (this.#poll === subscription) this.#update({ reconnecting: false });
          },
          onFatalError: (error) => {
            if (this.#poll === subscription && !this.#cancelling) this.#fail(error, 'poll');
          },
        },
        { startedAt: this.#startedAt },
      );
      this.#poll = subscription;
    }
    if (this.#refValue) {
      this.#stopReturnListener = listenForReturn(this.#refValue, (message) => void this.#handleReturn(message));
    }
    this.#armExpiry(session);
  }

  #stopWatching(): void {
    this.#poll?.unsubscribe();
    this.#poll = undefined;
    this.#stopReturnListener?.();
    this.#stopReturnListener = undefined;
    this.#expiry.clear();
  }

  #armExpiry(session: SessionSnapshot): void {
    const expiresAt = session.presentation?.expiresAt ?? session.expiresAt;
    if (expiresAt !== undefined) this.#expiry.at(expiresAt, () => void this.#onExpiry(session));
  }

  /**
   * The local clock says the QR or session ran out. Ask the provider once more first: a payment
   * that landed at the last second is `succeeded`, not `expired`.
   */
  async #onExpiry(session: SessionSnapshot): Promise<void> {
    if (!this.#isCurrent(session) || this.#stateValue.status === 'processing') return;
    const signal = this.#ops.signal;
    let reading: StatusReading | undefined;
    try {
      reading = session.pollable && this.#poll ? await this.#poll.checkNow() : await this.#adapter.status(session, signal);
    } catch (error) {
      if (isAbortError(error) || !this.#isCurrent(session)) return;
      const failure = toCheckoutError(error);
      if (failure.retryable) {
        // Cannot tell yet whether it was paid: keep asking rather than declare it expired.
        this.#update({ reconnecting: true });
        this.#expiry.after(EXPIRY_RECHECK_MS, () => void this.#onExpiry(session));
      } else if (this.#stateValue.phase !== 'error') {
        // Never declare `expired` unconfirmed: stop with a retry control instead.
        this.#fail(failure, 'poll');
      }
      return;
    }
    if (!this.#isCurrent(session)) return;
    if (reading && (isTerminal(reading.status) || reading.status === 'processing')) {
      this.#applyReading(reading);
      return;
    }
    // So a late payment cannot land on a session the customer was told is over (WeWire `expire`).
    await this.#adapter.expire(session, signal).catch(() => undefined);
    if (this.#isCurrent(session)) this.#settle('expired', reading?.raw ?? session.raw);
  }

  async #handleReturn(message: ReturnMessage): Promise<void> {
    const session = this.#stateValue.session;
    if (!session || this.#settledIds.has(session.id) || message.provider !== session.provider) return;
    if (message.outcome === 'failure') return this.#settle('failed', session.raw);
    if (message.outcome === 'cancel') return this.#settle('cancelled', session.raw);
    // `success` → succeeded, unless the provider's API says otherwise.
    if (session.pollable && this.#poll) {
      const reading = await this.#poll.checkNow().catch(() => undefined);
      if (!this.#isCurrent(session)) return;
      if (reading && reading.status !== 'pending') return this.#applyReading(reading);
    }
    this.#settle('succeeded', session.raw);
  }

  #applyReading(reading: StatusReading): void {
    const session = this.#stateValue.session;
    if (!session || this.#settledIds.has(session.id)) return;
    if (reading.expiresAt !== undefined && reading.expiresAt !== session.expiresAt) {
      this.#update({ session: { ...session, expiresAt: reading.expiresAt, raw: reading.raw } });
    }
    this.#update({ reconnecting: false });
    this.#setStatus(reading.status, reading.raw);
    if (!isTerminal(reading.status) && this.#stateValue.phase !== 'error') {
      this.#update({ phase: phaseOf(this.#stateValue.session!, reading.status) });
    }
  }

  #setStatus(status: CheckoutStatus, raw: unknown): void {
    const session = this.#stateValue.session;
    if (!session || this.#settledIds.has(session.id)) return;
    if (isTerminal(status)) return this.#settle(status, raw);
    if (status === this.#stateValue.status) return;
    this.#update({ status, session: raw === undefined ? session : { ...session, raw } });
    this.#emit({ type: 'status', detail: this.#detail(status, raw) });
  }

  /** The one place a session ends: at most once per session id. */
  #settle(status: CheckoutStatus, raw: unknown, id = this.#stateValue.session?.id ?? this.#refValue): void {
    if (this.#settledIds.has(id)) return;
    this.#settledIds.add(id);
    this.#stopWatching();
    this.#store.clear();
    this.#cancelling = false;
    this.#update({ phase: 'done', status, reconnecting: false, error: undefined });
    const detail = this.#detail(status, raw, id);
    this.#emit({ type: 'status', detail });
    const waiters = this.#outcomeWaiters;
    this.#outcomeWaiters = [];
    for (const resolve of waiters) resolve(detail);
  }

  #detail(status: CheckoutStatus, raw: unknown, id?: string): CheckoutDetail {
    const session = this.#stateValue.session;
    const detail: CheckoutDetail = { provider: this.#options.provider, sessionId: id ?? session?.id ?? this.#refValue, status };
    const amount = session?.amount ?? this.#options.amount;
    const currency = session?.currency ?? this.#options.currency;
    if (amount !== undefined) detail.amount = amount;
    if (currency !== undefined) detail.currency = currency;
    if (raw !== undefined) detail.raw = raw;
    return detail;
  }

  #isCurrent(session: SessionSnapshot): boolean {
    return !this.#disposed && this.#stateValue.session?.id === session.id && !this.#settledIds.has(session.id);
  }

  /** Runs one step; an error stops the flow with a retry control, an abort is silent. */
  async #run(step: 'start' | 'choose' | 'poll', body: (signal: AbortSignal) => Promise<void>): Promise<void> {
    const signal = this.#ops.signal;
    try {
      await body(signal);
    } catch (error) {
      if (isAbortError(error) || signal.aborted || this.#disposed) return;
      this.#fail(toCheckoutError(error, 'invalid_response'), step);
    }
  }

  #fail(error: CheckoutError, step: 'start' | 'choose' | 'poll'): void {
    this.#resumeStep = step;
    if (step !== 'poll') this.#starting = undefined;
    this.#update({ phase: 'error', error, reconnecting: false });
    this.#emit({ type: 'error', error });
  }

  #update(patch: Partial<FlowState>): void {
    this.#stateValue = { ...this.#stateValue, ...patch };
    this.#emit({ type: 'change', state: this.#stateValue });
  }

  #emit(event: FlowEvent): void {
    if (this.#disposed) return;
    for (const listener of [...this.#listeners]) listener(event);
  }
}

function phaseOf(session: SessionSnapshot, status: CheckoutStatus): FlowPhase {
  if (isTerminal(status)) return 'done';
  if (status === 'processing') return 'processing';
  return session.options && !session.presentation ? 'choosing' : 'ready';
}

/**
 * A flow that follows a session (`sessionId`) only watches: it drops the session's payment
 * choices, so it never picks a method on the customer's behalf.
 */
function withoutChoices(session: SessionSnapshot): SessionSnapshot {
  const { options: _choices, ...rest } = session;
  return rest;
}

export { defaultResumeKey, type CheckoutFlowOptions };
