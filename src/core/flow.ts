import { realClock, type Clock } from './clock.js';
import { CheckoutError, isAbortError, toCheckoutError } from './errors.js';
import { isValidMinorAmount } from './money.js';
import { ResumeStore, pageSessionStorage } from './resume-store.js';
import { keptReturn, makeRef, readReturnMessage } from './return-page.js';
import { isProviderId, isTerminal, type CheckoutDetail, type ProviderId } from './status.js';
import { TokenClient, abortable } from './token.js';
import { absoluteUrl, isSafeUrl } from './url.js';
import type { ProviderAdapter } from './adapter.js';
import { createAdapterFor, defaultResumeKey, tokenRequestFrom, type CheckoutFlowOptions } from './flow-options.js';
import { FlowReport, phaseOf, providerDecided, withoutChoices } from './flow-state.js';
import type { FlowEvent, FlowPhase, FlowState } from './flow-state.js';
import { EXPIRY_RECHECK_MS, SessionWatch } from './flow-watch.js';
import type { CustomerDetails } from './customer.js';
import type { SessionSnapshot, StatusReading } from './session.js';

/**
 * One checkout from token to outcome, without any rendering: the elements drive it and draw its
 * state. Guarantees (kept by its FlowReport): each session ends in at most one terminal status,
 * and nothing is reported for a session after that (nor for a session the flow has left, e.g.
 * after a Conomy refresh).
 */
export class CheckoutFlow {
  readonly #clock: Clock;
  readonly #store: ResumeStore;
  readonly #report: FlowReport;
  readonly #watch: SessionWatch;
  #adapter!: ProviderAdapter;
  #refValue = '';
  #startedAt = 0;
  /** Aborts every request of the current step (cancel, dispose, retry). */
  #ops = new AbortController();
  #cancelling = false;
  #starting?: Promise<void>;
  /** Where `retry()` picks up after an error. */
  #resumeStep: 'start' | 'choose' | 'poll' = 'start';

  readonly #options: CheckoutFlowOptions;

  constructor(options: CheckoutFlowOptions) {
    this.#options = options;
    this.#clock = options.clock ?? realClock;
    const storage = options.storage === null ? undefined : (options.storage ?? pageSessionStorage());
    this.#store = new ResumeStore(storage, options.resumeKey ?? defaultResumeKey(options));
    this.#report = new FlowReport({
      payment: options,
      ref: () => this.#refValue,
      settled: () => {
        this.#watch.stop();
        this.#store.clear();
        keptReturn(this.#refValue, true);
        this.#cancelling = false;
      },
    });
    this.#watch = new SessionWatch(this.#clock, this.#report, {
      cancelling: () => this.#cancelling,
      adapter: () => this.#adapter,
      signal: () => this.#ops.signal,
      fail: (error) => this.#fail(error, 'poll'),
      ref: () => this.#refValue,
      startedAt: () => this.#startedAt,
      registry: options.registry,
    });
  }

  get state(): FlowState {
    return this.#report.state;
  }

  get provider(): ProviderId {
    return this.#options.provider;
  }

  /** The flow's random return-page reference (names the popup; matches the return page). */
  get ref(): string {
    return this.#refValue;
  }

  subscribe(listener: (event: FlowEvent) => void): () => void {
    return this.#report.subscribe(listener);
  }

  /** Resolves with the first terminal outcome from now on. */
  nextOutcome(): Promise<CheckoutDetail> {
    return this.#report.nextOutcome();
  }

  /** Starts (or resumes) the flow; calling it again while it runs starts nothing new. */
  start(): Promise<void> {
    this.#starting ??= this.#run('start', (signal) => this.#begin(signal));
    return this.#starting;
  }

  /** The customer picked a method or asset; one whose `fields` ask for details shows their form (phase `details`) first. */
  choose(optionId: string, details?: CustomerDetails): Promise<void> {
    const { session, phase } = this.#report.state;
    if (!session || (phase !== 'choosing' && phase !== 'details')) return Promise.resolve();
    if (!details && session.options?.find((option) => option.id === optionId)?.fields?.length) {
      return Promise.resolve(this.#report.update({ phase: 'details', chosen: optionId, error: undefined }));
    }
    this.#report.update({ phase: 'loading' });
    return this.#run('choose', async (signal) => {
      // A session resumed after a reload has no payload yet: the provider's decides the choice.
      const poll = session.raw === undefined ? this.#watch.poll : undefined;
      const current = poll ? { ...session, raw: (await poll.checkNow()).raw } : session;
      // A session that ended meanwhile (its expiry, a payment) is not paid again, nor shown again.
      if (!this.#report.isCurrent(session)) return;
      const chosen = await this.#adapter.choose(current, optionId, signal, details);
      if (this.#report.isCurrent(session)) this.#applySession(chosen);
    });
  }

  /**
   * The customer closed the checkout (docs/status-model.md): before payment, cancel at the
   * provider where it can and end in `cancelled`; while processing, do nothing (the outcome still
   * arrives). The provider is the arbiter: if the cancel is refused because the payment landed,
   * the flow ends with what the provider says.
   */
  async cancel(): Promise<void> {
    const report = this.#report;
    const { phase, status, session } = report.state;
    if (this.#cancelling || report.closed || phase === 'done' || status === 'processing') return;
    if (phase === 'idle') return;
    this.#cancelling = true;
    this.#watch.stop();
    this.#ops.abort(new DOMException('cancelled', 'AbortError'));
    this.#ops = new AbortController();
    const signal = this.#ops.signal;
    if (!session || session.id === this.#refValue) {
      // Nothing exists at the provider yet (still loading, or a WeWire asset not chosen).
      report.settle('cancelled', session?.raw);
      return;
    }
    let reading: StatusReading | undefined;
    let unconfirmed: CheckoutError | undefined;
    try {
      if (this.#adapter.canCancel) await this.#adapter.cancel(session, signal);
      else if (session.pollable) reading = await this.#adapter.status(session, signal);
    } catch (error) {
      if (isAbortError(error) && report.closed) return;
      // The cancel was refused or did not arrive: ask the provider what happened instead.
      if (this.#adapter.canCancel) unconfirmed = toCheckoutError(error, 'provider_error');
      reading = await this.#adapter.status(session, signal).catch(() => undefined);
    }
    this.#cancelling = false;
    if (providerDecided(reading)) report.reading(reading);
    else if (unconfirmed) report.error(unconfirmed);
    else return report.settle('cancelled', reading?.raw ?? session.raw);
    // Processing, or not cancelled at the provider (a Pix code already scanned can still be paid):
    // followed on, so the outcome or the session's end is still reported, and shown on reopening.
    if (report.state.phase !== 'done') this.#follow(report.state.session!);
  }

  /**
   * The "try again" of the UI: after an error, redo the step that failed; after `failed` or
   * `expired`, a new session (Conomy: refresh the expired one into a new session).
   */
  retry(): Promise<void> {
    const { phase, status, session } = this.#report.state;
    if (phase === 'error') {
      if (this.#resumeStep === 'poll' && this.#watch.poll && session) {
        this.#report.update({ phase: phaseOf(session, status ?? 'pending'), error: undefined });
        return this.#run('poll', async () => {
          // A failure reaches the poll watcher (reconnecting or a new error), not this step.
          await this.#watch.poll!.checkNow().catch(() => undefined);
          this.#watch.retryExpiry(session);
        });
      }
      if (this.#resumeStep === 'choose' && session?.options) {
        this.#report.update({ phase: 'choosing', error: undefined });
        return Promise.resolve();
      }
      this.#starting = undefined;
      return this.start();
    }
    if (phase === 'done' && (status === 'failed' || status === 'expired') && session) {
      // The old session is over: a close before the new one exists cancels the attempt, not it.
      this.#report.update({ phase: 'loading', error: undefined, status: undefined, session: undefined });
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
    this.#report.close();
    this.#watch.stop();
    this.#ops.abort(new DOMException('disposed', 'AbortError'));
  }

  // ---- steps ----

  async #begin(signal: AbortSignal): Promise<void> {
    this.#report.update({ phase: 'loading', error: undefined });
    const options = this.#options;
    if (!isProviderId(options.provider)) {
      throw new CheckoutError('config', `Unknown provider "${String(options.provider)}": use kamipay, kaipay, conomy or wewire.`);
    }
    if (!options.tokenUrl) throw new CheckoutError('config', 'The token-url attribute is required.');
    // Checked here for every provider, so a bad amount never reaches the token endpoint (which may
    // create the session with it) nor a provider (Conomy's session would carry it).
    if (options.amount !== undefined && !isValidMinorAmount(options.amount)) {
      throw new CheckoutError('config', `The amount must be a positive integer in minor units, got ${options.amount}.`);
    }
    const returned = options.pageUrl ? readReturnMessage(options.pageUrl) : undefined;
    const resumed = options.sessionId ? undefined : this.#store.load(this.#clock.now(), returned?.ref);
    this.#refValue = resumed?.ref ?? makeRef();
    this.#startedAt = resumed?.startedAt ?? this.#clock.now();
    const sessionId = options.sessionId ?? resumed?.session.id;
    const tokenUrl = absoluteUrl(options.tokenUrl, options.baseUrl);
    if (!tokenUrl) throw new CheckoutError('config', `The token-url "${options.tokenUrl}" is not a valid URL.`);
    const token = new TokenClient({
      url: tokenUrl,
      body: tokenRequestFrom(options, sessionId),
      clock: this.#clock,
      fetch: options.fetch,
    });
    this.#adapter = createAdapterFor(options, { token, clock: this.#clock, ref: this.#refValue });

    if (resumed) {
      this.#applySession({ ...resumed.session, raw: undefined });
      // Its return page: this page's URL, or the one a page kept while this tab was not listening.
      const back = returned?.ref === this.#refValue ? returned : keptReturn(this.#refValue);
      if (back) await this.#report.returned(back, this.#watch.poll);
      // Errors reach the poll watcher (reconnecting / fatal), not this step.
      else if (this.#watch.poll) await this.#watch.poll.checkNow().catch(() => undefined);
      return;
    }
    // Only a provider whose hosted page comes back here can have its outcome told by a URL (a crafted
    // link must not settle a Conomy or kamiPay session, whose outcome the provider is asked for).
    const announced = this.#adapter.returnsToPage && options.returnMessage?.provider === options.provider ? options.returnMessage : undefined;
    if (announced && !options.sessionId) {
      // A return page following the hosted checkout it returned from: the URL is all there is.
      this.#applySession({ provider: options.provider, id: announced.ref, status: 'pending', pollable: false });
      return this.#report.returned(announced, this.#watch.poll);
    }
    const session = options.sessionId ? withoutChoices(await this.#attach(options.sessionId, signal)) : await this.#adapter.start(signal);
    this.#applySession(session);
    if (announced) await this.#report.returned(announced, this.#watch.poll);
  }

  /** The first read of a followed session goes through the shared poll (one request for all). */
  #attach(sessionId: string, signal: AbortSignal): Promise<SessionSnapshot> {
    const read = this.#watch.attach(this.#options.provider, sessionId, (checkSignal) => this.#adapter.attach(sessionId, checkSignal));
    return abortable(read, signal);
  }

  /** A new or updated session from the provider: show it, and start following it. */
  #applySession(session: SessionSnapshot): void {
    const report = this.#report;
    const previous = report.state.session;
    if (previous && previous.id !== session.id) {
      // Conomy refresh: the old session is left behind and reports nothing more.
      this.#watch.stop();
      report.leave(previous.id);
    }
    if (session.presentation?.kind === 'hosted' && !isSafeUrl(session.presentation.url)) {
      throw new CheckoutError('config', 'Refused to open the checkout page: the provider gave an unsafe URL.');
    }
    this.#cancelling = false;
    report.update({ session, error: undefined, reconnecting: false });
    // A session that exists at the provider, or whose page or QR is shown, is resumable and followed.
    if (session.id !== this.#refValue || session.presentation) {
      this.#store.save({ session, ref: this.#refValue, startedAt: this.#startedAt });
      report.status(session.status, session.raw);
      if (isTerminal(session.status)) return;
      this.#follow(session);
    }
    report.update({ phase: phaseOf(session, session.status) });
    if (report.state.phase === 'choosing') {
      this.#resumeStep = 'choose';
      // Only the flow that pays picks the single method; one that follows (`sessionId`) never submits.
      if (session.options!.length === 1 && !this.#options.sessionId) void this.choose(session.options![0]!.id);
    }
  }

  /** From here on an error is the poll's, so `retry()` resumes following rather than restarting. */
  #follow(session: SessionSnapshot): void {
    this.#resumeStep = 'poll';
    this.#watch.follow(session);
  }

  /** Runs one step; an error stops the flow with a retry control, an abort is silent. */
  async #run(step: 'start' | 'choose' | 'poll', body: (signal: AbortSignal) => Promise<void>): Promise<void> {
    const signal = this.#ops.signal;
    try {
      await body(signal);
    } catch (error) {
      if (isAbortError(error) || signal.aborted || this.#report.closed) return;
      this.#fail(toCheckoutError(error, 'invalid_response'), step);
    }
  }

  #fail(error: CheckoutError, step: 'start' | 'choose' | 'poll'): void {
    this.#resumeStep = step;
    if (step !== 'poll') this.#starting = undefined;
    // A first read that failed leaves no poll behind: "try again" reads afresh.
    if (step === 'start' && !this.#report.state.session) this.#watch.stop();
    // A customer detail the provider refused (or the payment lacks) goes back to the details form.
    this.#report.update({ phase: step === 'choose' && error.field ? 'details' : 'error', error, reconnecting: false });
    this.#report.error(error);
  }
}

export { EXPIRY_RECHECK_MS, defaultResumeKey, type CheckoutFlowOptions, type FlowEvent, type FlowPhase, type FlowState };
