/**
 * checkout-elements: the class entry. No tag is registered here (import `checkout-elements/define`
 * for that) and nothing touches `window` at import time, so importing it in Node (server-side
 * rendering) does not throw. Its one effect: the flows may use all four providers.
 */
import { useAdapters } from './core/adapter.js';
import { useRegisters } from './core/registers.js';
import { defaultAdapters, kamipayRegisters } from './providers/index.js';

useAdapters(defaultAdapters);
useRegisters(kamipayRegisters);

export * from './api.js';
export { createAdapter, defaultAdapters, kamipayRegisters } from './providers/index.js';
export type { ApiAccess } from './providers/types.js';

/** The provider clients: each one's calls, schemas and status mapping (usable in Node too). */
export * as kamipay from './providers/kamipay.js';
export * as kaipay from './providers/kaipay.js';
export * as conomy from './providers/conomy.js';
export * as wewire from './providers/wewire.js';
