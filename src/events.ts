import type { CheckoutErrorDetail } from './core/errors.js';
import type { CheckoutDetail, CheckoutStatus, ProviderId } from './core/status.js';

/**
 * The events of docs/status-model.md, one class each, all `bubbles` + `composed` so they reach the
 * merchant's listeners from inside shadow roots (an event of the modal inside `<checkout-button>`
 * arrives at the button, retargeted to it).
 */
abstract class CheckoutEvent<Detail> extends Event {
  readonly detail: Detail;

  constructor(type: string, detail: Detail) {
    super(type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

export interface CheckoutOpenDetail {
  provider: ProviderId;
}

/** The modal opened. */
export class CheckoutOpenEvent extends CheckoutEvent<CheckoutOpenDetail> {
  constructor(detail: CheckoutOpenDetail) {
    super('checkout-open', detail);
  }
}

/** The modal closed. */
export class CheckoutCloseEvent extends CheckoutEvent<CheckoutOpenDetail> {
  constructor(detail: CheckoutOpenDetail) {
    super('checkout-close', detail);
  }
}

/** Every change of status. */
export class CheckoutStatusEvent extends CheckoutEvent<CheckoutDetail> {
  constructor(detail: CheckoutDetail) {
    super('checkout-status', detail);
  }
}

/** The status became `succeeded` (once per session). */
export class CheckoutSuccessEvent extends CheckoutEvent<CheckoutDetail> {
  constructor(detail: CheckoutDetail) {
    super('checkout-success', detail);
  }
}

/** The status became `failed` (once per session). */
export class CheckoutFailureEvent extends CheckoutEvent<CheckoutDetail> {
  constructor(detail: CheckoutDetail) {
    super('checkout-failure', detail);
  }
}

/** The status became `expired` (once per session). */
export class CheckoutExpiredEvent extends CheckoutEvent<CheckoutDetail> {
  constructor(detail: CheckoutDetail) {
    super('checkout-expired', detail);
  }
}

/** The status became `cancelled` (once per session). */
export class CheckoutCancelEvent extends CheckoutEvent<CheckoutDetail> {
  constructor(detail: CheckoutDetail) {
    super('checkout-cancel', detail);
  }
}

/** The token endpoint, the network or a provider failed, or a response or attribute was invalid. */
export class CheckoutErrorEvent extends CheckoutEvent<CheckoutErrorDetail> {
  constructor(detail: CheckoutErrorDetail) {
    super('checkout-error', detail);
  }
}

const TERMINAL_EVENTS: Partial<Record<CheckoutStatus, new (detail: CheckoutDetail) => CheckoutEvent<CheckoutDetail>>> = {
  succeeded: CheckoutSuccessEvent,
  failed: CheckoutFailureEvent,
  expired: CheckoutExpiredEvent,
  cancelled: CheckoutCancelEvent,
};

/** `checkout-status`, then the terminal event when the status is terminal. */
export function dispatchStatus(target: EventTarget, detail: CheckoutDetail): void {
  target.dispatchEvent(new CheckoutStatusEvent(detail));
  const Terminal = TERMINAL_EVENTS[detail.status];
  if (Terminal) target.dispatchEvent(new Terminal(detail));
}

/** Every checkout event by name: typed on elements, and on `document`/`window` they bubble to. */
export interface CheckoutEventMap {
  'checkout-open': CheckoutOpenEvent;
  'checkout-close': CheckoutCloseEvent;
  'checkout-status': CheckoutStatusEvent;
  'checkout-success': CheckoutSuccessEvent;
  'checkout-failure': CheckoutFailureEvent;
  'checkout-expired': CheckoutExpiredEvent;
  'checkout-cancel': CheckoutCancelEvent;
  'checkout-error': CheckoutErrorEvent;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends CheckoutEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DocumentEventMap extends CheckoutEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface WindowEventMap extends CheckoutEventMap {}
}
