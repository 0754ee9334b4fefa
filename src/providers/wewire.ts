import { CheckoutError } from '../core/errors.js';
import { isValidMinorAmount, toMajor, toMinor } from '../core/money.js';
import type { CheckoutStatus } from '../core/status.js';
import { apiCaller, knownExpiry, lastKnownReading, onHostedPage, parseTime, present } from './shared.js';
import {
  cancelCheckout, createCheckout, expireCheckout, getCheckoutSession,
  type WewireCheckoutBody, type WewireCheckoutCreated, type WewireSession,
} from './wewire-api.js';
import type { AdapterContext, ProviderAdapter } from '../core/adapter.js';
import type { PaymentOption, SessionSnapshot, StatusReading } from '../core/session.js';

/**
 * WeWire crypto checkout (docs/providers/wewire.md): a hosted checkout page created with
 * `POST /api/v1/checkout`. The published API returns only `{url}` and its session object has no
 * status, so the outcome normally comes from the return page and our own clock; an `id` in the
 * create answer and a `status` in the session are used when present [inferred]. The schemas and
 * low-level calls are in wewire-api.ts.
 */

// This module is the package's `wewire` namespace (src/index.ts): consumers call `wewire.createCheckout`.
export * from './wewire-api.js';

/**
 * The assets offered when the merchant names none. WeWire's API reference publishes no list of
 * `allowedAssets` values (its enum is empty); these three are its example [inferred: the default
 * choice only].
 */
export const WEWIRE_ASSETS = ['ETH', 'USDT', 'USDC'] as const;
/** An asset symbol as WeWire takes it: upper-case letters and digits (`USDT`, `BTC`, `1INCH`). */
export type WewireAsset = string;
const ASSET_SYMBOL = /^[A-Z0-9]+$/;

/** Snapshot id while nothing exists at WeWire yet and the flow has no ref. */
const LOCAL_SESSION_ID = 'pending-choice';

// ---------------------------------------------------------------------------------------------
// Status and assets
// ---------------------------------------------------------------------------------------------

const STATUS_MAP: Record<string, CheckoutStatus> = {
  open: 'pending',
  pending: 'pending',
  processing: 'processing',
  complete: 'succeeded',
  completed: 'succeeded',
  paid: 'succeeded',
  failed: 'failed',
  expired: 'expired',
  cancelled: 'cancelled',
  canceled: 'cancelled',
};

/**
 * WeWire's session `status` → the status model [inferred: the published session has none].
 * Unknown values give `undefined`: treated as "no status", not as an error.
 */
export function mapWewireStatus(status?: string): CheckoutStatus | undefined {
  const word = status?.trim().toLowerCase() ?? '';
  return Object.hasOwn(STATUS_MAP, word) ? STATUS_MAP[word] : undefined;
}

/**
 * The `assets` attribute → the assets to offer: any symbols the merchant names (WeWire publishes
 * no fixed set), upper-cased and deduplicated; empty or absent = the default three.
 */
export function parseAssets(attr: string[] | undefined): WewireAsset[] {
  const assets: WewireAsset[] = [];
  for (const raw of attr ?? []) {
    const asset = raw.trim().toUpperCase();
    if (!asset) continue;
    if (!ASSET_SYMBOL.test(asset)) {
      throw configError(`assets: "${raw.trim()}" is not an asset symbol (A-Z, 0-9)`);
    }
    if (!assets.includes(asset)) assets.push(asset);
  }
  return assets.length ? assets : [...WEWIRE_ASSETS];
}

function assetOption(asset: WewireAsset): PaymentOption {
  return { id: asset, type: asset, label: asset, presentation: 'hosted' };
}

// ---------------------------------------------------------------------------------------------
// Adapter
// ---------------------------------------------------------------------------------------------

function configError(message: string): CheckoutError {
  return new CheckoutError('config', message);
}

/**
 * The create body without `allowedAssets`, checked before any provider request.
 * WeWire requires a product; when `order.product` is absent the flow's ref stands in for
 * `productId` and `description` for `productName` / `productDescription`.
 */
function checkoutBase(ctx: AdapterContext): Omit<WewireCheckoutBody, 'allowedAssets'> {
  if (!isValidMinorAmount(ctx.amount)) throw configError('WeWire needs `amount`: a positive integer in minor units');
  const currency = ctx.currency?.trim().toUpperCase();
  if (!currency) throw configError('WeWire needs `currency`');
  const customer = ctx.order?.customer;
  if (!customer?.name?.trim() || !customer.email?.trim()) {
    throw configError('WeWire needs the customer: set `order.customer` with `name` and `email`');
  }
  if (!ctx.returnUrls) throw configError('WeWire needs success and cancel URLs: set `return-url`');
  const product = ctx.order?.product;
  const productId = product?.id || ctx.ref;
  const productName = product?.name || ctx.description;
  if (!productId || !productName) throw configError('WeWire needs a product: set `order.product` or `description`');
  // Never empty: the name stands in for it.
  const productDescription = product?.description || ctx.description || productName;
  return {
    // Major units [inferred]: WeWire's API reference says only "number, Example: 100", and 100 reads as a price.
    amount: toMajor(ctx.amount, currency),
    currency,
    successUrl: ctx.returnUrls.success,
    cancelUrl: ctx.returnUrls.cancel,
    email: customer.email,
    name: customer.name,
    metadata: ctx.order?.metadata ?? {},
    productId,
    productName,
    productDescription,
  };
}

export function createWewireAdapter(ctx: AdapterContext): ProviderAdapter {
  const localId = ctx.ref ?? LOCAL_SESSION_ID;
  const call = apiCaller(ctx);

  /** Snapshots made locally (choice, no id) carry the ref, never a WeWire id. */
  const hasProviderId = (session: SessionSnapshot) => session.id !== localId && session.id !== LOCAL_SESSION_ID;

  function reading(body: WewireSession, fallbackExpiresAt?: number): StatusReading {
    // No `status` field: WeWire said nothing of the outcome. The flow decides expiry (and tells WeWire).
    const status = mapWewireStatus(body.status) ?? 'pending';
    return { status, raw: body, ...knownExpiry(parseTime(body.expiresAt) ?? fallbackExpiresAt) };
  }

  function snapshotFromSession(id: string, body: WewireSession): SessionSnapshot {
    const currency = body.currency ?? ctx.currency;
    return present<SessionSnapshot>({
      provider: 'wewire',
      id,
      // Its status, expiry and raw body.
      ...reading(body),
      // Read back in major units, as it was sent [inferred].
      amount: body.amount !== undefined && currency ? toMinor(body.amount, currency) : undefined,
      currency: currency || undefined,
      // Polling only makes sense when WeWire reports a status we understand.
      pollable: mapWewireStatus(body.status) !== undefined,
    });
  }

  async function attach(sessionId: string, signal?: AbortSignal): Promise<SessionSnapshot> {
    ctx.token.setSessionId(sessionId);
    const body = await call((api) => getCheckoutSession(api, sessionId, signal), signal);
    // The session's `redirectUrl` is the merchant's success URL, not a hosted page: no presentation.
    return snapshotFromSession(sessionId, body);
  }

  function hostedSnapshot(id: string, url: string, amounts: Pick<SessionSnapshot, 'amount' | 'currency'>): SessionSnapshot {
    return { provider: 'wewire', id, status: 'pending', ...amounts, presentation: { kind: 'hosted', url }, pollable: false };
  }

  async function readCreated(created: WewireCheckoutCreated, base: WewireCheckoutBody, signal?: AbortSignal) {
    const amounts = { amount: ctx.amount!, currency: base.currency };
    const id = created.id;
    if (id !== undefined) {
      ctx.token.setSessionId(id);
      try {
        const body = await call((api) => getCheckoutSession(api, id, signal), signal);
        return onHostedPage({ ...snapshotFromSession(id, body), ...amounts }, created.url);
      } catch (error) {
        // The checkout exists and its page works: a failed read only costs the expiry and polling.
        if (!(error instanceof CheckoutError)) throw error;
      }
    }
    return { ...hostedSnapshot(id ?? localId, created.url, amounts), raw: created.raw };
  }

  async function create(asset: WewireAsset, signal?: AbortSignal): Promise<SessionSnapshot> {
    const body: WewireCheckoutBody = { ...checkoutBase(ctx), allowedAssets: [asset] };
    const created = await call((api) => createCheckout(api, body, signal), signal);
    return readCreated(created, body, signal);
  }

  async function start(signal?: AbortSignal): Promise<SessionSnapshot> {
    // A session the merchant's server created: followed by its id, shown by its url.
    const grant = await ctx.token.get(signal);
    if (grant.sessionId) {
      const session = await attach(grant.sessionId, signal);
      return grant.url ? onHostedPage(session, grant.url) : session;
    }
    if (grant.url) {
      return hostedSnapshot(localId, grant.url, present({ amount: ctx.amount, currency: ctx.currency || undefined }));
    }
    const base = checkoutBase(ctx);
    const assets = parseAssets(ctx.assets);
    if (assets.length === 1) return create(assets[0]!, signal);
    // Several assets: the customer picks one in the modal before anything is created.
    return {
      provider: 'wewire',
      id: localId,
      status: 'pending',
      amount: ctx.amount!,
      currency: base.currency,
      options: assets.map(assetOption),
      pollable: false,
    };
  }

  return {
    provider: 'wewire',
    canCancel: true,
    canRefresh: false,
    returnsToPage: true,
    start,
    attach,

    async status(session, signal) {
      if (session.pollable && hasProviderId(session)) {
        const body = await call((api) => getCheckoutSession(api, session.id, signal), signal);
        return reading(body, session.expiresAt);
      }
      // Nothing to ask WeWire: the return page and the flow's expiry decide.
      return lastKnownReading(session);
    },

    async choose(session, optionId, signal) {
      const asset = optionId.trim().toUpperCase();
      if (!session.options?.some((option) => option.id === asset)) throw configError(`"${optionId}" is not one of the offered assets`);
      return create(asset, signal);
    },

    async cancel(session, signal) {
      if (!hasProviderId(session)) return;
      await call((api) => cancelCheckout(api, session.id, signal), signal);
    },

    async expire(session, signal) {
      if (!hasProviderId(session)) return;
      await call((api) => expireCheckout(api, session.id, signal), signal);
    },

    refresh(_session, signal) {
      return start(signal);
    },
  };
}
