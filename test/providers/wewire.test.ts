import { expect } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import { CheckoutError } from '../../src/core/errors.js';
import type { CheckoutOrder } from '../../src/core/order.js';
import type { AdapterContext, ProviderAdapter } from '../../src/core/adapter.js';
import type { SessionSnapshot } from '../../src/core/session.js';
import type { ApiAccess } from '../../src/providers/types.js';
import { WEWIRE_ASSETS, createWewireAdapter, mapWewireStatus, parseAssets } from '../../src/providers/wewire.js';
import {
  cancelCheckout,
  createCheckout,
  expireCheckout,
  getCheckoutSession,
  listCheckouts,
  type WewireCheckoutBody,
} from '../../src/providers/wewire-api.js';
import { setWewireFlavor } from '../../demo/sandbox/wewire.js';
import type { Sandbox } from '../../demo/sandbox/index.js';
import type { RecordedRequest } from '../../demo/sandbox/state.js';
import { FakeClock } from '../support/fake-clock.js';
import { sandboxToken, startSandbox } from '../support/sandbox.js';

const REF = 'ref_7f3a9c';
const ORDER: CheckoutOrder = {
  customer: { name: 'Ana Souza', email: 'ana@example.com' },
  product: { id: 'sku-42', name: 'Concert ticket', description: 'Front row, 21 Nov' },
  metadata: { orderId: 'order-7' },
};

function returnUrls() {
  const url = (outcome: string) =>
    `${location.origin}/shop/return?checkout_provider=wewire&checkout_ref=${REF}&checkout_outcome=${outcome}`;
  return { success: url('success'), failure: url('failure'), cancel: url('cancel') };
}

/** What the adapter must send for ORDER, 2550 USD, one asset. */
function expectedBody(allowedAssets: string[]): WewireCheckoutBody {
  return {
    amount: 25.5,
    currency: 'USD',
    successUrl: returnUrls().success,
    cancelUrl: returnUrls().cancel,
    email: 'ana@example.com',
    name: 'Ana Souza',
    metadata: { orderId: 'order-7' },
    productId: 'sku-42',
    productName: 'Concert ticket',
    productDescription: 'Front row, 21 Nov',
    allowedAssets,
  };
}

async function failure(promise: Promise<unknown>): Promise<CheckoutError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected a CheckoutError').to.be.instanceOf(CheckoutError);
  return error as CheckoutError;
}

describe('wewire provider', () => {
  let sandbox: Sandbox;
  let clock: FakeClock;
  let base: string;

  beforeEach(async () => {
    sandbox = await startSandbox();
    clock = new FakeClock(Date.now());
    base = sandbox.base('wewire');
  });

  const wewireRequests = (method?: string, path?: string | RegExp) => sandbox.state.requestsTo('wewire', method, path);
  const tokenRequests = () => sandbox.state.requestsTo('token', 'POST');
  const access = (): ApiAccess => ({ apiBase: base, token: sandbox.state.issueToken('wewire') });

  function context(overrides: Partial<AdapterContext> = {}): AdapterContext {
    return {
      provider: 'wewire',
      token: sandboxToken(sandbox, 'wewire'),
      clock,
      amount: 2550,
      currency: 'USD',
      description: 'Tickets',
      order: ORDER,
      returnUrls: returnUrls(),
      ref: REF,
      assets: ['USDT'],
      ...overrides,
    };
  }

  function expectAuth(request: RecordedRequest, token: string) {
    expect(request.headers['ww-api-key']).to.equal(token);
    expect(request.headers).to.not.have.property('authorization');
  }

  describe('low-level calls', () => {
    it('createCheckout posts every required field with ww-api-key and reads url and id', async () => {
      const api = access();
      const created = await createCheckout(api, expectedBody(['ETH', 'USDC']));
      const [sent] = wewireRequests();
      expect(sent!.method).to.equal('POST');
      expect(sent!.path).to.equal('/api/v1/checkout');
      expectAuth(sent!, api.token);
      expect(sent!.headers['content-type']).to.equal('application/json');
      expect(sent!.body).to.deep.equal(expectedBody(['ETH', 'USDC']));
      const session = sandbox.state.latest('wewire')!;
      expect(created.id).to.equal(session.id);
      expect(created.url).to.equal(`${base}/hosted/${session.id}`);
      expect(created.raw).to.deep.equal({ url: created.url, id: session.id });
    });

    it('createCheckout works without id (the published answer) and turns a numeric id into a string', async () => {
      setWewireFlavor(sandbox.state, { createReturnsId: false });
      const published = await createCheckout(access(), expectedBody([]));
      expect(published).to.not.have.property('id');
      expect(published.url).to.match(/\/hosted\//);

      sandbox.state.fault({ provider: 'wewire', body: { url: 'https://pay.wewire.example/c/1', id: 42 } });
      expect((await createCheckout(access(), expectedBody([]))).id).to.equal('42');

      sandbox.state.fault({ provider: 'wewire', body: { url: 'https://pay.wewire.example/c/2', id: { odd: true } } });
      const odd = await createCheckout(access(), expectedBody([]));
      expect(odd.url).to.equal('https://pay.wewire.example/c/2');
      expect(odd).to.not.have.property('id');
    });

    for (const [label, fault] of [
      ['a body that is not JSON', { body: 'malformed-json' }],
      ['a body without url', { body: { id: 'cs_1' } }],
      ['a url that is not a string', { body: { url: 12, id: 'cs_1' } }],
      ['an empty body', { body: 'empty' }],
    ] as const) {
      it(`createCheckout: ${label} → invalid_response`, async () => {
        sandbox.state.fault({ provider: 'wewire', ...fault });
        const error = await failure(createCheckout(access(), expectedBody([])));
        expect(error.code).to.equal('invalid_response');
      });
    }

    it('createCheckout: the sandbox takes any asset symbol, as WeWire publishes no fixed set', async () => {
      await createCheckout(access(), expectedBody(['BTC', 'USDT', '1INCH']));
      const stored = sandbox.state.latest<WewireCheckoutBody>('wewire')!;
      expect(stored.data.allowedAssets).to.deep.equal(['BTC', 'USDT', '1INCH']);
      expect((await getCheckoutSession(access(), stored.id)).allowedAssets).to.deep.equal(['BTC', 'USDT', '1INCH']);
    });

    it('createCheckout: the sandbox refuses a missing or mistyped field with 400', async () => {
      const { productName: _dropped, ...missing } = expectedBody([]);
      const noName = await failure(createCheckout(access(), missing as WewireCheckoutBody));
      expect(noName.code).to.equal('provider_error');
      expect(noName.httpStatus).to.equal(400);
      expect(noName.message).to.contain('productName');

      for (const asset of ['btc', 'USD-T', '']) {
        const badAsset = await failure(createCheckout(access(), expectedBody(['USDT', asset])));
        expect(badAsset.httpStatus, asset).to.equal(400);
        expect(badAsset.message).to.contain('allowedAssets must be an asset symbol');
      }

      const stringAmount = { ...expectedBody([]), amount: '25.50' } as unknown as WewireCheckoutBody;
      expect((await failure(createCheckout(access(), stringAmount))).message).to.contain('amount');

      const arrayMetadata = { ...expectedBody([]), metadata: [] } as unknown as WewireCheckoutBody;
      expect((await failure(createCheckout(access(), arrayMetadata))).message).to.contain('metadata');
      expect(sandbox.state.sessions.size).to.equal(0);
    });

    it('getCheckoutSession reads the documented object and the status', async () => {
      const api = access();
      const { id } = await createCheckout(api, expectedBody(['USDT']));
      const session = await getCheckoutSession(api, id!);
      const sent = wewireRequests('GET')[0]!;
      expect(sent.path).to.equal(`/api/v1/checkout/sessions/${id}`);
      expectAuth(sent, api.token);
      const stored = sandbox.state.session(id!)!;
      expect(session).to.deep.include({
        id,
        currency: 'USD',
        amount: 25.5,
        email: 'ana@example.com',
        name: 'Ana Souza',
        productId: 'sku-42',
        productName: 'Concert ticket',
        productDescription: 'Front row, 21 Nov',
        allowedAssets: ['USDT'],
        expiresAt: new Date(stored.expiresAt!).toISOString(),
        metadata: { orderId: 'order-7' },
        redirectUrl: returnUrls().success,
        cancelUrl: returnUrls().cancel,
        status: 'open',
      });
      expect(session.customerId).to.be.a('string');
    });

    it('getCheckoutSession URL-encodes the id; an unknown id is provider_error 404', async () => {
      const error = await failure(getCheckoutSession(access(), 'cs/1 2'));
      expect(wewireRequests('GET')[0]!.url).to.equal(`${base}/api/v1/checkout/sessions/cs%2F1%202`);
      expect(error.code).to.equal('provider_error');
      expect(error.httpStatus).to.equal(404);
      expect(error.message).to.contain('Checkout session not found');
    });

    it('getCheckoutSession tolerates odd types in fields it does not need', async () => {
      sandbox.state.fault({
        provider: 'wewire',
        body: { id: 7, status: 5, expiresAt: { at: 'soon' }, amount: 'lots', allowedAssets: 'ETH', extra: true },
      });
      const session = await getCheckoutSession(access(), '7');
      expect(session.id).to.equal('7');
      expect(session.status).to.be.undefined;
      expect(session.expiresAt).to.be.undefined;
      expect(session.amount).to.equal('lots');
      expect(session.allowedAssets).to.be.undefined;
      expect(session).to.have.property('extra', true);
    });

    it('getCheckoutSession: malformed JSON → invalid_response', async () => {
      sandbox.state.fault({ provider: 'wewire', body: 'malformed-json' });
      expect((await failure(getCheckoutSession(access(), 'cs_1'))).code).to.equal('invalid_response');
    });

    it('listCheckouts returns the sessions', async () => {
      const api = access();
      const first = await createCheckout(api, expectedBody(['ETH']));
      const second = await createCheckout(api, expectedBody(['USDC']));
      const sessions = await listCheckouts(api);
      const sent = wewireRequests('GET')[0]!;
      expect(sent.path).to.equal('/api/v1/checkout');
      expectAuth(sent, api.token);
      expect(sessions.map((s) => s.id)).to.deep.equal([first.id, second.id]);
      expect(sessions.map((s) => s.allowedAssets)).to.deep.equal([['ETH'], ['USDC']]);
    });

    it('listCheckouts: a body that is not an array → invalid_response', async () => {
      sandbox.state.fault({ provider: 'wewire', body: { sessions: [] } });
      expect((await failure(listCheckouts(access()))).code).to.equal('invalid_response');
    });

    it('expireCheckout and cancelCheckout post to their paths and accept 201 with no body', async () => {
      const api = access();
      const a = (await createCheckout(api, expectedBody([]))).id!;
      const b = (await createCheckout(api, expectedBody([]))).id!;
      expect(await expireCheckout(api, a)).to.be.undefined;
      expect(await cancelCheckout(api, b)).to.be.undefined;
      const [expire, cancel] = wewireRequests('POST', /\/(expire|cancel)$/);
      expect([expire!.path, cancel!.path]).to.deep.equal([`/api/v1/checkout/${a}/expire`, `/api/v1/checkout/${b}/cancel`]);
      expectAuth(expire!, api.token);
      expectAuth(cancel!, api.token);
      expect(expire!.body).to.be.undefined;
      expect(sandbox.state.session(a)!.outcome).to.equal('expired');
      expect(sandbox.state.session(b)!.outcome).to.equal('cancelled');
    });

    it('expire and cancel accept a body too', async () => {
      sandbox.state.fault({ provider: 'wewire', status: 201, body: { ok: true }, times: 2 });
      expect(await cancelCheckout(access(), 'cs_1')).to.be.undefined;
      expect(await expireCheckout(access(), 'cs_1')).to.be.undefined;
    });

    it('cancel of an unknown session is 404; of a paid one 409', async () => {
      const api = access();
      const missing = await failure(cancelCheckout(api, 'cs_missing'));
      expect(missing.code).to.equal('provider_error');
      expect(missing.httpStatus).to.equal(404);
      const { id } = await createCheckout(api, expectedBody([]));
      sandbox.state.pay(id!);
      const paid = await failure(cancelCheckout(api, id!));
      expect(paid.code).to.equal('provider_error');
      expect(paid.httpStatus).to.equal(409);
      const expired = await failure(expireCheckout(api, id!));
      expect(expired.httpStatus).to.equal(409);
      expect(sandbox.state.session(id!)!.outcome).to.equal('paid');
    });

    it('a token the provider does not know is provider_error 401', async () => {
      const error = await failure(createCheckout({ apiBase: base, token: 'nope' }, expectedBody([])));
      expect(error.code).to.equal('provider_error');
      expect(error.httpStatus).to.equal(401);
      expect(error.message).to.contain('Unauthorized');
    });
  });

  describe('status mapping and assets', () => {
    it('maps every WeWire status, case-insensitively', () => {
      const table: Record<string, string> = {
        open: 'pending', pending: 'pending', processing: 'processing', complete: 'succeeded',
        completed: 'succeeded', paid: 'succeeded', failed: 'failed', expired: 'expired',
        cancelled: 'cancelled', canceled: 'cancelled', COMPLETED: 'succeeded', ' Open ': 'pending',
      };
      for (const [status, mapped] of Object.entries(table)) expect(mapWewireStatus(status), status).to.equal(mapped);
    });

    it('an unknown or absent status is no status', () => {
      for (const status of ['refunded', '', 'constructor', 'toString', undefined]) {
        expect(mapWewireStatus(status), String(status)).to.be.undefined;
      }
    });

    it('parseAssets upper-cases and dedupes; empty or absent means the default three', () => {
      expect(parseAssets(['usdc', ' USDT ', 'USDC'])).to.deep.equal(['USDC', 'USDT']);
      expect(parseAssets(['BTC', 'USDT'])).to.deep.equal(['BTC', 'USDT']);
      expect(parseAssets(['sol', 'DAI', '1inch', 'wbtc'])).to.deep.equal(['SOL', 'DAI', '1INCH', 'WBTC']);
      expect(parseAssets([])).to.deep.equal(['ETH', 'USDT', 'USDC']);
      expect(parseAssets(undefined)).to.deep.equal([...WEWIRE_ASSETS]);
      expect(parseAssets(['', ' '])).to.deep.equal(['ETH', 'USDT', 'USDC']);
    });

    it('parseAssets refuses what is not an asset symbol (letters and digits), naming it and the attribute', () => {
      for (const bad of ['USD-T', 'US DT', 'usdt.e', 'ÉTH', '$BTC']) {
        let error: unknown;
        try {
          parseAssets(['USDT', bad]);
        } catch (e) {
          error = e;
        }
        expect((error as CheckoutError).code, bad).to.equal('config');
        expect((error as CheckoutError).message).to.contain(`assets: "${bad}"`);
      }
    });
  });

  describe('adapter', () => {
    it('declares cancel and no refresh', () => {
      const adapter = createWewireAdapter(context());
      expect(adapter.provider).to.equal('wewire');
      expect(adapter.canCancel).to.be.true;
      expect(adapter.canRefresh).to.be.false;
    });

    it('one asset: creates at once, then reads the session for expiry and status', async () => {
      const ctx = context();
      const session = await createWewireAdapter(ctx).start();
      const [create, read] = wewireRequests();
      const token = ctx.token.current!.token;
      expect(create!.method).to.equal('POST');
      expect(create!.path).to.equal('/api/v1/checkout');
      expectAuth(create!, token);
      expect(create!.body).to.deep.equal(expectedBody(['USDT']));
      const stored = sandbox.state.latest('wewire')!;
      expect(read!.method).to.equal('GET');
      expect(read!.path).to.equal(`/api/v1/checkout/sessions/${stored.id}`);
      expectAuth(read!, token);
      expect(session).to.deep.include({
        provider: 'wewire',
        id: stored.id,
        status: 'pending',
        amount: 2550,
        currency: 'USD',
        expiresAt: stored.expiresAt,
        pollable: true,
      });
      expect(session.presentation).to.deep.equal({ kind: 'hosted', url: `${base}/hosted/${stored.id}`, expiresAt: stored.expiresAt });
      expect(session.options).to.be.undefined;
    });

    it('converts minor units to WeWire major units per currency', async () => {
      await createWewireAdapter(context({ amount: 500, currency: 'jpy' })).start();
      await createWewireAdapter(context({ amount: 1, currency: 'USD' })).start();
      const bodies = wewireRequests('POST').map((r) => r.body as WewireCheckoutBody);
      expect(bodies.map((b) => [b.amount, b.currency])).to.deep.equal([[500, 'JPY'], [0.01, 'USD']]);
    });

    it('several assets: offers them without creating anything', async () => {
      const adapter = createWewireAdapter(context({ assets: [] }));
      const session = await adapter.start();
      expect(wewireRequests()).to.have.length(0);
      expect(session).to.deep.equal({
        provider: 'wewire',
        id: REF,
        status: 'pending',
        amount: 2550,
        currency: 'USD',
        options: [
          { id: 'ETH', type: 'ETH', label: 'ETH', presentation: 'hosted' },
          { id: 'USDT', type: 'USDT', label: 'USDT', presentation: 'hosted' },
          { id: 'USDC', type: 'USDC', label: 'USDC', presentation: 'hosted' },
        ],
        pollable: false,
      });
      const offered = await createWewireAdapter(context({ assets: ['usdc', 'USDT'], ref: undefined })).start();
      expect(offered.id).to.equal('pending-choice');
      expect(offered.options!.map((o) => o.id)).to.deep.equal(['USDC', 'USDT']);
    });

    it('choose creates the checkout for the picked asset only', async () => {
      const adapter = createWewireAdapter(context({ assets: undefined }));
      const offer = await adapter.start();
      const session = await adapter.choose(offer, 'usdc');
      const [create] = wewireRequests('POST');
      expect(create!.body).to.deep.equal(expectedBody(['USDC']));
      expect(session.id).to.equal(sandbox.state.latest('wewire')!.id);
      expect(session.presentation!.kind).to.equal('hosted');
      expect(session.options).to.be.undefined;
    });

    it('choose refuses an asset that was not offered, without a request', async () => {
      const adapter = createWewireAdapter(context({ assets: ['USDT', 'USDC'] }));
      const offer = await adapter.start();
      const error = await failure(adapter.choose(offer, 'ETH'));
      expect(error.code).to.equal('config');
      expect((await failure(adapter.choose(offer, 'DOGE'))).code).to.equal('config');
      expect(wewireRequests()).to.have.length(0);
    });

    it('any asset the merchant names is offered: BTC,USDT; the chosen one is created', async () => {
      const adapter = createWewireAdapter(context({ assets: ['BTC', 'USDT'] }));
      const offer = await adapter.start();
      expect(offer.options).to.deep.equal([
        { id: 'BTC', type: 'BTC', label: 'BTC', presentation: 'hosted' },
        { id: 'USDT', type: 'USDT', label: 'USDT', presentation: 'hosted' },
      ]);
      expect(wewireRequests()).to.have.length(0);
      const session = await adapter.choose(offer, 'btc');
      expect(wewireRequests('POST')[0]!.body).to.deep.equal(expectedBody(['BTC']));
      expect(session.presentation!.kind).to.equal('hosted');
      const single = await createWewireAdapter(context({ assets: ['sol'] })).start();
      expect(wewireRequests('POST')[1]!.body).to.deep.equal(expectedBody(['SOL']));
      expect(single.options).to.be.undefined;
    });

    it('an asset attribute that is not a symbol is a config error, no request', async () => {
      const error = await failure(createWewireAdapter(context({ assets: ['USDT', 'BTC-X'] })).start());
      expect(error.code).to.equal('config');
      expect(error.message).to.contain('BTC-X');
      expect(wewireRequests()).to.have.length(0);
    });

    const customerless: CheckoutOrder = { product: ORDER.product! };
    for (const [label, overrides, words] of [
      ['amount 0', { amount: 0 }, 'amount'],
      ['a fractional amount', { amount: 12.5 }, 'amount'],
      ['an unsafe amount', { amount: 2 ** 53 }, 'amount'],
      ['no currency', { currency: undefined }, 'currency'],
      ['no customer', { order: customerless }, 'order.customer'],
      ['no customer email', { order: { ...ORDER, customer: { name: 'Ana', email: '' } } }, 'email'],
      ['no customer name', { order: { ...ORDER, customer: { name: ' ', email: 'a@b.c' } } }, 'name'],
      ['no return URLs', { returnUrls: undefined }, 'return-url'],
      ['no product and no description', { order: { customer: ORDER.customer! }, description: undefined }, 'order.product'],
    ] as const) {
      it(`config: ${label} → config error, no request to WeWire`, async () => {
        const error = await failure(createWewireAdapter(context(overrides as Partial<AdapterContext>)).start());
        expect(error.code).to.equal('config');
        expect(error.message).to.contain(words);
        expect(wewireRequests()).to.have.length(0);
      });
    }

    it('config is checked before the asset choice is offered', async () => {
      const error = await failure(createWewireAdapter(context({ assets: [], returnUrls: undefined })).start());
      expect(error.code).to.equal('config');
    });

    it('without order.product: productId falls back to the ref, name and description to description; metadata to {}', async () => {
      const order: CheckoutOrder = { customer: ORDER.customer! };
      await createWewireAdapter(context({ order })).start();
      const body = wewireRequests('POST')[0]!.body as WewireCheckoutBody;
      expect(body).to.deep.include({
        productId: REF,
        productName: 'Tickets',
        productDescription: 'Tickets',
        metadata: {},
      });
    });

    it('published API (no id): the ref is the id, nothing to poll, cancel and expire call nothing', async () => {
      setWewireFlavor(sandbox.state, { createReturnsId: false, sessionHasStatus: false });
      const adapter = createWewireAdapter(context());
      const session = await adapter.start();
      expect(wewireRequests()).to.have.length(1);
      expect(session).to.deep.include({ id: REF, status: 'pending', pollable: false, amount: 2550, currency: 'USD' });
      expect(session.expiresAt).to.be.undefined;
      expect(session.presentation).to.deep.equal({ kind: 'hosted', url: `${base}/hosted/${sandbox.state.latest('wewire')!.id}` });
      await adapter.cancel(session);
      await adapter.expire(session);
      expect(await adapter.status(session)).to.deep.equal({ status: 'pending', raw: session.raw });
      expect(wewireRequests()).to.have.length(1);
    });

    it('id but no status: reads expiresAt, does not poll, never declares expired by itself', async () => {
      setWewireFlavor(sandbox.state, { sessionHasStatus: false });
      const adapter = createWewireAdapter(context());
      const session = await adapter.start();
      const stored = sandbox.state.latest('wewire')!;
      expect(session).to.deep.include({ id: stored.id, status: 'pending', pollable: false, expiresAt: stored.expiresAt });
      expect((await adapter.status(session)).status).to.equal('pending');
      await clock.advance(stored.expiresAt! - clock.now());
      const reading = await adapter.status(session);
      expect(reading.status).to.equal('pending');
      expect(reading.expiresAt).to.equal(stored.expiresAt);
      expect(wewireRequests()).to.have.length(2);
      // The flow then tells WeWire, so a late payment cannot land.
      await adapter.expire(session);
      expect(wewireRequests('POST')[1]!.path).to.equal(`/api/v1/checkout/${stored.id}/expire`);
      expect(sandbox.state.session(stored.id)!.outcome).to.equal('expired');
    });

    it('a status already settled locally is kept after expiry', async () => {
      const adapter = createWewireAdapter(context());
      const local: SessionSnapshot = { provider: 'wewire', id: REF, status: 'succeeded', expiresAt: clock.now() - 1, pollable: false };
      expect((await adapter.status(local)).status).to.equal('succeeded');
    });

    const outcomes = [
      ['pending', (id: string) => id, 'pending'],
      ['processing', (id: string) => sandbox.state.process(id), 'processing'],
      ['paid', (id: string) => sandbox.state.pay(id), 'succeeded'],
      ['failed', (id: string) => sandbox.state.fail(id), 'failed'],
      ['expired', (id: string) => sandbox.state.expire(id), 'expired'],
      ['cancelled', (id: string) => sandbox.state.cancel(id), 'cancelled'],
    ] as const;
    for (const [outcome, settle, expected] of outcomes) {
      it(`status polls the session: ${outcome} → ${expected}`, async () => {
        const adapter = createWewireAdapter(context());
        const session = await adapter.start();
        settle(session.id);
        const reading = await adapter.status(session);
        const poll = wewireRequests('GET').at(-1)!;
        expect(poll.path).to.equal(`/api/v1/checkout/sessions/${session.id}`);
        expect(reading.status).to.equal(expected);
        expect((reading.raw as { id: string }).id).to.equal(session.id);
      });
    }

    it('an unknown status while polling reads as pending, also past expiresAt', async () => {
      const adapter = createWewireAdapter(context());
      const session = await adapter.start();
      sandbox.state.fault({ provider: 'wewire', method: 'GET', body: { id: session.id, status: 'on_hold' } });
      expect((await adapter.status(session)).status).to.equal('pending');
      await clock.advance(session.expiresAt! - clock.now());
      sandbox.state.fault({ provider: 'wewire', method: 'GET', body: { id: session.id, status: 'on_hold' } });
      const late = await adapter.status(session);
      expect(late.status).to.equal('pending');
      expect(late.expiresAt).to.equal(session.expiresAt);
    });

    it('an unknown status at creation means no polling', async () => {
      sandbox.state.fault({ provider: 'wewire', method: 'GET', body: { status: 'on_hold' } });
      const session = await createWewireAdapter(context()).start();
      expect(session.status).to.equal('pending');
      expect(session.pollable).to.be.false;
    });

    it('a failed read after create still hands off to the hosted page', async () => {
      sandbox.state.fault({ provider: 'wewire', method: 'GET', status: 500 });
      const session = await createWewireAdapter(context()).start();
      const stored = sandbox.state.latest('wewire')!;
      expect(session).to.deep.include({ id: stored.id, status: 'pending', pollable: false });
      expect(session.presentation).to.deep.equal({ kind: 'hosted', url: `${base}/hosted/${stored.id}` });
    });

    it('later token requests carry the new session id', async () => {
      const ctx = context();
      const session = await createWewireAdapter(ctx).start();
      sandbox.state.revokeTokens();
      await createWewireAdapter(ctx).status(session);
      expect(tokenRequests()).to.have.length(2);
      expect((tokenRequests()[1]!.body as { sessionId?: string }).sessionId).to.equal(session.id);
    });

    it('attach reads the session without a hosted presentation', async () => {
      const { id } = await createCheckout(access(), expectedBody(['ETH']));
      sandbox.state.process(id!);
      const ctx = context();
      const session = await createWewireAdapter(ctx).attach(id!);
      const stored = sandbox.state.session(id!)!;
      expect(session).to.deep.include({
        provider: 'wewire',
        id,
        status: 'processing',
        amount: 2550,
        currency: 'USD',
        expiresAt: stored.expiresAt,
        pollable: true,
      });
      expect(session.presentation).to.be.undefined;
      expect(wewireRequests('GET')[0]!.path).to.equal(`/api/v1/checkout/sessions/${id}`);
      expect((tokenRequests()[0]!.body as { sessionId?: string }).sessionId).to.equal(id);
    });

    it('attach without status in the published session: pending, not pollable', async () => {
      setWewireFlavor(sandbox.state, { sessionHasStatus: false });
      const { id } = await createCheckout(access(), expectedBody([]));
      const session = await createWewireAdapter(context()).attach(id!);
      expect(session.status).to.equal('pending');
      expect(session.pollable).to.be.false;
    });

    it('attach to an unknown session is provider_error 404', async () => {
      const error = await failure(createWewireAdapter(context()).attach('cs_gone'));
      expect(error.code).to.equal('provider_error');
      expect(error.httpStatus).to.equal(404);
    });

    it("the token endpoint's sessionId is attached to instead of creating", async () => {
      const { id } = await createCheckout(access(), expectedBody([]));
      sandbox.state.tokenExtras = { sessionId: id };
      const session = await createWewireAdapter(context()).start();
      expect(wewireRequests('POST')).to.have.length(1);
      expect(wewireRequests('GET').map((r) => r.path)).to.deep.equal([`/api/v1/checkout/sessions/${id}`]);
      expect(session.id).to.equal(id);
      expect(session.presentation).to.be.undefined;
    });

    it("the token endpoint's url is handed off as is, without a request", async () => {
      sandbox.state.tokenExtras = { url: 'https://pay.wewire.example/c/abc' };
      const session = await createWewireAdapter(context({ assets: [] })).start();
      expect(wewireRequests()).to.have.length(0);
      expect(session).to.deep.equal({
        provider: 'wewire',
        id: REF,
        status: 'pending',
        amount: 2550,
        currency: 'USD',
        presentation: { kind: 'hosted', url: 'https://pay.wewire.example/c/abc' },
        pollable: false,
      });
    });

    it("the token endpoint's url and sessionId: the session is read and the url presented", async () => {
      const { id } = await createCheckout(access(), expectedBody([]));
      sandbox.state.tokenExtras = { url: 'https://pay.wewire.example/c/abc', sessionId: id };
      const session = await createWewireAdapter(context()).start();
      expect(session.id).to.equal(id);
      expect(session.pollable).to.be.true;
      expect(session.presentation).to.deep.equal({
        kind: 'hosted',
        url: 'https://pay.wewire.example/c/abc',
        expiresAt: sandbox.state.session(id!)!.expiresAt,
      });
    });

    it('cancel posts cancel for a WeWire session (201, no body)', async () => {
      const adapter = createWewireAdapter(context());
      const session = await adapter.start();
      await adapter.cancel(session);
      const cancel = wewireRequests('POST').at(-1)!;
      expect(cancel.path).to.equal(`/api/v1/checkout/${session.id}/cancel`);
      expectAuth(cancel, sandbox.state.requestsTo('wewire')[0]!.headers['ww-api-key']!);
      expect(sandbox.state.session(session.id)!.outcome).to.equal('cancelled');
    });

    it('cancel and expire skip the call while the customer is still choosing', async () => {
      const adapter = createWewireAdapter(context({ assets: [] }));
      const offer = await adapter.start();
      await adapter.cancel(offer);
      await adapter.expire(offer);
      expect(wewireRequests()).to.have.length(0);
    });

    it('cancel of a paid session is provider_error 409', async () => {
      const adapter = createWewireAdapter(context());
      const session = await adapter.start();
      sandbox.state.pay(session.id);
      const error = await failure(adapter.cancel(session));
      expect(error.code).to.equal('provider_error');
      expect(error.httpStatus).to.equal(409);
    });

    it('a 401 asks the token endpoint once more and retries the call', async () => {
      const ctx = context();
      await ctx.token.get();
      sandbox.state.revokeTokens();
      const session = await createWewireAdapter(ctx).start();
      const creates = wewireRequests('POST', '/api/v1/checkout');
      expect(creates).to.have.length(2);
      expect(tokenRequests()).to.have.length(2);
      expect(creates[1]!.headers['ww-api-key']).to.equal(ctx.token.current!.token);
      expect(sandbox.state.sessions.size).to.equal(1);
      expect(session.pollable).to.be.true;
    });

    it('a second 401 is surfaced', async () => {
      sandbox.state.fault({ provider: 'wewire', method: 'POST', status: 401, times: 2 });
      const error = await failure(createWewireAdapter(context()).start());
      expect(error.code).to.equal('provider_error');
      expect(error.httpStatus).to.equal(401);
      expect(wewireRequests('POST')).to.have.length(2);
      expect(tokenRequests()).to.have.length(2);
    });

    for (const [label, fault] of [
      ['a body that is not JSON', { body: 'malformed-json' }],
      ['a body without url', { body: { id: 'cs_1' } }],
    ] as const) {
      it(`start: ${label} from create → invalid_response`, async () => {
        sandbox.state.fault({ provider: 'wewire', method: 'POST', ...fault });
        const error = await failure(createWewireAdapter(context()).start());
        expect(error.code).to.equal('invalid_response');
      });
    }

    it('a malformed poll answer is invalid_response', async () => {
      const adapter = createWewireAdapter(context());
      const session = await adapter.start();
      sandbox.state.fault({ provider: 'wewire', method: 'GET', body: 'malformed-json' });
      expect((await failure(adapter.status(session))).code).to.equal('invalid_response');
    });

    it('refresh starts a new checkout', async () => {
      const adapter: ProviderAdapter = createWewireAdapter(context());
      const first = await adapter.start();
      const second = await adapter.refresh(first);
      expect(second.id).to.not.equal(first.id);
      expect(wewireRequests('POST', '/api/v1/checkout')).to.have.length(2);
    });

    it("re-throws the caller's abort as is", async () => {
      const ctx = context();
      await ctx.token.get();
      sandbox.state.fault({ provider: 'wewire', method: 'POST', delayMs: 500 });
      const controller = new AbortController();
      const pending = createWewireAdapter(ctx).start(controller.signal);
      await waitUntil(() => wewireRequests().length === 1);
      controller.abort(new DOMException('left', 'AbortError'));
      const error = (await pending.catch((e: unknown) => e)) as DOMException;
      expect(error.name).to.equal('AbortError');
      expect(wewireRequests('GET')).to.have.length(0);
    });
  });

  describe('sandbox hosted page', () => {
    it('shows the checkout and pays through ?action=pay, returning to successUrl', async () => {
      const { url, id } = await createCheckout(access(), expectedBody(['USDC']));
      const page = await fetch(url);
      expect(page.headers.get('Content-Type')).to.contain('text/html');
      const text = await page.text();
      expect(text).to.contain('Concert ticket');
      expect(text).to.contain('href="?action=pay"');
      expect(text).to.contain('href="?action=cancel"');
      const paid = await fetch(`${url}?action=pay`, { redirect: 'manual' });
      expect(paid.type === 'opaqueredirect' || paid.status === 303).to.be.true;
      expect(sandbox.state.session(id!)!.outcome).to.equal('paid');
    });

    it('cancel through the hosted page', async () => {
      const { url, id } = await createCheckout(access(), expectedBody([]));
      await fetch(`${url}?action=cancel`, { redirect: 'manual' });
      expect(sandbox.state.session(id!)!.outcome).to.equal('cancelled');
    });
  });
});
