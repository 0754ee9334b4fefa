import { POPUP_NAME_PREFIX, POPUP_MARKER_KEY } from '../../core/return-page.js';
import { safeUrl } from '../../core/url.js';

export type HandOff = 'opened' | 'redirected' | 'blocked';

const POPUP_FEATURES = 'popup,width=480,height=760';

/**
 * Opens the provider's hosted page, from the customer's click: in a popup by default, or by
 * navigating this page (`redirect`). Only safe URLs are opened (docs/security.md; throws `config`).
 * The popup is cut from this page (`opener = null`: the provider's page cannot navigate ours) and
 * marked in its own sessionStorage, so the return page knows to close itself.
 */
export function openHosted(url: string, ref: string, redirect: boolean, win: Window = window): HandOff {
  const target = safeUrl(url, 'the payment page');
  if (redirect) {
    win.location.assign(target);
    return 'redirected';
  }
  const popup = win.open('about:blank', `${POPUP_NAME_PREFIX}${ref}`, POPUP_FEATURES);
  if (!popup) return 'blocked';
  try {
    popup.sessionStorage.setItem(POPUP_MARKER_KEY, ref);
  } catch {
    // Storage blocked in the popup: the return page falls back on its window name.
  }
  popup.opener = null;
  popup.location.href = target;
  return 'opened';
}
