/**
 * The token handler and the proxy of `checkout-elements/server`, driven with `fetch` against the
 * sandbox providers, across two merchant-server instances (A and B) that share one TokenStore:
 * once with the in-memory store, once with Redis (a real redis-server).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createProviderProxy,
  createTokenHandler,
  MemoryTokenStore,
  ProxyTokens,
  RedisTokenStore,
  type CheckoutServerConfig,
  type TokenStore,
} from '../../src/server/index.js';
import { KAIPAY_SECRET_KEY } from '../../demo/sandbox/kaipay.js';
import { WEWIRE_API_KEY } from '../../demo/sandbox/wewire.js';
import {
  eventually, postJson, SANDBOX_SECRETS, sandboxConfig, serve, startRedis, startSandboxHttp,
  type RedisServer, type SandboxHttp, type Served,
} from './support.js';

const TOKEN_PATH = '/api/checkout-token';

/** One instance of the merchant's server: its own token handler and proxy, the shared store. */
async function merchantInstance(config: CheckoutServerConfig): Promise<Served & { token(body: unknown): Promise<Response> }> {
  const token = createTokenHandler(config);
  const proxy = createProviderProxy(config);
  const served = await serve((request) => (new URL(request.url).pathname === TOKEN_PATH ? token(request) : proxy(request)));
  return { ...served, token: (body) => postJson(`${served.origin}${TOKEN_PATH}`, body) };
}

interface Grant {
  token: string;
  apiBase: string;
  apiKey?: string;
  sessionId?: string;
  checkoutToken?: string;
  expiresAt?: string;
}

async function grant(instance: { token(body: unknown): Promise<Response> }, body: unknown): Promise<Grant> {
  const response = await instance.token(body);
  const text = await response.text();
  assert.equal(response.status, 200, text);
  for (const secret of SANDBOX_SECRETS) assert.ok(!text.includes(secret), 'a secret in the grant');
  return JSON.parse(text) as Grant;
}

/** The proxy base of a grant, on another instance: what a load balancer does. */
function on(instance: Served, apiBase: string): string {
  const url = new URL(apiBase);
  return `${instance.origin}${url.pathname}`;
}

/** The token request of a WeWire checkout of `wewireBody` (its amount in minor units). */
const wewireRequest = { provider: 'wewire', amount: 2500, currency: 'USD' };

const wewireBody = {
  amount: 25, currency: 'USD', successUrl: 'https://shop.example/ok', cancelUrl: 'https://shop.example/cancel',
  email: 'sam@example.com', name: 'Sam Lee', metadata: {}, productId: 'tee-01', productName: 'T-shirt',
  productDescription: 'Organic cotton', allowedAssets: ['USDT'],
};

function wewire(base: string, token: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    headers: { 'ww-api-key': token, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

function suite(name: string, makeStore: () => TokenStore) {
  describe(`token handler and proxy, two instances, ${name}`, () => {
    let sandbox: SandboxHttp;
    let store: TokenStore;
    let a: Awaited<ReturnType<typeof merchantInstance>>;
    let b: Awaited<ReturnType<typeof merchantInstance>>;

    before(async () => {
      sandbox = await startSandboxHttp();
      store = makeStore();
      // Two configurations, as two processes would each build their own: only the store is shared.
      a = await merchantInstance(sandboxConfig(sandbox, { store }));
      b = await merchantInstance(sandboxConfig(sandbox, { store }));
    });
    after(async () => {
      await a.close();
      await b.close();
      await sandbox.close();
    });

    it('kamipay: grants a bearer of its own, which kamiPay accepts', async () => {
      const auths = () => sandbox.sandbox.state.requestsTo('kamipay', 'POST', '/auth/token').length;
      const before = auths();
      const first = await grant(a, { provider: 'kamipay', amount: 1250, currency: 'BRL', storeId: 1, checkoutId: 1 });
      assert.equal(first.apiBase, sandbox.base('kamipay'));
      assert.ok(Date.parse(first.expiresAt!) > Date.now());
      const registers = await fetch(`${first.apiBase}/v2/stores/1/checkouts`, { headers: { Authorization: `Bearer ${first.token}` } });
      assert.equal(registers.status, 200);
      // A browser asking again after kamiPay refused its token must get another one.
      const again = await grant(b, { provider: 'kamipay', amount: 1250, currency: 'BRL', storeId: 1, checkoutId: 1 });
      assert.notEqual(again.token, first.token);
      assert.equal(auths(), before + 2);
      const form = sandbox.sandbox.state.requestsTo('kamipay', 'POST', '/auth/token').at(-1)!.body as Record<string, string>;
      assert.equal(form.username, 'merchant@example.com');
    });

    it('conomy: a session made for the order, readable with the grant', async () => {
      const body = { provider: 'conomy', currency: 'MXN', order: { items: [{ description: 'Tacos', amount: 10500, quantity: 2 }] } };
      const granted = await grant(b, body);
      assert.ok(granted.sessionId && granted.checkoutToken && granted.apiKey);
      const session = await fetch(`${granted.apiBase}/checkout-sessions/${granted.sessionId}`, {
        headers: { Authorization: `Bearer ${granted.token}`, 'x-api-key': granted.apiKey! },
      });
      assert.equal(session.status, 200);
      const read = (await session.json()) as { totalAmount: string; currency: string; status: string };
      assert.deepEqual([read.totalAmount, read.currency, read.status], ['210.00', 'MXN', 'ACTIVE']);
      const created = sandbox.sandbox.state.requestsTo('conomy', 'POST', '/checkout-sessions').at(-1)!;
      assert.deepEqual((created.body as { owner: unknown }).owner, { identityId: 'idt_sbx_merchant_001', name: 'Loja Sandbox' });
    });

    it("kaipay: A's token creates a client session through B's proxy, which alone adds the secret key", async () => {
      const granted = await grant(a, { provider: 'kaipay', amount: 21000, currency: 'MXN' });
      assert.equal(granted.apiBase, `${a.origin}/api/proxy/kaipay`);
      const response = await fetch(`${on(b, granted.apiBase)}/client-session`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${granted.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ currency: 'MXN', amount: 21000, customer: { name: 'Ana', email: 'ana@example.com' }, order: { country: 'MX' } }),
      });
      const text = await response.text();
      assert.equal(response.status, 201, text);
      assert.ok(!text.includes(KAIPAY_SECRET_KEY));
      assert.equal(response.headers.get('access-control-expose-headers'), 'Retry-After');
      const upstream = sandbox.sandbox.state.requestsTo('kaipay', 'POST', '/client-session').at(-1)!;
      assert.equal(upstream.headers.authorization, `Bearer ${KAIPAY_SECRET_KEY}`);
      const wrongProvider = await wewire(on(b, granted.apiBase).replace('/kaipay', '/wewire'), granted.token, 'POST', '/api/v1/checkout', wewireBody);
      assert.equal(wrongProvider.status, 401, 'a KaiPay token is no WeWire token');
    });

    it('wewire: a token reaches only the sessions it created or was issued for, on either instance', async () => {
      const first = await grant(a, wewireRequest);
      const created = await wewire(on(b, first.apiBase), first.token, 'POST', '/api/v1/checkout', wewireBody);
      assert.equal(created.status, 200);
      const { id } = (await created.json()) as { id: string };
      assert.equal(sandbox.sandbox.state.requestsTo('wewire', 'POST', '/api/v1/checkout').at(-1)!.headers['ww-api-key'], WEWIRE_API_KEY);

      assert.equal((await wewire(first.apiBase, first.token, 'GET', `/api/v1/checkout/sessions/${id}`)).status, 200);
      const other = await grant(b, { provider: 'wewire' });
      assert.equal((await wewire(other.apiBase, other.token, 'GET', `/api/v1/checkout/sessions/${id}`)).status, 401);
      assert.equal((await wewire(other.apiBase, other.token, 'POST', `/api/v1/checkout/${id}/cancel`)).status, 401);
      assert.equal((await wewire(first.apiBase, first.token, 'GET', '/api/v1/checkout')).status, 404, 'the list of every checkout is not proxied');

      const reissued = await grant(b, { provider: 'wewire', sessionId: id });
      assert.equal((await wewire(on(a, reissued.apiBase), reissued.token, 'GET', `/api/v1/checkout/sessions/${id}`)).status, 200);
      assert.equal((await wewire(first.apiBase, first.token, 'POST', `/api/v1/checkout/${id}/cancel`)).status, 201);
    });

    it('an expired or revoked proxy token is refused by every instance', async () => {
      const granted = await grant(a, wewireRequest);
      const later = await merchantInstance(sandboxConfig(sandbox, { store, now: () => Date.now() + 11 * 60_000 }));
      try {
        assert.equal((await wewire(on(later, granted.apiBase), granted.token, 'POST', '/api/v1/checkout', wewireBody)).status, 401);
      } finally {
        await later.close();
      }
      await new ProxyTokens(store).revoke(granted.token);
      assert.equal((await wewire(on(b, granted.apiBase), granted.token, 'POST', '/api/v1/checkout', wewireBody)).status, 401);
    });

    it("a token expires in the store itself when its lifetime ends", async () => {
      const shortLived = await merchantInstance(sandboxConfig(sandbox, { store, proxy: { tokenSeconds: 1 } }));
      try {
        const granted = await grant(shortLived, wewireRequest);
        const created = await wewire(on(b, granted.apiBase), granted.token, 'POST', '/api/v1/checkout', wewireBody);
        assert.equal(created.status, 200);
        await eventually(
          async () => (await wewire(on(b, granted.apiBase), granted.token, 'POST', '/api/v1/checkout', wewireBody)).status === 401,
          'the token to expire',
        );
      } finally {
        await shortLived.close();
      }
    });
  });
}

suite('MemoryTokenStore', () => new MemoryTokenStore());

describe('with Redis', () => {
  let redis: RedisServer;
  before(async () => {
    redis = await startRedis();
  });
  after(async () => {
    await redis?.stop();
  });
  suite('RedisTokenStore', () => new RedisTokenStore({ client: redis.client }));
});
