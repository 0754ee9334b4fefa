/**
 * Conomy API gateway: checkout sessions opened from a payment link, a method choice (Pix QR or the
 * hosted checkout page), status polling, cancel (DELETE) and refresh after expiry.
 * Reference: reference/conomy-payment-api.yaml (Checkout-sessions, Payment-links, Auth).
 */
import { z, nonEmptyString } from '../core/validate.js';
import { CheckoutError } from '../core/errors.js';
import { toMinor } from '../core/money.js';
import type { CheckoutStatus } from '../core/status.js';
import { apiCaller, callApi, parseTime, textSchema, type Transport } from './shared.js';
import type { AdapterContext, ProviderAdapter } from '../core/adapter.js';
import type { LineItem, PaymentOption, Presentation, SessionSnapshot, StatusReading } from '../core/session.js';
import type { ApiAccess } from './types.js';

// ---------------------------------------------------------------------------------------------
// Schemas: require what the elements use, tolerate everything else.

/** Conomy amounts are decimal strings in major units; some answers carry plain (finite) numbers. */
const amountSchema = textSchema.check(
  z.refine(
    (value) => typeof value === 'number' || (value.trim() !== '' && Number.isFinite(Number(value))),
    { message: 'not a decimal amount' },
  ),
);

export type ConomyAmount = z.infer<typeof amountSchema>;

const paymentMethodSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  enabled: z.boolean(),
  purchaseAmount: amountSchema,
});

const paymentConfigSchema = z.looseObject({
  currency: z.string(),
  paymentMethods: z.array(paymentMethodSchema),
});

const sessionItemSchema = z.looseObject({
  totalAmount: amountSchema,
  description: z.string(),
  preTaxAmount: z.optional(amountSchema),
});

export const checkoutSessionSchema = z.looseObject({
  id: nonEmptyString,
  status: z.string(),
  paymentConfigs: z.array(paymentConfigSchema),
  items: z.array(sessionItemSchema),
  currency: z.string(),
  totalAmount: amountSchema,
  url: nonEmptyString,
  expiresAt: z.string(),
  // Documented, not needed by the elements: accepted when present and well-formed.
  checkoutToken: z.optional(z.unknown()),
  paymentMethodsAllowed: z.optional(z.unknown()),
});

export type ConomyCheckoutSession = z.infer<typeof checkoutSessionSchema>;
export type ConomyPaymentConfig = z.infer<typeof paymentConfigSchema>;
export type ConomyPaymentMethod = z.infer<typeof paymentMethodSchema>;

const pixNodeSchema = z.looseObject({
  data: z.optional(z.unknown()),
  qrCode: z.optional(z.unknown()),
  expiredAt: z.optional(z.unknown()),
});

/** A payment node as Conomy returns it; a PIX node must carry `pix.data` (the code we render). */
const paymentNodeFields = z.looseObject({
  type: z.string(),
  amount: z.optional(z.unknown()),
  currency: z.optional(z.unknown()),
  pix: z.optional(z.nullable(pixNodeSchema)),
});
const paymentNodeSchema = paymentNodeFields.check(
  z.refine(
    (node: z.infer<typeof paymentNodeFields>) =>
      node.type !== 'PIX' || (typeof node.pix?.data === 'string' && node.pix.data.trim() !== ''),
    { message: 'a PIX origin must carry pix.data', path: ['pix', 'data'] },
  ),
);

export const transactionSchema = z.looseObject({
  id: z.optional(z.unknown()),
  status: z.optional(z.unknown()),
  origins: z.array(paymentNodeSchema),
});

export type ConomyTransaction = z.infer<typeof transactionSchema>;
export type ConomyPaymentNode = z.infer<typeof paymentNodeSchema>;

const authSchema = z.looseObject({
  accessToken: nonEmptyString,
  tokenType: z.string(),
  expiresIn: z.number(),
});

export type ConomyAuth = z.infer<typeof authSchema>;

/** The list endpoint is for merchant servers: only each result's `id` and `status` are required. */
const sessionSummarySchema = z.looseObject({ id: z.string(), status: z.string() });
const optionalCount = z.optional(z.nullable(z.number()));

const sessionListSchema = z.looseObject({
  pagination: z.looseObject({ count: optionalCount, next: optionalCount, previous: optionalCount, total: optionalCount }),
  results: z.array(sessionSummarySchema),
});

export type ConomyCheckoutSessionList = z.infer<typeof sessionListSchema>;

/** DELETE answers `{}`; any body (or none) is accepted. */
const anyBody = z.unknown();

// ---------------------------------------------------------------------------------------------
// Request bodies.

/** A PIX payer (`pix.customer` in the spec; `firstName` is its one required field). */
export interface ConomyPixCustomer {
  firstName: string;
  lastName?: string;
  email?: string;
  [field: string]: unknown;
}

/** One origin of `POST /checkout-sessions/{id}/payments` (a `payment-node`). */
export interface ConomyPaymentOrigin {
  type: string;
  amount: string;
  currency: string;
  pix?: { customer?: ConomyPixCustomer; [field: string]: unknown };
  [field: string]: unknown;
}

export interface ConomyPaymentRequest {
  description?: string;
  origins: ConomyPaymentOrigin[];
}

export interface ConomyItem {
  preTaxAmount: string;
  totalAmount: string;
  description: string;
  tax?: { name: string; type: 'FIXED' | 'PERCENTAGE'; value: string; amount: string } | null;
}

/** `create-checkout-session` in the spec. */
export interface ConomyCreateCheckoutSession {
  checkoutToken: string;
  items: ConomyItem[];
  currency: string;
  paymentMethodsAllowed: string[];
  destinations: { type: string; amount: string; [field: string]: unknown }[];
  /** Seconds until the session is inactivated; at least 30. */
  duration: number;
  owner: { identityId: string; [field: string]: unknown };
  customer?: Record<string, unknown> | null;
  customerRequirements?: string[];
  successUrl?: string;
  failedUrl?: string;
}

export interface ConomyListQuery {
  identityId?: string;
  accountNumber?: string;
  status?: string;
  /** dd/mm/yyyy */
  startDate?: string;
  /** dd/mm/yyyy */
  endDate?: string;
  /** e.g. `createdAt:desc` */
  sort?: string;
  limit?: number;
  offset?: number;
}

/** What `/auth` needs: the API key, not a token (it is how the token is obtained). */
export interface ConomyAuthAccess extends Transport {
  apiKey: string;
}

// ---------------------------------------------------------------------------------------------
// Low-level calls. Every one sends `Authorization: Bearer` and `x-api-key` (spec: both required).

const MISSING_API_KEY = 'token endpoint must return apiKey for Conomy';

function authHeaders(api: ApiAccess): Record<string, string> {
  if (!api.apiKey) throw new CheckoutError('config', MISSING_API_KEY);
  return { Authorization: `Bearer ${api.token}`, 'x-api-key': api.apiKey };
}

function segment(value: string, what: string): string {
  if (!value) throw new CheckoutError('config', `Conomy ${what} is empty`);
  return encodeURIComponent(value);
}

/** `POST /auth`: a merchant-server call that turns client credentials into a bearer token. */
export async function authenticate(
  api: ConomyAuthAccess,
  clientId: string,
  clientSecret: string,
  signal?: AbortSignal,
): Promise<ConomyAuth> {
  if (!api.apiKey) throw new CheckoutError('config', 'Conomy /auth needs the apiKey');
  return callApi(
    api,
    {
      method: 'POST',
      path: '/auth',
      headers: { 'x-api-key': api.apiKey },
      json: { clientId, clientSecret },
      schema: authSchema,
    },
    signal,
  );
}

/** `POST /payment-links/token/{checkoutToken}/checkout-sessions`: a session from a payment link. */
export async function openPaymentLinkSession(
  api: ApiAccess,
  checkoutToken: string,
  signal?: AbortSignal,
): Promise<ConomyCheckoutSession> {
  const path = `/payment-links/token/${segment(checkoutToken, 'checkoutToken')}/checkout-sessions`;
  return sessionCall(api, 'POST', path, {}, signal);
}

/** `GET /checkout-sessions/{id}`. */
export async function getCheckoutSession(api: ApiAccess, id: string, signal?: AbortSignal): Promise<ConomyCheckoutSession> {
  return sessionCall(api, 'GET', `/checkout-sessions/${segment(id, 'session id')}`, undefined, signal);
}

/** `POST /checkout-sessions/token/{checkoutToken}/refresh`: a new session after expiry. */
export async function refreshCheckoutSession(
  api: ApiAccess,
  checkoutToken: string,
  signal?: AbortSignal,
): Promise<ConomyCheckoutSession> {
  return sessionCall(api, 'POST', `/checkout-sessions/token/${segment(checkoutToken, 'checkoutToken')}/refresh`, {}, signal);
}

/** `POST /checkout-sessions`: a merchant-server call (it names the merchant's destination account). */
export async function createCheckoutSession(
  api: ApiAccess,
  body: ConomyCreateCheckoutSession,
  signal?: AbortSignal,
): Promise<ConomyCheckoutSession> {
  checkCreateBody(body);
  return sessionCall(api, 'POST', '/checkout-sessions', body, signal);
}

/** `POST /checkout-sessions/{id}/payments`: pay with one method; returns the Transaction. */
export async function submitPayment(
  api: ApiAccess,
  id: string,
  body: ConomyPaymentRequest,
  signal?: AbortSignal,
): Promise<ConomyTransaction> {
  // Headers first (here and in DELETE): a missing apiKey is reported before an empty id.
  return callApi(
    api,
    {
      headers: authHeaders(api),
      method: 'POST',
      path: `/checkout-sessions/${segment(id, 'session id')}/payments`,
      json: body,
      schema: transactionSchema,
    },
    signal,
  );
}

/** `DELETE /checkout-sessions/{id}`: invalidates the session. */
export async function deleteCheckoutSession(api: ApiAccess, id: string, signal?: AbortSignal): Promise<void> {
  await callApi(
    api,
    {
      headers: authHeaders(api),
      method: 'DELETE',
      path: `/checkout-sessions/${segment(id, 'session id')}`,
      schema: anyBody,
      allowEmpty: true,
    },
    signal,
  );
}

/** `GET /checkout-sessions?...`: a page of sessions. */
export async function listCheckoutSessions(
  api: ApiAccess,
  query: ConomyListQuery = {},
  signal?: AbortSignal,
): Promise<ConomyCheckoutSessionList> {
  return callApi(
    api,
    { method: 'GET', path: '/checkout-sessions', query: { ...query }, headers: authHeaders(api), schema: sessionListSchema },
    signal,
  );
}

async function sessionCall(
  api: ApiAccess,
  method: 'GET' | 'POST',
  path: string,
  json: unknown,
  signal: AbortSignal | undefined,
): Promise<ConomyCheckoutSession> {
  return callApi(api, { method, path, headers: authHeaders(api), json, schema: checkoutSessionSchema }, signal);
}

/** The spec's hard rules, checked before sending so a bad call costs no request. */
function checkCreateBody(body: ConomyCreateCheckoutSession): void {
  const problem =
    (!body.checkoutToken && 'checkoutToken is required') ||
    (!body.items?.length && 'items must not be empty') ||
    (!body.currency && 'currency is required') ||
    (!body.paymentMethodsAllowed?.length && 'paymentMethodsAllowed must not be empty') ||
    (!body.destinations?.length && 'destinations must not be empty') ||
    ((!Number.isInteger(body.duration) || body.duration < 30) && 'duration must be an integer of at least 30 seconds') ||
    (!body.owner?.identityId && 'owner.identityId is required');
  if (problem) throw new CheckoutError('config', `Conomy checkout session: ${problem}`);
}

// ---------------------------------------------------------------------------------------------
// Mapping.

const STATUS_MAP: Record<string, CheckoutStatus> = {
  ATTEMPT: 'pending',
  ACTIVE: 'pending',
  PROCESSING_PAYMENT: 'processing',
  FINISHED: 'succeeded',
  FAILED: 'failed',
  EXPIRED: 'expired',
};

/** Conomy's session status in the elements' model; undefined for a status the spec does not list. */
export function mapConomyStatus(status: string): CheckoutStatus | undefined {
  return Object.hasOwn(STATUS_MAP, status) ? STATUS_MAP[status] : undefined;
}

function requireStatus(session: ConomyCheckoutSession): CheckoutStatus {
  const status = mapConomyStatus(session.status);
  if (!status) {
    throw new CheckoutError('invalid_response', `Conomy answered with an unknown session status "${session.status}"`);
  }
  return status;
}

function minor(amount: ConomyAmount, currency: string): number {
  const value = toMinor(amount, currency);
  // The schema only lets finite decimals through, so this is a guard against absurd magnitudes.
  if (value === undefined || !Number.isSafeInteger(value)) {
    throw new CheckoutError('invalid_response', `Conomy answered with an unusable amount "${String(amount)}"`);
  }
  return value;
}

/** Amounts go back to Conomy as the decimal string it gave (a number is stringified as is). */
function amountString(amount: ConomyAmount): string {
  return typeof amount === 'string' ? amount : String(amount);
}

const LABELS: Record<string, string> = { PIX: 'Pix', CARD: 'Card' };

/** `BANK_ACCOUNT` → "Bank Account". */
function methodLabel(type: string): string {
  return (
    LABELS[type] ??
    type
      .toLowerCase()
      .split(/[_\s-]+/)
      .filter(Boolean)
      .map((word) => word[0]!.toUpperCase() + word.slice(1))
      .join(' ')
  );
}

function optionId(config: ConomyPaymentConfig, method: ConomyPaymentMethod): string {
  return `${config.currency}:${method.id}`;
}

function allowedTypes(session: ConomyCheckoutSession): Set<string> | undefined {
  const allowed = session.paymentMethodsAllowed;
  if (!Array.isArray(allowed)) return undefined;
  return new Set(allowed.filter((type): type is string => typeof type === 'string'));
}

interface OfferedMethod {
  config: ConomyPaymentConfig;
  method: ConomyPaymentMethod;
  id: string;
}

/** Enabled methods of every paymentConfig, limited to `paymentMethodsAllowed`, first id wins. */
function offeredMethods(session: ConomyCheckoutSession): OfferedMethod[] {
  const allowed = allowedTypes(session);
  const offered = new Map<string, OfferedMethod>();
  for (const config of session.paymentConfigs) {
    for (const method of config.paymentMethods) {
      if (!method.enabled || (allowed && !allowed.has(method.type))) continue;
      const id = optionId(config, method);
      if (!offered.has(id)) offered.set(id, { config, method, id });
    }
  }
  return [...offered.values()];
}

/** The payment methods the customer may choose from. */
export function sessionOptions(session: ConomyCheckoutSession): PaymentOption[] {
  return offeredMethods(session).map(({ config, method, id }) => ({
    id,
    type: method.type,
    label: methodLabel(method.type),
    amount: minor(method.purchaseAmount, config.currency),
    currency: config.currency,
    presentation: method.type === 'PIX' ? 'qr' : 'hosted',
  }));
}

function lineItems(session: ConomyCheckoutSession): LineItem[] {
  return session.items.map((item) => {
    const amount = minor(item.totalAmount, session.currency);
    return { description: item.description, amount, quantity: 1, total: amount };
  });
}

function snapshotOf(session: ConomyCheckoutSession): SessionSnapshot {
  const snapshot: SessionSnapshot = {
    provider: 'conomy',
    id: session.id,
    status: requireStatus(session),
    amount: minor(session.totalAmount, session.currency),
    currency: session.currency,
    items: lineItems(session),
    options: sessionOptions(session),
    pollable: true,
    raw: session,
  };
  const expiresAt = parseTime(session.expiresAt);
  if (expiresAt !== undefined) snapshot.expiresAt = expiresAt;
  return snapshot;
}

/** The Conomy session behind a snapshot (kept in `raw`). */
function conomySessionOf(session: SessionSnapshot): ConomyCheckoutSession {
  const parsed = checkoutSessionSchema.safeParse(session.raw);
  if (!parsed.success) throw new CheckoutError('config', `No Conomy checkout session behind "${session.id}"`);
  return parsed.data;
}

function checkoutTokenOf(raw: unknown): string | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const token = (raw as { checkoutToken?: unknown }).checkoutToken;
  return typeof token === 'string' && token ? token : undefined;
}

/** SPEC order customer → the spec's `pix.customer` (firstName required, lastName optional). */
function pixCustomer(ctx: AdapterContext): ConomyPixCustomer | undefined {
  const customer = ctx.order?.customer;
  const name = customer?.name?.trim();
  if (!customer || !name) return undefined;
  const [firstName, ...rest] = name.split(/\s+/);
  const pix: ConomyPixCustomer = { firstName: firstName! };
  if (rest.length) pix.lastName = rest.join(' ');
  if (customer.email) pix.email = customer.email;
  return pix;
}

function pixOrigin(ctx: AdapterContext, config: ConomyPaymentConfig, method: ConomyPaymentMethod): ConomyPaymentOrigin {
  const customer = pixCustomer(ctx);
  return {
    type: 'PIX',
    amount: amountString(method.purchaseAmount),
    currency: config.currency,
    pix: customer ? { customer } : {},
  };
}

function pixCode(transaction: ConomyTransaction): { data: string; expiredAt?: unknown } {
  const origin = transaction.origins.find((node) => node.type === 'PIX');
  const data = origin?.pix?.data;
  if (typeof data !== 'string' || !data) {
    throw new CheckoutError('invalid_response', 'Conomy answered the Pix payment without pix.data');
  }
  return { data, expiredAt: origin?.pix?.expiredAt };
}

// ---------------------------------------------------------------------------------------------
// Adapter.

const MISSING_SESSION_SOURCE = 'token endpoint must return sessionId or checkoutToken for Conomy';

export function createConomyAdapter(ctx: AdapterContext): ProviderAdapter {
  /** Sessions we DELETEd: Conomy then reports them unpayable (EXPIRED), which for us is `cancelled`. */
  const deleted = new Set<string>();

  const withApi = apiCaller(ctx);

  function follow(session: ConomyCheckoutSession): SessionSnapshot {
    const snapshot = snapshotOf(session);
    ctx.token.setSessionId(session.id);
    return snapshot;
  }

  function statusAfterDelete(id: string, status: CheckoutStatus): CheckoutStatus {
    return deleted.has(id) && (status === 'pending' || status === 'expired') ? 'cancelled' : status;
  }

  async function choosePix(
    session: SessionSnapshot,
    offered: OfferedMethod,
    signal?: AbortSignal,
  ): Promise<SessionSnapshot> {
    const body: ConomyPaymentRequest = { origins: [pixOrigin(ctx, offered.config, offered.method)] };
    if (ctx.description) body.description = ctx.description;
    const transaction = await withApi((api) => submitPayment(api, session.id, body, signal), signal);
    const pix = pixCode(transaction);
    const presentation: Presentation = {
      kind: 'qr',
      payload: pix.data,
      amount: minor(offered.method.purchaseAmount, offered.config.currency),
      currency: offered.config.currency,
    };
    const expiresAt = parseTime(pix.expiredAt) ?? session.expiresAt;
    if (expiresAt !== undefined) presentation.expiresAt = expiresAt;
    return { ...session, presentation };
  }

  return {
    provider: 'conomy',
    canCancel: true,
    canRefresh: true,

    async start(signal) {
      const session = await withApi((api, grant) => {
        if (grant.sessionId) return getCheckoutSession(api, grant.sessionId, signal);
        if (grant.checkoutToken) return openPaymentLinkSession(api, grant.checkoutToken, signal);
        throw new CheckoutError('config', MISSING_SESSION_SOURCE);
      }, signal);
      return follow(session);
    },

    async attach(sessionId, signal) {
      const session = await withApi((api) => getCheckoutSession(api, sessionId, signal), signal);
      return follow(session);
    },

    async status(session, signal): Promise<StatusReading> {
      const current = await withApi((api) => getCheckoutSession(api, session.id, signal), signal);
      const reading: StatusReading = { status: statusAfterDelete(session.id, requireStatus(current)), raw: current };
      const expiresAt = parseTime(current.expiresAt);
      if (expiresAt !== undefined) reading.expiresAt = expiresAt;
      return reading;
    },

    async choose(session, chosen, signal) {
      const offered = offeredMethods(conomySessionOf(session)).find((method) => method.id === chosen);
      if (!offered) throw new CheckoutError('config', `Unknown Conomy payment option "${chosen}"`);
      if (offered.method.type === 'PIX') return choosePix(session, offered, signal);
      // Every other method is completed on Conomy's hosted page; the status arrives by polling.
      const presentation: Presentation = { kind: 'hosted', url: conomySessionOf(session).url };
      if (session.expiresAt !== undefined) presentation.expiresAt = session.expiresAt;
      return { ...session, presentation };
    },

    async cancel(session, signal) {
      await withApi((api) => deleteCheckoutSession(api, session.id, signal), signal);
      deleted.add(session.id);
    },

    async expire() {
      // Conomy expires sessions itself at `expiresAt`: nothing to tell it.
    },

    async refresh(session, signal) {
      const fresh = await withApi((api, grant) => {
        const checkoutToken = checkoutTokenOf(session.raw) ?? grant.checkoutToken;
        if (!checkoutToken) {
          throw new CheckoutError('config', 'Conomy refresh needs a checkoutToken (from the session or the token endpoint)');
        }
        return refreshCheckoutSession(api, checkoutToken, signal);
      }, signal);
      return follow(fresh);
    },
  };
}
