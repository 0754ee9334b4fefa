import type { ReactiveControllerHost } from 'lit';
import type { CheckoutFlowOptions, FlowState } from '../core/flow.js';
import { FlowController } from './flow-controller.js';
import type { FlowSource } from './flow-source.js';

/**
 * `<caja-qr>`'s charges, one flow each: when an amount calls for a new charge, whether the one on
 * screen may be replaced, and what "try again" does. A QR on screen may be being paid (kamiPay
 * cannot cancel one), so nothing replaces it before its outcome: a page that re-renders, or an
 * amount set twice, never charges a customer twice.
 */
export class ChargeController {
  readonly #flows: FlowController;
  #amountPending = false;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#flows = new FlowController(host);
  }

  get source(): FlowSource {
    return this.#flows.source;
  }

  get state(): FlowState {
    return this.#flows.state;
  }

  /** What the charge on screen was made of (an attribute changed since applies to the next one). */
  get options(): CheckoutFlowOptions | undefined {
    return this.#flows.options;
  }

  /** A charge was started (it may have ended since). Without a flow the state is idle. */
  get started(): boolean {
    return this.#flows.state.phase !== 'idle';
  }

  /** The amount was set (or removed): a set amount waits for its charge. */
  amountChanged(set: boolean): void {
    this.#amountPending = set;
  }

  /**
   * A charge is issued and not settled: its QR may be being paid, so nothing replaces it. A charge
   * that failed before a QR existed is not in progress: a new amount starts afresh.
   */
  get inProgress(): boolean {
    return this.#flows.running && !this.failedEarly;
  }

  /** The charge stopped before kamiPay issued its QR (a register it does not know, the token endpoint down). */
  get failedEarly(): boolean {
    return this.#flows.stoppedEarly;
  }

  /** Without `continuous`, the outcome stays on screen. */
  showsFinalOutcome(continuous: boolean): boolean {
    return !continuous && this.#flows.state.phase === 'done';
  }

  /**
   * An amount was set and no charge has been issued for it yet. The element charges it once
   * nothing on screen stands in its way: no charge in progress, no outcome kept on screen.
   */
  get amountPending(): boolean {
    return this.#amountPending;
  }

  charge(options: CheckoutFlowOptions): void {
    this.#amountPending = false;
    void this.#flows.restart(options);
  }

  /** After an error or a failed or expired charge: the same charge again (a new QR). */
  readonly retry = (): void => {
    void this.#flows.flow?.retry();
  };

  /** Forgets the last outcome (it belonged to another register). */
  forget(): void {
    if (this.#flows.flow) this.#flows.reset();
  }
}
