/**
 * kamiPay registers (kamiPay calls them "checkouts") and merchant wallets, for the `<caja-qr>`
 * picker: schemas, low-level calls and the token-client wrapper. Endpoints: docs/providers/kamipay.md.
 */
import { z, isPositiveInteger, lenient } from '../core/validate.js';
import type { AdapterContext } from '../core/adapter.js';
import { apiCaller, callApi, getList, textSchema } from './shared.js';
import { configError, kamipayAuth, requirePositiveInteger } from './kamipay-checks.js';
import type { ApiAccess } from './types.js';

/** Ids kamiPay numbers from 1 (the check every positive id of the package passes). */
const positiveInt = z.number().check(z.refine(isPositiveInteger, { message: 'must be a positive integer' }));

/**
 * A register (kamiPay calls it a "checkout"). The picker needs its id and description; the other
 * ids are never read, and kamiPay may send them `null`, which must not reject the whole list.
 */
export const kamipayRegisterSchema = z.looseObject({
  checkout_id: positiveInt,
  checkout_desc: z.string(),
  merchant_id: lenient(z.number()),
  store_id: lenient(z.number()),
  wallet_id: lenient(z.number()),
});

/**
 * A merchant wallet: only its id is required (the "new register" form sends it). `wallet_desc` may
 * be `null` (the picker then names the wallet by its address or id); the rest is unpublished.
 */
export const kamipayWalletSchema = z.looseObject({
  wallet_id: positiveInt,
  wallet_desc: lenient(z.string()),
  merchant_id: lenient(z.number()),
  currency_id: lenient(textSchema),
  address: lenient(z.string()),
  network_id: lenient(textSchema),
});

export type KamipayRegister = z.infer<typeof kamipayRegisterSchema>;
export type KamipayWallet = z.infer<typeof kamipayWalletSchema>;

// ---------------------------------------------------------------------------------------------
// Low-level calls: usable from the browser (with a token-endpoint grant) or a merchant server.

function storePath(storeId: number): string {
  return `/v2/stores/${encodeURIComponent(requirePositiveInteger('store-id', storeId))}/checkouts`;
}

export async function listRegisters(api: ApiAccess, storeId: number, signal?: AbortSignal): Promise<KamipayRegister[]> {
  return getList(api, storePath(storeId), kamipayAuth(api), kamipayRegisterSchema, signal);
}

export async function createRegister(
  api: ApiAccess,
  storeId: number,
  body: { checkout_desc: string; wallet_id: number },
  signal?: AbortSignal,
): Promise<KamipayRegister> {
  if (typeof body.checkout_desc !== 'string' || !body.checkout_desc.trim()) {
    throw configError('a register needs a description');
  }
  const json = { checkout_desc: body.checkout_desc.trim(), wallet_id: requirePositiveInteger('wallet', body.wallet_id) };
  return callApi(
    api,
    { method: 'POST', path: storePath(storeId), headers: kamipayAuth(api), json, schema: kamipayRegisterSchema },
    signal,
  );
}

export async function listWallets(api: ApiAccess, signal?: AbortSignal): Promise<KamipayWallet[]> {
  return getList(api, '/v2/merchants/wallets', kamipayAuth(api), kamipayWalletSchema, signal);
}

// ---------------------------------------------------------------------------------------------
// Through the token client, for the `<caja-qr>` picker.

export interface KamipayRegisters {
  list(storeId: number, signal?: AbortSignal): Promise<KamipayRegister[]>;
  create(storeId: number, description: string, walletId: number, signal?: AbortSignal): Promise<KamipayRegister>;
  wallets(signal?: AbortSignal): Promise<KamipayWallet[]>;
}

/** The register calls through the token client, so a 401 asks the token endpoint once more. */
export function createKamipayRegisters(ctx: Pick<AdapterContext, 'token' | 'fetch'>): KamipayRegisters {
  const call = apiCaller(ctx);
  return {
    async list(storeId, signal) {
      requirePositiveInteger('store-id', storeId);
      return call((api) => listRegisters(api, storeId, signal), signal);
    },
    async create(storeId, description, walletId, signal) {
      requirePositiveInteger('store-id', storeId);
      if (typeof description !== 'string' || !description.trim()) throw configError('a register needs a description');
      requirePositiveInteger('wallet', walletId);
      return call((api) => createRegister(api, storeId, { checkout_desc: description, wallet_id: walletId }, signal), signal);
    },
    async wallets(signal) {
      return call((api) => listWallets(api, signal), signal);
    },
  };
}
