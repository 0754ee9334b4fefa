import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CheckoutFlow, defaultResumeKey, type CheckoutFlowOptions, type FlowState } from '../core/flow.js';
import { ResumeStore, pageSessionStorage } from '../core/resume-store.js';
import { keptReturn, type ReturnMessage } from '../core/return-page.js';
import type { CheckoutDetail } from '../core/status.js';
import { CheckoutErrorEvent, dispatchStatus } from '../events.js';
import { FlowSource } from './flow-source.js';

interface FlowControllerOptions {
  events?: boolean;
  onStatus?(detail: CheckoutDetail): void;
}

const IDLE: FlowState = { phase: 'idle', reconnecting: false };

/**
 * Binds a CheckoutFlow to an element's lifecycle: re-renders on every change, dispatches the
 * checkout events on the element, stops everything when the element leaves the DOM (not when it is
 * only moved: out and back within one task), and resumes (from
 * sessionStorage) when it comes back before the outcome.
 *
 * It either runs a flow of its own (`start`) or follows another element's (`follow`): a follower
 * renders and reports that flow's changes but never drives, disposes or polls it, so following
 * costs no request.
 */
export class FlowController implements ReactiveController {
  /** The flow this controller shows, for the parts inside the element (see checkout-context). */
  readonly source = new FlowSource();
  #current?: CheckoutFlow;
  /** The options of the flow shown when it is its own (started here); undefined when following. */
  #owned?: CheckoutFlowOptions;
  #unsubscribe?: () => void;
  #stopFollowing?: () => void;
  /** Its own flow was running when the host left the DOM: started again when it comes back. */
  #resume?: CheckoutFlowOptions;
  /** Out of the DOM since this task: moved rather than removed if it is back before a microtask. */
  #leaving = false;

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #events: boolean;
  readonly #onStatus?: (detail: CheckoutDetail) => void;

  /**
   * `events: false` for a part that only draws the flow (its element reports the events);
   * `onStatus`: called with each status the host reports, after its events.
   */
  constructor(host: ReactiveControllerHost & HTMLElement, { events = true, onStatus }: FlowControllerOptions = {}) {
    this.#host = host;
    this.#events = events;
    this.#onStatus = onStatus;
    host.addController(this);
  }

  /** Whether a flow with these options would resume the session of the return page's `ref`. */
  static resumes(options: CheckoutFlowOptions, ref: string): boolean {
    return storedRef(options, ref) === ref;
  }

  /** The outcome a return page kept for the session these options would resume (this tab was not listening). */
  static keptReturn(options: CheckoutFlowOptions): ReturnMessage | undefined {
    const ref = storedRef(options);
    return ref ? keptReturn(ref) : undefined;
  }

  get flow(): CheckoutFlow | undefined {
    return this.#current;
  }

  /** The options its own flow was started with (undefined when following or idle). */
  get options(): CheckoutFlowOptions | undefined {
    return this.#owned;
  }

  get state(): FlowState {
    return this.#current?.state ?? IDLE;
  }

  /** True between start and the outcome (an error with a retry control counts as running). */
  get running(): boolean {
    const phase = this.state.phase;
    return phase !== 'idle' && phase !== 'done';
  }

  /**
   * Stopped before the provider had a session (a wrong attribute, the token endpoint down): there is
   * nothing there to cancel or to go on with.
   */
  get stoppedEarly(): boolean {
    const { phase, session } = this.state;
    return phase === 'error' && !session;
  }

  /** A new flow in place of the current one, whatever its phase. */
  restart(options: CheckoutFlowOptions): Promise<void> {
    // Forgotten first: start() would go on with a running one of its own (an error counts as running).
    this.reset();
    return this.start(options);
  }

  /**
   * Retry after an error, or "try again" after an outcome. A flow stopped early starts afresh from
   * `options` as they are now, so an attribute the merchant corrected is used; any other goes on.
   */
  retry(options: CheckoutFlowOptions): Promise<void> | undefined {
    return this.stoppedEarly ? this.restart(options) : this.#current?.retry();
  }

  /** Starts a new flow, unless one of its own is already running: then that one goes on. */
  start(options: CheckoutFlowOptions): Promise<void> {
    if (this.#current && this.#owned && this.running) return this.#current.start();
    this.#release();
    const flow = new CheckoutFlow(options);
    this.#show(flow, options);
    return flow.start();
  }

  /** Shows, from now on, whatever flow `source` has (and the next ones), without owning any. */
  follow(source: FlowSource): void {
    this.#release();
    this.#stopFollowing = source.watch((flow) => this.#show(flow));
  }

  /** Forgets the flow (after its outcome, before showing a fresh start), and any to resume. */
  reset(): void {
    this.#resume = undefined;
    this.#release();
    this.#host.requestUpdate();
  }

  hostConnected(): void {
    // Moved (a framework reordering, an append elsewhere): the flow goes on, no request is redone.
    if (this.#leaving) return void (this.#leaving = false);
    const options = this.#resume;
    this.#resume = undefined;
    if (options) void this.start(options);
  }

  hostDisconnected(): void {
    this.#leaving = true;
    queueMicrotask(() => {
      if (!this.#leaving) return;
      this.#leaving = false;
      this.#resume = this.running ? this.#owned : undefined;
      this.#release();
    });
  }

  #show(flow: CheckoutFlow | undefined, owned?: CheckoutFlowOptions): void {
    this.#unsubscribe?.();
    this.#current = flow;
    this.#owned = owned;
    this.source.set(flow);
    this.#unsubscribe = flow?.subscribe((event) => {
      if (event.type === 'change') this.#host.requestUpdate();
      else if (!this.#events) return;
      else if (event.type === 'status') {
        dispatchStatus(this.#host, event.detail);
        this.#onStatus?.(event.detail);
      }
      else this.#host.dispatchEvent(new CheckoutErrorEvent(event.error.toDetail()));
    });
    this.#host.requestUpdate();
  }

  /** Stops following, disposes a flow of its own, and shows none. */
  #release(): void {
    this.#stopFollowing?.();
    this.#stopFollowing = undefined;
    const flow = this.#current;
    const owned = this.#owned;
    this.#show(undefined);
    if (owned) flow?.dispose();
  }
}

/** The return ref of the session a flow with these options would resume (see ResumeStore.load). */
function storedRef(options: CheckoutFlowOptions, returnedRef?: string): string | undefined {
  return new ResumeStore(pageSessionStorage(), defaultResumeKey(options)).load(Date.now(), returnedRef)?.ref;
}
