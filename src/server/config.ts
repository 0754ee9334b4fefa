import { transport } from '../providers/shared.js';
import type { TokenStore } from './store.js';
import type { TokenRequestBody } from './token-request.js';

/**
 * The merchant's provider configuration: one object for the token handler, the proxy and
 * `confirmPayment`, so each provider's secrets are named once. Every secret stays on the server:
 * none is ever put in a response, an error message or a log line (see `redact`).
 */

export interface KamipayConfig {
  apiBase: string;
  username: string;
  password: string;
  /** Used when the token is not a JWT with `exp` (kamiPay: 1 h – 1 day). Default 3600. */
  tokenLifetimeSeconds?: number;
}

export interface ConomyConfig {
  apiBase: string;
  /** `x-api-key`: it identifies the integration and goes to the browser with the token. */
  apiKey: string;
  clientId: string;
  clientSecret: string;
  /** The merchant's Conomy identity (`owner`) and the account the money goes to (`destinations`). */
  owner: { identityId: string; name?: string };
  account: { accountNumber: string; accountHolder: string; type?: string };
  /** Payment node types offered; default `PIX`, `CARD`. */
  paymentMethods?: string[];
  /** Seconds the session stays payable; default 900 (at least 30). */
  sessionSeconds?: number;
  /** Where Conomy's hosted page sends the customer; absolute, or relative to the public origin. */
  successUrl?: string;
  failedUrl?: string;
}

export interface KaipayConfig {
  apiBase: string;
  /** KaiPay's secret key (`Authorization: Bearer`); the browser reaches KaiPay through the proxy. */
  secretKey: string;
}

export interface WewireConfig {
  apiBase: string;
  /** WeWire's `ww-api-key`; the browser reaches WeWire through the proxy. */
  apiKey: string;
}

export interface ProxyConfig {
  /** Where the proxy is mounted; default `/api/proxy` (then `/api/proxy/kaipay/...`). */
  base?: string;
  /** Seconds a proxy token lives; default 600. */
  tokenSeconds?: number;
  /** Origins allowed to call the proxy cross-origin; default none (same origin only). */
  corsOrigins?: string[];
}

/**
 * What the token handler does with a request before granting: return the body to use (e.g. with
 * `amount` and `order.items` taken from your own cart), or a `Response` to answer instead (e.g. 403
 * when `sessionId` is not this customer's session).
 */
export type AuthorizeTokenRequest = (body: TokenRequestBody, request: Request) => TokenRequestBody | Response | Promise<TokenRequestBody | Response>;

export interface CheckoutServerConfig {
  kamipay?: KamipayConfig;
  conomy?: ConomyConfig;
  kaipay?: KaipayConfig;
  wewire?: WewireConfig;
  /** Proxy tokens and webhook deliveries; default one in-memory store per process. */
  store?: TokenStore;
  proxy?: ProxyConfig;
  /** The origin browsers reach this server at (for the proxy's `apiBase`); default the request's. */
  publicOrigin?: string;
  authorize?: AuthorizeTokenRequest;
  /** Milliseconds a provider call may take; default 15000. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** The clock of token expiry; default `Date.now`. */
  now?: () => number;
  /** Where failures are reported (already redacted); default `console.error`. */
  log?: (line: string) => void;
}

export const DEFAULT_PROXY_BASE = '/api/proxy';

/** The fetch and timeout every provider call of the configuration uses (the clients' own helper). */
export const transportOf: (config: CheckoutServerConfig) => { fetch?: typeof fetch; timeoutMs?: number } = transport;

export function nowOf(config: CheckoutServerConfig): () => number {
  return config.now ?? (() => Date.now());
}

/** Secrets shorter than this are not searched for: they would match ordinary words and paths. */
const MIN_SECRET_LENGTH = 8;

function secretsOf(config: CheckoutServerConfig): string[] {
  const values = [
    config.kamipay?.password,
    config.conomy?.clientSecret,
    config.conomy?.clientId,
    config.conomy?.apiKey,
    config.kaipay?.secretKey,
    config.wewire?.apiKey,
  ];
  return values.filter((value): value is string => typeof value === 'string' && value.length >= MIN_SECRET_LENGTH);
}

/** `text` with every configured secret replaced: for messages and log lines that quote a provider. */
export function redact(config: CheckoutServerConfig, text: string): string {
  return secretsOf(config).reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}

export function logOf(config: CheckoutServerConfig): (line: string) => void {
  const log = config.log ?? ((line: string) => console.error(line));
  return (line) => log(redact(config, line));
}
