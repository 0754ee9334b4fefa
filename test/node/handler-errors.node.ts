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
import { KAIPAY_SECRET_KEY } from '../../demo/sandbox/kaipay.js';
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

  it('conomy: an amount that is not the total of order.items is refused (400) before any session is made', async () => {
    const sessions = () => sandbox.sandbox.state.requestsTo('conomy', 'POST', '/checkout-sessions').length;
    const before = sessions();
    // The cart's amount from authorize, the page's (tampered) items: the items would price the session.
    const authorize = (body: { provider: string }) => ({ ...body, amount: 50000 });
    const items = [{ description: 'cheap', amount: 1, quantity: 1 }];
    const refused = await call(post(JSON.stringify({ provider: 'conomy', currency: 'BRL', amount: 50000, order: { items } })), { authorize });
    const { status, error } = await errorOf(refused);
    assert.deepEqual([status, error], [400, 'amount 50000 is not the total of order.items (1)']);
    assert.equal(sessions(), before);
    const matching = [{ description: 'Feijoada', amount: 20000, quantity: 2 }, { description: 'Guaraná', amount: 10000, quantity: 1 }];
    const granted = await call(post(JSON.stringify({ provider: 'conomy', currency: 'BRL', amount: 50000, order: { items: matching } })), { authorize });
    assert.equal(granted.status, 200);
    const created = sandbox.sandbox.state.requestsTo('conomy', 'POST', '/checkout-sessions').at(-1)!.body as { destinations: { amount: string }[] };
    assert.equal(created.destinations[0]!.amount, '500.00');
  });

  for (const [parser, body] of [
    ['express.json()', (text: string) => JSON.parse(text) as unknown],
    ['express.raw()', (text: string) => Buffer.from(text)],
  ] as const) {
    it(`works behind a body parser that already read the request (toNodeListener, ${parser})`, async () => {
      const handler = toNodeListener(createTokenHandler(sandboxConfig(sandbox)));
      // What the parser leaves behind: the stream read, its result in req.body.
      const parsed: RequestListener = async (req, res) => {
        let text = '';
        for await (const chunk of req) text += chunk;
        Object.assign(req, { body: body(text) });
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
  }
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
    const grant = (await (await postJson(`${served.origin}/t`, { provider: 'kaipay', amount: 100, currency: 'MXN' })).json()) as { token: string; apiBase: string };
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

  it('creates only the amount and currency of its token request, as authorize left it: 400 otherwise, nothing sent on', async () => {
    const config = sandboxConfig(sandbox, { authorize: (body) => ({ ...body, amount: 50000 }) });
    const token = createTokenHandler(config);
    const proxy = createProviderProxy(config);
    const served = await serve((request) => (new URL(request.url).pathname === '/t' ? token(request) : proxy(request)));
    const creates = () => sandbox.sandbox.state.requestsTo('wewire', 'POST', '/api/v1/checkout');
    try {
      const grant = (await (await postJson(`${served.origin}/t`, { provider: 'wewire', amount: 1, currency: 'usd' })).json()) as { token: string; apiBase: string };
      const create = (amount: number, currency = 'USD') => fetch(`${grant.apiBase}/api/v1/checkout`, {
        method: 'POST',
        headers: { 'ww-api-key': grant.token, 'Content-Type': 'application/json' },
        body: JSON.stringify({ amount, currency, successUrl: 'https://shop.example/ok', cancelUrl: 'https://shop.example/no', email: 'a@example.com',
          name: 'A', metadata: {}, productId: 'p', productName: 'P', productDescription: 'P', allowedAssets: ['USDT'] }),
      });
      const before = creates().length;
      for (const [amount, currency] of [[0.01, 'USD'], [500, 'EUR'], [500.004, 'USD']] as const) {
        const refused = await create(amount, currency);
        assert.equal(refused.status, 400, `${amount} ${currency}`);
        assert.deepEqual(await refused.json(), { statusCode: 400, message: 'The amount or currency is not the one this token was issued for' });
      }
      assert.equal(creates().length, before, 'nothing refused reached WeWire');
      assert.equal((await create(500)).status, 200);
      assert.equal((creates().at(-1)!.body as { amount: number }).amount, 500);
    } finally {
      await served.close();
    }
  });

  it("never passes the secret on: a provider's error quoting the key it was sent is masked", async () => {
    const { token, base, close } = await proxyToken();
    try {
      sandbox.sandbox.state.fault({ provider: 'kaipay', method: 'POST', path: '/client-session', status: 401, body: { message: `invalid key ${KAIPAY_SECRET_KEY}` } });
      const response = await fetch(`${base}/client-session`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ currency: 'MXN', amount: 100, customer: { name: 'A', email: 'a@example.com' }, order: { country: 'MX' } }),
      });
      assert.equal(response.status, 401);
      assert.deepEqual(await response.json(), { message: 'invalid key [redacted]' });
    } finally {
      await close();
    }
  });

  it('answers 504 when the provider stalls after its headers', async () => {
    const stalled = createServer((_request, response) => {
      response.writeHead(201, { 'Content-Type': 'application/json' });
      response.write('{"id":');
    });
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    const { port } = stalled.address() as AddressInfo;
    const { token, base, close } = await proxyToken({ kaipay: { apiBase: `http://127.0.0.1:${port}`, secretKey: KAIPAY_SECRET_KEY }, timeoutMs: 300 });
    try {
      const response = await fetch(`${base}/client-session`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ currency: 'MXN', amount: 100 }),
      });
      assert.equal(response.status, 504);
      assert.deepEqual(await response.json(), { message: 'kaipay could not be reached', error: 'Gateway Timeout' });
    } finally {
      await close();
      stalled.closeAllConnections();
      await new Promise((resolve) => stalled.close(resolve));
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
