import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { TERMINAL_STATUSES } from '../core/status.js';

/** The statuses as CSS custom states: `:state(pending)` ... `:state(cancelled)`. */
export const STATUS_STATES: readonly string[] = ['pending', 'processing', ...TERMINAL_STATUSES];

/**
 * Shows what the host is in as CSS custom states (`ElementInternals.states`), after every render:
 * the names `shown()` returns are on, every other of `names` is off. A merchant styles by status
 * (`checkout-modal:state(succeeded)`) without reading the text. Where the browser has no custom
 * states, nothing happens.
 */
export class StatusStates implements ReactiveController {
  readonly #states?: CustomStateSet;
  readonly #shown: () => readonly (string | undefined)[];
  readonly #names: readonly string[];

  constructor(host: ReactiveControllerHost & HTMLElement, shown: () => readonly (string | undefined)[], names = STATUS_STATES) {
    this.#states = host.attachInternals?.().states;
    this.#shown = shown;
    this.#names = names;
    host.addController(this);
  }

  hostUpdated(): void {
    const shown = this.#shown();
    for (const name of this.#names) {
      if (shown.includes(name)) this.#states?.add(name);
      else this.#states?.delete(name);
    }
  }
}
