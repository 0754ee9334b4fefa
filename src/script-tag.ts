/**
 * The script-tag bundle (dist/checkout-elements.js): registers the elements on load, like the
 * `define` entry, and exports what a page script uses next to them (api.ts). The provider clients
 * (each provider's raw calls, schemas and credential exchanges) are an npm-entry API for code that
 * builds its own flow, often on a server; leaving them out keeps the file every customer
 * downloads smaller (the calls the elements make are bundled either way).
 */
import { activate } from './define-elements.js';
import { defaultAdapters, kamipayRegisters } from './providers/index.js';

activate(defaultAdapters, kamipayRegisters);

export { ELEMENTS, defineElements } from './define-elements.js';
export * from './api.js';
