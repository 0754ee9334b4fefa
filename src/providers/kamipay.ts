import { CheckoutError } from '../core/errors.js';
import type { AdapterContext, ProviderAdapter } from './types.js';

/** Placeholder until the kamipay client is written. */
export function createKamipayAdapter(_ctx: AdapterContext): ProviderAdapter {
  throw new CheckoutError('config', 'kamipay is not implemented yet');
}
