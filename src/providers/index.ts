import type { AdapterContext, AdapterRegistry, ProviderAdapter } from '../core/adapter.js';
import { CheckoutError } from '../core/errors.js';
import { createKamipayAdapter } from './kamipay.js';
import { createKaipayAdapter } from './kaipay.js';
import { createConomyAdapter } from './conomy.js';
import { createWewireAdapter } from './wewire.js';

export { kamipayRegisters } from './kamipay-directory.js';

export type * from './types.js';

/** All four providers: what the entries hand the flows (a one-provider build hands one). */
export const defaultAdapters: AdapterRegistry = {
  kamipay: createKamipayAdapter,
  kaipay: createKaipayAdapter,
  conomy: createConomyAdapter,
  wewire: createWewireAdapter,
};

/** The adapter for the context's provider. */
export function createAdapter(ctx: AdapterContext): ProviderAdapter {
  const create = defaultAdapters[ctx.provider];
  if (!create) throw new CheckoutError('config', `Unknown provider "${String(ctx.provider)}".`);
  return create(ctx);
}
