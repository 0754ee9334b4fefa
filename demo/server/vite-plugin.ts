import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { dirname, extname, resolve, sep } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import {
  createProviderProxy,
  createTokenHandler,
  DEFAULT_PROXY_BASE,
  MemoryTokenStore,
  toNodeListener,
  type NodeListener,
} from '../../src/server/index.js';
import { sendConomyWebhooks } from '../sandbox/conomy-webhook.js';
import { demoConfirmations } from './confirmations.js';
import { demoServerConfig, demoWebhookSecret } from './demo-config.js';
import { localOrigin, originOf, requestPath, type Middleware } from './node-http.js';
import { sandboxMiddleware, type SandboxServer } from './sandbox-server.js';

export const DEMO_SERVER_PLUGIN = 'checkout-elements:demo-server';
export const TOKEN_ENDPOINT_PATH = '/api/checkout-token';
export const CONOMY_WEBHOOK_PATH = '/api/webhooks/conomy';
export const CONFIRM_PATH = '/api/confirm';

/** docs/csp.md: the strict policy the library runs under; the plain-HTML examples are served with it. */
export const STRICT_CSP =
  "script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; " +
  "require-trusted-types-for 'script'; trusted-types lit-html checkout-elements 'allow-duplicates'";

/** What the plugin exposes on `plugin.api` (start.ts hands it to tests). */
export interface DemoServerApi {
  sandbox: SandboxServer;
}

export interface DemoServerPluginOptions {
  /** Where the secrets come from; default `process.env`. */
  env?: Record<string, string | undefined>;
  /** The built library served at `/dist/`; default the project's `dist/` (beside vite.config.ts). */
  distDir?: string;
  /** The plain-HTML examples served at `/examples/`; default `examples/` in Vite's root (demo/). */
  examplesDir?: string;
}

/**
 * The demo's server side in Vite's dev server: the provider sandbox under `/sandbox/` (the same
 * handlers the tests run in the page), the merchant token endpoint at `/api/checkout-token`,
 * the KaiPay / WeWire proxy under `/api/proxy/`, Conomy's webhook at `/api/webhooks/conomy`
 * (the sandbox sends it), `/api/confirm` for the event log, and the plain-HTML examples
 * (`/examples/`, with the strict CSP) over the built library (`/dist/`).
 */
export function demoServerPlugin(options: DemoServerPluginOptions = {}): Plugin<DemoServerApi> {
  const env = options.env ?? process.env;
  let devServer: ViteDevServer | undefined;
  // The Conomy sandbox notifies the demo's own webhook, on the server's loopback address.
  const sandbox = sandboxMiddleware({
    onState: (state) =>
      sendConomyWebhooks(state, () => {
        const origin = devServer && sandboxOrigin(devServer);
        return origin ? { url: `${origin}${CONOMY_WEBHOOK_PATH}`, secret: demoWebhookSecret(env) } : undefined;
      }),
  });
  return {
    name: DEMO_SERVER_PLUGIN,
    apply: 'serve',
    api: { sandbox },
    configureServer(server) {
      devServer = server;
      const merchant = merchantRoutes(server, env);
      const projectRoot = server.config.configFile ? dirname(server.config.configFile) : resolve(server.config.root, '..');
      // Before Vite's own middlewares: `/sandbox/...` must not be taken for a module path, and the
      // examples are sent as written (Vite's HTML transform would add its client script).
      server.middlewares.use(sandbox);
      server.middlewares.use(merchant);
      server.middlewares.use(
        staticFiles('/dist/', options.distDir ?? resolve(projectRoot, 'dist'), {}, 'dist/ is missing this file: run `npm run build`'),
      );
      server.middlewares.use(
        staticFiles('/examples/', options.examplesDir ?? resolve(server.config.root, 'examples'), { 'Content-Security-Policy': STRICT_CSP }),
      );
    },
  };
}

/**
 * The merchant's side, on the shipped `checkout-elements/server` handlers: the token endpoint, the
 * KaiPay / WeWire proxy, Conomy's webhook, and the demo's `/api/confirm`. Built at the first
 * request: only then is the server's port (the sandbox's origin) known.
 */
function merchantRoutes(server: ViteDevServer, env: Record<string, string | undefined>): Middleware {
  const store = new MemoryTokenStore();
  let routes: Record<string, NodeListener> | undefined;

  return (req, res, next) => {
    if (!routes) {
      const config = demoServerConfig(env, sandboxOrigin(server) ?? localOrigin(req), store);
      const { webhook, confirm } = demoConfirmations(config, demoWebhookSecret(env));
      routes = {
        [TOKEN_ENDPOINT_PATH]: toNodeListener(createTokenHandler(config)),
        [`${DEFAULT_PROXY_BASE}/`]: toNodeListener(createProviderProxy(config)),
        [CONOMY_WEBHOOK_PATH]: toNodeListener(webhook),
        [CONFIRM_PATH]: toNodeListener(confirm),
      };
    }
    const { pathname } = requestPath(req);
    const route = Object.entries(routes).find(([path]) => (path.endsWith('/') ? pathname.startsWith(path) : pathname === path));
    if (!route) return next();
    route[1](req, res, next);
  };
}

/** The server's own loopback address: server-side calls to the sandbox never go to a host a request named. */
function sandboxOrigin(server: ViteDevServer): string | undefined {
  const address = server.httpServer?.address() as AddressInfo | string | null | undefined;
  if (!address || typeof address === 'string') return undefined;
  const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return originOf(host, address.port);
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.integrity': 'text/plain; charset=utf-8',
};

/**
 * Files of `dir` under the URL `prefix`, byte for byte, with `headers` on every answer (404s too).
 * Anything outside `dir` or of an unknown type is a 404; nothing falls through to Vite (whose
 * fallback would answer the demo's index.html).
 */
function staticFiles(prefix: string, dir: string, headers: Record<string, string>, missing = 'not found'): Middleware {
  const root = resolve(dir);
  const notFound = (res: Parameters<Middleware>[1]) => {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(missing);
  };

  async function serve(req: Parameters<Middleware>[0], res: Parameters<Middleware>[1], relative: string): Promise<void> {
    const file = resolve(root, relative);
    const type = CONTENT_TYPES[extname(file)];
    if (!type || !file.startsWith(root + sep)) return notFound(res);
    const found = await stat(file).catch(() => undefined);
    if (!found?.isFile()) return notFound(res);
    const body = await readFile(file);
    res.writeHead(200, {
      ...headers,
      'Content-Type': type,
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  return (req, res, next) => {
    const { pathname } = requestPath(req);
    if (!pathname.startsWith(prefix) || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    let relative: string;
    try {
      relative = decodeURIComponent(pathname.slice(prefix.length));
    } catch {
      return notFound(res);
    }
    serve(req, res, relative).catch(next);
  };
}
