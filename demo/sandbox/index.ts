import type { HttpHandler } from 'msw';
import { createContext } from './route.js';
import { SandboxState } from './state.js';
import { tokenEndpointHandlers, TOKEN_PATH } from './token-endpoint.js';
import { kamipayHandlers } from './kamipay.js';
import { kaipayHandlers } from './kaipay.js';
import { conomyHandlers, createPaymentLinkToken } from './conomy.js';
import { wewireHandlers } from './wewire.js';

export { SandboxState } from './state.js';
export type { Fault, Hold, HeldRequest, RecordedRequest, RequestMatch, SandboxOutcome, SandboxSession, SandboxProvider } from './state.js';
export { pixEmv, crc16 } from './pix.js';
export { TOKEN_PATH } from './token-endpoint.js';

export interface Sandbox {
  state: SandboxState;
  handlers: HttpHandler[];
  origin: string;
  /** The token endpoint URL the elements get as `token-url`. */
  tokenUrl: string;
  /** A provider's simulated API base. */
  base(provider: 'kamipay' | 'kaipay' | 'conomy' | 'wewire'): string;
}

/**
 * The simulated providers and merchant token endpoint, mounted under `{origin}/sandbox/`.
 * One definition serves the tests (msw in the page) and the demo.
 */
export function createSandbox(origin: string, state = new SandboxState()): Sandbox {
  const base = (provider: string) => `${origin}/sandbox/${provider}`;
  const handlers: HttpHandler[] = [
    ...tokenEndpointHandlers(state, origin, {
      conomyCheckoutToken: (body) => createPaymentLinkToken(state, body),
    }),
    ...kamipayHandlers(createContext(state, 'kamipay', base('kamipay'))),
    ...kaipayHandlers(createContext(state, 'kaipay', base('kaipay'))),
    ...conomyHandlers(createContext(state, 'conomy', base('conomy'))),
    ...wewireHandlers(createContext(state, 'wewire', base('wewire'))),
  ];
  return { state, handlers, origin, tokenUrl: `${origin}${TOKEN_PATH}`, base };
}
