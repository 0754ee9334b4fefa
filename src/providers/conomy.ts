import { CheckoutError } from '../core/errors.js';
import type { AdapterContext, ProviderAdapter } from './types.js';

/** Placeholder until the conomy client is written. */
export function createConomyAdapter(_ctx: AdapterContext): ProviderAdapter {
  throw new CheckoutError('config', 'conomy is not implemented yet');
}
