import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CheckoutFlow, type CheckoutFlowOptions, type FlowState } from '../core/flow.js';
import { CheckoutErrorEvent, dispatchStatus } from '../events.js';

const IDLE: FlowState = { phase: 'idle', reconnecting: false };

/**
 * Binds a CheckoutFlow to an element's lifecycle: re-renders on every change, dispatches the
 * SPEC events on the element, stops everything when the element leaves the DOM, and resumes (from
 * sessionStorage) when it comes back before the outcome.
 */
export class FlowController implements ReactiveController {
  #current?: CheckoutFlow;
  #lastOptions?: CheckoutFlowOptions;
  #disconnectedWhileRunning = false;

  readonly #host: ReactiveControllerHost & HTMLElement;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  get flow(): CheckoutFlow | undefined {
    return this.#current;
  }

  get state(): FlowState {
    return this.#current?.state ?? IDLE;
  }

  /** True between start and the outcome (an error with a retry control counts as running). */
  get running(): boolean {
    const phase = this.state.phase;
    return phase !== 'idle' && phase !== 'done';
  }

  /** Starts a new flow, unless one is already running: then that one goes on. */
  start(options: CheckoutFlowOptions): Promise<void> {
    if (this.#current && this.running) return this.#current.start();
    this.#current?.dispose();
    this.#lastOptions = options;
    const flow = new CheckoutFlow(options);
    this.#current = flow;
    flow.subscribe((event) => {
      if (this.#current !== flow) return;
      if (event.type === 'change') this.#host.requestUpdate();
      else if (event.type === 'status') dispatchStatus(this.#host, event.detail);
      else this.#host.dispatchEvent(new CheckoutErrorEvent(event.error.toDetail()));
    });
    this.#host.requestUpdate();
    return flow.start();
  }

  /** Forgets the flow (after its outcome, before showing a fresh start). */
  reset(): void {
    this.#current?.dispose();
    this.#current = undefined;
    this.#host.requestUpdate();
  }

  hostConnected(): void {
    if (this.#disconnectedWhileRunning && this.#lastOptions) {
      this.#disconnectedWhileRunning = false;
      void this.start(this.#lastOptions);
    }
  }

  hostDisconnected(): void {
    this.#disconnectedWhileRunning = this.running;
    this.#current?.dispose();
    this.#current = undefined;
  }
}
