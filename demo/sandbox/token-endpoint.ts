import type { HttpHandler } from 'msw';
import { createContext, json } from './route.js';
import type { SandboxState } from './state.js';

export const TOKEN_PATH = '/sandbox/token';

const PROVIDERS = new Set(['kamipay', 'kaipay', 'conomy', 'wewire']);

/**
 * A merchant token endpoint as docs/token-endpoint.md describes it: the provider credential
 * stays with the merchant; the browser gets a token and the API base. Conomy's sandbox also gets a
 * payment-link `checkoutToken` made for the order (see conomy.ts `createPaymentLinkToken`).
 */
export function tokenEndpointHandlers(
  state: SandboxState,
  origin: string,
  hooks: { conomyCheckoutToken?: (body: Record<string, unknown>) => string } = {},
): HttpHandler[] {
  const ctx = createContext(state, 'token', `${origin}${TOKEN_PATH}`);
  return [
    ctx.route('post', '', ({ body }) => {
      const request = (body ?? {}) as Record<string, unknown>;
      const provider = String(request.provider ?? '');
      if (!PROVIDERS.has(provider)) return json({ error: 'unknown provider' }, 400);
      const grant: Record<string, unknown> = {
        token: state.issueToken(provider as 'kamipay'),
        apiBase: `${origin}/sandbox/${provider}`,
      };
      if (provider === 'conomy') {
        grant.apiKey = 'sbx_conomy_api_key';
        if (!request.sessionId && hooks.conomyCheckoutToken) grant.checkoutToken = hooks.conomyCheckoutToken(request);
      }
      if (state.tokenLifetimeSeconds !== undefined) {
        grant.expiresAt = new Date(state.now() + state.tokenLifetimeSeconds * 1000).toISOString();
      }
      return json({ ...grant, ...state.tokenExtras });
    }),
  ];
}
