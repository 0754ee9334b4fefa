/**
 * A one-provider script-tag bundle (dist/checkout-elements.kamipay.js): every element, kamiPay
 * alone. What a shop that takes Pix through kamiPay only downloads; the flow gets a registry with
 * one adapter, so the other three providers are never bundled. A `provider` attribute naming
 * another provider gives the elements' `config` error.
 */
import { activate } from './define-elements.js';
import { createKamipayAdapter } from './providers/kamipay.js';
import { kamipayRegisters } from './providers/kamipay-directory.js';

activate({ kamipay: createKamipayAdapter }, kamipayRegisters);

export { ELEMENTS, defineElements } from './define-elements.js';
export * from './api.js';
