/**
 * The `define` entry (and the script-tag bundle): registers the library's custom elements and, on
 * a return page, announces the hosted checkout's outcome. Safe to load twice.
 */
import { activate } from './define-elements.js';
import { defaultAdapters, kamipayRegisters } from './providers/index.js';

activate(defaultAdapters, kamipayRegisters);

export { ELEMENTS, defineElements } from './define-elements.js';
export * from './index.js';
