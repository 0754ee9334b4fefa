/**
 * Registers the library's custom elements (guarded: loading the script twice does not throw) and,
 * on a return page, announces the hosted checkout's outcome (SPEC "Return page").
 */
import { announceReturn } from './core/return-page.js';

if (typeof window !== 'undefined') announceReturn(window);

export * from './index.js';
