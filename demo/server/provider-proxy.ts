import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readRawBody, requestPath, sendJson, type Middleware } from './node-http.js';

/**
 * A merchant proxy for providers whose API key is a secret (KaiPay's Bearer key, WeWire's
 * `ww-api-key`): the token endpoint hands the browser `apiBase = {origin}/api/proxy/{provider}` and
 * a short-lived random token; the browser's provider client sends that token in the provider's own
 * auth header, and the proxy swaps it for the secret. Only the calls the elements make are let
 * through, and a token reaches only the sessions it created (or was issued for).
 */

export type ProxiedProvider = 'kaipay' | 'wewire';

export interface ProxyGrant {
  token: string;
  /** ISO 8601. */
  expiresAt: string;
}

interface IssuedToken {
  provider: ProxiedProvider;
  expiresAt: number;
  /** Sessions this token may read or act on. */
  sessions: Set<string>;
}

export const DEFAULT_PROXY_TOKEN_SECONDS = 10 * 60;

/** The proxy's own tokens, in memory (a real deployment with several instances keeps them in its shared store). */
export class ProxyTokens {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly lifetimeSeconds = DEFAULT_PROXY_TOKEN_SECONDS,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** A token for one provider; `sessionId` when the browser asks again for a session it follows. */
  issue(provider: ProxiedProvider, sessionId?: string): ProxyGrant {
    this.dropExpired();
    const token = `pxy_${randomBytes(24).toString('base64url')}`;
    const expiresAt = this.now() + this.lifetimeSeconds * 1000;
    this.tokens.set(token, { provider, expiresAt, sessions: new Set(sessionId ? [sessionId] : []) });
    return { token, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** The live token of that provider, or undefined. */
  find(token: string, provider: ProxiedProvider): IssuedToken | undefined {
    const issued = this.tokens.get(token);
    return issued && issued.provider === provider && issued.expiresAt > this.now() ? issued : undefined;
  }

  private dropExpired(): void {
    const now = this.now();
    for (const [token, issued] of this.tokens) if (issued.expiresAt <= now) this.tokens.delete(token);
  }
}

interface ProxyRoute {
  method: string;
  /** Matches the path below the provider base; group 1, when present, is the session id. */
  path: RegExp;
  /** The answer's `id` is a new session the token may then follow. */
  creates?: boolean;
}

interface ProviderRules {
  /** Reads the proxy token from the header the provider client sends. */
  tokenOf(req: IncomingMessage): string | undefined;
  routes: ProxyRoute[];
  /** An error body in the provider's own shape. */
  error(status: number, message: string): unknown;
}

const REASONS: Record<number, string> = { 401: 'Unauthorized', 404: 'Not Found', 502: 'Bad Gateway', 504: 'Gateway Timeout' };

const RULES: Record<ProxiedProvider, ProviderRules> = {
  kaipay: {
    tokenOf: (req) => /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1],
    routes: [{ method: 'POST', path: /^\/client-session$/, creates: true }],
    error: (status, message) => ({ message, error: REASONS[status] ?? 'Error' }),
  },
  wewire: {
    tokenOf: (req) => headerValue(req, 'ww-api-key'),
    routes: [
      { method: 'POST', path: /^\/api\/v1\/checkout$/, creates: true },
      { method: 'GET', path: /^\/api\/v1\/checkout\/sessions\/([^/]+)$/ },
      { method: 'POST', path: /^\/api\/v1\/checkout\/([^/]+)\/(?:expire|cancel)$/ },
      // Not `GET /api/v1/checkout`: it lists every customer's checkouts.
    ],
    error: (statusCode, message) => ({ statusCode, message }),
  },
};

export interface UpstreamConfig {
  /** The provider's real API base (server side). */
  apiBase: string;
  /** The secret auth headers the proxy adds. */
  headers: Record<string, string>;
}

export interface ProviderProxyOptions {
  tokens: ProxyTokens;
  upstream: Partial<Record<ProxiedProvider, UpstreamConfig>>;
  /** Where the proxy is mounted; default `/api/proxy` (then `/api/proxy/kaipay/...`). */
  base?: string;
  /** Origins allowed to call the proxy cross-origin; default none (same origin only). */
  corsOrigins?: string[];
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export const DEFAULT_PROXY_BASE = '/api/proxy';

/** Response headers passed back to the browser. */
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'retry-after'];

export function createProviderProxy(options: ProviderProxyOptions): Middleware {
  const base = (options.base ?? DEFAULT_PROXY_BASE).replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;

  async function handle(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): Promise<void> {
    const { pathname, search } = requestPath(req);
    const match = /^\/(kaipay|wewire)(\/.*)?$/.exec(pathname.startsWith(`${base}/`) ? pathname.slice(base.length) : '');
    if (!match) return next();
    const provider = match[1] as ProxiedProvider;
    const path = match[2] ?? '/';
    const rules = RULES[provider];
    const cors = corsHeaders(req, options.corsOrigins ?? []);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    const upstream = options.upstream[provider];
    if (!upstream) return sendJson(res, 404, rules.error(404, `${provider} is not proxied here`), cors);

    const route = rules.routes.find((candidate) => candidate.method === req.method && candidate.path.test(path));
    if (!route) return sendJson(res, 404, rules.error(404, `${req.method} ${path} is not available through this proxy`), cors);
    const issued = options.tokens.find(rules.tokenOf(req) ?? '', provider);
    // 401 in the provider's shape: the elements ask the token endpoint again (with the session id) and retry.
    if (!issued) return sendJson(res, 401, rules.error(401, 'Unauthorized'), cors);
    const sessionId = route.path.exec(path)?.[1];
    if (sessionId !== undefined && !issued.sessions.has(safeDecode(sessionId))) {
      return sendJson(res, 401, rules.error(401, 'This token is not valid for that checkout session'), cors);
    }

    const body = req.method === 'GET' ? undefined : await readRawBody(req);
    let answer: Response;
    try {
      answer = await doFetch(`${upstream.apiBase.replace(/\/+$/, '')}${path}${search}`, {
        method: req.method ?? 'GET',
        headers: {
          Accept: 'application/json',
          ...(body?.length ? { 'Content-Type': req.headers['content-type'] ?? 'application/json' } : {}),
          ...upstream.headers,
        },
        ...(body?.length ? { body: new Uint8Array(body) } : {}),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      return sendJson(res, timedOut ? 504 : 502, rules.error(timedOut ? 504 : 502, `${provider} could not be reached`), cors);
    }
    const text = await answer.text();
    if (route.creates && answer.ok) bindCreatedSession(issued, text);
    const headers: Record<string, string> = { ...cors, 'Cache-Control': 'no-store' };
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = answer.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    res.writeHead(answer.status, headers);
    res.end(text);
  }

  return (req, res, next) => {
    handle(req, res, next).catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      if (error instanceof BodyTooLargeError) return sendJson(res, 413, { message: error.message });
      next(error);
    });
  };
}

function bindCreatedSession(issued: IssuedToken, text: string): void {
  try {
    const id = (JSON.parse(text) as { id?: unknown }).id;
    if (typeof id === 'string' || typeof id === 'number') issued.sessions.add(String(id));
  } catch {
    // Not JSON: nothing to follow.
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `Retry-After` is always exposed (SPEC "Security"); CORS only for the configured origins. */
function corsHeaders(req: IncomingMessage, allowed: string[]): Record<string, string> {
  const headers: Record<string, string> = { 'Access-Control-Expose-Headers': 'Retry-After' };
  const origin = req.headers.origin;
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
