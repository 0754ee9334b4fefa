import type { ReturnUrls } from './session.js';
import { isProviderId, type ProviderId } from './status.js';

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

const OUTCOMES: readonly ReturnOutcome[] = ['success', 'failure', 'cancel'];

/** The return URL of each outcome: `returnUrl` with the flow's provider, ref and that outcome. */
export function buildReturnUrls(returnUrl: string, provider: ProviderId, ref: string, base?: string): ReturnUrls {
  const urls = {} as ReturnUrls;
  for (const outcome of OUTCOMES) {
    const url = new URL(returnUrl, base);
    url.searchParams.append('checkout_provider', provider);
    url.searchParams.append('checkout_ref', ref);
    url.searchParams.append('checkout_outcome', outcome);
    urls[outcome] = url.toString();
  }
  return urls;
}

/** The message these fields make, when they make one (from a URL or another tab: untrusted). */
function returnMessageOf(provider: unknown, ref: unknown, outcome: unknown): ReturnMessage | undefined {
  if (!isProviderId(provider) || typeof ref !== 'string' || !/^[\w-]{1,128}$/.test(ref)) return undefined;
  return OUTCOMES.includes(outcome as ReturnOutcome) ? { provider, ref, outcome: outcome as ReturnOutcome } : undefined;
}

/** The return-page message a URL carries, if it is one. */
export function readReturnMessage(url: string): ReturnMessage | undefined {
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    return undefined;
  }
  return returnMessageOf(params.get('checkout_provider'), params.get('checkout_ref'), params.get('checkout_outcome'));
}

/**
 * Run on library load: when this page is a return page, tell the flow (in this or another tab)
 * and close the window if it is the flow's popup. Returns the message it announced.
 */
export function announceReturn(win: Window = window): ReturnMessage | undefined {
  const message = readReturnMessage(win.location.href);
  if (!message) return message;
  // Also kept for the flow's tab if it is not listening now (reloaded, or discarded by a phone
  // while the customer paid): resuming its session, it reads the outcome here.
  try {
    const storage = win.localStorage;
    const now = Date.now();
    // Outcomes no flow came back for (its payment given up) go after a day.
    for (let i = storage.length; i--; ) {
      const key = storage.key(i);
      if (!key?.startsWith(KEPT_PREFIX)) continue;
      const at = Number(/"at":(\d+)/.exec(storage.getItem(key) ?? '')?.[1]);
      if (!(at > now - KEPT_MS)) storage.removeItem(key);
    }
    storage.setItem(KEPT_PREFIX + message.ref, JSON.stringify({ ...message, at: now }));
  } catch {
    // No storage: the channel alone tells it.
  }
  if (typeof BroadcastChannel === 'undefined') return message;
  const channel = new BroadcastChannel(RETURN_CHANNEL);
  channel.postMessage(message);
  channel.close();
  if (isFlowPopup(win, message.ref)) win.close();
  return message;
}

/** Whether `win` is the popup a flow with this ref opened (its copy of the opener's storage says so). */
export function isFlowPopup(win: Window, ref: string): boolean {
  let marker: string | null = null;
  try {
    marker = win.sessionStorage?.getItem(POPUP_MARKER_KEY) ?? null;
  } catch {
    // no storage: rely on the name
  }
  return marker === ref || win.name === `${POPUP_NAME_PREFIX}${ref}`;
}

const KEPT_PREFIX = 'checkout-elements:return:';
const KEPT_MS = 86_400_000;

/** The outcome a return page kept for this ref (see `announceReturn`); `forget` removes it. */
export function keptReturn(ref: string, forget = false): ReturnMessage | undefined {
  try {
    const data = JSON.parse(localStorage.getItem(KEPT_PREFIX + ref) ?? 'null') as Record<string, unknown> | null;
    if (forget) localStorage.removeItem(KEPT_PREFIX + ref);
    const message = returnMessageOf(data?.provider, data?.ref, data?.outcome);
    return message?.ref === ref ? message : undefined;
  } catch {
    return undefined;
  }
}

/** Calls back with the return message of one flow's ref. Returns the unsubscribe function. */
export function listenForReturn(ref: string, callback: (message: ReturnMessage) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(RETURN_CHANNEL);
  // Anything may be posted on the channel: a field of a non-object reads as undefined.
  channel.onmessage = ({ data }: MessageEvent<Record<string, unknown> | null | undefined>) => {
    const message = returnMessageOf(data?.provider, data?.ref, data?.outcome);
    if (message?.ref === ref) callback(message);
  };
  return () => channel.close();
}
