/**
 * kamiPay: Pix QR charges for a store's register (caja). Charge schemas, low-level calls, status
 * mapping and the adapter the elements drive; the register calls are in kamipay-registers.ts, the
 * input checks in kamipay-checks.ts and the merchant-server `authenticate` in kamipay-merchant.ts.
 * Endpoints and fields: docs/providers/kamipay.md (https://docs.kamipay.io).
 */
import { z, lenient, nonEmptyString } from '../core/validate.js';
import { CheckoutError } from '../core/errors.js';
import { toMajor } from '../core/money.js';
import type { CheckoutStatus } from '../core/status.js';
import { apiCaller, callApi, parseTime, textSchema } from './shared.js';
import {
  configError, kamipayAuth, kamipayCurrency, quoted, requireAmount, requireExpire, requirePositiveInteger,
  KAMIPAY_DEFAULT_EXPIRE, KAMIPAY_MAX_EXPIRE, type KamipayCurrency,
} from './kamipay-checks.js';
import type { AdapterContext, ProviderAdapter } from '../core/adapter.js';
import type { SessionSnapshot, StatusReading } from '../core/session.js';
import type { ApiAccess } from './types.js';

// This module is the package's `kamipay` namespace (src/index.ts), so it also carries the public
// part of its siblings: consumers call `kamipay.listRegisters`, `kamipay.kamipayCurrency` or
// (on a server) `kamipay.authenticate`.
export * from './kamipay-registers.js';
export * from './kamipay-merchant.js';
export { KAMIPAY_CURRENCIES, KAMIPAY_DEFAULT_CURRENCY, KAMIPAY_DEFAULT_EXPIRE, KAMIPAY_MAX_EXPIRE } from './kamipay-checks.js';
export { kamipayCurrency, type KamipayCurrency } from './kamipay-checks.js';

// ---------------------------------------------------------------------------------------------
// Schemas: require what the code uses, tolerate the rest.

// A loose object keeps every other key as it comes, so a field read as any value needs no entry:
// `expiration` (in the docs' example, format unpublished) is such a field, read by `chargeExpiry`.
export const kamipayChargeSchema = z.looseObject({
  // The Pix code encoded and copied as it is: blank is no code at all.
  emv: z.string().check(z.refine((emv: string) => emv.trim() !== '', { message: 'must not be blank' })),
  operation_id: nonEmptyString,
  amount_usdt: lenient(textSchema),
  rate: lenient(textSchema),
});

/** `tx_status`: HTTP 200 always; `status` says whether a transaction exists yet. */
export const kamipayTxStatusSchema = z.looseObject({
  status: z.string(),
  msg: lenient(z.string()),
  data: lenient(
    z.looseObject({
      status: z.string(),
      txid: lenient(textSchema),
      operation_id: lenient(textSchema),
    }),
  ),
});

export type KamipayCharge = z.infer<typeof kamipayChargeSchema>;
export type KamipayTxStatus = z.infer<typeof kamipayTxStatusSchema>;

/** What `createCharge` takes. `amount` is in MINOR units; it is sent in major units. */
export interface KamipayChargeInput {
  amount: number;
  currency: KamipayCurrency;
  expire: number;
  store_id: number;
  checkout_id: number;
  external_id?: string;
}

/** A charge's fields as given (a caller's input or the element's attributes), not yet checked. */
type ChargeFields = { [K in Exclude<keyof KamipayChargeInput, 'external_id'>]?: unknown } & { external_id?: string | undefined };

/**
 * The fields checked (a `config` error names the first wrong one, before any request leaves) and
 * the currency spelled as kamiPay takes it (`brl` → `BRL`); an empty `external_id` is left out.
 */
function checkedChargeInput(fields: ChargeFields): KamipayChargeInput {
  const input: KamipayChargeInput = {
    store_id: requirePositiveInteger('store-id', fields.store_id),
    checkout_id: requirePositiveInteger('checkout-id', fields.checkout_id),
    amount: requireAmount(fields.amount),
    currency: kamipayCurrency(fields.currency),
    expire: requireExpire(fields.expire),
  };
  if (fields.external_id) input.external_id = fields.external_id;
  return input;
}

// ---------------------------------------------------------------------------------------------
// Low-level calls: usable from the browser (with a token-endpoint grant) or a merchant server.

/** Creates a dynamic Pix QR for a register. `input.amount` is in minor units (1999 BRL → 19.99). */
export async function createCharge(api: ApiAccess, input: KamipayChargeInput, signal?: AbortSignal): Promise<KamipayCharge> {
  const checked = checkedChargeInput(input);
  const json = { ...checked, amount: toMajor(checked.amount, checked.currency) };
  return callApi(
    api,
    { method: 'POST', path: '/v2/charge/create_dynamic_pix', headers: kamipayAuth(api), json, schema: kamipayChargeSchema },
    signal,
  );
}

export async function getChargeStatus(api: ApiAccess, operationId: string, signal?: AbortSignal): Promise<KamipayTxStatus> {
  return callApi(
    api,
    {
      method: 'GET',
      path: '/v2/status/tx_status',
      query: { target: 'operation_id', id: operationId, type: 'charge' },
      headers: kamipayAuth(api),
      schema: kamipayTxStatusSchema,
    },
    signal,
  );
}

// ---------------------------------------------------------------------------------------------
// Status and expiry.

const TX_STATUS: Record<string, CheckoutStatus> = {
  processing: 'processing',
  done: 'succeeded',
  failed: 'failed',
};

/** kamiPay's answer for a charge it has no transaction for yet (its docs: nothing paid yet). */
const TX_NOT_FOUND = 'tx not found';

/** kamiPay's words compared as they mean, not as they are spelled: `Done `, `DONE`, `done`. */
const normalized = (word: string | undefined) => word?.trim().toLowerCase();

/**
 * What kamiPay said, nothing more: `{"status":"failed","msg":"TX not found"}` is a charge nobody
 * has paid yet (`pending`; kamiPay never reports expiry, the flow decides it from the QR's end with
 * a last check). Any other top-level `failed` is kamiPay refusing the question (its `msg` says
 * why), an error rather than a pending that would never end. A transaction status kamiPay has not
 * published (a new settlement step) is `pending` too: polling goes on, the QR's expiry still ends
 * it, and a payment is never declared failed on a word we do not know.
 */
export function mapKamipayStatus(body: KamipayTxStatus): CheckoutStatus {
  const status = normalized(body.status);
  if (status === 'failed') {
    if (normalized(body.msg) === TX_NOT_FOUND) return 'pending';
    throw new CheckoutError('provider_error', `kamiPay tx_status refused the request: ${quoted(body.msg ?? '(no msg)')}`, {
      cause: body,
    });
  }
  if (status === 'ok' && body.data) {
    const inner = normalized(body.data.status)!;
    return Object.hasOwn(TX_STATUS, inner) ? TX_STATUS[inner]! : 'pending';
  }
  // An unknown top-level status, or `ok` without the transaction it announces.
  throw new CheckoutError('invalid_response', `kamiPay tx_status answered an unreadable body (status ${quoted(body.status)})`, {
    cause: body,
  });
}

/** Numbers up to this are a duration in seconds (it is also kamiPay's largest `expire`). */
const RELATIVE_SECONDS_LIMIT = KAMIPAY_MAX_EXPIRE;

/**
 * When the QR stops being payable, in epoch ms. kamiPay's `expiration` format is unpublished, so:
 * an ISO date-time (read as UTC when it has no offset); a number (or numeric string) up to 86400 is
 * seconds from creation, from 1e9 epoch seconds, from 1e12 epoch ms. Anything else, or a time not
 * after creation (a time-zone misreading or a skewed clock), falls back to creation + `expire`.
 * Numbers above the relative limit are read by parseTime (epoch seconds below 1e12, ms from
 * there): one below 1e9 is then a time before 2001, not after any creation.
 */
export function chargeExpiry(expiration: unknown, createdAt: number, expireSeconds: number): number {
  const value = typeof expiration === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(expiration) ? Number(expiration) : expiration;
  const parsed =
    typeof value === 'number' && value > 0 && value <= RELATIVE_SECONDS_LIMIT ? createdAt + value * 1000 : parseTime(value);
  return parsed !== undefined && parsed > createdAt ? parsed : createdAt + expireSeconds * 1000;
}

// ---------------------------------------------------------------------------------------------
// Adapter.

/** The element's attributes as a charge, with kamiPay's defaults; throws `config` when one is wrong. */
function chargeInputFrom(ctx: AdapterContext): KamipayChargeInput {
  return checkedChargeInput({
    store_id: ctx.storeId,
    checkout_id: ctx.checkoutId,
    amount: ctx.amount,
    currency: ctx.currency,
    expire: ctx.expire ?? KAMIPAY_DEFAULT_EXPIRE,
    external_id: ctx.order?.externalId,
  });
}

export function createKamipayAdapter(ctx: AdapterContext): ProviderAdapter {
  const call = apiCaller(ctx);

  async function readStatus(api: ApiAccess, operationId: string, signal?: AbortSignal) {
    const raw = await getChargeStatus(api, operationId, signal);
    return { raw, status: mapKamipayStatus(raw) };
  }

  async function attachWith(api: ApiAccess, operationId: string, signal?: AbortSignal): Promise<SessionSnapshot> {
    // kamiPay has no GET for a charge: the emv (and so the QR) cannot be shown again, only followed.
    // Its end is unknown too, but bounded: the QR lives `expire` seconds from its creation, which
    // came before now, so a follower told the charge's `expire` (default 300 s, kamiPay's own)
    // ends, after a last check, no earlier than the QR did, instead of polling for a day.
    const expiresAt = ctx.clock.now() + requireExpire(ctx.expire ?? KAMIPAY_DEFAULT_EXPIRE) * 1000;
    return { provider: 'kamipay', id: operationId, expiresAt, pollable: true, ...(await readStatus(api, operationId, signal)) };
  }

  async function createWith(api: ApiAccess, input: KamipayChargeInput, signal?: AbortSignal): Promise<SessionSnapshot> {
    // Taken before sending: the QR's lifetime starts at the provider, never earlier than this.
    const createdAt = ctx.clock.now();
    const charge = await createCharge(api, input, signal);
    const expiresAt = chargeExpiry(charge.expiration, createdAt, input.expire);
    ctx.token.setSessionId(charge.operation_id);
    return {
      provider: 'kamipay',
      id: charge.operation_id,
      status: 'pending',
      amount: input.amount,
      currency: input.currency,
      expiresAt,
      presentation: { kind: 'qr', payload: charge.emv, expiresAt, amount: input.amount, currency: input.currency },
      pollable: true,
      raw: charge,
    };
  }

  return {
    provider: 'kamipay',
    canCancel: false,
    canRefresh: false,
    returnsToPage: false,

    async start(signal) {
      const input = chargeInputFrom(ctx);
      return call(
        (api, grant) => (grant.sessionId ? attachWith(api, grant.sessionId, signal) : createWith(api, input, signal)),
        signal,
      );
    },

    async attach(sessionId, signal) {
      return call((api) => attachWith(api, sessionId, signal), signal);
    },

    async status(session, signal): Promise<StatusReading> {
      return call((api) => readStatus(api, session.id, signal), signal);
    },

    async choose() {
      throw configError('a Pix charge offers no choice of method');
    },

    // kamiPay has no cancel or expire call: an unpaid QR simply stops being payable at its expiry,
    // which the flow declares after a last check.
    async cancel() {},
    async expire() {},

    /** Always a new charge, even when the token endpoint names an earlier session. */
    async refresh(_session, signal) {
      const input = chargeInputFrom(ctx);
      return call((api) => createWith(api, input, signal), signal);
    },
  };
}
