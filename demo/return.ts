import { isProviderId } from '../src/core/status.js';

/**
 * The demo's return page (docs/return-page.md): `<session-status>` shows the outcome the URL
 * announces for its provider. Its attributes are set before the library loads, so the element
 * starts with them (no configuration error for a missing provider first).
 */
const provider = new URLSearchParams(location.search).get('checkout_provider');
const status = document.getElementById('return-status')!;

if (isProviderId(provider)) {
  status.setAttribute('provider', provider);
} else {
  status.remove();
  document.getElementById('return-intro')!.textContent =
    'No checkout came back here: this page is opened by a hosted checkout, with the outcome in its URL.';
}

await import('../src/define.js');
