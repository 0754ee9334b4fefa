import { CheckoutError } from '../core/errors.js';
import type { AdapterContext, ProviderAdapter } from './types.js';

/** Placeholder until the wewire client is written. */
export function createWewireAdapter(_ctx: AdapterContext): ProviderAdapter {
  throw new CheckoutError('config', 'wewire is not implemented yet');
}
