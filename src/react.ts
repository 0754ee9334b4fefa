/**
 * React components for the elements, made with `@lit/react`: properties pass through as props
 * (`order` included) and every checkout event has an `on…` prop (`onCheckoutSuccess`...). Importing
 * this entry registers the tags (guarded) and announces a return page when there is a browser; in
 * Node it only defines the components, so server rendering does not throw.
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { activate } from './define-elements.js';
import { defaultAdapters, kamipayRegisters } from './providers/index.js';
import { CheckoutButtonElement } from './elements/checkout-button/checkout-button.js';
import { CheckoutModalElement } from './elements/checkout-modal/checkout-modal.js';
import { CajaQrElement } from './elements/caja-qr/caja-qr.js';
import { SessionStatusElement } from './elements/session-status/session-status.js';
import type {
  CheckoutCancelEvent, CheckoutCloseEvent, CheckoutErrorEvent, CheckoutExpiredEvent, CheckoutFailureEvent,
  CheckoutOpenEvent, CheckoutStatusEvent, CheckoutSuccessEvent,
} from './events.js';

activate(defaultAdapters, kamipayRegisters);

// The wrapper sets a prop as a property when the class's prototype has it. Lit makes the
// accessors of `static properties` when a class is finalized, which defining it does; this copy
// of the classes may never be defined (another copy registered the tags first), so finalize here.
for (const element of [CheckoutButtonElement, CheckoutModalElement, CajaQrElement, SessionStatusElement]) void element.observedAttributes;

const outcomeEvents = {
  onCheckoutStatus: 'checkout-status' as EventName<CheckoutStatusEvent>,
  onCheckoutSuccess: 'checkout-success' as EventName<CheckoutSuccessEvent>,
  onCheckoutFailure: 'checkout-failure' as EventName<CheckoutFailureEvent>,
  onCheckoutExpired: 'checkout-expired' as EventName<CheckoutExpiredEvent>,
  onCheckoutCancel: 'checkout-cancel' as EventName<CheckoutCancelEvent>,
  onCheckoutError: 'checkout-error' as EventName<CheckoutErrorEvent>,
};

const dialogEvents = {
  ...outcomeEvents,
  onCheckoutOpen: 'checkout-open' as EventName<CheckoutOpenEvent>,
  onCheckoutClose: 'checkout-close' as EventName<CheckoutCloseEvent>,
};

export const CheckoutButton = createComponent({
  react: React,
  tagName: 'checkout-button',
  elementClass: CheckoutButtonElement,
  events: dialogEvents,
  displayName: 'CheckoutButton',
});

export const CheckoutModal = createComponent({
  react: React,
  tagName: 'checkout-modal',
  elementClass: CheckoutModalElement,
  events: dialogEvents,
  displayName: 'CheckoutModal',
});

const CajaQrComponent = createComponent({
  react: React,
  tagName: 'caja-qr',
  elementClass: CajaQrElement,
  events: outcomeEvents,
  displayName: 'CajaQr',
});

/**
 * `<caja-qr>` charges each time `amount` is set (with `continuous`, for the next customer), and
 * @lit/react sets every prop again on every render: a parent's re-render (a success handler's
 * setState) would start a charge. So `amount` reaches the element only when it changed; for a next
 * customer with the same amount, remount it (a new `key`) or set `amount` on the element (a ref).
 */
export const CajaQr = React.forwardRef<CajaQrElement, React.ComponentPropsWithoutRef<typeof CajaQrComponent>>(
  function CajaQr({ amount, ...props }, ref) {
    const element = React.useRef<CajaQrElement | null>(null);
    React.useImperativeHandle(ref, () => element.current!, []);
    const mounted = React.useRef(false);
    React.useEffect(() => {
      // Before the first amount there is nothing to set: an unset amount would be "no customer".
      if (element.current && (mounted.current || amount !== undefined)) element.current.amount = amount;
      mounted.current = true;
    }, [amount]);
    return React.createElement(CajaQrComponent, { ...props, ref: element });
  },
);

export const SessionStatus = createComponent({
  react: React,
  tagName: 'session-status',
  elementClass: SessionStatusElement,
  events: outcomeEvents,
  displayName: 'SessionStatus',
});

export * from './index.js';
