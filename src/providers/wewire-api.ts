/**
 * WeWire's HTTP API (docs/providers/wewire.md): the body schemas, the create body and the low-level
 * calls, usable from the browser through a merchant proxy or from a merchant server. The adapter
 * that drives them is in wewire.ts.
 */
import { z, lenient, nonEmptyString } from '../core/validate.js';
import { anyBody, callApi, getList, idSchema, present, textSchema } from './shared.js';
import type { ApiAccess } from './types.js';

// ---------------------------------------------------------------------------------------------
// Schemas: require only what the elements use; [inferred] and unused fields never fail a parse.
// ---------------------------------------------------------------------------------------------

const createResponseSchema = z.looseObject({
  url: nonEmptyString,
  /** WeWire's id type is unpublished: a number is read as a string too [inferred]. */
  id: lenient(idSchema),
});

const sessionSchema = z.looseObject({
  id: lenient(idSchema),
  currency: lenient(z.string()),
  amount: lenient(textSchema),
  email: lenient(z.string()),
  name: lenient(z.string()),
  productId: lenient(z.string()),
  productName: lenient(z.string()),
  productDescription: lenient(z.string()),
  allowedAssets: lenient(z.array(z.string())),
  // Times (this, createdAt, updatedAt): an ISO string or epoch seconds/ms, as parseTime reads them.
  expiresAt: lenient(textSchema),
  // Any JSON object.
  metadata: lenient(z.looseObject({})),
  customerId: lenient(z.string()),
  redirectUrl: lenient(z.string()),
  cancelUrl: lenient(z.string()),
  createdAt: lenient(textSchema),
  updatedAt: lenient(textSchema),
  // `customer` (any value) is kept as it comes, as every key not listed here.
  status: lenient(z.string()),
});

export type WewireSession = z.infer<typeof sessionSchema>;

/** `POST /api/v1/checkout` body: every field is required by WeWire [docs]. */
export interface WewireCheckoutBody {
  /** Major units [inferred]: WeWire's API reference says only "number, Example: 100". */
  amount: number;
  currency: string;
  successUrl: string;
  cancelUrl: string;
  email: string;
  name: string;
  metadata: Record<string, unknown>;
  productId: string;
  productName: string;
  productDescription: string;
  /** Asset symbols (`USDT`); WeWire's API reference lists no fixed set, and empty means every asset. */
  allowedAssets: string[];
}

export interface WewireCheckoutCreated {
  /** The hosted checkout page. */
  url: string;
  /** Present when WeWire returns it [inferred]. */
  id?: string;
  raw: unknown;
}

// ---------------------------------------------------------------------------------------------
// Low-level calls
// ---------------------------------------------------------------------------------------------

function headers(api: ApiAccess): Record<string, string> {
  return { 'ww-api-key': api.token };
}

function checkoutPath(id: string, action: 'expire' | 'cancel'): string {
  return `/api/v1/checkout/${encodeURIComponent(id)}/${action}`;
}

export async function createCheckout(
  api: ApiAccess,
  body: WewireCheckoutBody,
  signal?: AbortSignal,
): Promise<WewireCheckoutCreated> {
  const data = await callApi(
    api,
    { method: 'POST', path: '/api/v1/checkout', headers: headers(api), json: body, schema: createResponseSchema },
    signal,
  );
  return present({ url: data.url, id: data.id, raw: data });
}

export async function getCheckoutSession(api: ApiAccess, id: string, signal?: AbortSignal): Promise<WewireSession> {
  return callApi(
    api,
    {
      method: 'GET',
      path: `/api/v1/checkout/sessions/${encodeURIComponent(id)}`,
      headers: headers(api),
      schema: sessionSchema,
    },
    signal,
  );
}

export async function listCheckouts(api: ApiAccess, signal?: AbortSignal): Promise<WewireSession[]> {
  return getList(api, '/api/v1/checkout', headers(api), sessionSchema, signal);
}

/** WeWire answers `201` with no content [docs]; any body is accepted too. */
async function postAction(api: ApiAccess, id: string, action: 'expire' | 'cancel', signal?: AbortSignal): Promise<void> {
  await callApi(
    api,
    { method: 'POST', path: checkoutPath(id, action), headers: headers(api), schema: anyBody, allowEmpty: true },
    signal,
  );
}

export function expireCheckout(api: ApiAccess, id: string, signal?: AbortSignal): Promise<void> {
  return postAction(api, id, 'expire', signal);
}

export function cancelCheckout(api: ApiAccess, id: string, signal?: AbortSignal): Promise<void> {
  return postAction(api, id, 'cancel', signal);
}
