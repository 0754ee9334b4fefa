import { expect } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import type { Sandbox } from '../../demo/sandbox/index.js';
import { crc16 } from '../../demo/sandbox/pix.js';
import {
  CONOMY_API_KEY,
  CONOMY_CLIENT_ID,
  CONOMY_CLIENT_SECRET,
  CONOMY_QR_IMAGE_PLACEHOLDER,
  setPixRequiredFields,
} from '../../demo/sandbox/conomy.js';
import { PIX_DOCUMENT_FIELDS } from '../../demo/sandbox/control-api.js';
import type { RecordedRequest } from '../../demo/sandbox/state.js';
import { CheckoutError } from '../../src/core/errors.js';
import { taxId } from '../../src/core/customer.js';
import { CheckoutFlow } from '../../src/core/flow.js';
import { defaultAdapters } from '../../src/providers/index.js';
import type { CheckoutOrder } from '../../src/core/order.js';
import type { TokenRequest } from '../../src/core/token.js';
import { createConomyAdapter } from '../../src/providers/conomy.js';
import {
  deleteCheckoutSession,
  getCheckoutSession,
  openPaymentLinkSession,
  refreshCheckoutSession,
  submitPayment,
} from '../../src/providers/conomy-api.js';
import { mapConomyStatus, sessionOptions } from '../../src/providers/conomy-mapping.js';
import {
  authenticate,
  createCheckoutSession,
  listCheckoutSessions,
  type ConomyCreateCheckoutSession,
} from '../../src/providers/conomy-merchant.js';
import type { ConomyCheckoutSession, ConomyPaymentMethod, ConomyPaymentRequest } from '../../src/providers/conomy-schemas.js';
import type { AdapterContext } from '../../src/core/adapter.js';
import type { SessionSnapshot } from '../../src/core/session.js';
import type { ApiAccess } from '../../src/providers/types.js';
import { FakeClock } from '../support/fake-clock.js';
import { until } from '../support/flows.js';
import { sandboxToken, startSandbox } from '../support/sandbox.js';

const ORDER: CheckoutOrder = {
  customer: { name: 'Ana Maria Souza', email: 'ana@example.com' },
  items: [
    { description: 'Coffee beans 1kg', amount: 15000, quantity: 1 },
    { description: 'Filter papers', amount: 3000, quantity: 2 },
  ],
};

/** What the element sends to the token endpoint for a MXN 210.00 order. */
const TOKEN_BODY: Partial<TokenRequest> = { amount: 21000, currency: 'MXN', description: 'Order 7', order: ORDER };

async function caught(promise: Promise<unknown>): Promise<CheckoutError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected a CheckoutError').to.be.instanceOf(CheckoutError);
  return error as CheckoutError;
}

describe('conomy provider', () => {
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await startSandbox();
  });

  const conomyRequests = (method?: string, path?: string | RegExp) => sandbox.state.requestsTo('conomy', method, path);
  const tokenRequests = () => sandbox.state.requestsTo('token', 'POST');

  function expectAuth(request: RecordedRequest | undefined, token: string): void {
    expect(request, 'request').to.exist;
    expect(request!.headers.authorization).to.equal(`Bearer ${token}`);
    expect(request!.headers['x-api-key']).to.equal(CONOMY_API_KEY);
  }

  /** Direct API access as the token endpoint grants it, plus the payment-link token it made. */
  async function access(body: Partial<TokenRequest> = TOKEN_BODY): Promise<{ api: ApiAccess; checkoutToken: string }> {
    const grant = await sandboxToken(sandbox, 'conomy', body).get();
    return {
      api: { apiBase: grant.apiBase, token: grant.token, apiKey: grant.apiKey! },
      checkoutToken: grant.checkoutToken!,
    };
  }

  function adapterFor(body: Partial<TokenRequest> = TOKEN_BODY, extra: Partial<AdapterContext> = {}) {
    const token = sandboxToken(sandbox, 'conomy', body);
    const ctx: AdapterContext = {
      provider: 'conomy',
      token,
      clock: new FakeClock(),
      ...(body.amount === undefined ? {} : { amount: body.amount }),
      ...(body.currency === undefined ? {} : { currency: body.currency }),
      ...(body.description === undefined ? {} : { description: body.description }),
      ...(body.order === undefined ? {} : { order: body.order }),
      ...extra,
    };
    return { adapter: createConomyAdapter(ctx), token };
  }

  /** A token grant's current bearer token, as the adapter used it. */
  const bearerOf = (request: RecordedRequest | undefined) => request!.headers.authorization!.slice('Bearer '.length);

  describe('low-level calls', () => {
    it('authenticate: POST /auth with the API key and client credentials', async () => {
      const auth = await authenticate(
        { apiBase: sandbox.base('conomy'), apiKey: CONOMY_API_KEY },
        CONOMY_CLIENT_ID,
        CONOMY_CLIENT_SECRET,
      );
      const [sent] = conomyRequests('POST', '/auth');
      expect(sent!.headers['x-api-key']).to.equal(CONOMY_API_KEY);
      expect(sent!.headers.authorization).to.be.undefined;
      expect(sent!.headers['content-type']).to.equal('application/json');
      expect(sent!.body).to.deep.equal({ clientId: 'sandbox-client', clientSecret: 'sandbox-secret' });
      expect(auth.tokenType).to.equal('Bearer');
      expect(auth.expiresIn).to.equal(3600);
      expect(sandbox.state.validTokens.has(auth.accessToken)).to.be.true;
    });

    it('authenticate: wrong credentials → provider_error 401 with the message', async () => {
      const error = await caught(
        authenticate({ apiBase: sandbox.base('conomy'), apiKey: CONOMY_API_KEY }, CONOMY_CLIENT_ID, 'wrong'),
      );
      expect(error.code).to.equal('provider_error');
      expect(error.httpStatus).to.equal(401);
      expect(error.message).to.contain('Invalid client credentials');
    });

    it('openPaymentLinkSession: POST {} and parses the 201 CheckoutSession', async () => {
      const { api, checkoutToken } = await access();
      const session = await openPaymentLinkSession(api, checkoutToken);
      const [sent] = conomyRequests();
      expect(sent!.method).to.equal('POST');
      expect(sent!.path).to.equal(`/payment-links/token/${checkoutToken}/checkout-sessions`);
      expectAuth(sent, api.token);
      expect(sent!.body).to.deep.equal({});
      expect(session.status).to.equal('ACTIVE');
      expect(session.currency).to.equal('MXN');
      expect(session.totalAmount).to.equal('210.00');
      expect(session.checkoutToken).to.equal(checkoutToken);
      expect(session.url).to.equal(`${sandbox.base('conomy')}/hosted/${session.id}`);
      expect(session.items).to.deep.equal([
        { preTaxAmount: '150.00', totalAmount: '150.00', description: 'Coffee beans 1kg' },
        { preTaxAmount: '60.00', totalAmount: '60.00', description: 'Filter papers × 2' },
      ]);
      const methods = session.paymentConfigs[0]!.paymentMethods as ConomyPaymentMethod[];
      expect(methods.map((m) => [m.type, m.enabled, m.purchaseAmount])).to.deep.equal([
        ['PIX', true, '210.00'],
        ['CARD', true, '210.00'],
        ['SPEI', false, '210.00'],
      ]);
    });

    it('getCheckoutSession: GET /checkout-sessions/{id}', async () => {
      const { api, checkoutToken } = await access();
      const opened = await openPaymentLinkSession(api, checkoutToken);
      const session = await getCheckoutSession(api, opened.id);
      const sent = conomyRequests()[1];
      expect(sent!.method).to.equal('GET');
      expect(sent!.path).to.equal(`/checkout-sessions/${opened.id}`);
      expect(sent!.body).to.be.undefined;
      expectAuth(sent, api.token);
      expect(session).to.deep.equal(opened);
    });

    it('submitPayment: POST the exact payment node, parses the Transaction', async () => {
      const { api, checkoutToken } = await access({ amount: 21000, currency: 'BRL' });
      const opened = await openPaymentLinkSession(api, checkoutToken);
      const body = { description: 'Order 7', origins: [{ type: 'PIX', amount: '210.00', currency: 'BRL', pix: { customer: { firstName: 'Ana' } } }] };
      const transaction = await submitPayment(api, opened.id, body);
      const sent = conomyRequests('POST', `/checkout-sessions/${opened.id}/payments`)[0];
      expectAuth(sent, api.token);
      expect(sent!.body).to.deep.equal(body);
      const origin = transaction.origins[0]!;
      expect(origin.type).to.equal('PIX');
      expect(origin.amount).to.equal('210.00');
      expect(origin.pix!.qrCode).to.equal(CONOMY_QR_IMAGE_PLACEHOLDER);
      expect(origin.pix!.data).to.be.a('string').and.match(/^000201/);
      expect(transaction.status).to.equal('PENDING');
    });

    it('refreshCheckoutSession: POST {} → a new session for the same token; the old one is EXPIRED', async () => {
      const { api, checkoutToken } = await access();
      const first = await openPaymentLinkSession(api, checkoutToken);
      const fresh = await refreshCheckoutSession(api, checkoutToken);
      const sent = conomyRequests()[1];
      expect(sent!.method).to.equal('POST');
      expect(sent!.path).to.equal(`/checkout-sessions/token/${checkoutToken}/refresh`);
      expect(sent!.body).to.deep.equal({});
      expectAuth(sent, api.token);
      expect(fresh.id).to.not.equal(first.id);
      expect(fresh.checkoutToken).to.equal(checkoutToken);
      expect(fresh.status).to.equal('ACTIVE');
      expect((await getCheckoutSession(api, first.id)).status).to.equal('EXPIRED');
    });

    it('deleteCheckoutSession: DELETE /checkout-sessions/{id} → {}', async () => {
      const { api, checkoutToken } = await access();
      const opened = await openPaymentLinkSession(api, checkoutToken);
      expect(await deleteCheckoutSession(api, opened.id)).to.be.undefined;
      const sent = conomyRequests('DELETE')[0];
      expect(sent!.path).to.equal(`/checkout-sessions/${opened.id}`);
      expect(sent!.body).to.be.undefined;
      expectAuth(sent, api.token);
      expect(sandbox.state.session(opened.id)!.outcome).to.equal('cancelled');
      // A deleted session is no longer payable; the spec's GET has no 404, so it reads EXPIRED.
      expect((await getCheckoutSession(api, opened.id)).status).to.equal('EXPIRED');
    });

    it('deleteCheckoutSession accepts an empty 200', async () => {
      const { api, checkoutToken } = await access();
      const opened = await openPaymentLinkSession(api, checkoutToken);
      sandbox.state.fault({ provider: 'conomy', method: 'DELETE', body: 'empty' });
      expect(await deleteCheckoutSession(api, opened.id)).to.be.undefined;
    });

    it('createCheckoutSession: a merchant server authenticates, then POSTs create-checkout-session', async () => {
      const apiBase = sandbox.base('conomy');
      const auth = await authenticate({ apiBase, apiKey: CONOMY_API_KEY }, CONOMY_CLIENT_ID, CONOMY_CLIENT_SECRET);
      const api: ApiAccess = { apiBase, token: auth.accessToken, apiKey: CONOMY_API_KEY };
      const body: ConomyCreateCheckoutSession = {
        checkoutToken: 'order-7-attempt-1',
        items: [{ preTaxAmount: '100.00', totalAmount: '116.00', description: 'Mug', tax: { name: 'IVA', type: 'PERCENTAGE', value: '16', amount: '16.00' } }],
        currency: 'MXN',
        paymentMethodsAllowed: ['CARD', 'SPEI'],
        destinations: [{ type: 'ACCOUNT', amount: '116.00', account: { type: 'CHECKING', currency: 'MXN', accountNumber: '777', accountHolder: 'Shop' } }],
        duration: 60,
        owner: { identityId: 'idt_shop' },
        customerRequirements: ['email'],
        successUrl: 'https://shop.example/ok',
        failedUrl: 'https://shop.example/ko',
      };
      const session = await createCheckoutSession(api, body);
      const sent = conomyRequests('POST', '/checkout-sessions')[0];
      expectAuth(sent, auth.accessToken);
      expect(sent!.body).to.deep.equal(body);
      expect(session.totalAmount).to.equal('116.00');
      expect(session.checkoutToken).to.equal('order-7-attempt-1');
      expect(Date.parse(session.expiresAt) - Date.parse(session.createdAt as string)).to.equal(60_000);
      expect(sessionOptions(session).map((o) => [o.id, o.label, o.amount, o.presentation])).to.deep.equal([
        ['MXN:card_mxn', 'Card', 11600, 'hosted'],
        ['MXN:spei_mxn', 'Spei', 11600, 'hosted'],
      ]);
    });

    it('createCheckoutSession: a duration under 30 s is a config error, no request', async () => {
      const api: ApiAccess = { apiBase: sandbox.base('conomy'), token: 't', apiKey: CONOMY_API_KEY };
      const error = await caught(
        createCheckoutSession(api, {
          checkoutToken: 'x',
          items: [{ preTaxAmount: '1.00', totalAmount: '1.00', description: 'x' }],
          currency: 'MXN',
          paymentMethodsAllowed: ['CARD'],
          destinations: [{ type: 'ACCOUNT', amount: '1.00' }],
          duration: 10,
          owner: { identityId: 'i' },
        }),
      );
      expect(error.code).to.equal('config');
      expect(error.message).to.contain('duration');
      expect(conomyRequests()).to.have.length(0);
    });

    it('listCheckoutSessions: GET with the filters as query, parses pagination and results', async () => {
      const { api, checkoutToken } = await access();
      const opened = await openPaymentLinkSession(api, checkoutToken);
      const today = new Date();
      const day = `${String(today.getUTCDate()).padStart(2, '0')}/${String(today.getUTCMonth() + 1).padStart(2, '0')}/${today.getUTCFullYear()}`;
      const page = await listCheckoutSessions(api, {
        identityId: 'idt_sbx_merchant_001',
        status: 'ACTIVE',
        startDate: day,
        endDate: day,
        sort: 'createdAt:desc',
        limit: 10,
        offset: 0,
      });
      const sent = conomyRequests('GET', '/checkout-sessions')[0];
      expectAuth(sent, api.token);
      expect(sent!.query).to.deep.equal({
        identityId: 'idt_sbx_merchant_001',
        status: 'ACTIVE',
        startDate: day,
        endDate: day,
        sort: 'createdAt:desc',
        limit: '10',
        offset: '0',
      });
      expect(page.pagination).to.deep.equal({ count: 1, next: 1, previous: 0, total: 1 });
      expect(page.results.map((s) => [s.id, s.status])).to.deep.equal([[opened.id, 'ACTIVE']]);
      const none = await listCheckoutSessions(api, { status: 'FINISHED' });
      expect(none.results).to.deep.equal([]);
      expect(conomyRequests('GET', '/checkout-sessions')[1]!.query).to.deep.equal({ status: 'FINISHED' });
    });

    it('every call without apiKey is a config error and sends no request', async () => {
      const api: ApiAccess = { apiBase: sandbox.base('conomy'), token: 'tok' };
      const calls: Promise<unknown>[] = [
        openPaymentLinkSession(api, 'ctk'),
        getCheckoutSession(api, 'cks'),
        submitPayment(api, 'cks', { origins: [] }),
        refreshCheckoutSession(api, 'ctk'),
        deleteCheckoutSession(api, 'cks'),
        listCheckoutSessions(api),
      ];
      for (const call of calls) {
        const error = await caught(call);
        expect(error.code).to.equal('config');
        expect(error.message).to.equal('token endpoint must return apiKey for Conomy');
      }
      expect(conomyRequests()).to.have.length(0);
    });

    it('404 → provider_error with the message and httpStatus', async () => {
      const { api } = await access();
      const error = await caught(getCheckoutSession(api, 'cks_missing'));
      expect(error.code).to.equal('provider_error');
      expect(error.httpStatus).to.equal(404);
      expect(error.message).to.contain('Checkout session not found');
    });

    it('400 → provider_error: an amount that is not the purchaseAmount', async () => {
      const { api, checkoutToken } = await access();
      const opened = await openPaymentLinkSession(api, checkoutToken);
      const error = await caught(
        submitPayment(api, opened.id, { origins: [{ type: 'PIX', amount: '200.00', currency: 'MXN', pix: {} }] }),
      );
      expect(error.code).to.equal('provider_error');
      expect(error.httpStatus).to.equal(400);
      expect(error.message).to.contain('does not match the purchaseAmount 210.00');
    });

    it('400 → provider_error: a method that is not enabled', async () => {
      const { api, checkoutToken } = await access();
      const opened = await openPaymentLinkSession(api, checkoutToken);
      const error = await caught(
        submitPayment(api, opened.id, { origins: [{ type: 'SPEI', amount: '210.00', currency: 'MXN' }] }),
      );
      expect(error.httpStatus).to.equal(400);
      expect(error.message).to.contain('SPEI is not enabled');
    });

    it('a wrong API key → 401 from the gateway', async () => {
      const { api, checkoutToken } = await access();
      const error = await caught(openPaymentLinkSession({ ...api, apiKey: 'nope' }, checkoutToken));
      expect(error.code).to.equal('provider_error');
      expect(error.httpStatus).to.equal(401);
      expect(error.message).to.contain('Invalid API key');
    });

    it('accepts amounts sent as numbers', async () => {
      const { api } = await access();
      sandbox.state.fault({
        provider: 'conomy',
        body: {
          id: 'cks_n', status: 'ACTIVE', currency: 'BRL', totalAmount: 12.5, url: 'https://pay.example/cks_n',
          expiresAt: '2026-11-21T12:15:00Z', items: [{ description: 'Tea', totalAmount: 12.5 }],
          paymentConfigs: [{ currency: 'BRL', paymentMethods: [{ id: 'pix', type: 'PIX', enabled: true, purchaseAmount: 12.5 }] }],
        },
      });
      const session = await getCheckoutSession(api, 'cks_n');
      expect(sessionOptions(session)[0]!.amount).to.equal(1250);
    });

    it('a body that is not JSON → invalid_response', async () => {
      const { api } = await access();
      sandbox.state.fault({ provider: 'conomy', method: 'GET', body: 'malformed-json' });
      const error = await caught(getCheckoutSession(api, 'cks_1'));
      expect(error.code).to.equal('invalid_response');
    });

    for (const [label, broken] of [
      ['no id', (s: ConomyCheckoutSession) => omit(s, 'id')],
      ['no status', (s: ConomyCheckoutSession) => omit(s, 'status')],
      ['no url', (s: ConomyCheckoutSession) => omit(s, 'url')],
      ['no paymentConfigs', (s: ConomyCheckoutSession) => omit(s, 'paymentConfigs')],
      ['an amount that is not a number', (s: ConomyCheckoutSession) => ({ ...s, totalAmount: 'two hundred' })],
    ] as const) {
      it(`a session with ${label} → invalid_response`, async () => {
        const { api, checkoutToken } = await access();
        const valid = await openPaymentLinkSession(api, checkoutToken);
        sandbox.state.fault({ provider: 'conomy', method: 'GET', body: broken(valid) });
        const error = await caught(getCheckoutSession(api, valid.id));
        expect(error.code).to.equal('invalid_response');
      });
    }

    it('a PIX origin without pix.data → invalid_response', async () => {
      const { api, checkoutToken } = await access();
      const opened = await openPaymentLinkSession(api, checkoutToken);
      sandbox.state.fault({
        provider: 'conomy',
        method: 'POST',
        body: { id: 'txn', status: 'PENDING', origins: [{ type: 'PIX', amount: '210.00', currency: 'MXN', pix: { qrCode: 'data:image/png;base64,AAAA' } }] },
      });
      const error = await caught(
        submitPayment(api, opened.id, { origins: [{ type: 'PIX', amount: '210.00', currency: 'MXN', pix: {} }] }),
      );
      expect(error.code).to.equal('invalid_response');
      expect(error.message).to.contain('pix.data');
    });

    it('a Transaction without origins → invalid_response', async () => {
      const { api } = await access();
      sandbox.state.fault({ provider: 'conomy', body: { id: 'txn', status: 'PENDING' } });
      const error = await caught(submitPayment(api, 'cks', { origins: [] }));
      expect(error.code).to.equal('invalid_response');
    });

    it('re-throws the caller abort as is', async () => {
      const { api, checkoutToken } = await access();
      sandbox.state.fault({ provider: 'conomy', delayMs: 500 });
      const controller = new AbortController();
      const pending = openPaymentLinkSession(api, checkoutToken, controller.signal);
      await waitUntil(() => conomyRequests().length === 1);
      controller.abort(new DOMException('left', 'AbortError'));
      const error = (await pending.catch((e: unknown) => e)) as DOMException;
      expect(error.name).to.equal('AbortError');
    });
  });

  describe('mapConomyStatus', () => {
    for (const [conomy, status] of [
      ['ATTEMPT', 'pending'],
      ['ACTIVE', 'pending'],
      ['PROCESSING_PAYMENT', 'processing'],
      ['FINISHED', 'succeeded'],
      ['FAILED', 'failed'],
      ['EXPIRED', 'expired'],
      ['CANCELLED', undefined],
      ['toString', undefined],
    ] as const) {
      it(`${conomy} → ${status}`, () => {
        expect(mapConomyStatus(conomy)).to.equal(status);
      });
    }
  });

  describe('sessionOptions', () => {
    const base: ConomyCheckoutSession = {
      id: 'cks_1',
      status: 'ACTIVE',
      currency: 'CLP',
      totalAmount: '12500',
      url: 'https://pay.example/cks_1',
      expiresAt: '2026-11-21T12:15:00Z',
      items: [{ description: 'Book', totalAmount: '12500' }],
      paymentConfigs: [
        {
          currency: 'CLP',
          paymentMethods: [
            { id: 'webpay', type: 'WEBPAY', enabled: true, purchaseAmount: '12500' },
            { id: 'etpay', type: 'ETPAY', enabled: false, purchaseAmount: '12500' },
            { id: 'bank', type: 'BANK_ACCOUNT', enabled: true, purchaseAmount: '12500' },
          ],
        },
        {
          currency: 'BRL',
          paymentMethods: [
            { id: 'pix', type: 'PIX', enabled: true, purchaseAmount: '77.31' },
            { id: 'pix', type: 'PIX', enabled: true, purchaseAmount: '99.99' },
            { id: 'card', type: 'CARD', enabled: true, purchaseAmount: '77.31' },
          ],
        },
      ],
    };

    it('offers the enabled methods of every config, amounts in minor units of the config currency', () => {
      expect(sessionOptions(base)).to.deep.equal([
        { id: 'CLP:webpay', type: 'WEBPAY', label: 'Webpay', amount: 12500, currency: 'CLP', presentation: 'hosted' },
        { id: 'CLP:bank', type: 'BANK_ACCOUNT', label: 'Bank Account', amount: 12500, currency: 'CLP', presentation: 'hosted' },
        // The spec's PIX node requires the payer's firstName: without a customer, the name is asked.
        { id: 'BRL:pix', type: 'PIX', label: 'Pix', amount: 7731, currency: 'BRL', presentation: 'qr', fields: ['name'] },
        { id: 'BRL:card', type: 'CARD', label: 'Card', amount: 7731, currency: 'BRL', presentation: 'hosted' },
      ]);
    });

    it('limits them to paymentMethodsAllowed', () => {
      const options = sessionOptions({ ...base, paymentMethodsAllowed: ['PIX', 'ETPAY'] });
      expect(options.map((o) => o.id)).to.deep.equal(['BRL:pix']);
    });
  });

  describe('adapter', () => {
    it('start: opens a session from the checkoutToken and maps it', async () => {
      const { adapter } = adapterFor();
      const session = await adapter.start();
      const [tokenCall] = tokenRequests();
      expect(tokenCall!.body).to.deep.equal({ provider: 'conomy', ...TOKEN_BODY });
      const sent = conomyRequests();
      expect(sent).to.have.length(1);
      expect(sent[0]!.path).to.match(/^\/payment-links\/token\/ctk_[a-z0-9]+\/checkout-sessions$/);
      expectAuth(sent[0], bearerOf(sent[0]));
      const raw = session.raw as ConomyCheckoutSession;
      expect(session).to.deep.include({
        provider: 'conomy',
        id: raw.id,
        status: 'pending',
        amount: 21000,
        currency: 'MXN',
        expiresAt: Date.parse(raw.expiresAt),
        pollable: true,
      });
      expect(session.items).to.deep.equal([
        { description: 'Coffee beans 1kg', amount: 15000, quantity: 1, total: 15000 },
        { description: 'Filter papers × 2', amount: 6000, quantity: 1, total: 6000 },
      ]);
      expect(session.options).to.deep.equal([
        { id: 'MXN:pix_bcb_dynamic', type: 'PIX', label: 'Pix', amount: 21000, currency: 'MXN', presentation: 'qr' },
        { id: 'MXN:card_hosted', type: 'CARD', label: 'Card', amount: 21000, currency: 'MXN', presentation: 'hosted' },
      ]);
      expect(session.presentation).to.be.undefined;
    });

    it('start: follows the new session id (later tokens are asked for it)', async () => {
      const { adapter } = adapterFor();
      const session = await adapter.start();
      sandbox.state.revokeTokens();
      await adapter.status(session);
      expect((tokenRequests()[1]!.body as TokenRequest).sessionId).to.equal(session.id);
    });

    it('start: attaches to the grant sessionId instead of opening a session', async () => {
      const { api, checkoutToken } = await access();
      const existing = await openPaymentLinkSession(api, checkoutToken);
      sandbox.state.tokenExtras = { sessionId: existing.id };
      const { adapter } = adapterFor();
      const session = await adapter.start();
      const sent = conomyRequests();
      expect(sent.map((r) => `${r.method} ${r.path}`)).to.deep.equal([
        `POST /payment-links/token/${checkoutToken}/checkout-sessions`,
        `GET /checkout-sessions/${existing.id}`,
      ]);
      expect(session.id).to.equal(existing.id);
    });

    it('start: neither sessionId nor checkoutToken → config, no provider request', async () => {
      sandbox.state.tokenExtras = { checkoutToken: undefined };
      const { adapter } = adapterFor();
      const error = await caught(adapter.start());
      expect(error.code).to.equal('config');
      expect(error.message).to.equal('token endpoint must return sessionId or checkoutToken for Conomy');
      expect(conomyRequests()).to.have.length(0);
    });

    it('start: no apiKey → config, no provider request', async () => {
      sandbox.state.tokenExtras = { apiKey: undefined };
      const { adapter } = adapterFor();
      const error = await caught(adapter.start());
      expect(error.code).to.equal('config');
      expect(error.message).to.equal('token endpoint must return apiKey for Conomy');
      expect(conomyRequests()).to.have.length(0);
    });

    it('attach: GET the session by id', async () => {
      const { api, checkoutToken } = await access();
      const existing = await openPaymentLinkSession(api, checkoutToken);
      const { adapter } = adapterFor({});
      const session = await adapter.attach(existing.id);
      expect(conomyRequests('GET')[0]!.path).to.equal(`/checkout-sessions/${existing.id}`);
      expect(session.id).to.equal(existing.id);
      expect(session.status).to.equal('pending');
    });

    describe('status', () => {
      for (const [label, act, conomy, status] of [
        ['ACTIVE', () => undefined, 'ACTIVE', 'pending'],
        ['PROCESSING_PAYMENT', (s: Sandbox, id: string) => s.state.process(id), 'PROCESSING_PAYMENT', 'processing'],
        ['FINISHED', (s: Sandbox, id: string) => s.state.pay(id), 'FINISHED', 'succeeded'],
        ['FAILED', (s: Sandbox, id: string) => s.state.fail(id), 'FAILED', 'failed'],
        ['EXPIRED', (s: Sandbox, id: string) => s.state.expire(id), 'EXPIRED', 'expired'],
      ] as const) {
        it(`${label} → ${status}`, async () => {
          const { adapter } = adapterFor();
          const session = await adapter.start();
          act(sandbox, session.id);
          const reading = await adapter.status(session);
          const sent = conomyRequests().at(-1);
          expect(sent!.method).to.equal('GET');
          expect(sent!.path).to.equal(`/checkout-sessions/${session.id}`);
          expectAuth(sent, bearerOf(conomyRequests()[0]));
          expect(reading.status).to.equal(status);
          expect((reading.raw as ConomyCheckoutSession).status).to.equal(conomy);
          expect(reading.expiresAt).to.equal(Date.parse((reading.raw as ConomyCheckoutSession).expiresAt));
        });
      }

      it('ATTEMPT (a payment was submitted) → pending', async () => {
        const { adapter } = adapterFor({ ...TOKEN_BODY, currency: 'BRL' });
        const session = await adapter.start();
        await adapter.choose(session, 'BRL:pix_bcb_dynamic');
        const reading = await adapter.status(session);
        expect((reading.raw as ConomyCheckoutSession).status).to.equal('ATTEMPT');
        expect(reading.status).to.equal('pending');
      });

      it('an unknown status → invalid_response', async () => {
        const { adapter } = adapterFor();
        const session = await adapter.start();
        sandbox.state.fault({ provider: 'conomy', method: 'GET', body: { ...(session.raw as object), status: 'ON_HOLD' } });
        const error = await caught(adapter.status(session));
        expect(error.code).to.equal('invalid_response');
        expect(error.message).to.contain('ON_HOLD');
      });

      it('a provider 401 asks the token endpoint once more, with sessionId, and retries', async () => {
        const { adapter } = adapterFor();
        const session = await adapter.start();
        sandbox.state.revokeTokens();
        const reading = await adapter.status(session);
        expect(reading.status).to.equal('pending');
        const gets = conomyRequests('GET');
        expect(gets).to.have.length(2);
        expect(gets.map((r) => r.path)).to.deep.equal([`/checkout-sessions/${session.id}`, `/checkout-sessions/${session.id}`]);
        expect(tokenRequests()).to.have.length(2);
        expect(bearerOf(gets[1])).to.not.equal(bearerOf(gets[0]));
        expect((tokenRequests()[1]!.body as TokenRequest).sessionId).to.equal(session.id);
      });

      it('a second 401 is surfaced as provider_error 401', async () => {
        const { adapter } = adapterFor();
        const session = await adapter.start();
        sandbox.state.fault({ provider: 'conomy', method: 'GET', status: 401, times: 2 });
        const error = await caught(adapter.status(session));
        expect(error.code).to.equal('provider_error');
        expect(error.httpStatus).to.equal(401);
        expect(conomyRequests('GET')).to.have.length(2);
        expect(tokenRequests()).to.have.length(2);
      });
    });

    describe('choose', () => {
      it('PIX: submits the exact payment node and shows pix.data as the QR', async () => {
        const { adapter } = adapterFor({ ...TOKEN_BODY, currency: 'BRL' });
        const session = await adapter.start();
        const chosen = await adapter.choose(session, 'BRL:pix_bcb_dynamic');
        const sent = conomyRequests('POST', `/checkout-sessions/${session.id}/payments`);
        expect(sent).to.have.length(1);
        expectAuth(sent[0], bearerOf(conomyRequests()[0]));
        expect(sent[0]!.body).to.deep.equal({
          description: 'Order 7',
          origins: [
            {
              type: 'PIX',
              amount: '210.00',
              currency: 'BRL',
              pix: { customer: { firstName: 'Ana', lastName: 'Maria Souza', email: 'ana@example.com' } },
            },
          ],
        });
        const presentation = chosen.presentation!;
        expect(presentation.kind).to.equal('qr');
        if (presentation.kind !== 'qr') return;
        // A valid Pix BR Code: EMV payload format indicator, Pix GUI, the amount, and a correct CRC16.
        const code = presentation.payload;
        expect(code).to.match(/^000201/);
        expect(code).to.contain('0014br.gov.bcb.pix');
        expect(code).to.contain('5406210.00');
        expect(code.slice(-8, -4)).to.equal('6304');
        expect(code.slice(-4)).to.equal(crc16(code.slice(0, -4)));
        expect(presentation.amount).to.equal(21000);
        expect(presentation.currency).to.equal('BRL');
        expect(presentation.expiresAt).to.equal(session.expiresAt);
        expect(chosen.id).to.equal(session.id);
        expect(chosen.options).to.deep.equal(session.options);
      });

      it('PIX: the QR payload is pix.data exactly, never qrCode; expiry from pix.expiredAt', async () => {
        const { adapter } = adapterFor();
        const session = await adapter.start();
        const data = '00020101021226850014br.gov.bcb.pix2563qr.example/v2/abc5204000053039865406210.005802BR5905LOJA 6009SAO PAULO62070503***6304ABCD';
        sandbox.state.fault({
          provider: 'conomy',
          method: 'POST',
          body: {
            id: 'txn_1',
            status: 'PENDING',
            origins: [{ type: 'PIX', amount: '210.00', currency: 'MXN', pix: { data, qrCode: 'data:image/png;base64,QUJD', expiredAt: '2030-01-01T00:10:00Z' } }],
          },
        });
        const chosen = await adapter.choose(session, 'MXN:pix_bcb_dynamic');
        expect(chosen.presentation).to.deep.equal({
          kind: 'qr',
          payload: data,
          amount: 21000,
          currency: 'MXN',
          expiresAt: Date.parse('2030-01-01T00:10:00Z'),
        });
      });

      it('PIX: no customer → the option asks for the name; without it nothing is sent (config naming the field)', async () => {
        const { adapter } = adapterFor({ amount: 5000, currency: 'BRL' });
        const session = await adapter.start();
        expect(session.options![0]!.fields).to.deep.equal(['name']);
        const error = await caught(adapter.choose(session, 'BRL:pix_bcb_dynamic'));
        expect(error.code).to.equal('config');
        expect(error.field).to.equal('name');
        expect(conomyRequests('POST', /\/payments$/)).to.have.length(0);
      });

      it('PIX: no description → none is sent; the typed name is the payer', async () => {
        const { adapter } = adapterFor({ amount: 5000, currency: 'BRL' });
        const session = await adapter.start();
        await adapter.choose(session, 'BRL:pix_bcb_dynamic', undefined, { name: '  Bia  ' });
        expect(conomyRequests('POST', /\/payments$/)[0]!.body).to.deep.equal({
          origins: [{ type: 'PIX', amount: '50.00', currency: 'BRL', pix: { customer: { firstName: 'Bia' } } }],
        });
      });

      it('PIX: an answer without pix.data → invalid_response', async () => {
        const { adapter } = adapterFor();
        const session = await adapter.start();
        sandbox.state.fault({
          provider: 'conomy',
          method: 'POST',
          body: { id: 'txn', origins: [{ type: 'PIX', amount: '210.00', currency: 'MXN', pix: { qrCode: CONOMY_QR_IMAGE_PLACEHOLDER } }] },
        });
        const error = await caught(adapter.choose(session, 'MXN:pix_bcb_dynamic'));
        expect(error.code).to.equal('invalid_response');
      });

      it('PIX: an answer without any PIX origin → invalid_response', async () => {
        const { adapter } = adapterFor();
        const session = await adapter.start();
        sandbox.state.fault({ provider: 'conomy', method: 'POST', body: { id: 'txn', origins: [{ type: 'CARD' }] } });
        const error = await caught(adapter.choose(session, 'MXN:pix_bcb_dynamic'));
        expect(error.code).to.equal('invalid_response');
        expect(error.message).to.contain('pix.data');
      });

      it('PIX on a session that is no longer payable → provider_error 400 with the message', async () => {
        const { adapter } = adapterFor();
        const session = await adapter.start();
        sandbox.state.pay(session.id);
        const error = await caught(adapter.choose(session, 'MXN:pix_bcb_dynamic'));
        expect(error.code).to.equal('provider_error');
        expect(error.httpStatus).to.equal(400);
        expect(error.message).to.contain('FINISHED');
      });

      it('a hosted method: the session url, no request', async () => {
        const { adapter } = adapterFor();
        const session = await adapter.start();
        const before = sandbox.state.requests.length;
        const chosen = await adapter.choose(session, 'MXN:card_hosted');
        expect(sandbox.state.requests.length).to.equal(before);
        expect(chosen.presentation).to.deep.equal({
          kind: 'hosted',
          url: `${sandbox.base('conomy')}/hosted/${session.id}`,
          expiresAt: session.expiresAt,
        });
      });

      it('an unknown or disabled option → config, no request', async () => {
        const { adapter } = adapterFor();
        const session = await adapter.start();
        const before = sandbox.state.requests.length;
        for (const option of ['MXN:nope', 'MXN:spei_stp', 'pix_bcb_dynamic']) {
          const error = await caught(adapter.choose(session, option));
          expect(error.code).to.equal('config');
          expect(error.message).to.contain(option);
        }
        expect(sandbox.state.requests.length).to.equal(before);
      });
    });

    it('cancel: DELETE, and the session then reads cancelled', async () => {
      const { adapter } = adapterFor();
      const session = await adapter.start();
      await adapter.cancel(session);
      const sent = conomyRequests('DELETE');
      expect(sent.map((r) => r.path)).to.deep.equal([`/checkout-sessions/${session.id}`]);
      expectAuth(sent[0], bearerOf(conomyRequests()[0]));
      expect(sandbox.state.session(session.id)!.outcome).to.equal('cancelled');
      const reading = await adapter.status(session);
      expect((reading.raw as ConomyCheckoutSession).status).to.equal('EXPIRED');
      expect(reading.status).to.equal('cancelled');
    });

    it('cancel after payment → provider_error 400', async () => {
      const { adapter } = adapterFor();
      const session = await adapter.start();
      sandbox.state.pay(session.id);
      const error = await caught(adapter.cancel(session));
      expect(error.httpStatus).to.equal(400);
      expect(error.message).to.contain('can no longer be deleted');
      expect((await adapter.status(session)).status).to.equal('succeeded');
    });

    it('expire: no request (Conomy expires sessions itself)', async () => {
      const { adapter } = adapterFor();
      const session = await adapter.start();
      const before = sandbox.state.requests.length;
      await adapter.expire(session);
      expect(sandbox.state.requests.length).to.equal(before);
    });

    it('refresh: POST refresh with the session checkoutToken → a new session, followed from then on', async () => {
      const { adapter } = adapterFor();
      const session = await adapter.start();
      const checkoutToken = (session.raw as ConomyCheckoutSession).checkoutToken as string;
      sandbox.state.expire(session.id);
      const fresh = await adapter.refresh(session);
      const sent = conomyRequests('POST', /\/refresh$/);
      expect(sent.map((r) => r.path)).to.deep.equal([`/checkout-sessions/token/${checkoutToken}/refresh`]);
      expect(sent[0]!.body).to.deep.equal({});
      expect(fresh.id).to.not.equal(session.id);
      expect(fresh.status).to.equal('pending');
      expect(fresh.amount).to.equal(21000);
      expect(fresh.options).to.have.length(2);
      expect((await adapter.status(session)).status).to.equal('expired');
      sandbox.state.revokeTokens();
      await adapter.status(fresh);
      expect((tokenRequests().at(-1)!.body as TokenRequest).sessionId).to.equal(fresh.id);
    });

    it("refresh: prefers the session's checkoutToken over the grant's", async () => {
      const other = (await access()).checkoutToken;
      const { adapter, token } = adapterFor();
      const session = await adapter.start();
      expect(token.current!.checkoutToken).to.not.equal(other);
      await adapter.refresh({ ...session, raw: { ...(session.raw as object), checkoutToken: other } });
      expect(conomyRequests('POST', /\/refresh$/)[0]!.path).to.equal(`/checkout-sessions/token/${other}/refresh`);
    });

    it("refresh: falls back to the grant's checkoutToken", async () => {
      const { adapter, token } = adapterFor();
      const session = await adapter.start();
      const { checkoutToken: _dropped, ...raw } = session.raw as ConomyCheckoutSession;
      await adapter.refresh({ ...session, raw });
      expect(conomyRequests('POST', /\/refresh$/)[0]!.path).to.equal(`/checkout-sessions/token/${token.current!.checkoutToken}/refresh`);
    });

    it('refresh without any checkoutToken → config, no request', async () => {
      const { api, checkoutToken } = await access();
      const existing = await openPaymentLinkSession(api, checkoutToken);
      sandbox.state.tokenExtras = { sessionId: existing.id, checkoutToken: undefined };
      const { adapter } = adapterFor();
      const session = await adapter.start();
      const { checkoutToken: _dropped, ...raw } = session.raw as ConomyCheckoutSession;
      const before = sandbox.state.requests.length;
      const error = await caught(adapter.refresh({ ...session, raw } as SessionSnapshot));
      expect(error.code).to.equal('config');
      expect(sandbox.state.requests.length).to.equal(before);
    });

    it('the hosted page settles the session (pay link)', async () => {
      const { adapter } = adapterFor();
      const session = await adapter.start();
      const chosen = await adapter.choose(session, 'MXN:card_hosted');
      const url = chosen.presentation!.kind === 'hosted' ? chosen.presentation!.url : '';
      const page = await (await fetch(url)).text();
      expect(page).to.contain('href="?action=pay"');
      expect(page).to.contain('Coffee beans 1kg');
      await fetch(`${url}?action=pay`);
      expect((await adapter.status(session)).status).to.equal('succeeded');
    });
  });

  describe('customer details (requiredFields)', () => {
    const BRL_ORDER: Partial<TokenRequest> = { ...TOKEN_BODY, currency: 'BRL' };
    const pixOf = (session: SessionSnapshot) => session.options!.find((option) => option.type === 'PIX')!;
    const paymentsSent = () => conomyRequests('POST', /\/payments$/);

    it('taxId: CPF and CNPJ (also alphanumeric) with their check digits; punctuation ignored', () => {
      expect(taxId('529.982.247-25')).to.deep.equal({ type: 'CPF', number: '52998224725' });
      expect(taxId(' 52998224725 ')).to.deep.equal({ type: 'CPF', number: '52998224725' });
      expect(taxId('11.222.333/0001-81')).to.deep.equal({ type: 'CNPJ', number: '11222333000181' });
      expect(taxId('12.abc.345/01de-35')).to.deep.equal({ type: 'CNPJ', number: '12ABC34501DE35' });
      for (const bad of ['529.982.247-24', '529.982.247-15', '11.222.333/0001-82', '111.111.111-11', '5299822472', 'AB.CDE.FGH/IJKL-00', '']) {
        expect(taxId(bad), bad).to.be.undefined;
      }
    });

    it('the Pix option asks for what requiredFields name and order.customer does not give', async () => {
      setPixRequiredFields(sandbox.state, [
        'pix.customer.email', 'pix.customer.documentType', 'pix.customer.documentNumber',
        'pix.customer.phoneNumber', 'pix.customer.phoneNumberPrefix', 'pix.customer.address', 'bank.accountNumber',
      ]);
      const { adapter } = adapterFor(BRL_ORDER);
      const session = await adapter.start();
      // The name and email come from the order; the document's type follows from its number.
      expect(pixOf(session).fields).to.deep.equal(['documentNumber', 'phone', 'phonePrefix']);
      expect(session.options!.find((option) => option.type === 'CARD')!.fields).to.be.undefined;
      const raw = session.raw as ConomyCheckoutSession;
      expect((raw.paymentConfigs[0]!.paymentMethods[0] as ConomyPaymentMethod).requiredFields).to.include('pix.customer.documentNumber');

      const customer = { ...ORDER.customer!, documentNumber: '11.222.333/0001-81', phone: '11 98765-4321', phonePrefix: '+55' };
      const given = await adapterFor({ ...BRL_ORDER, order: { ...ORDER, customer } }).adapter.start();
      expect(pixOf(given).fields).to.be.undefined;
    });

    it('the request carries the details in origins[0].pix.customer, as Conomy takes them', async () => {
      setPixRequiredFields(sandbox.state, PIX_DOCUMENT_FIELDS);
      const { adapter } = adapterFor(BRL_ORDER);
      const session = await adapter.start();
      const details = { documentNumber: '529.982.247-25', phone: '(11) 98765-4321', phonePrefix: '55' };
      const chosen = await adapter.choose(session, pixOf(session).id, undefined, details);
      expect(paymentsSent()[0]!.body).to.deep.equal({
        description: 'Order 7',
        origins: [
          {
            type: 'PIX',
            amount: '210.00',
            currency: 'BRL',
            pix: {
              customer: {
                firstName: 'Ana', lastName: 'Maria Souza', email: 'ana@example.com',
                documentType: 'CPF', documentNumber: '52998224725', phoneNumber: '11987654321', phoneNumberPrefix: '+55',
              },
            },
          },
        ],
      });
      expect(chosen.presentation!.kind).to.equal('qr');
    });

    it('a missing or invalid detail is a config error naming the field, and nothing is sent', async () => {
      setPixRequiredFields(sandbox.state, PIX_DOCUMENT_FIELDS);
      const { adapter } = adapterFor(BRL_ORDER);
      const session = await adapter.start();
      const missing = await caught(adapter.choose(session, pixOf(session).id));
      expect([missing.code, missing.field]).to.deep.equal(['config', 'documentNumber']);
      const badDigit = await caught(adapter.choose(session, pixOf(session).id, undefined, { documentNumber: '529.982.247-24' }));
      expect([badDigit.code, badDigit.field]).to.deep.equal(['config', 'documentNumber']);
      // The order's own document is checked too (then the form asks for it again).
      const ordered = adapterFor({ ...BRL_ORDER, order: { ...ORDER, customer: { ...ORDER.customer!, documentNumber: '111.111.111-11' } } });
      const other = await ordered.adapter.start();
      expect(pixOf(other).fields).to.be.undefined;
      expect((await caught(ordered.adapter.choose(other, pixOf(other).id))).field).to.equal('documentNumber');
      expect(paymentsSent()).to.have.length(0);
    });

    it('the sandbox enforces requiredFields: a 400 in Conomy\'s error shape naming the field', async () => {
      setPixRequiredFields(sandbox.state, PIX_DOCUMENT_FIELDS);
      const { api, checkoutToken } = await access(BRL_ORDER);
      const opened = await openPaymentLinkSession(api, checkoutToken);
      const origin = { type: 'PIX', amount: '210.00', currency: 'BRL', pix: { customer: { firstName: 'Ana', documentType: 'CPF' } } };
      const error = await caught(submitPayment(api, opened.id, { origins: [origin] }));
      expect(error.httpStatus).to.equal(400);
      expect(error.cause).to.deep.equal({
        statusCode: 400, error: 'Bad Request', message: 'origins[0].pix.customer.documentNumber is required',
      });
      const wrong = await caught(submitPayment(api, opened.id, { origins: [{ ...origin, pix: { customer: { firstName: 'Ana', documentType: 'CPF', documentNumber: '52998224724' } } }] }));
      expect(wrong.message).to.contain('documentNumber is not a valid CPF');
      const noPayer = await caught(submitPayment(api, opened.id, { origins: [{ ...origin, pix: {} }] }));
      expect(noPayer.message).to.contain('origins[0].pix.customer.firstName is required');
    });

    it('a Conomy 400 naming a customer field comes back marked with it (the form shows it there)', async () => {
      const { adapter } = adapterFor(BRL_ORDER);
      const session = await adapter.start();
      const message = 'origins[0].pix.customer.email is not deliverable';
      sandbox.state.fault({ provider: 'conomy', method: 'POST', path: /\/payments$/, status: 400, body: { statusCode: 400, error: 'Bad Request', message } });
      const refused = await caught(adapter.choose(session, pixOf(session).id));
      expect([refused.code, refused.httpStatus, refused.field]).to.deep.equal(['provider_error', 400, 'email']);
      expect(refused.message).to.contain(message);
      expect(refused.cause).to.deep.include({ message });
      // Any other refusal is not a field's.
      sandbox.state.pay(session.id);
      const paid = await caught(adapter.choose(session, pixOf(session).id));
      expect([paid.httpStatus, paid.field]).to.deep.equal([400, undefined]);
    });

    it('a flow: details step, a refusal beside the form, the customer corrects it and pays', async () => {
      setPixRequiredFields(sandbox.state, PIX_DOCUMENT_FIELDS);
      const flow = new CheckoutFlow({
        provider: 'conomy', tokenUrl: sandbox.tokenUrl, storage: null, adapters: defaultAdapters,
        amount: 21000, currency: 'BRL', description: 'Order 7', order: ORDER,
      });
      const errors: CheckoutError[] = [];
      flow.subscribe((event) => event.type === 'error' && errors.push(event.error));
      try {
        await flow.start();
        const pix = pixOf(flow.state.session!);
        await flow.choose(pix.id);
        expect([flow.state.phase, flow.state.chosen]).to.deep.equal(['details', pix.id]);
        expect(paymentsSent()).to.have.length(0);
        // A poll that still reads the session pending leaves the form where it is.
        const raw = flow.state.session!.raw;
        window.dispatchEvent(new Event('online'));
        await until(flow, (state) => state.session!.raw !== raw);
        expect(flow.state.phase).to.equal('details');

        const message = 'origins[0].pix.customer.documentNumber is not registered';
        sandbox.state.fault({ provider: 'conomy', method: 'POST', path: /\/payments$/, status: 400, body: { statusCode: 400, error: 'Bad Request', message } });
        await flow.choose(pix.id, { documentNumber: '529.982.247-25' });
        expect(flow.state.phase).to.equal('details');
        expect(flow.state.error!.field).to.equal('documentNumber');
        expect(errors.map((error) => error.httpStatus)).to.deep.equal([400]);

        await flow.choose(pix.id, { documentNumber: '11.222.333/0001-81' });
        expect(flow.state.phase).to.equal('ready');
        expect(flow.state.error).to.be.undefined;
        const sent = paymentsSent().at(-1)!.body as ConomyPaymentRequest;
        expect(sent.origins[0]!.pix!.customer).to.include({ documentType: 'CNPJ', documentNumber: '11222333000181' });
      } finally {
        flow.dispose();
      }
    });
  });

  describe('per-method validation', () => {
    /** The sandbox's session with its methods replaced. */
    async function sessionWith(methods: unknown[]): Promise<Record<string, unknown>> {
      const { api, checkoutToken } = await access();
      const opened = await openPaymentLinkSession(api, checkoutToken);
      return { ...opened, paymentConfigs: [{ ...opened.paymentConfigs[0], paymentMethods: methods }] };
    }

    it('a malformed method (disabled, purchaseAmount "" or null) is left out; the others are offered; raw keeps it', async () => {
      const methods = [
        { id: 'spei_stp', type: 'SPEI', enabled: false, requiredFields: [], purchaseAmount: '' },
        { id: 'oxxo', type: 'OXXO', enabled: false, requiredFields: [], purchaseAmount: null },
        { id: 'pix_bcb_dynamic', type: 'PIX', enabled: true, requiredFields: [], purchaseAmount: '210.00' },
        { id: 'card_hosted', type: 'CARD', enabled: true, purchaseAmount: 'a lot' },
        { type: 'WALLET', enabled: true, purchaseAmount: '210.00' },
      ];
      const body = await sessionWith(methods);
      sandbox.state.tokenExtras = { sessionId: body.id };
      sandbox.state.fault({ provider: 'conomy', method: 'GET', body });
      const { adapter } = adapterFor();
      const session = await adapter.start();
      expect(session.options!.map((option) => option.id)).to.deep.equal(['MXN:pix_bcb_dynamic']);
      expect((session.raw as ConomyCheckoutSession).paymentConfigs[0]!.paymentMethods).to.deep.equal(methods);
    });

    it('only a session with no usable method is invalid_response', async () => {
      const body = await sessionWith([{ id: 'spei_stp', type: 'SPEI', enabled: false, requiredFields: [], purchaseAmount: null }]);
      sandbox.state.tokenExtras = { sessionId: body.id };
      sandbox.state.fault({ provider: 'conomy', method: 'GET', body });
      const error = await caught(adapterFor().adapter.start());
      expect(error.code).to.equal('invalid_response');
      expect(error.message).to.contain('no usable payment method');
    });
  });
});

/** A session body without one field. */
function omit(session: ConomyCheckoutSession, key: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...session };
  delete copy[key];
  return copy;
}
