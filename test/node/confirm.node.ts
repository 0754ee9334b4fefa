/**
 * `confirmPayment` against the sandbox providers, for every outcome each can report: the provider's
 * answer read with the merchant's credentials, mapped by the browser adapters' own functions.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setWewireFlavor } from '../../demo/sandbox/wewire.js';
import { WEWIRE_API_KEY } from '../../demo/sandbox/wewire.js';
import * as kamipay from '../../src/providers/kamipay.js';
import * as wewire from '../../src/providers/wewire-api.js';
import {
  ConfirmError,
  confirmPayment,
  createTokenHandler,
  type CheckoutServerConfig,
  type ConfirmErrorCode,
} from '../../src/server/index.js';
import { sandboxConfig, startSandboxHttp, type SandboxHttp } from './support.js';

let sandbox: SandboxHttp;
const state = () => sandbox.sandbox.state;

before(async () => {
  sandbox = await startSandboxHttp();
});
after(() => sandbox.close());

async function rejectsWith(promise: Promise<unknown>, code: ConfirmErrorCode): Promise<ConfirmError> {
  const error = await promise.then(
    () => assert.fail(`expected a ${code} ConfirmError`),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof ConfirmError, String(error));
  assert.equal(error.code, code, error.message);
  return error;
}

describe('confirmPayment: kamiPay', () => {
  let config: CheckoutServerConfig;
  let operationId: string;
  const tokenRequests = () => state().requestsTo('kamipay', 'POST', '/auth/token').length;

  beforeEach(async () => {
    sandbox.sandbox.reset();
    config = sandboxConfig(sandbox);
    // A charge as the browser makes it, with a token of its own.
    const api = { apiBase: config.kamipay!.apiBase, token: '' };
    api.token = (await kamipay.authenticate(api, config.kamipay!.username, config.kamipay!.password)).access_token;
    operationId = (await kamipay.createCharge(api, { amount: 1250, currency: 'BRL', expire: 300, store_id: 1, checkout_id: 1 })).operation_id;
  });

  it('reports pending, processing, succeeded with the Pix txid, and failed, with one token request for all', async () => {
    const before = tokenRequests();
    const confirm = () => confirmPayment(config, { provider: 'kamipay', sessionId: operationId });
    assert.equal((await confirm()).status, 'pending');
    state().process(operationId);
    assert.equal((await confirm()).status, 'processing');
    state().pay(operationId);
    const paid = await confirm();
    assert.deepEqual([paid.provider, paid.sessionId, paid.status], ['kamipay', operationId, 'succeeded']);
    assert.match(paid.reference!, /^E/);
    assert.equal(paid.amount, undefined, "kamiPay's status answer carries no amount");
    state().fail(operationId);
    assert.equal((await confirm()).status, 'failed');
    assert.equal(tokenRequests(), before + 1, 'the bearer is cached across confirmations');
  });

  it('asks for a new bearer once after a 401, then caches that one', async () => {
    await confirmPayment(config, { provider: 'kamipay', sessionId: operationId });
    const before = tokenRequests();
    state().revokeTokens();
    state().pay(operationId);
    assert.equal((await confirmPayment(config, { provider: 'kamipay', sessionId: operationId })).status, 'succeeded');
    assert.equal((await confirmPayment(config, { provider: 'kamipay', sessionId: operationId })).status, 'succeeded');
    assert.equal(tokenRequests(), before + 1);
    const statusReads = state().requestsTo('kamipay', 'GET', '/v2/status/tx_status');
    assert.equal(statusReads.length, 4, 'the read refused with 401 was made once more');
  });

  it('gives kamiPay refusing the question as a provider_error', async () => {
    state().fault({ provider: 'kamipay', method: 'GET', body: { status: 'failed', msg: 'Invalid target' } });
    await rejectsWith(confirmPayment(config, { provider: 'kamipay', sessionId: operationId }), 'provider_error');
  });

  it('gives wrong merchant credentials as auth', async () => {
    const wrong = sandboxConfig(sandbox, { kamipay: { ...config.kamipay!, password: 'not-the-password' } });
    await rejectsWith(confirmPayment(wrong, { provider: 'kamipay', sessionId: operationId }), 'auth');
  });
});

describe('confirmPayment: Conomy', () => {
  let config: CheckoutServerConfig;
  let sessionId: string;
  let checkoutToken: string;

  beforeEach(async () => {
    sandbox.sandbox.reset();
    config = sandboxConfig(sandbox);
    const response = await createTokenHandler(config)(
      new Request(`${sandbox.origin}/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ provider: 'conomy', currency: 'MXN', order: { items: [{ description: 'Tacos', amount: 21000, quantity: 1 }] } }),
      }),
    );
    ({ sessionId, checkoutToken } = (await response.json()) as { sessionId: string; checkoutToken: string });
  });

  for (const [action, status] of [
    [undefined, 'pending'],
    ['process', 'processing'],
    ['pay', 'succeeded'],
    ['fail', 'failed'],
    ['expire', 'expired'],
  ] as const) {
    it(`reports ${status}, with the session's amount and currency`, async () => {
      if (action) state()[action](sessionId);
      const confirmed = await confirmPayment(config, { provider: 'conomy', sessionId });
      assert.deepEqual(
        [confirmed.status, confirmed.amount, confirmed.currency, confirmed.reference],
        [status, 21000, 'MXN', checkoutToken],
      );
      assert.equal((confirmed.raw as { id: string }).id, sessionId);
    });
  }

  it('gives an unknown session as not_found, a 5xx as a retryable provider_error, a 429 as rate_limited', async () => {
    await rejectsWith(confirmPayment(config, { provider: 'conomy', sessionId: 'cks_nope' }), 'not_found');
    state().fault({ provider: 'conomy', method: 'GET', status: 503 });
    const down = await rejectsWith(confirmPayment(config, { provider: 'conomy', sessionId }), 'provider_error');
    assert.deepEqual([down.httpStatus, down.retryable], [503, true]);
    state().fault({ provider: 'conomy', method: 'GET', status: 429, retryAfter: '3' });
    const limited = await rejectsWith(confirmPayment(config, { provider: 'conomy', sessionId }), 'rate_limited');
    assert.deepEqual([limited.retryAfter, limited.retryable], [3000, true]);
  });

  it('gives a body that is not a session as invalid_response, and a dropped connection as network', async () => {
    state().fault({ provider: 'conomy', method: 'GET', body: 'malformed-json' });
    await rejectsWith(confirmPayment(config, { provider: 'conomy', sessionId }), 'invalid_response');
    state().fault({ provider: 'conomy', method: 'GET', body: { id: sessionId, status: 'SOMETHING_NEW' } });
    await rejectsWith(confirmPayment(config, { provider: 'conomy', sessionId }), 'invalid_response');
    state().fault({ provider: 'conomy', method: 'GET', network: true });
    await rejectsWith(confirmPayment(config, { provider: 'conomy', sessionId }), 'network');
  });
});

describe('confirmPayment: WeWire', () => {
  let config: CheckoutServerConfig;
  let id: string;

  beforeEach(async () => {
    sandbox.sandbox.reset();
    config = sandboxConfig(sandbox);
    const created = await wewire.createCheckout({ apiBase: config.wewire!.apiBase, token: WEWIRE_API_KEY }, {
      amount: 25.5, currency: 'USD', successUrl: 'https://shop.example/ok', cancelUrl: 'https://shop.example/cancel',
      email: 'sam@example.com', name: 'Sam Lee', metadata: {}, productId: 'tee', productName: 'Tee', productDescription: 'Tee',
      allowedAssets: ['USDT'],
    });
    id = created.id!;
  });

  for (const [action, status] of [
    [undefined, 'pending'],
    ['process', 'processing'],
    ['pay', 'succeeded'],
    ['fail', 'failed'],
    ['expire', 'expired'],
    ['cancel', 'cancelled'],
  ] as const) {
    it(`reports ${status} when the session carries a status, with its amount`, async () => {
      if (action) state()[action](id);
      const confirmed = await confirmPayment(config, { provider: 'wewire', sessionId: id });
      assert.deepEqual([confirmed.status, confirmed.amount, confirmed.currency, confirmed.reason], [status, 2550, 'USD', undefined]);
    });
  }

  it('is unknown, saying why, when the session carries no status (never a guess from the clock)', async () => {
    setWewireFlavor(state(), { sessionHasStatus: false });
    state().pay(id);
    const confirmed = await confirmPayment(config, { provider: 'wewire', sessionId: id });
    assert.equal(confirmed.status, 'unknown');
    assert.match(confirmed.reason!, /carries no status/);
    assert.equal(confirmed.amount, 2550);
  });

  it('never puts the API key in an error message', async () => {
    state().fault({ provider: 'wewire', method: 'GET', status: 500, body: { statusCode: 500, message: `key ${WEWIRE_API_KEY} rejected` } });
    const error = await rejectsWith(confirmPayment(config, { provider: 'wewire', sessionId: id }), 'provider_error');
    assert.ok(!error.message.includes(WEWIRE_API_KEY), error.message);
    assert.match(error.message, /\[redacted\]/);
  });
});

describe('confirmPayment: KaiPay and configuration', () => {
  it('KaiPay is unknown: no status API is published, and the reason says what to do', async () => {
    const confirmed = await confirmPayment(sandboxConfig(sandbox), { provider: 'kaipay', sessionId: 'cs_1' });
    assert.equal(confirmed.status, 'unknown');
    assert.match(confirmed.reason!, /no payment status API.*dashboard/);
    assert.equal(state().requestsTo('kaipay').length, 0);
  });

  it('a provider left out of the configuration, or no session id, is a config error', async () => {
    await rejectsWith(confirmPayment(sandboxConfig(sandbox, { conomy: undefined }), { provider: 'conomy', sessionId: 'x' }), 'config');
    await rejectsWith(confirmPayment(sandboxConfig(sandbox), { provider: 'wewire', sessionId: '' }), 'config');
  });
});
