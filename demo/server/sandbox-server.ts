import type { IncomingMessage, ServerResponse } from 'node:http';
import { getResponse } from 'msw';
import { createSandbox, SandboxState, type Fault, type Sandbox, type SandboxSession } from '../sandbox/index.js';
import { toRequest } from '../../src/server/node.js';
import { HttpError, readJson } from '../../src/server/http.js';
import { pixRequiredFields, setPixRequiredFields } from '../sandbox/conomy.js';
import { ACTIONS, CONTROL_PATH, PROVIDERS, type Action, type Provider, type SessionSummary } from '../sandbox/control-api.js';
import {
  publicOrigin,
  requestPath,
  sendJson,
  writeFetchResponse,
  type Middleware,
} from './node-http.js';

/**
 * The sandbox of the tests (demo/sandbox/, msw handlers) served by a Node server, so that real
 * navigations reach it too: a popup or a redirect to a provider's hosted page, its pay / fail /
 * cancel links, the redirect back to the merchant's return page. One SandboxState per server.
 */

export const SANDBOX_PREFIX = '/sandbox/';
export const CONTROL_PREFIX = CONTROL_PATH;


/** Browsers call the sandbox's APIs cross-origin when the page's host differs (`localhost` vs `127.0.0.1`), as with a real provider. */
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, DELETE, PATCH, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept, x-api-key, ww-api-key',
  'Access-Control-Expose-Headers': 'Retry-After',
  'Access-Control-Max-Age': '600',
};

/** Handler sets built for more origins than this (odd `Host` headers) are dropped, oldest first. */
const MAX_ORIGINS = 16;

export interface SandboxServerOptions {
  /** The sandbox clock (default `Date.now`). */
  now?: () => number;
  /** Called with each new state (the first, and each `reset()`'s): e.g. to send Conomy webhooks. */
  onState?: (state: SandboxState) => void;
}

export interface SandboxServer extends Middleware {
  /** The live state (replaced by `reset()`). */
  readonly state: SandboxState;
  /** A fresh state (the sandboxes' own seeds: kamiPay stores and wallets, merchant keys). */
  reset(): void;
}


/**
 * Middleware answering every request under `/sandbox/` with the same msw handlers the tests use,
 * and the JSON control API under `/sandbox/_control/`. Unmatched GETs fall through to `next()`
 * (Vite serves the demo's own `sandbox/*.ts` modules under the same prefix).
 */
export function sandboxMiddleware(options: SandboxServerOptions = {}): SandboxServer {
  let state = freshState();
  // Handlers are bound to an origin (they match absolute URLs and build hosted-page URLs from it).
  const sandboxes = new Map<string, Sandbox>();

  function freshState(): SandboxState {
    const fresh = new SandboxState(options.now);
    options.onState?.(fresh);
    return fresh;
  }

  function sandboxFor(origin: string): Sandbox {
    let sandbox = sandboxes.get(origin);
    if (!sandbox) {
      if (sandboxes.size >= MAX_ORIGINS) sandboxes.delete(sandboxes.keys().next().value!);
      sandboxes.set(origin, (sandbox = createSandbox(origin, state)));
    }
    return sandbox;
  }

  function reset(): void {
    state = freshState();
    sandboxes.clear();
  }

  async function handle(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): Promise<void> {
    const { pathname } = requestPath(req);
    if (!pathname.startsWith(SANDBOX_PREFIX)) return next();
    if (pathname.startsWith(CONTROL_PREFIX)) {
      return control(req, res, pathname.slice(CONTROL_PREFIX.length));
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS_HEADERS).end();
      return;
    }
    const origin = publicOrigin(req);
    const request = toRequest(req, { origin });
    const response = await getResponse(sandboxFor(origin).handlers, request);
    if (response) return writeFetchResponse(res, response, CORS_HEADERS);
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    sendJson(res, 404, { error: `no sandbox endpoint ${req.method} ${pathname}` }, CORS_HEADERS);
  }

  async function control(req: IncomingMessage, res: ServerResponse, route: string): Promise<void> {
    const { query } = requestPath(req);
    const key = `${req.method} ${route}`;
    if (key === 'GET sessions') return sendJson(res, 200, listSessions(state, publicOrigin(req)));
    if (key === 'GET requests') return sendJson(res, 200, listRequests(state, query));
    if (key === 'GET conomy-pix-fields') return sendJson(res, 200, { requiredFields: pixRequiredFields(state) });
    if (req.method !== 'POST') return sendJson(res, 404, { error: `no control endpoint ${key}` });

    const body = asRecord(await readJson(toRequest(req)));
    if (route === 'reset') {
      reset();
      return sendJson(res, 200, { ok: true });
    }
    if (route === 'revoke-tokens') {
      // Issued tokens only: the merchant's fixed keys stay valid, as with a real provider.
      state.revokeTokens();
      return sendJson(res, 200, { ok: true });
    }
    if (route === 'act') {
      const result = act(state, body);
      return typeof result === 'string'
        ? sendJson(res, result.startsWith('no ') ? 404 : 400, { error: result })
        : sendJson(res, 200, summarize(result, publicOrigin(req)));
    }
    if (route === 'conomy-pix-fields') {
      const fields = body.requiredFields;
      if (!Array.isArray(fields) || !fields.every((field) => typeof field === 'string')) {
        return sendJson(res, 400, { error: 'requiredFields must be an array of dot paths' });
      }
      return sendJson(res, 200, { requiredFields: setPixRequiredFields(state, fields) });
    }
    if (route === 'fault') {
      const fault = faultFrom(body);
      if (typeof fault === 'string') return sendJson(res, 400, { error: fault });
      state.fault(fault);
      return sendJson(res, 200, { ok: true, pending: state.faults.length });
    }
    sendJson(res, 404, { error: `no control endpoint ${key}` });
  }

  const middleware = ((req, res, next) => {
    handle(req, res, next).catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      // Bodies are read by the shipped server's helpers: 400 not JSON, 413 over the limit.
      if (error instanceof HttpError) return sendJson(res, error.status, { error: error.message });
      next(error);
    });
  }) as SandboxServer;
  Object.defineProperty(middleware, 'state', { get: () => state });
  middleware.reset = reset;
  return middleware;
}

// ---------------------------------------------------------------------------------------------
// Control API.

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function isProvider(value: unknown): value is Provider {
  return PROVIDERS.includes(value as Provider);
}

function hostedUrl(session: SandboxSession, origin: string): string | undefined {
  const data = session.data;
  if (session.provider === 'kaipay' && typeof data.client_session_url === 'string') return data.client_session_url;
  if (session.provider === 'conomy' && typeof data.url === 'string') return data.url;
  // WeWire's create answer carries the url; the session data does not keep it.
  if (session.provider === 'wewire') return `${origin}/sandbox/wewire/hosted/${encodeURIComponent(session.id)}`;
  return undefined;
}

function summarize(session: SandboxSession, origin: string): SessionSummary {
  const summary: SessionSummary = {
    // Only the four providers hold sessions (the token endpoint makes none).
    provider: session.provider as Provider,
    id: session.id,
    outcome: session.outcome,
    createdAt: new Date(session.createdAt).toISOString(),
  };
  if (session.expiresAt !== undefined) summary.expiresAt = new Date(session.expiresAt).toISOString();
  const url = hostedUrl(session, origin);
  if (url) summary.hostedUrl = url;
  return summary;
}

function listSessions(state: SandboxState, origin: string): SessionSummary[] {
  // `state.session()` turns a pending session past its expiry into `expired`, as a provider read would.
  return [...state.sessions.keys()].map((id) => summarize(state.session(id)!, origin));
}

function listRequests(state: SandboxState, query: URLSearchParams) {
  const provider = query.get('provider');
  const method = query.get('method');
  const path = query.get('path');
  return state.requests.filter(
    (r) =>
      (!provider || r.provider === provider) &&
      (!method || r.method === method.toUpperCase()) &&
      (!path || r.path === path),
  );
}

/** `{provider, id?, action}`: the session acted on, or why not. */
function act(state: SandboxState, body: Record<string, unknown>): SandboxSession | string {
  const { provider, id, action } = body;
  if (!isProvider(provider)) return `provider must be one of ${PROVIDERS.join(', ')}`;
  if (!ACTIONS.includes(action as Action)) return `action must be one of ${ACTIONS.join(', ')}`;
  if (id !== undefined && typeof id !== 'string') return 'id must be a string';
  const session = id === undefined ? state.latest(provider) : state.session(id);
  if (!session || session.provider !== provider) return id === undefined ? `no ${provider} session yet` : `no ${provider} session ${id}`;
  return state[action as Action](session.id);
}

/** A `Fault` from JSON: `times` a number or `"always"`, `pathPattern` a RegExp source, `offline` = `network`. */
function faultFrom(body: Record<string, unknown>): Fault | string {
  const fault: Fault = {};
  const { provider, method, path, pathPattern, status, retryAfter, delayMs, times } = body;
  if (provider !== undefined) {
    if (!isProvider(provider) && provider !== 'token') return 'provider must be kamipay, kaipay, conomy, wewire or token';
    fault.provider = provider;
  }
  if (method !== undefined) {
    if (typeof method !== 'string') return 'method must be a string';
    fault.method = method.toUpperCase();
  }
  if (path !== undefined && pathPattern !== undefined) return 'give path or pathPattern, not both';
  if (path !== undefined) {
    if (typeof path !== 'string') return 'path must be a string (use pathPattern for a pattern)';
    fault.path = path;
  }
  if (pathPattern !== undefined) {
    if (typeof pathPattern !== 'string') return 'pathPattern must be a RegExp source string';
    try {
      fault.path = new RegExp(pathPattern);
    } catch {
      return 'pathPattern is not a valid RegExp';
    }
  }
  if (status !== undefined) {
    if (!Number.isInteger(status) || (status as number) < 100 || (status as number) > 599) return 'status must be an HTTP status';
    fault.status = status as number;
  }
  if ('body' in body) fault.body = body.body;
  if (retryAfter !== undefined) fault.retryAfter = String(retryAfter);
  if (delayMs !== undefined) {
    if (typeof delayMs !== 'number' || !(delayMs >= 0) || delayMs > 120_000) return 'delayMs must be 0..120000';
    fault.delayMs = delayMs;
  }
  if (body.network === true || body.offline === true) fault.network = true;
  if (times !== undefined) {
    if (times === 'always') fault.times = Infinity;
    else if (Number.isInteger(times) && (times as number) > 0) fault.times = times as number;
    else return 'times must be a positive integer or "always"';
  }
  return fault;
}
