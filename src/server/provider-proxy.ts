import { DEFAULT_PROXY_BASE, logOf, nowOf, redact, type CheckoutServerConfig } from './config.js';
import { HttpError, readText } from './http.js';
import { toMajor, toMinor } from '../core/money.js';
import { PROXIED_PROVIDERS, ProxyTokens, type IssuedToken, type ProxiedProvider, type ProxyPrice } from './proxy-tokens.js';
import { storeOf } from './store.js';

/**
 * The merchant's proxy for providers whose API key is a secret (KaiPay's Bearer key, WeWire's
 * `ww-api-key`), as a web-standard handler. The token handler gives the browser
 * `apiBase = {origin}/api/proxy/{provider}` and a proxy token; the browser's provider client sends
 * that token in the provider's own auth header, and the proxy swaps it for the secret. Only the
 * calls the elements make are let through, and a token reaches only the sessions it created (or
 * was issued for).
 */

interface ProxyRoute {
  method: string;
  /** Matches the path below the provider base; group 1, when present, is the session id. */
  path: RegExp;
  /** The answer's `id` is a new session the token may then follow. */
  creates?: boolean;
}

interface ProviderRules {
  /** Reads the proxy token from the header the provider client sends. */
  tokenOf(request: Request): string | undefined;
  /** The secret auth headers the proxy adds upstream. */
  secretHeaders(config: CheckoutServerConfig): Record<string, string>;
  routes: ProxyRoute[];
  /** An error body in the provider's own shape. */
  error(status: number, message: string): unknown;
  /** What a create body asks to be paid, in minor units. */
  priceOf(body: { amount?: unknown; currency?: unknown }): ProxyPrice | undefined;
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 413: 'Payload Too Large', 502: 'Bad Gateway', 504: 'Gateway Timeout' };

const RULES: Record<ProxiedProvider, ProviderRules> = {
  kaipay: {
    tokenOf: (request) => /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1],
    secretHeaders: (config) => ({ Authorization: `Bearer ${config.kaipay!.secretKey}` }),
    routes: [{ method: 'POST', path: /^\/client-session$/, creates: true }],
    error: (status, message) => ({ message, error: REASONS[status] ?? 'Error' }),
    // KaiPay's amount is already in minor units.
    priceOf: ({ amount, currency }) => (typeof amount === 'number' && typeof currency === 'string' ? { amount, currency } : undefined),
  },
  wewire: {
    tokenOf: (request) => request.headers.get('ww-api-key') ?? undefined,
    secretHeaders: (config) => ({ 'ww-api-key': config.wewire!.apiKey }),
    routes: [
      { method: 'POST', path: /^\/api\/v1\/checkout$/, creates: true },
      { method: 'GET', path: /^\/api\/v1\/checkout\/sessions\/([^/]+)$/ },
      { method: 'POST', path: /^\/api\/v1\/checkout\/([^/]+)\/(?:expire|cancel)$/ },
      // Not `GET /api/v1/checkout`: it lists every customer's checkouts.
    ],
    error: (statusCode, message) => ({ statusCode, message }),
    // WeWire's is in major units: exactly what the elements make of a minor amount, or nothing.
    priceOf: ({ amount, currency }) => {
      const minor = typeof amount === 'number' && typeof currency === 'string' ? toMinor(amount, currency) : undefined;
      return minor !== undefined && toMajor(minor, currency as string) === amount ? { amount: minor, currency: currency as string } : undefined;
    },
  },
};

/** Response headers passed back to the browser. */
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'retry-after'];

/** Statuses whose answer has no body (a Response refuses one). */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

export function createProviderProxy(config: CheckoutServerConfig): (request: Request) => Promise<Response> {
  const base = (config.proxy?.base ?? DEFAULT_PROXY_BASE).replace(/\/+$/, '');
  const tokens = new ProxyTokens(storeOf(config), { now: nowOf(config) });
  const doFetch = config.fetch ?? fetch;
  const log = logOf(config);

  return async function providerProxy(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const below = url.pathname.startsWith(`${base}/`) ? url.pathname.slice(base.length) : '';
    const match = /^\/([a-z]+)(\/.*)?$/.exec(below);
    const provider = PROXIED_PROVIDERS.find((candidate) => candidate === match?.[1]);
    const cors = corsHeaders(request, config.proxy?.corsOrigins ?? []);
    const answer = (status: number, body: unknown) =>
      new Response(JSON.stringify(body), { status, headers: { ...cors, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
    if (!provider) return answer(404, { statusCode: 404, message: `no proxied provider at ${url.pathname}` });
    const path = match![2] ?? '/';
    const rules = RULES[provider];
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: cors });
    if (!config[provider]) return answer(404, rules.error(404, `${provider} is not proxied here`));

    const route = rules.routes.find((candidate) => candidate.method === request.method && candidate.path.test(path));
    if (!route) return answer(404, rules.error(404, `${request.method} ${path} is not available through this proxy`));
    const issued = await tokens.find(rules.tokenOf(request) ?? '', provider);
    // 401 in the provider's shape: the elements ask the token endpoint again (with the session id) and retry.
    if (!issued) return answer(401, rules.error(401, 'Unauthorized'));
    const sessionId = route.path.exec(path)?.[1];
    if (sessionId !== undefined && !(await tokens.reaches(issued, safeDecode(sessionId)))) {
      return answer(401, rules.error(401, 'This token is not valid for that checkout session'));
    }

    let body: string | undefined;
    try {
      body = request.method === 'GET' ? undefined : await readText(request);
    } catch (error) {
      if (error instanceof HttpError) return answer(error.status, rules.error(error.status, error.message));
      throw error;
    }
    if (route.creates && !samePrice(issued.price, rules.priceOf(jsonObject(body)))) {
      // The amount `authorize` decided (or the token request named) is the one paid, whatever the page sends.
      return answer(400, rules.error(400, 'The amount or currency is not the one this token was issued for'));
    }
    let upstream: Response;
    let text: string;
    try {
      upstream = await doFetch(`${config[provider]!.apiBase.replace(/\/+$/, '')}${path}${url.search}`, {
        method: request.method,
        headers: {
          Accept: 'application/json',
          ...(body ? { 'Content-Type': request.headers.get('content-type') ?? 'application/json' } : {}),
          ...rules.secretHeaders(config),
        },
        ...(body ? { body } : {}),
        signal: AbortSignal.timeout(config.timeoutMs ?? 15_000),
      });
      // The body too: a provider can stall or drop the connection after its headers. A provider's
      // error may quote the key it was sent: the browser never sees a secret.
      text = redact(config, await upstream.text());
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      log(`checkout-elements proxy: ${provider} ${request.method} ${path}: ${timedOut ? 'timed out' : 'could not be reached'}`);
      return answer(timedOut ? 504 : 502, rules.error(timedOut ? 504 : 502, `${provider} could not be reached`));
    }
    if (route.creates && upstream.ok) await bindCreatedSession(tokens, issued, text);
    const headers: Record<string, string> = { ...cors, 'Cache-Control': 'no-store' };
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = upstream.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    return new Response(NULL_BODY_STATUSES.has(upstream.status) ? null : text, { status: upstream.status, headers });
  };
}

async function bindCreatedSession(tokens: ProxyTokens, issued: IssuedToken, text: string): Promise<void> {
  let id: unknown;
  try {
    id = (JSON.parse(text) as { id?: unknown }).id;
  } catch {
    return; // Not JSON: nothing to follow.
  }
  if (typeof id === 'string' || typeof id === 'number') await tokens.bind(issued, String(id));
}

function samePrice(issued: ProxyPrice | undefined, asked: ProxyPrice | undefined): boolean {
  return !!issued && !!asked && issued.amount === asked.amount && issued.currency === asked.currency.toUpperCase();
}

function jsonObject(text: string | undefined): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text ?? '');
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** `Retry-After` is always exposed (the elements honour it); CORS only for the configured origins. */
function corsHeaders(request: Request, allowed: string[]): Record<string, string> {
  const headers: Record<string, string> = { 'Access-Control-Expose-Headers': 'Retry-After' };
  const origin = request.headers.get('origin');
  if (origin && allowed.includes(origin)) {
    Object.assign(headers, {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept, ww-api-key',
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    });
  }
  return headers;
}
