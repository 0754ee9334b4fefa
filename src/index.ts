/**
 * checkout-elements: the class entry. No side effects (no tag is registered here: import
 * `checkout-elements/define` for that), and nothing touches `window` at import time, so
 * importing it in Node (server-side rendering) does not throw.
 */
export * from './api.js';

/** The provider clients: each one's calls, schemas and status mapping (usable in Node too). */
export * as kamipay from './providers/kamipay.js';
export * as kaipay from './providers/kaipay.js';
export * as conomy from './providers/conomy.js';
export * as wewire from './providers/wewire.js';
