import { toMinor } from '../core/money.js';
import { nonEmptyString, z } from '../core/validate.js';
import { fromHex, hmacSha256, timingSafeEqual } from './crypto.js';
import { errorResponse, HttpError, json, readText } from './http.js';
import { storeOf, type TokenStore } from './store.js';

/**
 * Conomy's transaction webhook (the `/client-url` operation of Conomy's OpenAPI): a POST of
 * `{event, data: {transaction: {id, purchaseAmount, totalAmount, externalId, currency, status}},
 * signature}`, where `signature` is the HMAC-SHA256, in hex, of the body without its `signature`
 * field, with the secret shared with Conomy. The spec computes it over `JSON.stringify` of that
 * object, so the handler does the same: it parses the body, takes `signature` out and serializes
 * the rest with `JSON.stringify` (compact, keys in the order received). Parsing then
 * re-serializing reproduces a `JSON.stringify` output exactly (key order, numbers, escapes), and
 * it makes no difference whether the body arrived pretty-printed or was parsed by a framework
 * first. The hex is accepted in either case: it is the same 32 bytes, compared as bytes.
 */

export type ConomyTransactionStatus = 'CAPTURED' | 'RECEIVED' | 'FAILED';

/** The three states the webhook reports, in the status model. */
const WEBHOOK_STATUS: Record<ConomyTransactionStatus, 'succeeded' | 'failed'> = {
  CAPTURED: 'succeeded',
  RECEIVED: 'succeeded',
  FAILED: 'failed',
};

const amountText = z.string().check(z.refine((value) => value.trim() !== '' && Number.isFinite(Number(value)), { message: 'not a decimal amount' }));

const webhookSchema = z.looseObject({
  event: nonEmptyString,
  data: z.looseObject({
    transaction: z.looseObject({
      id: nonEmptyString,
      purchaseAmount: amountText,
      totalAmount: amountText,
      externalId: z.string(),
      currency: nonEmptyString,
      status: z.enum(['CAPTURED', 'RECEIVED', 'FAILED']),
    }),
  }),
});

export interface ConomyWebhookEvent {
  /** e.g. `Transaction.Captured`. */
  event: string;
  transactionId: string;
  /** The merchant's reference of the transaction (the checkout session's, for a session payment). */
  externalId: string;
  status: 'succeeded' | 'failed';
  /** `totalAmount` in minor units. */
  amount: number;
  currency: string;
  /** The body as it came, signature included. */
  raw: unknown;
}

export interface ConomyWebhookOptions {
  /** The secret shared with Conomy for this webhook. */
  secret: string;
  /** Called once per verified delivery; throwing answers 500, so that Conomy delivers again. */
  onEvent(event: ConomyWebhookEvent): void | Promise<void>;
  /** Deliveries already handled (transaction id + status); default the process's in-memory store. */
  seen?: TokenStore;
  /** Seconds a handled delivery is remembered; default 7 days. */
  seenSeconds?: number;
  /** Default 64 KiB: a webhook body is a few hundred bytes. */
  maxBodyBytes?: number;
  now?: () => number;
  /** Where `onEvent` failures are reported; default `console.error`. */
  log?: (line: string) => void;
}

const SIGNATURE = /^[0-9a-f]{64}$/i;

export function createConomyWebhookHandler(options: ConomyWebhookOptions): (request: Request) => Promise<Response> {
  if (!options.secret) throw new TypeError('createConomyWebhookHandler needs the webhook secret');
  const seen = options.seen ?? storeOf({});
  const now = options.now ?? (() => Date.now());
  const rememberMs = (options.seenSeconds ?? 7 * 24 * 3600) * 1000;
  const log = options.log ?? ((line: string) => console.error(line));

  return async function conomyWebhook(request: Request): Promise<Response> {
    if (request.method !== 'POST') return json(405, { error: 'POST only' }, { Allow: 'POST' });
    let verified: { event: ConomyWebhookEvent; key: string };
    try {
      verified = await verifiedEvent(request, options.secret, options.maxBodyBytes ?? 64 * 1024);
    } catch (error) {
      return errorResponse(error);
    }
    const { event, key } = verified;
    if (!(await seen.put(key, String(now()), now() + rememberMs, { onlyIfAbsent: true }))) {
      return json(200, { received: true, duplicate: true });
    }
    try {
      await options.onEvent(event);
    } catch (error) {
      // Not handled: forget the delivery, so Conomy's next attempt is acted on.
      await seen.delete(key);
      log(`checkout-elements Conomy webhook: onEvent failed for ${event.transactionId}: ${error instanceof Error ? error.message : String(error)}`);
      return json(500, { error: 'the event could not be handled' });
    }
    return json(200, { received: true });
  };
}

/**
 * The event of a request whose signature verifies, and the key of its delivery (a repeat has the
 * same transaction id and Conomy status); an HttpError (400, 401, 413) otherwise.
 */
async function verifiedEvent(request: Request, secret: string, limit: number): Promise<{ event: ConomyWebhookEvent; key: string }> {
  const text = await readText(request, limit);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'body is not a JSON object');
  const { signature, ...signed } = body as Record<string, unknown>;
  if (typeof signature !== 'string' || !SIGNATURE.test(signature)) throw new HttpError(401, 'missing or malformed signature');
  const expected = await hmacSha256(secret, JSON.stringify(signed));
  if (!timingSafeEqual(fromHex(signature)!, expected)) throw new HttpError(401, 'signature does not match');

  const parsed = webhookSchema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, 'body is not a Conomy transaction notification');
  const transaction = parsed.data.data.transaction;
  const amount = toMinor(transaction.totalAmount, transaction.currency);
  if (amount === undefined || !Number.isSafeInteger(amount)) throw new HttpError(400, 'unusable totalAmount');
  const event: ConomyWebhookEvent = {
    event: parsed.data.event,
    transactionId: transaction.id,
    externalId: transaction.externalId,
    status: WEBHOOK_STATUS[transaction.status],
    amount,
    currency: transaction.currency,
    raw: body,
  };
  return { event, key: `conomy-webhook:${transaction.id}:${transaction.status}` };
}
