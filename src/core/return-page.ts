import type { ProviderId } from './status.js';
import { isProviderId } from './status.js';

/**
 * The return page (docs/return-page.md): hosted flows send the customer back to `return-url` with
 * `checkout_provider`, `checkout_ref` and `checkout_outcome`; the page announces it on this
 * same-origin BroadcastChannel and the flow whose ref matches settles.
 */
export const RETURN_CHANNEL = 'checkout-elements';
/** Popups the flow opens are named with this prefix, so the return page knows it may close itself. */
export const POPUP_NAME_PREFIX = 'checkout-elements-';
/** Written into the popup's own sessionStorage (names can be cleared by cross-site navigation). */
export const POPUP_MARKER_KEY = 'checkout-elements:popup';

export type ReturnOutcome = 'success' | 'failure' | 'cancel';

export interface ReturnMessage {
  provider: ProviderId;
  ref: string;
  outcome: ReturnOutcome;
}

/** A random reference for one flow (128 bits, hex). */
export function makeRef(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function buildReturnUrl(returnUrl: string, provider: ProviderId, ref: string, outcome: ReturnOutcome, base?: string): string {
  const url = new URL(returnUrl, base);
  url.searchParams.append('checkout_provider', provider);
  url.searchParams.append('checkout_ref', ref);
  url.searchParams.append('checkout_outcome', outcome);
  return url.toString();
}

export function buildReturnUrls(returnUrl: string, provider: ProviderId, ref: string, base?: string) {
  return {
    success: buildReturnUrl(returnUrl, provider, ref, 'success', base),
    failure: buildReturnUrl(returnUrl, provider, ref, 'failure', base),
    cancel: buildReturnUrl(returnUrl, provider, ref, 'cancel', base),
  };
}

/** The return-page message a URL carries, if it is one. */
export function readReturnMessage(url: string): ReturnMessage | undefined {
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    return undefined;
  }
  const provider = params.get('checkout_provider');
  const ref = params.get('checkout_ref');
  const outcome = params.get('checkout_outcome');
  if (!isProviderId(provider) || !ref || !/^[\w-]{1,128}$/.test(ref)) return undefined;
  if (outcome !== 'success' && outcome !== 'failure' && outcome !== 'cancel') return undefined;
  return { provider, ref, outcome };
}

function isReturnMessage(value: unknown): value is ReturnMessage {
  if (!value || typeof value !== 'object') return false;
  const message = value as Record<string, unknown>;
  return (
    isProviderId(message.provider) &&
    typeof message.ref === 'string' &&
    (message.outcome === 'success' || message.outcome === 'failure' || message.outcome === 'cancel')
  );
}

/**
 * Run on library load: when this page is a return page, tell the flow (in this or another tab)
 * and close the window if it is the flow's popup. Returns the message it announced.
 */
export function announceReturn(win: Window = window): ReturnMessage | undefined {
  const message = readReturnMessage(win.location.href);
  if (!message || typeof BroadcastChannel === 'undefined') return message;
  const channel = new BroadcastChannel(RETURN_CHANNEL);
  channel.postMessage(message);
  channel.close();
  if (isFlowPopup(win, message.ref)) win.close();
  return message;
}

function isFlowPopup(win: Window, ref: string): boolean {
  let marker: string | null = null;
  try {
    marker = win.sessionStorage?.getItem(POPUP_MARKER_KEY) ?? null;
  } catch {
    // no storage: rely on the name
  }
  return marker === ref || win.name === `${POPUP_NAME_PREFIX}${ref}`;
}

/** Calls back with the return message of one flow's ref. Returns the unsubscribe function. */
export function listenForReturn(ref: string, callback: (message: ReturnMessage) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(RETURN_CHANNEL);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    if (isReturnMessage(event.data) && event.data.ref === ref) callback(event.data);
  };
  return () => channel.close();
}
