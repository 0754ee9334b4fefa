import { expect } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import {
  buildClientSessionRequest,
  createClientSession,
  createKaipayAdapter,
  type KaipayClientSessionRequest,
} from '../../src/providers/kaipay.js';
import type { AdapterContext } from '../../src/core/adapter.js';
import type { SessionSnapshot } from '../../src/core/session.js';
import type { CheckoutOrder } from '../../src/core/order.js';
import { CheckoutError } from '../../src/core/errors.js';
import { FakeClock } from '../support/fake-clock.js';
import { startSandbox, sandboxToken } from '../support/sandbox.js';
import { inTimezone } from '../support/timezone.js';
import type { Sandbox } from '../../demo/sandbox/index.js';

const RETURN = 'https://shop.example/return?checkout_provider=kaipay&checkout_ref=ref_1';
const RETURN_URLS = {
  success: `${RETURN}&checkout_outcome=success`,
  failure: `${RETURN}&checkout_outcome=failure`,
  cancel: `${RETURN}&checkout_outcome=cancel`,
};

const FULL_ORDER: CheckoutOrder = {
  customer: {
    name: 'Juan Pérez',
    email: 'juan@example.com',
    shippingAddress: {
      name: 'Juan Perez',
      addressLine1: 'Calle Prueba #1',
      city: 'San Pedro Garza García',
      state: 'NL',
      country: 'mx',
      postalCode: '66220',
      intNumber: '4B',
      extNumber: '12',
      reference: 'Blue gate next to the bakery on the corner',
    },
  },
  items: [
    { id: 'sku-1', description: 'First item', amount: 10000, quantity: 1 },
    { description: 'Second item', amount: 5500, quantity: 2 },
  ],
  country: 'mx',
  shippingAmount: 100,
  metadata: { orderRef: 'A-17' },
  externalId: 'ignored-by-kaipay',
};

const FULL_BODY: KaipayClientSessionRequest = {
  currency: 'MXN',
  amount: 21000,
  customer: {
    name: 'Juan Pérez',
    email: 'juan@example.com',
    shipping_address: {
      name: 'Juan Perez',
      address_line_1: 'Calle Prueba #1',
      city: 'San Pedro Garza García',
      state: 'NL',
      country: 'MX',
      postal_code: '66220',
      int_number: '4B',
      ext_number: '12',
      reference: 'Blue gate next to the bak',
    },
  },
  order: {
    country: 'MX',
    shipping_amount: 100,
    line_items: [
      { item_id: 'sku-1', description: 'First item', amount: 10000, quantity: 1 },
      { description: 'Second item', amount: 5500, quantity: 2 },
    ],
  },
  metadata: { orderRef: 'A-17' },
  success_redirect_url: RETURN_URLS.success,
  failure_redirect_url: RETURN_URLS.failure,
};

const MINIMAL_ORDER: CheckoutOrder = { customer: { name: 'Ana', email: 'ana@example.com' }, country: 'BR' };

describe('kaipay provider', () => {
  let sandbox: Sandbox;
  let clock: FakeClock;

  beforeEach(async () => {
    sandbox = await startSandbox();
    clock = new FakeClock(Date.now());
  });

  function context(overrides: Partial<AdapterContext> = {}): AdapterContext {
    return {
      provider: 'kaipay',
      token: sandboxToken(sandbox, 'kaipay'),
      clock,
      amount: 21000,
      currency: 'mxn',
      order: FULL_ORDER,
      returnUrls: RETURN_URLS,
      ref: 'ref_1',
      ...overrides,
    };
  }

  const kaipayRequests = () => sandbox.state.requestsTo('kaipay');
  const tokenRequests = () => sandbox.state.requestsTo('token');
  const failure = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, 'expected a CheckoutError').to.be.instanceOf(CheckoutError);
    return error as CheckoutError;
  };

  describe('buildClientSessionRequest', () => {
    it('maps the order to snake_case, upper-cases codes and truncates reference to 25 characters', () => {
      expect(buildClientSessionRequest(context())).to.deep.equal(FULL_BODY);
      expect(FULL_BODY.customer.shipping_address!.reference).to.have.length(25);
    });

    it('omits every optional key that is absent', () => {
      const body = buildClientSessionRequest(context({ order: MINIMAL_ORDER, returnUrls: undefined, currency: 'BRL' }));
      expect(body).to.deep.equal({
        currency: 'BRL',
        amount: 21000,
        customer: { name: 'Ana', email: 'ana@example.com' },
        order: { country: 'BR' },
      });
      expect(JSON.stringify(body)).to.not.contain('null');
    });

    it('keeps a short reference as is and leaves out absent address numbers', () => {
      const order: CheckoutOrder = {
        ...MINIMAL_ORDER,
        customer: {
          name: 'Ana',
          email: 'ana@example.com',
          shippingAddress: {
            name: 'Ana', addressLine1: 'Rua 1', city: 'Recife', state: 'PE', country: 'br', postalCode: '50000-000',
            reference: 'Casa azul',
          },
        },
      };
      expect(buildClientSessionRequest(context({ order })).customer.shipping_address).to.deep.equal({
        name: 'Ana', address_line_1: 'Rua 1', city: 'Recife', state: 'PE', country: 'BR', postal_code: '50000-000',
        reference: 'Casa azul',
      });
    });

    const configCases: [string, Partial<AdapterContext>, RegExp][] = [
      ['amount missing', { amount: undefined }, /amount/],
      ['amount zero', { amount: 0 }, /amount/],
      ['amount negative', { amount: -100 }, /amount/],
      ['amount fractional', { amount: 12.5 }, /amount/],
      ['amount not safe', { amount: 2 ** 53 }, /amount/],
      ['amount of nine digits', { amount: 123_456_789 }, /amount .*at most 8 digits/],
      ['currency missing', { currency: undefined }, /currency/],
      ['currency blank', { currency: ' ' }, /currency/],
      ['customer missing', { order: { country: 'MX' } }, /customer/],
      ['customer name missing', { order: { ...MINIMAL_ORDER, customer: { name: '', email: 'a@b.c' } } }, /name/],
      ['customer email missing', { order: { ...MINIMAL_ORDER, customer: { name: 'Ana', email: '' } } }, /email/],
      ['order.country missing', { order: { customer: MINIMAL_ORDER.customer! } }, /order\.country/],
      ['order missing', { order: undefined }, /customer/],
    ];

    for (const amount of [0, 1.5, 123_456_789]) {
      it(`amount ${amount} is a config error naming amount, before any request (the token endpoint's too)`, async () => {
        const error = await failure(createKaipayAdapter(context({ amount })).start());
        expect(error.code).to.equal('config');
        expect(error.message).to.match(/^kaipay: amount must be a positive integer of at most 8 digits/);
        expect(error.message).to.contain(String(amount));
        expect(sandbox.state.requests).to.have.length(0);
      });
    }

    it('takes the largest eight-digit amount', async () => {
      await createKaipayAdapter(context({ amount: 99_999_999 })).start();
      expect((kaipayRequests()[0]!.body as KaipayClientSessionRequest).amount).to.equal(99_999_999);
    });

    for (const [label, overrides, message] of configCases) {
      it(`${label} → config, and start() sends nothing to KaiPay`, async () => {
        const ctx = context(overrides);
        let thrown: unknown;
        try {
          buildClientSessionRequest(ctx);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).to.be.instanceOf(CheckoutError);
        expect((thrown as CheckoutError).code).to.equal('config');
        expect((thrown as CheckoutError).message).to.match(message);

        const error = await failure(createKaipayAdapter(ctx).start());
        expect(error.code).to.equal('config');
        expect(kaipayRequests()).to.have.length(0);
      });
    }
  });

  describe('shipping_amount', () => {
    it('a shipping amount of 0 is left out of the request, which KaiPay then takes', async () => {
      const snapshot = await createKaipayAdapter(context({ order: { ...FULL_ORDER, shippingAmount: 0 } })).start();
      const [sent] = kaipayRequests();
      const { shipping_amount: _, ...order } = FULL_BODY.order;
      expect(sent!.body).to.deep.equal({ ...FULL_BODY, order });
      expect(snapshot.status).to.equal('pending');
    });

    it('a negative one is left out too, a positive one is sent', () => {
      expect(buildClientSessionRequest(context({ order: { ...FULL_ORDER, shippingAmount: -5 } })).order).to.not.have.property('shipping_amount');
      expect(buildClientSessionRequest(context({ order: { ...FULL_ORDER, shippingAmount: 1 } })).order.shipping_amount).to.equal(1);
    });
  });

  describe('createClientSession', () => {
    it('normalizes a body given directly (merchant server use)', async () => {
      const token = sandboxToken(sandbox, 'kaipay');
      const grant = await token.get();
      const session = await createClientSession(
        { apiBase: `${grant.apiBase}/`, token: grant.token },
        {
          currency: 'usd',
          amount: 500,
          customer: { name: 'Bo', email: 'bo@example.com' },
          order: { country: 'us', fees: { service: 50 }, shipping_amount: 0 },
          metadata: undefined,
        },
      );
      const [sent] = kaipayRequests();
      expect(sent!.path).to.equal('/client-session');
      expect(sent!.body).to.deep.equal({
        currency: 'USD',
        amount: 500,
        customer: { name: 'Bo', email: 'bo@example.com' },
        order: { country: 'US', fees: { service: 50 } },
      });
      expect(session.id).to.match(/^cs_/);
    });
  });

  describe('start', () => {
    it('POSTs /client-session with the bearer token and the exact JSON body', async () => {
      const ctx = context();
      await createKaipayAdapter(ctx).start();
      const requests = kaipayRequests();
      expect(requests).to.have.length(1);
      const [sent] = requests;
      expect(sent!.method).to.equal('POST');
      expect(sent!.path).to.equal('/client-session');
      expect(sent!.url).to.equal(`${sandbox.base('kaipay')}/client-session`);
      expect(sent!.headers.authorization).to.equal(`Bearer ${ctx.token.current!.token}`);
      expect(sent!.headers['content-type']).to.equal('application/json');
      expect(sent!.body).to.deep.equal(FULL_BODY);
    });

    it('sends no redirect URLs without returnUrls', async () => {
      await createKaipayAdapter(context({ returnUrls: undefined })).start();
      const body = kaipayRequests()[0]!.body as Record<string, unknown>;
      expect(body).to.not.have.property('success_redirect_url');
      expect(body).to.not.have.property('failure_redirect_url');
    });

    it('turns the response into a pending hosted snapshot', async () => {
      const snapshot = await createKaipayAdapter(context()).start();
      const stored = sandbox.state.latest<Record<string, unknown>>('kaipay')!;
      const expiresAt = Date.parse(stored.data.expiration_date as string);
      expect(stored.id).to.match(/^cs_/);
      expect(snapshot).to.deep.equal({
        provider: 'kaipay',
        id: stored.id,
        status: 'pending',
        amount: 21000,
        currency: 'MXN',
        expiresAt,
        items: [
          { description: 'First item', amount: 10000, quantity: 1 },
          { description: 'Second item', amount: 5500, quantity: 2 },
        ],
        presentation: { kind: 'hosted', url: `${sandbox.base('kaipay')}/hosted/${stored.id}`, expiresAt },
        pollable: false,
        raw: stored.data,
      });
      expect(expiresAt - Date.now()).to.be.within(29 * 60_000, 30 * 60_000);
    });

    it('sends the new session id with the next token request', async () => {
      const ctx = context();
      const snapshot = await createKaipayAdapter(ctx).start();
      ctx.token.invalidate();
      await ctx.token.get();
      expect((tokenRequests()[0]!.body as Record<string, unknown>).sessionId).to.be.undefined;
      expect((tokenRequests()[1]!.body as Record<string, unknown>).sessionId).to.equal(snapshot.id);
    });

    it('accepts a numeric id and tolerates optional fields of odd types', async () => {
      sandbox.state.fault({
        provider: 'kaipay',
        body: {
          id: 987,
          client_session_url: 'https://checkout.kaipay.test/s/987',
          amount: '21000',
          currency: 7,
          expiration_date: 'not a date',
          customer: 'someone',
          order: [],
          created_at: {},
        },
      });
      const snapshot = await createKaipayAdapter(context({ order: MINIMAL_ORDER })).start();
      expect(snapshot.id).to.equal('987');
      expect(snapshot.amount).to.equal(21000);
      expect(snapshot.currency).to.equal('MXN');
      expect(snapshot).to.not.have.property('expiresAt');
      expect(snapshot).to.not.have.property('items');
      expect(snapshot.presentation).to.deep.equal({ kind: 'hosted', url: 'https://checkout.kaipay.test/s/987' });
    });

    it('reads an epoch expiration_date, in seconds or ms, as a number or a numeric string', async () => {
      const expires = Math.floor(Date.now() / 1000) + 600;
      for (const expiration_date of [expires, String(expires), expires * 1000, String(expires * 1000)]) {
        sandbox.state.fault({
          provider: 'kaipay',
          body: { id: 'cs_x', client_session_url: 'https://checkout.kaipay.test/s/x', expiration_date },
        });
        const snapshot = await createKaipayAdapter(context()).start();
        expect(snapshot.expiresAt, JSON.stringify(expiration_date)).to.equal(expires * 1000);
      }
    });

    it('reads an expiration_date without an offset as UTC, not as the browser\'s zone', async () => {
      for (const [expiration, utc] of [
        ['2030-01-02T03:04:05', Date.UTC(2030, 0, 2, 3, 4, 5)],
        ['2030-01-02 03:04:05.250', Date.UTC(2030, 0, 2, 3, 4, 5, 250)],
        ['2030-01-02T03:04:05-03:00', Date.UTC(2030, 0, 2, 6, 4, 5)],
      ] as const) {
        sandbox.state.fault({
          provider: 'kaipay',
          body: { id: 'cs_x', client_session_url: 'https://checkout.kaipay.test/s/x', expiration_date: expiration },
        });
        const snapshot = await inTimezone('America/Sao_Paulo', () => {
          // The zone really is not UTC here, or a local reading would pass unnoticed.
          expect(new Date(utc).getTimezoneOffset()).to.equal(180);
          return createKaipayAdapter(context()).start();
        });
        expect(snapshot.expiresAt, expiration).to.equal(utc);
        expect(snapshot.presentation).to.deep.include({ expiresAt: utc });
      }
    });

    it('uses the hosted url of a grant without calling KaiPay', async () => {
      sandbox.state.tokenExtras = { url: 'https://checkout.kaipay.test/s/server', sessionId: 'cs_server' };
      // A session created server-side needs no customer from the page.
      const ctx = context({ order: undefined, currency: 'mxn' });
      const snapshot = await createKaipayAdapter(ctx).start();
      expect(snapshot).to.deep.equal({
        provider: 'kaipay',
        id: 'cs_server',
        status: 'pending',
        amount: 21000,
        currency: 'MXN',
        presentation: { kind: 'hosted', url: 'https://checkout.kaipay.test/s/server' },
        pollable: false,
      });
      expect(kaipayRequests()).to.have.length(0);
      ctx.token.invalidate();
      await ctx.token.get();
      expect((tokenRequests()[1]!.body as Record<string, unknown>).sessionId).to.equal('cs_server');
    });

    it('names a grant-url session after the flow ref when the grant has no sessionId', async () => {
      sandbox.state.tokenExtras = { url: 'https://checkout.kaipay.test/s/server' };
      const ctx = context({ ref: 'ref_77' });
      const snapshot = await createKaipayAdapter(ctx).start();
      expect(snapshot.id).to.equal('ref_77');
      expect(snapshot.items).to.deep.equal([
        { description: 'First item', amount: 10000, quantity: 1 },
        { description: 'Second item', amount: 5500, quantity: 2 },
      ]);
      expect(kaipayRequests()).to.have.length(0);
      ctx.token.invalidate();
      await ctx.token.get();
      expect((tokenRequests()[1]!.body as Record<string, unknown>).sessionId).to.be.undefined;
    });

    it('asks the token endpoint again once after a 401 and retries with the new token', async () => {
      const ctx = context();
      const stale = await ctx.token.get();
      sandbox.state.revokeTokens();
      const snapshot = await createKaipayAdapter(ctx).start();
      expect(snapshot.status).to.equal('pending');
      const [first, second] = kaipayRequests();
      expect(kaipayRequests()).to.have.length(2);
      expect(tokenRequests()).to.have.length(2);
      expect(first!.headers.authorization).to.equal(`Bearer ${stale.token}`);
      expect(second!.headers.authorization).to.equal(`Bearer ${ctx.token.current!.token}`);
      expect(second!.headers.authorization).to.not.equal(first!.headers.authorization);
    });

    it('surfaces a second 401 as provider_error', async () => {
      sandbox.state.fault({ provider: 'kaipay', status: 401, body: { message: 'Unauthorized' }, times: 2 });
      const error = await failure(createKaipayAdapter(context()).start());
      expect(error.code).to.equal('provider_error');
      expect(error.httpStatus).to.equal(401);
      expect(kaipayRequests()).to.have.length(2);
      expect(tokenRequests()).to.have.length(2);
    });

    it('a 400 is provider_error carrying KaiPay\'s message', async () => {
      const order: CheckoutOrder = { ...MINIMAL_ORDER, items: [{ description: ' ', amount: 100, quantity: 1 }] };
      const error = await failure(createKaipayAdapter(context({ order })).start());
      expect(error.code).to.equal('provider_error');
      expect(error.httpStatus).to.equal(400);
      expect(error.retryable).to.be.false;
      expect(error.message).to.contain('order.line_items[0].description is required');
    });

    it('an invalid currency is refused by KaiPay with the field named', async () => {
      const error = await failure(createKaipayAdapter(context({ currency: 'pesos' })).start());
      expect(error.code).to.equal('provider_error');
      expect(error.message).to.contain('currency');
    });

    for (const [label, body] of [
      ['a body that is not JSON', 'malformed-json'],
      ['no client_session_url', { id: 'cs_1', amount: 21000 }],
      ['client_session_url not a string', { id: 'cs_1', client_session_url: 42 }],
      ['no id', { client_session_url: 'https://checkout.kaipay.test/s/1' }],
      ['an empty id', { id: '', client_session_url: 'https://checkout.kaipay.test/s/1' }],
      ['an empty body', 'empty'],
    ] as const) {
      it(`${label} → invalid_response`, async () => {
        sandbox.state.fault({ provider: 'kaipay', body });
        const error = await failure(createKaipayAdapter(context()).start());
        expect(error.code).to.equal('invalid_response');
        expect(kaipayRequests()).to.have.length(1);
      });
    }

    it('a dropped connection is a retryable network error', async () => {
      sandbox.state.fault({ provider: 'kaipay', network: true });
      const error = await failure(createKaipayAdapter(context()).start());
      expect(error.code).to.equal('network');
      expect(error.retryable).to.be.true;
    });

    it('re-throws the caller abort as is', async () => {
      sandbox.state.fault({ provider: 'kaipay', delayMs: 500 });
      const controller = new AbortController();
      const pending = createKaipayAdapter(context()).start(controller.signal);
      await waitUntil(() => kaipayRequests().length === 1);
      controller.abort(new DOMException('left', 'AbortError'));
      const error = (await pending.catch((e: unknown) => e)) as DOMException;
      expect(error.name).to.equal('AbortError');
    });
  });

  describe('without a status endpoint', () => {
    it('cannot cancel or refresh at the provider', () => {
      const adapter = createKaipayAdapter(context());
      expect(adapter.provider).to.equal('kaipay');
      expect(adapter.canCancel).to.be.false;
      expect(adapter.canRefresh).to.be.false;
    });

    it('status() reports what is known, without a call, also past expiration_date (expiry is the flow\'s)', async () => {
      const adapter = createKaipayAdapter(context());
      const session = await adapter.start();
      const before = sandbox.state.requests.length;
      expect((await adapter.status(session)).status).to.equal('pending');
      await clock.advance(session.expiresAt! - clock.now() - 1);
      expect((await adapter.status(session)).status).to.equal('pending');
      await clock.advance(1);
      const reading = await adapter.status(session);
      expect(reading).to.deep.equal({ status: 'pending', raw: session.raw, expiresAt: session.expiresAt });
      expect(sandbox.state.requests.length).to.equal(before);
    });

    it('status() keeps a settled status past the expiry', async () => {
      const adapter = createKaipayAdapter(context());
      const session: SessionSnapshot = {
        provider: 'kaipay', id: 'cs_1', status: 'succeeded', expiresAt: clock.now() - 1, pollable: false,
      };
      expect((await adapter.status(session)).status).to.equal('succeeded');
      const noExpiry: SessionSnapshot = { provider: 'kaipay', id: 'cs_2', status: 'pending', pollable: false };
      await clock.advance(24 * 3600_000);
      expect((await adapter.status(noExpiry)).status).to.equal('pending');
    });

    it('attach() returns a pending, non-pollable snapshot without any request', async () => {
      const snapshot = await createKaipayAdapter(context()).attach('cs_abc');
      expect(snapshot).to.deep.equal({ provider: 'kaipay', id: 'cs_abc', status: 'pending', pollable: false });
      expect(sandbox.state.requests).to.have.length(0);
    });

    it('choose() is a config error; cancel() and expire() make no call', async () => {
      const adapter = createKaipayAdapter(context());
      const session = await adapter.start();
      const before = sandbox.state.requests.length;
      expect((await failure(adapter.choose(session, 'card'))).code).to.equal('config');
      await adapter.cancel(session);
      await adapter.expire(session);
      expect(sandbox.state.requests.length).to.equal(before);
    });

    it('refresh() creates a new session', async () => {
      const adapter = createKaipayAdapter(context());
      const first = await adapter.start();
      const second = await adapter.refresh(first);
      expect(second.id).to.not.equal(first.id);
      expect(second.status).to.equal('pending');
      expect(kaipayRequests().map((r) => `${r.method} ${r.path}`)).to.deep.equal([
        'POST /client-session',
        'POST /client-session',
      ]);
    });
  });

  describe('sandbox', () => {
    async function post(body: unknown, authorization?: string) {
      const token = authorization ?? `Bearer ${(await sandboxToken(sandbox, 'kaipay').get()).token}`;
      const response = await fetch(`${sandbox.base('kaipay')}/client-session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: token },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    }

    it('refuses an unknown bearer token with 401', async () => {
      const result = await post(FULL_BODY, 'Bearer nope');
      expect(result.status).to.equal(401);
      expect(result.body.message).to.equal('Unauthorized');
    });

    for (const [label, body, message] of [
      ['customer.name', { ...FULL_BODY, customer: { email: 'a@b.c' } }, 'customer.name is required'],
      ['order.country', { ...FULL_BODY, order: {} }, 'order.country must be a two-letter ISO code'],
      ['order.shipping_amount 0', { ...FULL_BODY, order: { ...FULL_BODY.order, shipping_amount: 0 } }, 'order.shipping_amount must be a positive integer of at most 8 digits'],
      ['amount of nine digits', { ...FULL_BODY, amount: 123_456_789 }, 'amount must be a positive integer of at most 8 digits'],
      [
        'shipping_address.reference',
        { ...FULL_BODY, customer: { ...FULL_BODY.customer, shipping_address: { ...FULL_BODY.customer.shipping_address, reference: 'x'.repeat(26) } } },
        'customer.shipping_address.reference must be at most 25 characters',
      ],
      [
        'shipping_address.postal_code',
        { ...FULL_BODY, customer: { ...FULL_BODY.customer, shipping_address: { ...FULL_BODY.customer.shipping_address, postal_code: undefined } } },
        'customer.shipping_address.postal_code is required',
      ],
    ] as const) {
      it(`validates ${label}`, async () => {
        const result = await post(body);
        expect(result.status).to.equal(400);
        expect(result.body.message).to.equal(message);
      });
    }

    it('answers with every field KaiPay documents and serves the hosted page', async () => {
      const result = await post(FULL_BODY);
      expect(result.status).to.equal(201);
      expect(result.body).to.have.all.keys(
        'id', 'organization', 'customer', 'order', 'client_session_url', 'amount', 'metadata', 'expiration_date',
        'success_redirect_url', 'failure_redirect_url', 'created_at', 'updated_at', 'currency',
      );
      const order = result.body.order as { id: string; line_items: { id: string }[] };
      expect(order.id).to.match(/^ord_/);
      expect(order.line_items.map((item) => item.id)).to.have.length(2);
      expect((result.body.customer as { id: string }).id).to.match(/^cus_/);

      const url = result.body.client_session_url as string;
      const page = await fetch(url);
      expect(page.headers.get('Content-Type')).to.contain('text/html');
      expect(await page.text()).to.contain('210.00 MXN');

      await fetch(`${url}?action=pay`, { redirect: 'manual' });
      expect(sandbox.state.session(result.body.id as string)!.outcome).to.equal('paid');
    });
  });
});
