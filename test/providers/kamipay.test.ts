import { expect } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import * as z from 'zod/mini';
import {
  authenticate,
  chargeExpiry,
  createCharge,
  getChargeStatus,
  mapKamipayStatus,
  type KamipayChargeInput,
  type KamipayTxStatus,
} from '../../src/providers/kamipay.js';
import { createKamipayRegisters, createRegister, listRegisters, listWallets } from '../../src/providers/kamipay-registers.js';
import { createAdapter } from '../../src/providers/index.js';
import type { AdapterContext } from '../../src/core/adapter.js';
import type { SessionSnapshot } from '../../src/core/session.js';
import type { ApiAccess } from '../../src/providers/types.js';
import { CheckoutError } from '../../src/core/errors.js';
import { request } from '../../src/core/http.js';
import type { TokenClient } from '../../src/core/token.js';
import { crc16, type Sandbox } from '../../demo/sandbox/index.js';
import { setKamipayFlavor, type KamipayChargeData } from '../../demo/sandbox/kamipay.js';
import { kamipayRegisters } from '../../src/providers/kamipay-directory.js';
import { CheckoutFlow } from '../../src/core/flow.js';
import { PollRegistry } from '../../src/core/poll/index.js';
import { defaultAdapters } from '../../src/providers/index.js';
import { SandboxState } from '../../demo/sandbox/index.js';
import { trackFetch } from '../support/fetch-tracker.js';
import { samplePayments, until } from '../support/flows.js';
import { sandboxToken, startSandbox } from '../support/sandbox.js';
import { FakeClock } from '../support/fake-clock.js';
import { inTimezone } from '../support/timezone.js';

const SEED_REGISTERS = [
  { merchant_id: 1, store_id: 1, checkout_id: 1, checkout_desc: 'Main register', wallet_id: 3 },
  { merchant_id: 1, store_id: 1, checkout_id: 2, checkout_desc: 'Self-service kiosk', wallet_id: 3 },
];

const CHARGE_PATH = '/v2/charge/create_dynamic_pix';
const STATUS_PATH = '/v2/status/tx_status';

async function caught(promise: Promise<unknown>): Promise<CheckoutError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected a rejection').to.be.instanceOf(CheckoutError);
  return error as CheckoutError;
}

function expectValidBrCode(emv: string): void {
  expect(emv.startsWith('000201')).to.be.true;
  expect(emv.slice(-8, -4)).to.equal('6304');
  expect(emv.slice(-4)).to.equal(crc16(emv.slice(0, -4)));
}

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox();
});

const kamipayRequests = (method?: string, path?: string | RegExp) => sandbox.state.requestsTo('kamipay', method, path);
const tokenRequests = () => sandbox.state.requestsTo('token', 'POST');
const latestCharge = () => sandbox.state.latest<KamipayChargeData>('kamipay')!;

describe('kamiPay low-level calls', () => {
  let api: ApiAccess;
  beforeEach(() => {
    api = { apiBase: sandbox.base('kamipay'), token: sandbox.state.issueToken('kamipay') };
  });

  const charge = (overrides: Partial<KamipayChargeInput> = {}): KamipayChargeInput => ({
    amount: 1999, currency: 'BRL', expire: 300, store_id: 1, checkout_id: 1, ...overrides,
  });

  describe('authenticate', () => {
    it('posts the credentials as form fields and returns the bearer token', async () => {
      const token = await authenticate({ apiBase: sandbox.base('kamipay') }, 'merchant@example.com', 'sandbox');
      expect(token.token_type).to.equal('bearer');
      expect(sandbox.state.validTokens.has(token.access_token)).to.be.true;
      const [sent] = kamipayRequests('POST', '/auth/token');
      expect(sent!.headers['content-type']).to.equal('application/x-www-form-urlencoded');
      expect(sent!.headers.authorization).to.be.undefined;
      expect(sent!.body).to.deep.equal({ username: 'merchant@example.com', password: 'sandbox' });
      // The token it returns works on the other calls.
      const registers = await listRegisters({ apiBase: sandbox.base('kamipay'), token: token.access_token }, 1);
      expect(registers).to.deep.equal(SEED_REGISTERS);
    });

    it('wrong credentials are a provider_error 401', async () => {
      const error = await caught(authenticate({ apiBase: sandbox.base('kamipay') }, 'merchant@example.com', 'nope'));
      expect(error.code).to.equal('provider_error');
      expect(error.httpStatus).to.equal(401);
      expect(error.message).to.contain('Incorrect username or password');
    });
  });

  describe('registers', () => {
    it('lists the registers of a store', async () => {
      expect(await listRegisters(api, 1)).to.deep.equal(SEED_REGISTERS);
      const [sent] = kamipayRequests();
      expect(sent!.method).to.equal('GET');
      expect(sent!.path).to.equal('/v2/stores/1/checkouts');
      expect(sent!.query).to.deep.equal({});
      expect(sent!.headers.authorization).to.equal(`Bearer ${api.token}`);
      expect(await listRegisters(api, 2)).to.deep.equal([]);
    });

    it('an unknown store is a provider_error 404 carrying "Store not found"', async () => {
      const error = await caught(listRegisters(api, 99));
      expect(error.code).to.equal('provider_error');
      expect(error.httpStatus).to.equal(404);
      expect(error.message).to.contain('Store not found');
      expect(error.retryable).to.be.false;
    });

    it('creates a register that the store then lists', async () => {
      const created = await createRegister(api, 1, { checkout_desc: 'Register 3', wallet_id: 4 });
      expect(created).to.deep.equal({ merchant_id: 1, store_id: 1, checkout_id: 3, checkout_desc: 'Register 3', wallet_id: 4 });
      const [sent] = kamipayRequests('POST');
      expect(sent!.path).to.equal('/v2/stores/1/checkouts');
      expect(sent!.headers.authorization).to.equal(`Bearer ${api.token}`);
      expect(sent!.headers['content-type']).to.equal('application/json');
      expect(sent!.body).to.deep.equal({ checkout_desc: 'Register 3', wallet_id: 4 });
      expect(await listRegisters(api, 1)).to.deep.equal([...SEED_REGISTERS, created]);
      const first = await createRegister(api, 2, { checkout_desc: 'Counter', wallet_id: 3 });
      expect(first.checkout_id).to.equal(1);
      expect(first.store_id).to.equal(2);
    });

    for (const [label, walletId] of [['another merchant', 9], ['missing', 42]] as const) {
      it(`a wallet that is ${label} is a provider_error 400 carrying "Wallet not found"`, async () => {
        const error = await caught(createRegister(api, 1, { checkout_desc: 'Register 3', wallet_id: walletId }));
        expect(error.code).to.equal('provider_error');
        expect(error.httpStatus).to.equal(400);
        expect(error.message).to.contain('Wallet not found');
        expect(await listRegisters(api, 1)).to.deep.equal(SEED_REGISTERS);
      });
    }

    it('creating in an unknown store is "Store not found"', async () => {
      const error = await caught(createRegister(api, 7, { checkout_desc: 'Register', wallet_id: 3 }));
      expect(error.httpStatus).to.equal(404);
      expect(error.message).to.contain('Store not found');
    });

    it('lists registers whose unread ids are null, created ones too', async () => {
      setKamipayFlavor(sandbox.state, { nullUnusedFields: true });
      const nulls = { merchant_id: null, store_id: null, wallet_id: null };
      const sent = await request({ method: 'GET', url: `${sandbox.base('kamipay')}/v2/stores/1/checkouts`, headers: { Authorization: `Bearer ${api.token}` }, schema: z.unknown() });
      expect(sent.data).to.deep.equal(SEED_REGISTERS.map((register) => ({ ...register, ...nulls })));
      const registers = await listRegisters(api, 1);
      expect(registers.map((r) => [r.checkout_id, r.checkout_desc, r.wallet_id, r.store_id, r.merchant_id])).to.deep.equal([
        [1, 'Main register', undefined, undefined, undefined],
        [2, 'Self-service kiosk', undefined, undefined, undefined],
      ]);
      const created = await createRegister(api, 1, { checkout_desc: 'Register 3', wallet_id: 4 });
      expect([created.checkout_id, created.checkout_desc, created.wallet_id]).to.deep.equal([3, 'Register 3', undefined]);
    });

    it('a response that is not a list of registers is invalid_response', async () => {
      sandbox.state.fault({ provider: 'kamipay', path: '/v2/stores/1/checkouts', body: { checkout_id: 1 } });
      expect((await caught(listRegisters(api, 1))).code).to.equal('invalid_response');
      sandbox.state.fault({ provider: 'kamipay', path: '/v2/stores/1/checkouts', body: [{ checkout_id: 1 }] });
      const error = await caught(listRegisters(api, 1));
      expect(error.code).to.equal('invalid_response');
      expect(error.message).to.contain('checkout_desc');
    });
  });

  describe('wallets', () => {
    it("lists the merchant's own wallets", async () => {
      const wallets = await listWallets(api);
      expect(wallets.map((w) => [w.wallet_id, w.wallet_desc, w.merchant_id])).to.deep.equal([
        [3, 'BRL settlement', 1],
        [4, 'USDT (Polygon)', 1],
      ]);
      const [sent] = kamipayRequests();
      expect(sent!.method).to.equal('GET');
      expect(sent!.path).to.equal('/v2/merchants/wallets');
      expect(sent!.headers.authorization).to.equal(`Bearer ${api.token}`);
    });

    it('lists wallets whose merchant_id and wallet_desc are null', async () => {
      setKamipayFlavor(sandbox.state, { nullUnusedFields: true });
      const wallets = await listWallets(api);
      expect(wallets.map((w) => [w.wallet_id, w.wallet_desc, w.merchant_id, w.address])).to.deep.equal([
        [3, undefined, undefined, 'pix-settlement@example.com'],
        [4, undefined, undefined, '0x7a16fF8270133F063aAb6C9977183D9e72835428'],
      ]);
      const sent = await request({ method: 'GET', url: `${sandbox.base('kamipay')}/v2/merchants/wallets`, headers: { Authorization: `Bearer ${api.token}` }, schema: z.array(z.looseObject({})) });
      expect(sent.data.map((w) => [w.wallet_desc, w.merchant_id])).to.deep.equal([[null, null], [null, null]]);
    });

    it('tolerates unpublished fields of odd types, requires the id', async () => {
      sandbox.state.fault({
        provider: 'kamipay',
        path: '/v2/merchants/wallets',
        body: [{ wallet_id: 5, wallet_desc: 'Odd', currency_id: { code: 'BRL' }, address: 7, network_id: 'polygon', extra: true }],
      });
      const [wallet] = await listWallets(api);
      expect(wallet!.wallet_id).to.equal(5);
      expect(wallet!.wallet_desc).to.equal('Odd');
      expect(wallet!.currency_id).to.be.undefined;
      expect(wallet!.address).to.be.undefined;
      expect(wallet!.network_id).to.equal('polygon');
      sandbox.state.fault({ provider: 'kamipay', path: '/v2/merchants/wallets', body: [{ wallet_desc: 'No id' }] });
      expect((await caught(listWallets(api))).code).to.equal('invalid_response');
      sandbox.state.fault({ provider: 'kamipay', path: '/v2/merchants/wallets', body: [{ wallet_id: null, wallet_desc: 'Null id' }] });
      expect((await caught(listWallets(api))).code).to.equal('invalid_response');
    });
  });

  describe('createCharge', () => {
    it('posts the charge in major units and returns the emv and operation id', async () => {
      const created = await createCharge(api, charge());
      const [sent] = kamipayRequests('POST', CHARGE_PATH);
      expect(sent!.headers.authorization).to.equal(`Bearer ${api.token}`);
      expect(sent!.headers['content-type']).to.equal('application/json');
      expect(sent!.query).to.deep.equal({});
      expect(sent!.body).to.deep.equal({ amount: 19.99, currency: 'BRL', expire: 300, store_id: 1, checkout_id: 1 });
      const session = latestCharge();
      expect(created.operation_id).to.equal(session.id);
      expect(created.emv).to.equal(session.data.emv);
      expect(created.expiration).to.equal(new Date(session.expiresAt!).toISOString());
      expectValidBrCode(created.emv);
      expect(created.emv).to.contain('540519.99');
    });

    it('converts every currency from minor units and sends external_id when given', async () => {
      await createCharge(api, charge({ amount: 100, currency: 'USDT', expire: 86_400, store_id: 1, checkout_id: 2, external_id: 'order-7' }));
      await createCharge(api, charge({ amount: 150_050, currency: 'ARS', expire: 1 }));
      const [usdt, ars] = kamipayRequests('POST', CHARGE_PATH);
      expect(usdt!.body).to.deep.equal({ amount: 1, currency: 'USDT', expire: 86_400, store_id: 1, checkout_id: 2, external_id: 'order-7' });
      expect(ars!.body).to.deep.equal({ amount: 1500.5, currency: 'ARS', expire: 1, store_id: 1, checkout_id: 1 });
    });

    it('an unknown register is a provider_error 404', async () => {
      const error = await caught(createCharge(api, charge({ checkout_id: 9 })));
      expect(error.code).to.equal('provider_error');
      expect(error.httpStatus).to.equal(404);
      expect(error.message).to.contain('Checkout not found');
      expect((await caught(createCharge(api, charge({ store_id: 2 })))).httpStatus).to.equal(404);
      const store = await caught(createCharge(api, charge({ store_id: 99 })));
      expect(store.message).to.contain('Store not found');
      expect(sandbox.state.sessions.size).to.equal(0);
    });

    it('a 422 surfaces as provider_error with the validation messages', async () => {
      sandbox.state.fault({
        provider: 'kamipay',
        path: CHARGE_PATH,
        status: 422,
        body: { detail: [{ loc: ['body', 'amount'], msg: 'Input should be greater than 0', type: 'greater_than' }] },
      });
      const error = await caught(createCharge(api, charge()));
      expect(error.code).to.equal('provider_error');
      expect(error.httpStatus).to.equal(422);
      expect(error.message).to.contain('Input should be greater than 0');
    });

    it('refuses a bad charge locally with config, sending nothing', async () => {
      for (const bad of [
        { amount: 0 }, { amount: 12.5 }, { currency: 'EUR' as never }, { expire: 86_401 }, { expire: 0 },
        { store_id: 0 }, { checkout_id: 1.5 },
      ]) {
        expect((await caught(createCharge(api, charge(bad)))).code, JSON.stringify(bad)).to.equal('config');
      }
      expect(sandbox.state.requests).to.have.length(0);
    });

    it('a body that is not JSON, or lacks emv or operation_id, is invalid_response', async () => {
      for (const body of ['malformed-json', { operation_id: 'op_1' }, { emv: '000201...' }, { emv: '', operation_id: 'op_1' }, { emv: '  \n', operation_id: 'op_1' }]) {
        sandbox.state.fault({ provider: 'kamipay', path: CHARGE_PATH, body });
        const error = await caught(createCharge(api, charge()));
        expect(error.code, JSON.stringify(body)).to.equal('invalid_response');
      }
      sandbox.state.fault({ provider: 'kamipay', path: CHARGE_PATH, body: { emv: 'E', operation_id: 'op_1', expiration: { odd: 1 }, rate: [] } });
      const tolerated = await createCharge(api, charge());
      expect(tolerated.operation_id).to.equal('op_1');
      expect(tolerated.expiration).to.deep.equal({ odd: 1 });
      expect(tolerated.rate).to.be.undefined;
    });
  });

  describe('getChargeStatus', () => {
    it('asks tx_status with the exact query and renders each outcome', async () => {
      const { operation_id: id } = await createCharge(api, charge());
      expect(await getChargeStatus(api, id)).to.deep.equal({ status: 'failed', msg: 'TX not found' });
      const [sent] = kamipayRequests('GET', STATUS_PATH);
      expect(sent!.query).to.deep.equal({ target: 'operation_id', id, type: 'charge' });
      expect(new URL(sent!.url).search).to.equal(`?target=operation_id&id=${id}&type=charge`);
      expect(sent!.headers.authorization).to.equal(`Bearer ${api.token}`);

      const txid = latestCharge().data.txid;
      sandbox.state.process(id);
      expect(await getChargeStatus(api, id)).to.deep.equal({
        status: 'ok', msg: 'Request ok', data: { status: 'processing', txid, operation_id: id },
      });
      sandbox.state.pay(id);
      expect(await getChargeStatus(api, id)).to.deep.equal({
        status: 'ok', msg: 'Request ok', data: { status: 'done', txid, operation_id: id },
      });
      sandbox.state.fail(id);
      expect((await getChargeStatus(api, id)).data!.status).to.equal('failed');
      sandbox.state.expire(id);
      expect(await getChargeStatus(api, id)).to.deep.equal({ status: 'failed', msg: 'TX not found' });
      expect(await getChargeStatus(api, 'op_unknown')).to.deep.equal({ status: 'failed', msg: 'TX not found' });
    });

    it('a body that is not JSON is invalid_response', async () => {
      sandbox.state.fault({ provider: 'kamipay', path: STATUS_PATH, body: 'malformed-json' });
      expect((await caught(getChargeStatus(api, 'op_1'))).code).to.equal('invalid_response');
    });
  });

  describe('sandbox', () => {
    it('answers 401 with the gateway body to a missing or unknown token', async () => {
      const error = await caught(listWallets({ ...api, token: 'forged' }));
      expect(error.code).to.equal('provider_error');
      expect(error.httpStatus).to.equal(401);
      expect(error.cause).to.deep.include({ message: 'Unauthorized' });
      expect((error.cause as { request_id: unknown }).request_id).to.be.a('string');
      const bare = await caught(request({ method: 'GET', url: `${sandbox.base('kamipay')}/v2/stores/1/checkouts`, schema: z.unknown() }));
      expect(bare.httpStatus).to.equal(401);
    });

    const post = (body: unknown) =>
      caught(
        request({
          method: 'POST',
          url: `${sandbox.base('kamipay')}${CHARGE_PATH}`,
          headers: { Authorization: `Bearer ${api.token}` },
          json: body,
          schema: z.unknown(),
        }),
      );
    const valid = { amount: 19.99, currency: 'BRL', expire: 300, store_id: 1, checkout_id: 1 };

    for (const [label, body, loc, type] of [
      ['missing store_id', { ...valid, store_id: undefined }, 'store_id', 'missing'],
      ['amount 0', { ...valid, amount: 0 }, 'amount', 'greater_than'],
      ['amount with 3 decimals', { ...valid, amount: 19.999 }, 'amount', 'decimal_max_places'],
      ['amount with float noise', { ...valid, amount: 0.1 + 0.2 }, 'amount', 'decimal_max_places'],
      ['amount a hair over 2 decimals', { ...valid, amount: 19.990000001 }, 'amount', 'decimal_max_places'],
      ['expire over 86400', { ...valid, expire: 86_401 }, 'expire', 'less_than_equal'],
      ['an unknown currency', { ...valid, currency: 'EUR' }, 'currency', 'enum'],
    ] as const) {
      it(`refuses a charge with ${label} with a FastAPI 422`, async () => {
        const error = await post(body);
        expect(error.httpStatus).to.equal(422);
        const detail = (error.cause as { detail: { loc: string[]; msg: string; type: string }[] }).detail;
        expect(detail).to.have.length(1);
        expect(detail[0]!.loc).to.deep.equal(['body', loc]);
        expect(detail[0]!.type).to.equal(type);
        expect(error.message).to.contain(detail[0]!.msg);
        expect(sandbox.state.sessions.size).to.equal(0);
      });
    }

    it('defaults currency and expire like kamiPay', async () => {
      const { data } = await request({
        method: 'POST',
        url: `${sandbox.base('kamipay')}${CHARGE_PATH}`,
        headers: { Authorization: `Bearer ${api.token}` },
        json: { amount: 5, store_id: 1, checkout_id: 2 },
        schema: z.looseObject({ operation_id: z.string(), expiration: z.string() }),
      });
      const session = latestCharge();
      expect(session.data.currency).to.equal('BRL');
      expect(session.data.expire).to.equal(300);
      expect(Date.parse(data.expiration) - session.createdAt).to.equal(300_000);
    });
  });
});

describe('mapKamipayStatus', () => {
  const notFound: KamipayTxStatus = { status: 'failed', msg: 'TX not found' };
  const tx = (status: string): KamipayTxStatus => ({ status: 'ok', msg: 'Request ok', data: { status } });

  it('maps kamiPay statuses onto the status model, never from the clock', () => {
    expect(mapKamipayStatus(notFound)).to.equal('pending');
    expect(mapKamipayStatus({ status: 'failed', msg: '  tx NOT found ' })).to.equal('pending');
    expect(mapKamipayStatus(tx('processing'))).to.equal('processing');
    expect(mapKamipayStatus(tx('done'))).to.equal('succeeded');
    expect(mapKamipayStatus(tx('failed'))).to.equal('failed');
  });

  it('matches statuses by meaning: any case, spaces around', () => {
    expect(mapKamipayStatus(tx(' Done '))).to.equal('succeeded');
    expect(mapKamipayStatus(tx('DONE'))).to.equal('succeeded');
    expect(mapKamipayStatus(tx('Processing'))).to.equal('processing');
    expect(mapKamipayStatus(tx('\tFAILED\n'))).to.equal('failed');
    expect(mapKamipayStatus({ status: ' OK', msg: 'Request ok', data: { status: 'done' } })).to.equal('succeeded');
    expect(mapKamipayStatus({ status: 'Failed', msg: 'TX not found' })).to.equal('pending');
  });

  it('an unpublished transaction status is pending: polling goes on, the expiry decides', () => {
    for (const status of ['refunded', 'in_review', 'Chargeback', 'constructor', '__proto__', ' ']) {
      expect(mapKamipayStatus(tx(status)), status).to.equal('pending');
    }
  });

  it('a top-level failed with another msg is a provider_error naming it, not a pending forever', () => {
    let error: unknown;
    try {
      mapKamipayStatus({ status: 'failed', msg: 'Store disabled' });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(CheckoutError);
    expect([(error as CheckoutError).code, (error as CheckoutError).retryable]).to.deep.equal(['provider_error', false]);
    expect((error as CheckoutError).message).to.contain('Store disabled');
  });

  for (const [label, body] of [
    ['ok without data', { status: 'ok', msg: 'Request ok' }],
    ['an unknown top-level status', { status: 'error' }],
  ] as const) {
    it(`${label} is invalid_response`, () => {
      let error: unknown;
      try {
        mapKamipayStatus(body as KamipayTxStatus);
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(CheckoutError);
      expect((error as CheckoutError).code).to.equal('invalid_response');
    });
  }
});

describe('chargeExpiry', () => {
  const createdAt = Date.parse('2026-11-21T12:00:00Z');
  const fallback = createdAt + 300_000;

  it('reads an ISO date-time, naive ones as UTC (also in a browser west of UTC)', async () => {
    await inTimezone('America/Sao_Paulo', () => {
      expect(new Date(createdAt).getTimezoneOffset()).to.equal(180);
      expect(chargeExpiry('2026-11-21T12:05:00Z', createdAt, 300)).to.equal(Date.parse('2026-11-21T12:05:00Z'));
      expect(chargeExpiry('2026-11-21T09:10:00-03:00', createdAt, 300)).to.equal(Date.parse('2026-11-21T12:10:00Z'));
      expect(chargeExpiry('2026-11-21T12:07:30.250', createdAt, 300)).to.equal(Date.parse('2026-11-21T12:07:30.250Z'));
      expect(chargeExpiry('2026-11-21 12:07:30', createdAt, 300)).to.equal(Date.parse('2026-11-21T12:07:30Z'));
    });
  });

  it('reads small numbers as seconds from creation and big ones as epoch seconds or ms', () => {
    expect(chargeExpiry(600, createdAt, 300)).to.equal(createdAt + 600_000);
    expect(chargeExpiry('600', createdAt, 300)).to.equal(createdAt + 600_000);
    expect(chargeExpiry(86_400, createdAt, 300)).to.equal(createdAt + 86_400_000);
    expect(chargeExpiry((createdAt + 120_000) / 1000, createdAt, 300)).to.equal(createdAt + 120_000);
    expect(chargeExpiry(createdAt + 120_000, createdAt, 300)).to.equal(createdAt + 120_000);
  });

  it('falls back to creation + expire for anything else', () => {
    for (const value of [undefined, null, '', 'soon', {}, [], 0, -5, 5e6, Number.NaN, '2026-11-21T11:59:00Z', createdAt - 1]) {
      expect(chargeExpiry(value, createdAt, 300), String(value)).to.equal(fallback);
    }
  });
});

describe('kamiPay adapter', () => {
  let clock: FakeClock;
  let token: TokenClient;
  beforeEach(() => {
    clock = new FakeClock(Date.now());
    token = sandboxToken(sandbox, 'kamipay', { amount: 1999, currency: 'BRL', storeId: 1, checkoutId: 1 });
  });

  const adapterFor = (overrides: Partial<AdapterContext> = {}) =>
    createAdapter({ provider: 'kamipay', token, clock, amount: 1999, currency: 'BRL', storeId: 1, checkoutId: 1, ...overrides });

  it('is the kamiPay adapter: no cancel, no refresh of the same session', () => {
    const adapter = adapterFor();
    expect(adapter.provider).to.equal('kamipay');
    expect(adapter.canCancel).to.be.false;
    expect(adapter.canRefresh).to.be.false;
  });

  it('start creates a charge and presents its emv as the QR', async () => {
    const session = await adapterFor().start();
    const charge = latestCharge();
    const grantToken = token.current!.token;
    const [sent] = kamipayRequests();
    expect(kamipayRequests()).to.have.length(1);
    expect(sent!.method).to.equal('POST');
    expect(sent!.path).to.equal(CHARGE_PATH);
    expect(sent!.headers.authorization).to.equal(`Bearer ${grantToken}`);
    expect(sent!.body).to.deep.equal({ amount: 19.99, currency: 'BRL', expire: 300, store_id: 1, checkout_id: 1 });
    const expiresAt = charge.expiresAt!;
    const raw = { emv: charge.data.emv, operation_id: charge.id, expiration: new Date(expiresAt).toISOString() };
    expect(session).to.deep.equal({
      provider: 'kamipay',
      id: charge.id,
      status: 'pending',
      amount: 1999,
      currency: 'BRL',
      expiresAt,
      presentation: { kind: 'qr', payload: charge.data.emv, expiresAt, amount: 1999, currency: 'BRL' },
      pollable: true,
      raw,
    });
    expectValidBrCode((session.presentation as { payload: string }).payload);
  });

  it('sends the order externalId, the currency and expire; 100 USDT → 1', async () => {
    const order = { externalId: 'order-42' };
    const session = await adapterFor({ amount: 100, currency: 'usdt', expire: 600, checkoutId: 2, order }).start();
    expect(kamipayRequests('POST', CHARGE_PATH)[0]!.body).to.deep.equal({
      amount: 1, currency: 'USDT', expire: 600, store_id: 1, checkout_id: 2, external_id: 'order-42',
    });
    expect(session.currency).to.equal('USDT');
    expect(session.expiresAt).to.equal(latestCharge().expiresAt);
    expect(session.expiresAt! - latestCharge().createdAt).to.equal(600_000);
  });

  it('uses creation + expire when the response has no usable expiration', async () => {
    sandbox.state.fault({ provider: 'kamipay', path: CHARGE_PATH, body: { emv: 'EMV', operation_id: 'op_1', expiration: 'tbd' } });
    const session = await adapterFor({ expire: 120 }).start();
    expect(session.expiresAt).to.equal(clock.now() + 120_000);
  });

  for (const [label, overrides] of [
    ['no store-id', { storeId: undefined }],
    ['store-id 0', { storeId: 0 }],
    ['a fractional checkout-id', { checkoutId: 1.5 }],
    ['no checkout-id', { checkoutId: undefined }],
    ['no amount', { amount: undefined }],
    ['amount 0', { amount: 0 }],
    ['a fractional amount', { amount: 12.5 }],
    ['an unsafe amount', { amount: 2 ** 53 }],
    ['currency EUR', { currency: 'EUR' }],
    ['expire 0', { expire: 0 }],
    ['expire over 86400', { expire: 86_401 }],
    ['a fractional expire', { expire: 1.5 }],
  ] as const) {
    it(`${label} is a config error and sends no request`, async () => {
      const adapter = adapterFor(overrides as Partial<AdapterContext>);
      const error = await caught(adapter.start());
      expect(error.code).to.equal('config');
      expect(error.message).to.match(/^kamiPay: /);
      expect((await caught(adapter.refresh({} as SessionSnapshot))).code).to.equal('config');
      expect(sandbox.state.requests).to.have.length(0);
    });
  }

  it('follows the charge to each outcome', async () => {
    const adapter = adapterFor();
    const session = await adapter.start();
    const pending = await adapter.status(session);
    expect(pending).to.deep.equal({ status: 'pending', raw: { status: 'failed', msg: 'TX not found' } });
    const [poll] = kamipayRequests('GET', STATUS_PATH);
    expect(poll!.query).to.deep.equal({ target: 'operation_id', id: session.id, type: 'charge' });
    expect(poll!.headers.authorization).to.equal(`Bearer ${token.current!.token}`);

    sandbox.state.process(session.id);
    expect((await adapter.status(session)).status).to.equal('processing');
    sandbox.state.pay(session.id);
    const paid = await adapter.status(session);
    expect(paid.status).to.equal('succeeded');
    expect(paid.raw).to.deep.include({ status: 'ok' });
    sandbox.state.fail(session.id);
    expect((await adapter.status(session)).status).to.equal('failed');
  });

  it('reads pending past expiresAt: kamiPay never says expired, the flow decides it', async () => {
    const adapter = adapterFor();
    const session = await adapter.start();
    await clock.advance(session.expiresAt! - clock.now() - 1);
    expect((await adapter.status(session)).status).to.equal('pending');
    await clock.advance(1);
    expect((await adapter.status(session)).status).to.equal('pending');
    sandbox.state.pay(session.id);
    expect((await adapter.status(session)).status).to.equal('succeeded');
  });

  it('reads the inner status in any spelling; an unpublished one is pending', async () => {
    const adapter = adapterFor();
    const session = await adapter.start();
    setKamipayFlavor(sandbox.state, { txStatus: (documented) => ` ${documented[0]!.toUpperCase()}${documented.slice(1)}` });
    sandbox.state.process(session.id);
    expect((await adapter.status(session)).status).to.equal('processing');
    setKamipayFlavor(sandbox.state, { txStatus: () => 'AWAITING_SETTLEMENT' });
    const unknown = await adapter.status(session);
    expect(unknown.status).to.equal('pending');
    expect((unknown.raw as KamipayTxStatus).data!.status).to.equal('AWAITING_SETTLEMENT');
    setKamipayFlavor(sandbox.state, { txStatus: (documented) => documented.toUpperCase() });
    sandbox.state.pay(session.id);
    expect((await adapter.status(session)).status).to.equal('succeeded');
  });

  it('a malformed body is invalid_response', async () => {
    const adapter = adapterFor();
    const session = await adapter.start();
    sandbox.state.fault({ provider: 'kamipay', path: STATUS_PATH, body: 'malformed-json' });
    expect((await caught(adapter.status(session))).code).to.equal('invalid_response');
    sandbox.state.fault({ provider: 'kamipay', path: STATUS_PATH, body: { msg: 'no status' } });
    expect((await caught(adapter.status(session))).code).to.equal('invalid_response');
  });

  it('a charge response without emv is invalid_response', async () => {
    sandbox.state.fault({ provider: 'kamipay', path: CHARGE_PATH, body: { operation_id: 'op_1' } });
    expect((await caught(adapterFor().start())).code).to.equal('invalid_response');
  });

  it('after a 401 on create asks the token endpoint once more and creates one charge', async () => {
    await token.get();
    sandbox.state.revokeTokens();
    const session = await adapterFor().start();
    expect(tokenRequests()).to.have.length(2);
    const creates = kamipayRequests('POST', CHARGE_PATH);
    expect(creates).to.have.length(2);
    expect(creates[0]!.headers.authorization).to.not.equal(creates[1]!.headers.authorization);
    expect(creates[1]!.headers.authorization).to.equal(`Bearer ${token.current!.token}`);
    expect(sandbox.state.sessions.size).to.equal(1);
    expect(session.id).to.equal(latestCharge().id);
  });

  it('after a 401 on status asks again with the operation id as sessionId', async () => {
    const adapter = adapterFor();
    const session = await adapter.start();
    sandbox.state.revokeTokens();
    expect((await adapter.status(session)).status).to.equal('pending');
    expect(tokenRequests()).to.have.length(2);
    expect((tokenRequests()[1]!.body as { sessionId?: string }).sessionId).to.equal(session.id);
    expect(kamipayRequests('GET', STATUS_PATH)).to.have.length(2);
  });

  it('a second 401 is surfaced as provider_error', async () => {
    const adapter = adapterFor();
    const session = await adapter.start();
    sandbox.state.fault({ provider: 'kamipay', path: STATUS_PATH, status: 401, times: 2 });
    const error = await caught(adapter.status(session));
    expect(error.code).to.equal('provider_error');
    expect(error.httpStatus).to.equal(401);
    expect(error.message).to.contain('Unauthorized');
    expect(tokenRequests()).to.have.length(2);
  });

  it('attach reads the status only: no QR to show again', async () => {
    const { operation_id: id } = await createCharge(
      { apiBase: sandbox.base('kamipay'), token: sandbox.state.issueToken('kamipay') },
      { amount: 500, currency: 'BRL', expire: 300, store_id: 1, checkout_id: 1 },
    );
    sandbox.state.pay(id);
    const txid = latestCharge().data.txid;
    const session = await adapterFor({ amount: undefined, storeId: undefined, checkoutId: undefined }).attach(id);
    expect(session).to.deep.equal({
      provider: 'kamipay',
      id,
      status: 'succeeded',
      // Unknown but bounded: the QR lives `expire` seconds (default 300) from its creation, before now.
      expiresAt: clock.now() + 300_000,
      pollable: true,
      raw: { status: 'ok', msg: 'Request ok', data: { status: 'done', txid, operation_id: id } },
    });
    expect(kamipayRequests('POST', CHARGE_PATH)).to.have.length(1);
  });

  it('a followed charge ends `expire` seconds after attaching (default 300), not a day', async () => {
    const { operation_id: id } = await createCharge(
      { apiBase: sandbox.base('kamipay'), token: sandbox.state.issueToken('kamipay') },
      { amount: 500, currency: 'BRL', expire: 300, store_id: 1, checkout_id: 1 },
    );
    const adapter = adapterFor({ amount: undefined, storeId: undefined, checkoutId: undefined });
    const session = await adapter.attach(id);
    expect(session).to.deep.include({ status: 'pending', expiresAt: clock.now() + 300_000 });
    const told = await adapterFor({ amount: undefined, storeId: undefined, checkoutId: undefined, expire: 3_600 }).attach(id);
    expect(told.expiresAt).to.equal(clock.now() + 3_600_000);
  });

  it("start attaches to the token endpoint's sessionId instead of creating", async () => {
    const { operation_id: id } = await createCharge(
      { apiBase: sandbox.base('kamipay'), token: sandbox.state.issueToken('kamipay') },
      { amount: 500, currency: 'BRL', expire: 300, store_id: 1, checkout_id: 1 },
    );
    sandbox.state.tokenExtras = { sessionId: id };
    const session = await adapterFor().start();
    expect(session.id).to.equal(id);
    expect(session.status).to.equal('pending');
    expect(session.presentation).to.be.undefined;
    expect(kamipayRequests('POST', CHARGE_PATH)).to.have.length(1);
    expect(kamipayRequests('GET', STATUS_PATH)[0]!.query.id).to.equal(id);
  });

  it('refresh always creates a new charge', async () => {
    const adapter = adapterFor();
    const first = await adapter.start();
    sandbox.state.tokenExtras = { sessionId: first.id };
    token.invalidate();
    const second = await adapter.refresh(first);
    expect(second.id).to.not.equal(first.id);
    expect(second.presentation?.kind).to.equal('qr');
    expect(kamipayRequests('POST', CHARGE_PATH)).to.have.length(2);
  });

  it('choose is a config error; cancel and expire call nothing', async () => {
    const adapter = adapterFor();
    const session = await adapter.start();
    expect((await caught(adapter.choose(session, 'PIX'))).code).to.equal('config');
    await adapter.cancel(session);
    await adapter.expire(session);
    expect(kamipayRequests()).to.have.length(1);
  });

  it('a caller abort is re-thrown as is', async () => {
    const adapter = adapterFor();
    const session = await adapter.start();
    sandbox.state.fault({ provider: 'kamipay', path: STATUS_PATH, delayMs: 500 });
    const controller = new AbortController();
    const pending = adapter.status(session, controller.signal);
    await waitUntil(() => kamipayRequests('GET', STATUS_PATH).length === 1);
    controller.abort(new DOMException('left', 'AbortError'));
    const error = await pending.then(
      () => undefined,
      (e: unknown) => e as DOMException,
    );
    expect(error?.name).to.equal('AbortError');
  });
});

describe('kamiPay registers API', () => {
  let token: TokenClient;
  beforeEach(() => {
    token = sandboxToken(sandbox, 'kamipay', { storeId: 1 });
  });

  it('lists registers and wallets and creates a register with the grant', async () => {
    const registers = createKamipayRegisters({ token });
    expect(await registers.list(1)).to.deep.equal(SEED_REGISTERS);
    expect((await registers.wallets()).map((w) => w.wallet_id)).to.deep.equal([3, 4]);
    const created = await registers.create(1, '  Drive-through ', 4);
    expect(created).to.deep.equal({ merchant_id: 1, store_id: 1, checkout_id: 3, checkout_desc: 'Drive-through', wallet_id: 4 });
    expect(await registers.list(1)).to.deep.equal([...SEED_REGISTERS, created]);
    const auth = `Bearer ${token.current!.token}`;
    expect(kamipayRequests().map((r) => [r.method, r.path, r.headers.authorization])).to.deep.equal([
      ['GET', '/v2/stores/1/checkouts', auth],
      ['GET', '/v2/merchants/wallets', auth],
      ['POST', '/v2/stores/1/checkouts', auth],
      ['GET', '/v2/stores/1/checkouts', auth],
    ]);
    expect(tokenRequests()).to.have.length(1);
  });

  it('the picker lists registers and wallets with null unread fields; a wallet without description goes by its address', async () => {
    setKamipayFlavor(sandbox.state, { nullUnusedFields: true });
    const directory = kamipayRegisters.directory(token);
    expect(await directory.list(1)).to.deep.equal([
      { id: 1, name: 'Main register' },
      { id: 2, name: 'Self-service kiosk' },
    ]);
    expect(await directory.wallets()).to.deep.equal([
      { id: 3, name: 'pix-settlement@example.com' },
      { id: 4, name: '0x7a16fF8270133F063aAb6C9977183D9e72835428' },
    ]);
    sandbox.state.fault({ provider: 'kamipay', path: '/v2/merchants/wallets', body: [{ wallet_id: 7, wallet_desc: null, address: null }] });
    expect(await directory.wallets()).to.deep.equal([{ id: 7, name: '#7' }]);
  });

  it('"Store not found" is a provider_error 404 with the provider\'s text', async () => {
    const registers = createKamipayRegisters({ token });
    const error = await caught(registers.list(99));
    expect(error.code).to.equal('provider_error');
    expect(error.httpStatus).to.equal(404);
    expect(error.message).to.contain('Store not found');
    expect((await caught(registers.create(99, 'Register', 3))).message).to.contain('Store not found');
  });

  it('"Wallet not found" is a provider_error 400 with the provider\'s text', async () => {
    const registers = createKamipayRegisters({ token });
    for (const walletId of [9, 42]) {
      const error = await caught(registers.create(1, 'Register', walletId));
      expect(error.code).to.equal('provider_error');
      expect(error.httpStatus).to.equal(400);
      expect(error.message).to.contain('Wallet not found');
    }
  });

  it('refuses bad input with config, sending nothing', async () => {
    const registers = createKamipayRegisters({ token });
    expect((await caught(registers.list(0))).code).to.equal('config');
    expect((await caught(registers.create(1, '   ', 3))).code).to.equal('config');
    expect((await caught(registers.create(1, 'Register', 0))).code).to.equal('config');
    expect((await caught(registers.create(-1, 'Register', 3))).code).to.equal('config');
    expect(sandbox.state.requests).to.have.length(0);
  });

  it('asks the token endpoint once more after a 401', async () => {
    const registers = createKamipayRegisters({ token });
    await registers.list(1);
    sandbox.state.revokeTokens();
    expect(await registers.list(2)).to.deep.equal([]);
    expect(tokenRequests()).to.have.length(2);
    expect(kamipayRequests('GET', '/v2/stores/2/checkouts')).to.have.length(2);
  });
});

describe('kamiPay flow with statuses kamiPay has not published', () => {
  let clock: FakeClock;
  let registry: PollRegistry;
  let tracker: ReturnType<typeof trackFetch>;
  let flow: CheckoutFlow | undefined;

  beforeEach(async () => {
    tracker = trackFetch();
    clock = new FakeClock(Date.now(), tracker.idle);
    sandbox = await startSandbox(new SandboxState(() => clock.now()));
    registry = new PollRegistry({ clock, crossTab: null, isHidden: () => false, onWake: () => () => {}, random: () => 0.5 });
  });

  afterEach(() => flow?.dispose());

  function start(): CheckoutFlow {
    flow = new CheckoutFlow({
      ...samplePayments.kamipay, tokenUrl: sandbox.tokenUrl, clock, registry, storage: null, fetch: tracker.fetch, adapters: defaultAdapters,
    });
    return flow;
  }

  const checks = () => sandbox.state.requestsTo('kamipay', 'GET', STATUS_PATH).length;

  it('an unknown inner status keeps polling without an error; the expiry ends it', async () => {
    const flow = start();
    const errors: unknown[] = [];
    flow.subscribe((event) => event.type === 'error' && errors.push(event.error));
    await flow.start();
    const id = flow.state.session!.id;
    setKamipayFlavor(sandbox.state, { txStatus: () => 'under_review' });
    sandbox.state.process(id);
    const outcome = flow.nextOutcome();
    await clock.advance(10_000);
    const polled = checks();
    expect(polled).to.be.greaterThan(2);
    expect(flow.state.phase).to.equal('ready');
    await clock.advance(10_000);
    expect(checks()).to.be.greaterThan(polled);
    expect(flow.state.error).to.equal(undefined);
    await clock.advance(40_000);
    expect((await outcome).status).to.equal('expired');
    expect(errors).to.deep.equal([]);
  });

  it('a mixed-case inner status settles the payment', async () => {
    const flow = start();
    await flow.start();
    setKamipayFlavor(sandbox.state, { txStatus: (documented) => ` ${documented.toUpperCase()} ` });
    const outcome = flow.nextOutcome();
    sandbox.state.process(flow.state.session!.id);
    await clock.advance(2_000);
    expect((await until(flow, (state) => state.phase === 'processing' || state.phase === 'error')).phase).to.equal('processing');
    sandbox.state.pay(flow.state.session!.id);
    await clock.advance(2_000);
    expect((await outcome).status).to.equal('succeeded');
  });
});
