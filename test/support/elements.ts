import type { CheckoutErrorDetail } from '../../src/core/errors.js';
import type { CheckoutDetail } from '../../src/core/status.js';
import { STATUS_STATES } from '../../src/controllers/status-states.js';

export const CHECKOUT_EVENTS = [
  'checkout-open', 'checkout-close', 'checkout-status', 'checkout-success',
  'checkout-failure', 'checkout-expired', 'checkout-cancel', 'checkout-error',
] as const;
export type CheckoutEventType = (typeof CHECKOUT_EVENTS)[number];

export interface RecordedEvent {
  type: CheckoutEventType;
  detail: CheckoutDetail & CheckoutErrorDetail;
  target: EventTarget | null;
  bubbles: boolean;
  composed: boolean;
}

/** Records every checkout-* event that reaches `target` (listen on the element the merchant placed). */
export function recordEvents(target: EventTarget) {
  const events: RecordedEvent[] = [];
  const listener = (event: Event) => {
    const { detail } = event as Event & { detail: RecordedEvent['detail'] };
    events.push({ type: event.type as CheckoutEventType, detail, target: event.target, bubbles: event.bubbles, composed: event.composed });
  };
  for (const type of CHECKOUT_EVENTS) target.addEventListener(type, listener);
  return {
    events,
    of: (type: CheckoutEventType) => events.filter((event) => event.type === type),
    types: () => events.map((event) => event.type),
    stop: () => {
      for (const type of CHECKOUT_EVENTS) target.removeEventListener(type, listener);
    },
  };
}

/** The status custom states the element matches (`:state(pending)`...): one at most, none before a session. */
export function statusStates(el: Element): string[] {
  return STATUS_STATES.filter((status) => el.matches(`:state(${status})`));
}

/** Markup and script payloads for the "rendered literally, nothing executed" tests. */
export const HOSTILE = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>"\'&';

/** True when none of the hostile payloads ran or made elements anywhere under `root`. */
export function nothingExecuted(root: Element): boolean {
  const seen = (node: Element | ShadowRoot): boolean => {
    if (node.querySelector('img[src="x"], script:not([src])')) return false;
    for (const element of node.querySelectorAll('*')) if (element.shadowRoot && !seen(element.shadowRoot)) return false;
    return true;
  };
  return !(window as { __xss?: number }).__xss && seen(root) && (!root.shadowRoot || seen(root.shadowRoot));
}

/** All text in an element and its shadow roots, in document order. */
export function deepText(node: Node): string {
  if (node instanceof Text) return node.data;
  let text = '';
  if (node instanceof Element && node.shadowRoot) text += deepText(node.shadowRoot);
  for (const child of node.childNodes) text += deepText(child);
  return text;
}
