import { CheckoutError } from '../core/errors.js';
import type { AdapterContext, ProviderAdapter } from './types.js';

/** Placeholder until the kaipay client is written. */
export function createKaipayAdapter(_ctx: AdapterContext): ProviderAdapter {
  throw new CheckoutError('config', 'kaipay is not implemented yet');
}
