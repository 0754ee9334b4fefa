import type { AdapterContext, ProviderAdapter } from './types.js';
import { createKamipayAdapter } from './kamipay.js';
import { createKaipayAdapter } from './kaipay.js';
import { createConomyAdapter } from './conomy.js';
import { createWewireAdapter } from './wewire.js';

export type * from './types.js';

/** The adapter for the context's provider. */
export function createAdapter(ctx: AdapterContext): ProviderAdapter {
  switch (ctx.provider) {
    case 'kamipay':
      return createKamipayAdapter(ctx);
    case 'kaipay':
      return createKaipayAdapter(ctx);
    case 'conomy':
      return createConomyAdapter(ctx);
    case 'wewire':
      return createWewireAdapter(ctx);
  }
}
