import type { CheckoutFlow } from '../core/flow.js';

type Watcher = (flow: CheckoutFlow | undefined) => void;

/**
 * The flow an element runs now, for whatever follows it (a nested `<session-status>`, the QR
 * panel): it changes when the element starts a new flow (a new charge, a fresh checkout), and the
 * followers switch with it. Stable for the element's life, so a context can hand it out once.
 */
export class FlowSource {
  #flow?: CheckoutFlow;
  readonly #watchers = new Set<Watcher>();

  get flow(): CheckoutFlow | undefined {
    return this.#flow;
  }

  set(flow: CheckoutFlow | undefined): void {
    if (flow === this.#flow) return;
    this.#flow = flow;
    for (const watcher of [...this.#watchers]) watcher(flow);
  }

  /** Calls `watcher` with the current flow now and with every new one; returns the unsubscribe. */
  watch(watcher: Watcher): () => void {
    this.#watchers.add(watcher);
    watcher(this.#flow);
    return () => this.#watchers.delete(watcher);
  }
}
