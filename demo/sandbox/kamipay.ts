import type { HttpHandler } from 'msw';
import { bearer, errorResponse, json, type RouteArgs, type SandboxContext } from './route.js';
import type { SandboxOutcome, SandboxState } from './state.js';
import { pixEmv } from './pix.js';

/**
 * kamiPay as its API reference describes it: bearer auth, registers (checkouts) per store, merchant
 * wallets, dynamic Pix charges and `tx_status`. FastAPI behind an API gateway: the gateway answers
 * 401 `{message, request_id}`, the app `{detail}`, and request validation 422 `{detail: [{loc, msg, type}]}`.
 */

export const KAMIPAY_SANDBOX_USERNAME = 'merchant@example.com';
export const KAMIPAY_SANDBOX_PASSWORD = 'sandbox';
/** The merchant whose credentials the sandbox accepts; every token it issues acts for it. */
const MERCHANT_ID = 1;
const CURRENCIES = ['BRL', 'ARS', 'USDT'];
const MAX_EXPIRE = 86_400;
const DEFAULT_EXPIRE = 300;

interface Register {
  merchant_id: number;
  store_id: number;
  checkout_id: number;
  checkout_desc: string;
  wallet_id: number;
}

interface Wallet {
  merchant_id: number;
  wallet_id: number;
  wallet_desc: string;
  currency_id: number;
  address: string;
  network_id: number;
}

interface Store {
  merchant_id: number;
  registers: Register[];
}

interface World {
  stores: Map<number, Store>;
  wallets: Wallet[];
}

/** What a charge session keeps (the `data` of its SandboxSession). */
export interface KamipayChargeData {
  operation_id: string;
  emv: string;
  amount: number;
  currency: string;
  expire: number;
  store_id: number;
  checkout_id: number;
  external_id?: string;
  txid: string;
}

// Registers created in a sandbox belong to its state (a test's fresh state starts from the initial ones).
const worlds = new WeakMap<SandboxState, World>();

function seedWorld(): World {
  const register = (checkout_id: number, checkout_desc: string): Register => ({
    merchant_id: MERCHANT_ID, store_id: 1, checkout_id, checkout_desc, wallet_id: 3,
  });
  return {
    stores: new Map([
      [1, { merchant_id: MERCHANT_ID, registers: [register(1, 'Main register'), register(2, 'Self-service kiosk')] }],
      [2, { merchant_id: MERCHANT_ID, registers: [] }],
    ]),
    // currency_id / network_id / address formats are unpublished: plausible values.
    wallets: [
      { merchant_id: 1, wallet_id: 3, wallet_desc: 'BRL settlement', currency_id: 1, address: 'pix-settlement@example.com', network_id: 1 },
      { merchant_id: 1, wallet_id: 4, wallet_desc: 'USDT (Polygon)', currency_id: 2, address: '0x7a16fF8270133F063aAb6C9977183D9e72835428', network_id: 137 },
      { merchant_id: 2, wallet_id: 9, wallet_desc: 'Another merchant', currency_id: 2, address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', network_id: 137 },
    ],
  };
}

/**
 * How the sandbox words its answers: by default as kamiPay's docs show them. Tests (or a demo)
 * switch on what the real API may also send: `null` for the ids and the description the elements
 * never rely on, and transaction statuses in another spelling (`" Done"`) or not published at all.
 */
export interface KamipayFlavor {
  /** Registers (listed or created) carry `merchant_id`, `store_id`, `wallet_id` as `null`; wallets `merchant_id`, `wallet_desc`. */
  nullUnusedFields: boolean;
  /** The `data.status` sent for a documented one (`processing`, `done`, `failed`). */
  txStatus: (documented: string) => string;
}

const flavors = new WeakMap<SandboxState, KamipayFlavor>();

export function setKamipayFlavor(state: SandboxState, flavor: Partial<KamipayFlavor>): void {
  flavors.set(state, { ...kamipayFlavor(state), ...flavor });
}

export function kamipayFlavor(state: SandboxState): KamipayFlavor {
  return flavors.get(state) ?? { nullUnusedFields: false, txStatus: (documented) => documented };
}

function listedRegisters(state: SandboxState, registers: Register[]): unknown[] {
  if (!kamipayFlavor(state).nullUnusedFields) return registers;
  return registers.map((register) => ({ ...register, merchant_id: null, store_id: null, wallet_id: null }));
}

function listedWallets(state: SandboxState, wallets: Wallet[]): unknown[] {
  if (!kamipayFlavor(state).nullUnusedFields) return wallets;
  return wallets.map((wallet) => ({ ...wallet, merchant_id: null, wallet_desc: null }));
}

function worldOf(state: SandboxState): World {
  let world = worlds.get(state);
  if (!world) worlds.set(state, (world = seedWorld()));
  return world;
}

// --- FastAPI-style validation errors ----------------------------------------------------------

interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

function unprocessable(issues: ValidationIssue[]): Response {
  return json({ detail: issues }, 422);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Pydantic accepts ints and integer-valued strings for an `int` field. */
function intField(body: Record<string, unknown>, name: string, issues: ValidationIssue[], required = true): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) {
    if (required) issues.push({ loc: ['body', name], msg: 'Field required', type: 'missing' });
    return undefined;
  }
  const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) {
    issues.push({ loc: ['body', name], msg: 'Input should be a valid integer', type: 'int_type' });
    return undefined;
  }
  return number;
}

function pathInt(value: string | undefined, name: string): number | ValidationIssue {
  return value !== undefined && /^\d+$/.test(value)
    ? Number(value)
    : { loc: ['path', name], msg: 'Input should be a valid integer, unable to parse string as an integer', type: 'int_parsing' };
}

// --- handlers -------------------------------------------------------------------------------------

export function kamipayHandlers(ctx: SandboxContext): HttpHandler[] {
  const { state } = ctx;

  /** The gateway checks the bearer before the app sees the request. */
  const authed =
    (resolver: (args: RouteArgs) => Response | Promise<Response>) =>
    (args: RouteArgs): Response | Promise<Response> =>
      bearer(args.request, state) ? resolver(args) : errorResponse('kamipay', 401, 'Unauthorized');

  function storeOf(storeId: number): Store | undefined {
    const store = worldOf(state).stores.get(storeId);
    return store && store.merchant_id === MERCHANT_ID ? store : undefined;
  }

  return [
    ctx.route('post', '/auth/token', ({ body }) => {
      const form = isRecord(body) ? body : {};
      const missing = ['username', 'password']
        .filter((name) => typeof form[name] !== 'string')
        .map((name): ValidationIssue => ({ loc: ['body', name], msg: 'Field required', type: 'missing' }));
      if (missing.length) return unprocessable(missing);
      if (form.username !== KAMIPAY_SANDBOX_USERNAME || form.password !== KAMIPAY_SANDBOX_PASSWORD) {
        return json({ detail: 'Incorrect username or password' }, 401);
      }
      return json({ access_token: state.issueToken('kamipay'), token_type: 'bearer' });
    }),

    ctx.route(
      'get',
      '/v2/stores/:storeId/checkouts',
      authed(({ params }) => {
        const storeId = pathInt(params.storeId, 'store_id');
        if (typeof storeId !== 'number') return unprocessable([storeId]);
        const store = storeOf(storeId);
        if (!store) return json({ detail: 'Store not found' }, 404);
        return json(listedRegisters(state, store.registers));
      }),
    ),

    ctx.route(
      'post',
      '/v2/stores/:storeId/checkouts',
      authed(({ params, body }) => {
        const storeId = pathInt(params.storeId, 'store_id');
        const issues: ValidationIssue[] = typeof storeId === 'number' ? [] : [storeId];
        const fields = isRecord(body) ? body : {};
        if (!isRecord(body)) {
          issues.push({ loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from', type: 'model_attributes_type' });
        } else if (body.checkout_desc === undefined) {
          issues.push({ loc: ['body', 'checkout_desc'], msg: 'Field required', type: 'missing' });
        } else if (typeof body.checkout_desc !== 'string') {
          issues.push({ loc: ['body', 'checkout_desc'], msg: 'Input should be a valid string', type: 'string_type' });
        }
        const walletId = isRecord(body) ? intField(fields, 'wallet_id', issues) : undefined;
        if (issues.length || typeof storeId !== 'number' || walletId === undefined) return unprocessable(issues);

        const store = storeOf(storeId);
        if (!store) return json({ detail: 'Store not found' }, 404);
        const wallet = worldOf(state).wallets.find((w) => w.wallet_id === walletId);
        if (!wallet || wallet.merchant_id !== store.merchant_id) return json({ detail: 'Wallet not found' }, 400);
        const register: Register = {
          merchant_id: store.merchant_id,
          store_id: storeId,
          checkout_id: Math.max(0, ...store.registers.map((r) => r.checkout_id)) + 1,
          checkout_desc: fields.checkout_desc as string,
          wallet_id: walletId,
        };
        store.registers.push(register);
        return json(listedRegisters(state, [register])[0]);
      }),
    ),

    ctx.route(
      'get',
      '/v2/merchants/wallets',
      authed(() => json(listedWallets(state, worldOf(state).wallets.filter((wallet) => wallet.merchant_id === MERCHANT_ID)))),
    ),

    ctx.route(
      'post',
      '/v2/charge/create_dynamic_pix',
      authed(({ body }) => {
        const checked = checkChargeBody(body);
        if ('issues' in checked) return unprocessable(checked.issues);
        const store = storeOf(checked.store_id);
        if (!store) return json({ detail: 'Store not found' }, 404);
        if (!store.registers.some((r) => r.checkout_id === checked.checkout_id)) {
          return json({ detail: 'Checkout not found' }, 404);
        }
        const operationId = state.nextId('kp_op_');
        const createdAt = state.now();
        const expiresAt = createdAt + checked.expire * 1000;
        const data: KamipayChargeData = {
          ...checked,
          operation_id: operationId,
          // Pix is always BRL; the sandbox encodes the amount as sent, whatever the currency.
          emv: pixEmv({
            amount: checked.amount,
            merchantName: 'KAMIPAY SANDBOX',
            merchantCity: 'SAO PAULO',
            location: `qr.sandbox.kamipay.io/pix/v2/${operationId}`,
          }),
          txid: `E${operationId.replace(/[^A-Za-z0-9]/g, '').padEnd(31, '0').slice(0, 31)}`,
        };
        state.addSession<KamipayChargeData>({ provider: 'kamipay', id: operationId, outcome: 'pending', createdAt, expiresAt, data });
        return json({ emv: data.emv, operation_id: operationId, expiration: new Date(expiresAt).toISOString() });
      }),
    ),

    ctx.route(
      'get',
      '/v2/status/tx_status',
      authed(({ query }) => {
        const missing = ['target', 'id', 'type']
          .filter((name) => !query.get(name))
          .map((name): ValidationIssue => ({ loc: ['query', name], msg: 'Field required', type: 'missing' }));
        if (missing.length) return unprocessable(missing);
        const target = query.get('target')!;
        if (target !== 'operation_id' && target !== 'external_id') {
          return unprocessable([{ loc: ['query', 'target'], msg: "Input should be 'operation_id' or 'external_id'", type: 'enum' }]);
        }
        const session = query.get('type') === 'charge' ? findCharge(state, target, query.get('id')!) : undefined;
        return json(renderStatus(session?.outcome, session?.data, kamipayFlavor(state).txStatus));
      }),
    ),
  ];
}

type ChargeBody = Omit<KamipayChargeData, 'operation_id' | 'emv' | 'txid'>;

function checkChargeBody(body: unknown): ChargeBody | { issues: ValidationIssue[] } {
  if (!isRecord(body)) {
    return { issues: [{ loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from', type: 'model_attributes_type' }] };
  }
  const issues: ValidationIssue[] = [];
  const amount = body.amount;
  if (amount === undefined) issues.push({ loc: ['body', 'amount'], msg: 'Field required', type: 'missing' });
  else if (typeof amount !== 'number' || !Number.isFinite(amount)) {
    issues.push({ loc: ['body', 'amount'], msg: 'Input should be a valid number', type: 'float_type' });
  } else if (amount <= 0) {
    issues.push({ loc: ['body', 'amount'], msg: 'Input should be greater than 0', type: 'greater_than' });
  } else if (Number(amount.toFixed(2)) !== amount) {
    // Exactly 2 decimals at most, as written: float noise (0.1 + 0.2) is refused like any third decimal.
    issues.push({ loc: ['body', 'amount'], msg: 'Decimal input should have no more than 2 decimal places', type: 'decimal_max_places' });
  }
  const currency = body.currency ?? 'BRL';
  if (typeof currency !== 'string' || !CURRENCIES.includes(currency)) {
    issues.push({ loc: ['body', 'currency'], msg: "Input should be 'BRL', 'ARS' or 'USDT'", type: 'enum' });
  }
  const expire = body.expire === undefined ? DEFAULT_EXPIRE : intField(body, 'expire', issues);
  if (expire !== undefined && expire > MAX_EXPIRE) {
    issues.push({ loc: ['body', 'expire'], msg: `Input should be less than or equal to ${MAX_EXPIRE}`, type: 'less_than_equal' });
  } else if (expire !== undefined && expire < 1) {
    issues.push({ loc: ['body', 'expire'], msg: 'Input should be greater than 0', type: 'greater_than' });
  }
  const storeId = intField(body, 'store_id', issues);
  const checkoutId = intField(body, 'checkout_id', issues);
  const externalId = body.external_id;
  if (externalId !== undefined && externalId !== null && typeof externalId !== 'string') {
    issues.push({ loc: ['body', 'external_id'], msg: 'Input should be a valid string', type: 'string_type' });
  }
  if (issues.length) return { issues };
  const charge: ChargeBody = {
    amount: amount as number,
    currency: currency as string,
    expire: expire!,
    store_id: storeId!,
    checkout_id: checkoutId!,
  };
  if (typeof externalId === 'string') charge.external_id = externalId;
  return charge;
}

function findCharge(state: SandboxState, target: string, id: string) {
  for (const session of state.sessions.values()) {
    if (session.provider !== 'kamipay') continue;
    const data = session.data as KamipayChargeData;
    if (target === 'operation_id' ? session.id === id : data.external_id === id) {
      return state.session<KamipayChargeData>(session.id);
    }
  }
  return undefined;
}

/** kamiPay reports a transaction once one exists; an unpaid (even expired) QR is "not found". */
function renderStatus(
  outcome: SandboxOutcome | undefined,
  data: KamipayChargeData | undefined,
  spell: KamipayFlavor['txStatus'],
): unknown {
  const tx = (status: string) => ({
    status: 'ok',
    msg: 'Request ok',
    data: { status: spell(status), txid: data!.txid, operation_id: data!.operation_id },
  });
  switch (outcome) {
    case 'processing':
      return tx('processing');
    case 'paid':
      return tx('done');
    case 'failed':
      return tx('failed');
    default:
      return { status: 'failed', msg: 'TX not found' };
  }
}
