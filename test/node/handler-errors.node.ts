/**
 * What the token handler and the proxy refuse, and how: the same limits and clear JSON errors as
 * the demo server had, no secret in an answer or a log line; and `toNodeListener` behind a body
 * parser (Express's `express.json()`).
 */
import assert from 'node:assert/strict';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CONOMY_CLIENT_SECRET } from '../../demo/sandbox/conomy.js';
import { createProviderProxy, createTokenHandler, MAX_BODY_BYTES, toNodeListener } from '../../src/server/index.js';
import { postJson, SANDBOX_SECRETS, sandboxConfig, serve, startSandboxHttp, type SandboxHttp } from './support.js';

async function errorOf(response: Response): Promise<{ status: number; error: string; text: string }> {
  const text = await response.text();
  for (const secret of SANDBOX_SECRETS) assert.ok(!text.includes(secret), `a secret in ${text}`);
  return { status: response.status, error: (JSON.parse(text) as { error?: string; message?: string }).error ?? '', text };
}

describe('token handler: refusals', () => {
  let sandbox: SandboxHttp;
  before(async () => {
    sandbox = await startSandboxHttp();
  });
  after(() => sandbox.close());

  const call = (request: Request, extra = {}) => createTokenHandler(sandboxConfig(sandbox, extra))(request);
  const post = (body: string, type = 'application/json') =>
    new Request('http://shop.test/api/checkout-token', { method: 'POST', headers: { 'Content-Type': type }, body });

  it('answers 405 to anything but POST, 415 to another content type', async () => {
    const get = await call(new Request('http://shop.test/api/checkout-token'));
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST');
    assert.equal((await errorOf(await call(post('{}', 'text/plain')))).status, 415);
  });

  it('answers 400 to a body that is not JSON or not a token request, naming what is wrong', async () => {
    assert.deepEqual(await errorOf(await call(post('{"provider":'))).then(({ status, error }) => [status, error]), [400, 'body is not JSON']);
    const wrong = await errorOf(await call(post(JSON.stringify({ provider: 'paypal', amount: -1 }))));
    assert.equal(wrong.status, 400);
    assert.match(wrong.error, /provider: .*amount: too small/);
    const disabled = await errorOf(await call(post(JSON.stringify({ provider: 'kaipay' })), { kaipay: undefined }));
    assert.deepEqual([disabled.status, disabled.error], [400, 'provider kaipay is not enabled']);
  });

  it('answers 413 past the body limit', async () => {
    const big = JSON.stringify({ provider: 'kamipay', description: 'x'.repeat(MAX_BODY_BYTES) });
    assert.equal((await errorOf(await call(post(big)))).status, 413);
  });

  it('answers 502 when the provider refuses, and logs why without the secret', async () => {
    const lines: string[] = [];
    sandbox.sandbox.state.fault({ provider: 'conomy', method: 'POST', path: '/auth', status: 401, body: { message: `bad client secret ${CONOMY_CLIENT_SECRET}` } });
    const refused = await errorOf(await call(post(JSON.stringify({ provider: 'conomy', amount: 100 })), { log: (line: string) => lines.push(line) }));
    assert.deepEqual([refused.status, refused.error], [502, 'the payment provider could not issue a token']);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /provider_error: bad client secret \[redacted\]/);
  });

  it('lets the merchant refuse or rewrite a request before granting (authorize)', async () => {
    const seen: unknown[] = [];
    const authorize = (body: { provider: string; sessionId?: string; amount?: number }) => {
      seen.push(body);
      if (body.sessionId === 'someone-elses') return new Response('{"error":"not your session"}', { status: 403 });
      return { ...body, amount: 4200 }; // the cart's amount, not the browser's
    };
    const refused = await call(post(JSON.stringify({ provider: 'wewire', sessionId: 'someone-elses' })), { authorize });
    assert.equal(refused.status, 403);
    const granted = await call(post(JSON.stringify({ provider: 'conomy', amount: 1 })), { authorize });
    assert.equal(granted.status, 200);
    const created = sandbox.sandbox.state.requestsTo('conomy', 'POST', '/checkout-sessions').at(-1)!;
    assert.equal((created.body as { items: { totalAmount: string }[] }).items[0]!.totalAmount, '42.00');
  });

  it('works behind a body parser that already read the request (toNodeListener)', async () => {
    const handler = toNodeListener(createTokenHandler(sandboxConfig(sandbox)));
    // What express.json() leaves behind: the stream read, the parsed body in req.body.
    const parsed: RequestListener = async (req, res) => {
      let text = '';
      for await (const chunk of req) text += chunk;
      Object.assign(req, { body: JSON.parse(text) });
      handler(req, res);
    };
    const server = createServer(parsed);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await postJson(`http://127.0.0.1:${port}/api/checkout-token`, { provider: 'wewire' });
      assert.equal(response.status, 200);
      const { apiBase } = (await response.json()) as { apiBase: string };
      assert.equal(apiBase, `http://127.0.0.1:${port}/api/proxy/wewire`, 'the origin comes from the Host header');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('provider proxy: refusals', () => {
  let sandbox: SandboxHttp;
  before(async () => {
    sandbox = await startSandboxHttp();
  });
  after(() => sandbox.close());

  async function proxyToken(extra = {}): Promise<{ token: string; base: string; close(): Promise<void> }> {
    const config = sandboxConfig(sandbox, extra);
    const token = createTokenHandler(config);
    const proxy = createProviderProxy(config);
    const served = await serve((request) => (new URL(request.url).pathname === '/t' ? token(request) : proxy(request)));
    const grant = (await (await postJson(`${served.origin}/t`, { provider: 'kaipay' })).json()) as { token: string; apiBase: string };
    return { token: grant.token, base: grant.apiBase, close: served.close };
  }

  it('answers in the provider shape: 401 without a token, 404 for calls the elements never make, 413 past the limit', async () => {
    const { token, base, close } = await proxyToken();
    try {
      const noToken = await fetch(`${base}/client-session`, { method: 'POST', body: '{}' });
      assert.equal(noToken.status, 401);
      assert.deepEqual(await noToken.json(), { message: 'Unauthorized', error: 'Unauthorized' });
      const unknown = await fetch(`${base}/client-session/cs_1`, { headers: { Authorization: `Bearer ${token}` } });
      assert.equal(unknown.status, 404);
      const big = await fetch(`${base}/client-session`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ pad: 'x'.repeat(MAX_BODY_BYTES) }),
      });
      assert.equal(big.status, 413);
      assert.equal(sandbox.sandbox.state.requestsTo('kaipay').length, 0, 'nothing refused reached KaiPay');
    } finally {
      await close();
    }
  });

  it('answers 502 when the provider cannot be reached, and passes Retry-After back', async () => {
    const lines: string[] = [];
    const { token, base, close } = await proxyToken({ log: (line: string) => lines.push(line) });
    try {
      const body = JSON.stringify({ currency: 'MXN', amount: 100, customer: { name: 'A', email: 'a@example.com' }, order: { country: 'MX' } });
      const request = () => fetch(`${base}/client-session`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body });
      sandbox.sandbox.state.fault({ provider: 'kaipay', network: true });
      const down = await request();
      assert.equal(down.status, 502);
      assert.deepEqual(await down.json(), { message: 'kaipay could not be reached', error: 'Bad Gateway' });
      assert.equal(lines.length, 1);
      sandbox.sandbox.state.fault({ provider: 'kaipay', status: 429, retryAfter: '7' });
      const limited = await request();
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '7');
    } finally {
      await close();
    }
  });

  it('answers CORS preflights for the configured origins only', async () => {
    const { base, close } = await proxyToken({ proxy: { corsOrigins: ['https://shop.example'] } });
    try {
      const allowed = await fetch(`${base}/client-session`, { method: 'OPTIONS', headers: { Origin: 'https://shop.example' } });
      assert.equal(allowed.status, 204);
      assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://shop.example');
      const other = await fetch(`${base}/client-session`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example' } });
      assert.equal(other.headers.get('access-control-allow-origin'), null);
    } finally {
      await close();
    }
  });
});
