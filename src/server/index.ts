/**
 * `checkout-elements/server`: the merchant's server side, as web-standard handlers
 * (`(request: Request) => Promise<Response>`) for Node, Bun, Deno, Cloudflare Workers, Next.js
 * route handlers and Hono, plus `toNodeListener()` for `node:http` and Express. No DOM, no Lit.
 */
export { createTokenHandler } from './token-handler.js';
export { createProviderProxy } from './provider-proxy.js';
export { confirmPayment, ConfirmError, type ConfirmErrorCode, type ConfirmedStatus, type PaymentConfirmation } from './confirm.js';
export { createConomyWebhookHandler, type ConomyWebhookEvent, type ConomyWebhookOptions } from './conomy-webhook.js';
export { toNodeListener, type NodeListener, type NodeListenerOptions, type NodeRequest, type NodeResponse, type WebHandler } from './node.js';
export { MemoryTokenStore, type TokenStore } from './store.js';
export { RedisTokenStore, type RedisCommandClient, type RedisTokenStoreOptions } from './redis-store.js';
export { ProxyTokens, DEFAULT_PROXY_TOKEN_SECONDS, type ProxiedProvider, type ProxyGrant, type ProxyTokensOptions } from './proxy-tokens.js';
export { MAX_BODY_BYTES } from './http.js';
export type { TokenRequestBody } from './token-request.js';
export {
  DEFAULT_PROXY_BASE,
  type AuthorizeTokenRequest,
  type CheckoutServerConfig,
  type ConomyConfig,
  type KaipayConfig,
  type KamipayConfig,
  type ProxyConfig,
  type WewireConfig,
} from './config.js';
