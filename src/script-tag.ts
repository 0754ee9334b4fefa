/**
 * The script-tag bundle (dist/checkout-elements.js): registers the elements on load, like the
 * `define` entry, and exports what a page script uses next to them — the element and event
 * classes, `CheckoutError`, the status model and money helpers. The provider clients (each
 * provider's raw calls, schemas and credential exchanges) are an npm-entry API for code that
 * builds its own flow, often on a server; leaving them out keeps the file every customer
 * downloads smaller (the calls the elements make are bundled either way).
 */
import { activate } from './define-elements.js';

activate();

export { ELEMENTS, defineElements } from './define-elements.js';
export { CheckoutButtonElement } from './elements/checkout-button/checkout-button.js';
export { CheckoutModalElement } from './elements/checkout-modal/checkout-modal.js';
export { CajaQrElement } from './elements/caja-qr/caja-qr.js';
export { SessionStatusElement } from './elements/session-status/session-status.js';
export { CheckoutQrElement } from './elements/checkout-qr/checkout-qr.js';
export * from './events.js';
export { CheckoutError } from './core/errors.js';
export { LOCALES } from './core/i18n.js';
export { TERMINAL_STATUSES, PROVIDER_IDS, isTerminal, isProviderId } from './core/status.js';
export { TokenClient } from './core/token.js';
export { CheckoutFlow } from './core/flow.js';
export { PollRegistry, pagePollRegistry } from './core/poller.js';
export { announceReturn, readReturnMessage, RETURN_CHANNEL } from './core/return-page.js';
export { toMajor, toMinor, currencyExponent } from './core/money.js';
export { createAdapter } from './providers/index.js';
