import type { AddressInfo } from 'node:net';
import type { Plugin, ViteDevServer } from 'vite';
import { demoProxyUpstream, demoTokenConfig } from './demo-config.js';
import { createTokenEndpoint } from './merchant-token-endpoint.js';
import { jsonBody, localOrigin, originOf, requestPath, type Middleware } from './node-http.js';
import { createProviderProxy, ProxyTokens } from './provider-proxy.js';
import { sandboxMiddleware, type SandboxServer } from './sandbox-server.js';

export const DEMO_SERVER_PLUGIN = 'checkout-elements:demo-server';
export const TOKEN_ENDPOINT_PATH = '/api/checkout-token';

/** What the plugin exposes on `plugin.api` (start.ts hands it to tests). */
export interface DemoServerApi {
  sandbox: SandboxServer;
}

export interface DemoServerPluginOptions {
  /** Where the secrets come from; default `process.env`. */
  env?: Record<string, string | undefined>;
}

/**
 * The demo's server side in Vite's dev server: the provider sandbox under `/sandbox/` (the same
 * handlers the tests run in the page), the merchant token endpoint at `/api/checkout-token` and
 * the KaiPay / WeWire proxy under `/api/proxy/`.
 */
export function demoServerPlugin(options: DemoServerPluginOptions = {}): Plugin<DemoServerApi> {
  const sandbox = sandboxMiddleware();
  return {
    name: DEMO_SERVER_PLUGIN,
    apply: 'serve',
    api: { sandbox },
    configureServer(server) {
      const merchant = merchantRoutes(server, options.env ?? process.env);
      // Before Vite's own middlewares: `/sandbox/...` must not be taken for a module path.
      server.middlewares.use(sandbox);
      server.middlewares.use(merchant);
    },
  };
}

/** Token endpoint + proxy, built at the first request: only then is the server's port known. */
function merchantRoutes(server: ViteDevServer, env: Record<string, string | undefined>): Middleware {
  const tokens = new ProxyTokens();
  const parseJson = jsonBody();
  let routes: { token: ReturnType<typeof createTokenEndpoint>; proxy: Middleware } | undefined;

  return (req, res, next) => {
    if (!routes) {
      const origin = sandboxOrigin(server) ?? localOrigin(req);
      routes = {
        token: createTokenEndpoint(demoTokenConfig(env, origin, tokens)),
        proxy: createProviderProxy({ tokens, upstream: demoProxyUpstream(env, origin) }),
      };
    }
    const { token, proxy } = routes;
    if (requestPath(req).pathname !== TOKEN_ENDPOINT_PATH) return proxy(req, res, next);
    parseJson(req, res, (error) => (error ? next(error) : token(req, res).catch(next)));
  };
}

/** The server's own loopback address: server-side calls to the sandbox never go to a host a request named. */
function sandboxOrigin(server: ViteDevServer): string | undefined {
  const address = server.httpServer?.address() as AddressInfo | string | null | undefined;
  if (!address || typeof address === 'string') return undefined;
  const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return originOf(host, address.port);
}
