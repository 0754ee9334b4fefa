import { z, lenient, nonEmptyString } from '../core/validate.js';
import { CheckoutError } from '../core/errors.js';
import { isValidMinorAmount } from '../core/money.js';
import type { ShippingAddress } from '../core/order.js';
import type { TokenGrant } from '../core/token.js';
import { apiCaller, callApi, idSchema, lastKnownReading, onHostedPage, parseTime, present, textSchema } from './shared.js';
import type { AdapterContext, ProviderAdapter } from '../core/adapter.js';
import type { LineItem, SessionSnapshot, StatusReading } from '../core/session.js';
import type { ApiAccess } from './types.js';

/*
 * KaiPay: a client session is a hosted checkout page (docs/providers/kaipay.md).
 * There is no status endpoint: the outcome arrives through the return page, and the session's
 * `expiration_date` ends it as `expired`.
 */

/** KaiPay documents `reference` as "Max. 25 characters". */
export const KAIPAY_REFERENCE_MAX = 25;
/** "The amount value supports up to eight digits" (KaiPay's API reference, for `amount` and `shipping_amount`). */
export const KAIPAY_MAX_AMOUNT = 99_999_999;

export interface KaipayShippingAddress {
  name: string;
  address_line_1: string;
  city: string;
  state: string;
  /** ISO 3166 alpha-2, sent upper-case. */
  country: string;
  postal_code: string;
  int_number?: string;
  ext_number?: string;
  /** At most 25 characters (longer values are truncated). */
  reference?: string;
}

export interface KaipayLineItem {
  item_id?: string;
  description: string;
  /** Minor units, per unit. */
  amount: number;
  quantity: number;
}

export interface KaipayClientSessionRequest {
  /** ISO 4217, sent upper-case. */
  currency: string;
  /** Minor units. */
  amount: number;
  customer: { name: string; email: string; shipping_address?: KaipayShippingAddress };
  order: {
    /** ISO 3166 alpha-2, sent upper-case. */
    country: string;
    shipping_amount?: number;
    line_items?: KaipayLineItem[];
    /** Key → positive integer (minor units), per KaiPay's docs. */
    fees?: Record<string, number>;
  };
  metadata?: Record<string, string>;
  success_redirect_url?: string;
  /** [inferred]: KaiPay's API reference's request table has only `success_redirect_url`; its response lists both. */
  failure_redirect_url?: string;
}

// Field types beyond the names in KaiPay's docs are inferred: `lenient` drops an odd value, never fatal.
export const kaipayClientSessionSchema = z.looseObject({
  /** The string or numeric id KaiPay returns, as a string. */
  id: idSchema,
  client_session_url: nonEmptyString,
  amount: lenient(z.number()),
  currency: lenient(z.string()),
  expiration_date: lenient(textSchema),
  success_redirect_url: lenient(z.string()),
  failure_redirect_url: lenient(z.string()),
  customer: lenient(z.looseObject({})),
  order: lenient(z.looseObject({})),
  created_at: lenient(textSchema),
  updated_at: lenient(textSchema),
  // `metadata` and `organization` (any value) are kept as they come, like every key not listed.
});

export type KaipayClientSession = z.infer<typeof kaipayClientSessionSchema>;

function normalizeAddress(address: KaipayShippingAddress): KaipayShippingAddress {
  return present({
    ...address,
    country: address.country.toUpperCase(),
    reference: address.reference?.slice(0, KAIPAY_REFERENCE_MAX),
  });
}

/** Upper-cases currency and countries, truncates `reference`, drops absent optional keys. */
export function normalizeClientSessionRequest(body: KaipayClientSessionRequest): KaipayClientSessionRequest {
  const { shipping_address, ...customer } = body.customer;
  return present({
    ...body,
    currency: body.currency.toUpperCase(),
    customer: present({
      ...customer,
      shipping_address: shipping_address && normalizeAddress(shipping_address),
    }),
    order: present({
      ...body.order,
      // A positive integer or absent (KaiPay's API reference): KaiPay refuses `0` with a 400, so no shipping is no key.
      shipping_amount: body.order.shipping_amount! > 0 ? body.order.shipping_amount : undefined,
      country: body.order.country.toUpperCase(),
      line_items: body.order.line_items?.map((item) => present(item)),
    }),
  });
}

/** `POST /client-session`: creates the hosted checkout page for one order. */
export async function createClientSession(
  api: ApiAccess,
  body: KaipayClientSessionRequest,
  signal?: AbortSignal,
): Promise<KaipayClientSession> {
  return callApi(
    api,
    {
      method: 'POST',
      path: '/client-session',
      headers: { Authorization: `Bearer ${api.token}` },
      json: normalizeClientSessionRequest(body),
      schema: kaipayClientSessionSchema,
    },
    signal,
  );
}

function configError(message: string): CheckoutError {
  return new CheckoutError('config', `kaipay: ${message}`);
}

/** KaiPay's documented limits for `amount`: a positive integer of at most eight digits (minor units). */
function requireAmount(amount: unknown): number {
  if (!isValidMinorAmount(amount) || amount > KAIPAY_MAX_AMOUNT) {
    throw configError(`amount must be a positive integer of at most 8 digits (minor units), got ${String(amount)}`);
  }
  return amount;
}

function nonEmpty(value: string | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function toKaipayAddress(address: ShippingAddress): KaipayShippingAddress {
  return {
    name: address.name,
    address_line_1: address.addressLine1,
    city: address.city,
    state: address.state,
    country: address.country,
    postal_code: address.postalCode,
    int_number: address.intNumber,
    ext_number: address.extNumber,
    reference: address.reference,
  };
}

/**
 * The create body from the element's amount, currency and `order` (camelCase → snake_case).
 * Throws `config` for what KaiPay would refuse anyway, before any request leaves.
 */
export function buildClientSessionRequest(ctx: AdapterContext): KaipayClientSessionRequest {
  const { currency, order } = ctx;
  const amount = requireAmount(ctx.amount);
  if (!nonEmpty(currency)) throw configError('currency is required');
  const customer = order?.customer;
  if (!customer || !nonEmpty(customer.name) || !nonEmpty(customer.email)) {
    throw configError('order.customer with name and email is required');
  }
  if (!nonEmpty(order?.country)) throw configError('order.country is required');

  // normalizeClientSessionRequest drops the keys left undefined here.
  return normalizeClientSessionRequest({
    currency,
    amount,
    customer: {
      name: customer.name,
      email: customer.email,
      shipping_address: customer.shippingAddress && toKaipayAddress(customer.shippingAddress),
    },
    order: {
      country: order.country,
      shipping_amount: order.shippingAmount,
      line_items: order.items?.map((item) => ({
        item_id: item.id,
        description: item.description,
        amount: item.amount,
        quantity: item.quantity,
      })),
    },
    metadata: order.metadata,
    success_redirect_url: ctx.returnUrls?.success,
    failure_redirect_url: ctx.returnUrls?.failure,
  });
}

function toLineItems(items: readonly { description: string; amount: number; quantity: number }[] | undefined) {
  return items?.map(({ description, amount, quantity }): LineItem => ({ description, amount, quantity }));
}

/** The snapshot of a session KaiPay just created from `sent`. */
export function snapshotFromClientSession(
  session: KaipayClientSession,
  sent: KaipayClientSessionRequest,
): SessionSnapshot {
  const expiresAt = parseTime(session.expiration_date);
  const items = toLineItems(sent.order.line_items);
  const snapshot = present<SessionSnapshot>({
    provider: 'kaipay',
    id: session.id,
    status: 'pending',
    amount: Number.isSafeInteger(session.amount) ? session.amount! : sent.amount,
    currency: nonEmpty(session.currency) ? session.currency.toUpperCase() : sent.currency,
    expiresAt,
    items,
    pollable: false,
    raw: session,
  });
  return onHostedPage(snapshot, session.client_session_url);
}

/** A session the merchant's server created: the token endpoint handed over its hosted `url`. */
function snapshotFromGrant(ctx: AdapterContext, grant: TokenGrant, url: string): SessionSnapshot {
  const id = grant.sessionId ?? ctx.ref;
  if (!id) throw configError('a hosted url from the token endpoint needs its sessionId or the flow ref');
  const items = toLineItems(ctx.order?.items);
  return present<SessionSnapshot>({
    provider: 'kaipay',
    id,
    status: 'pending',
    amount: ctx.amount,
    currency: ctx.currency?.toUpperCase(),
    items,
    presentation: { kind: 'hosted', url },
    pollable: false,
  });
}

/**
 * The KaiPay adapter. KaiPay has no status, cancel or expire endpoint, so the adapter never polls:
 * the flow settles from the return page, or declares `expired` at `expiresAt`.
 * It never opens URLs either; checking a URL's scheme is the flow's job.
 */
export function createKaipayAdapter(ctx: AdapterContext): ProviderAdapter {
  const call = apiCaller(ctx);

  async function start(signal?: AbortSignal): Promise<SessionSnapshot> {
    // A wrong amount is the page's mistake, refused before even the token endpoint is asked; an
    // absent one only matters when the page creates the session itself (checked below).
    if (ctx.amount !== undefined) requireAmount(ctx.amount);
    return call(async (api, grant) => {
      // The grant's schema makes `url` a string when present: an empty one names no page.
      if (grant.url) {
        // Only a real KaiPay id is worth sending back to the token endpoint, never the flow's ref.
        if (grant.sessionId) ctx.token.setSessionId(grant.sessionId);
        return snapshotFromGrant(ctx, grant, grant.url);
      }
      // Validated only when creating: a merchant-created session needs no customer from the page.
      const body = buildClientSessionRequest(ctx);
      const session = await createClientSession(api, body, signal);
      ctx.token.setSessionId(session.id);
      return snapshotFromClientSession(session, body);
    }, signal);
  }

  return {
    provider: 'kaipay',
    canCancel: false,
    canRefresh: false,
    returnsToPage: true,
    start,
    async attach(sessionId) {
      // No GET endpoint exists: the outcome comes from the return page.
      return { provider: 'kaipay', id: sessionId, status: 'pending', pollable: false };
    },
    async status(session): Promise<StatusReading> {
      return lastKnownReading(session);
    },
    async choose() {
      throw configError('KaiPay offers no payment option to choose; its hosted page does');
    },
    // KaiPay documents no cancel or expire endpoint: there is nothing to tell the provider.
    async cancel() {},
    async expire() {},
    refresh: (_session, signal) => start(signal),
  };
}
