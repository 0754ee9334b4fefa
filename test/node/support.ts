/**
 * What the Node tests of `checkout-elements/server` share: the sandbox providers behind a real
 * HTTP server (the demo's sandbox server: the same msw handlers as the browser tests), a handler
 * served over HTTP through `toNodeListener`, and a throwaway `redis-server` on a free loopback port.
 */
import { spawn } from 'node:child_process';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'redis';
import { sandboxMiddleware, type SandboxServer } from '../../demo/server/sandbox-server.js';
import { KAIPAY_SECRET_KEY } from '../../demo/sandbox/kaipay.js';
import { KAMIPAY_SANDBOX_PASSWORD, KAMIPAY_SANDBOX_USERNAME } from '../../demo/sandbox/kamipay.js';
import { CONOMY_API_KEY, CONOMY_CLIENT_ID, CONOMY_CLIENT_SECRET } from '../../demo/sandbox/conomy.js';
import { WEWIRE_API_KEY } from '../../demo/sandbox/wewire.js';
import { toNodeListener, type CheckoutServerConfig, type TokenStore, type WebHandler } from '../../src/server/index.js';

export interface Served {
  origin: string;
  close(): Promise<void>;
}

async function listen(listener: RequestListener): Promise<{ server: Server; origin: string }> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}` };
}

function closer(server: Server): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

/** A web-standard handler on a real port, as a merchant would mount it on `node:http`. */
export async function serve(handler: WebHandler): Promise<Served> {
  const { server, origin } = await listen(toNodeListener(handler) as unknown as RequestListener);
  return { origin, close: closer(server) };
}

export interface SandboxHttp extends Served {
  sandbox: SandboxServer;
  base(provider: 'kamipay' | 'kaipay' | 'conomy' | 'wewire'): string;
}

export async function startSandboxHttp(options: Parameters<typeof sandboxMiddleware>[0] = {}): Promise<SandboxHttp> {
  const sandbox = sandboxMiddleware(options);
  const { server, origin } = await listen((req, res) =>
    sandbox(req, res, () => {
      res.writeHead(404).end();
    }),
  );
  return { sandbox, origin, base: (provider) => `${origin}/sandbox/${provider}`, close: closer(server) };
}

/** The four providers' sandbox credentials, as a merchant's configuration names them. */
export function sandboxConfig(sandbox: SandboxHttp, extra: Partial<CheckoutServerConfig> = {}): CheckoutServerConfig {
  return {
    kamipay: { apiBase: sandbox.base('kamipay'), username: KAMIPAY_SANDBOX_USERNAME, password: KAMIPAY_SANDBOX_PASSWORD },
    conomy: {
      apiBase: sandbox.base('conomy'),
      apiKey: CONOMY_API_KEY,
      clientId: CONOMY_CLIENT_ID,
      clientSecret: CONOMY_CLIENT_SECRET,
      owner: { identityId: 'idt_sbx_merchant_001', name: 'Loja Sandbox' },
      account: { accountNumber: '4000123456', accountHolder: 'Loja Sandbox' },
    },
    kaipay: { apiBase: sandbox.base('kaipay'), secretKey: KAIPAY_SECRET_KEY },
    wewire: { apiBase: sandbox.base('wewire'), apiKey: WEWIRE_API_KEY },
    log: () => {},
    ...extra,
  };
}

/**
 * The provider secrets of the sandbox: none may appear in a response or a log line. (kamiPay's
 * sandbox password is the word "sandbox", which every sandbox URL holds: it cannot be searched for.)
 */
export const SANDBOX_SECRETS = [CONOMY_CLIENT_SECRET, KAIPAY_SECRET_KEY, WEWIRE_API_KEY];

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

type RedisClient = ReturnType<typeof createClient>;

export interface RedisServer {
  url: string;
  /** A connected node-redis client (closed by `stop`). */
  client: RedisClient;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const { server } = await listen(() => {});
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** `redis-server` (Debian's package) on a free loopback port, without persistence; stopped by `stop()`. */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const child = spawn(process.env.REDIS_SERVER ?? 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`redis-server could not be started (install Debian's redis-server): ${error.message}`));
    });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const url = `redis://127.0.0.1:${port}`;
  const client: RedisClient = createClient({ url });
  await client.connect();
  return {
    url,
    client,
    async stop() {
      await client.close();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Polls `check` every 50 ms until it holds, failing after `timeoutMs` (for Redis's own expiry). */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export type StoreFactory = () => TokenStore;
