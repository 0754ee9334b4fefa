import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Re-renders its host once a second until an absolute expiry. Each tick recomputes the remaining
 * time from the wall clock and aims at the next whole second, so the display stays right when a
 * background tab throttles timers; it catches up at once when the page becomes visible again.
 */
export class CountdownController implements ReactiveController {
  #timer?: ReturnType<typeof setTimeout>;

  /** Ticks only while the host is in the document (`isConnected`). */
  readonly #host: ReactiveControllerHost & Element;
  readonly #expiresAt: () => number | undefined;

  constructor(host: ReactiveControllerHost & Element, expiresAt: () => number | undefined) {
    this.#host = host;
    this.#expiresAt = expiresAt;
    host.addController(this);
  }

  /** Milliseconds left (0 when past), or undefined without an expiry. */
  get remaining(): number | undefined {
    const at = this.#expiresAt();
    return at === undefined ? undefined : Math.max(0, at - Date.now());
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#onVisible);
    this.restart();
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#onVisible);
    // Disconnected: the timer is cleared and none is scheduled.
    this.restart();
  }

  /**
   * Call when the expiry changed (a new QR, or the first one after connecting): ticking starts
   * from it. Ticks only while the host is connected.
   */
  restart(): void {
    // Clearing a timer that already fired does nothing.
    clearTimeout(this.#timer);
    if (this.#host.isConnected) this.#schedule();
  }

  readonly #onVisible = () => {
    if (document.visibilityState === 'visible') this.restart();
    this.#host.requestUpdate();
  };

  #schedule(): void {
    const remaining = this.remaining;
    if (remaining === undefined || remaining <= 0) return;
    const untilNextSecond = remaining % 1000 || 1000;
    this.#timer = setTimeout(() => {
      this.#host.requestUpdate();
      this.#schedule();
    }, untilNextSecond);
  }
}
