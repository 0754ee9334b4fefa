/**
 * Simulated Conomy API gateway (as Conomy's OpenAPI description defines it): auth, payment-link checkout
 * sessions, Pix payments, refresh, delete, list, and a minimal hosted checkout page.
 *
 * Sessions are instantiated from a "template" per checkoutToken (a payment link made by the token
 * endpoint, or a `POST /checkout-sessions` body), so refresh can make a new session for the same
 * token. Session status is rendered from the sandbox outcome, so tests and demo controls drive it
 * through `state.pay(id)`, `state.fail(id)`... like every other provider.
 */
import { HttpResponse, type HttpHandler } from 'msw';
import { taxId } from '../../src/core/customer.js';
import { currencyExponent, toMajorString } from '../../src/core/money.js';
import { rememberTransaction } from './conomy-webhook.js';
import { pixEmv } from './pix.js';
import { bearer, errorResponse, json, type RouteResolver, type SandboxContext } from './route.js';
import type { SandboxOutcome, SandboxSession, SandboxState } from './state.js';

export const CONOMY_API_KEY = 'sbx_conomy_api_key';
export const CONOMY_CLIENT_ID = 'sandbox-client';
export const CONOMY_CLIENT_SECRET = 'sandbox-secret';
/** Seconds a payment-link session stays payable. */
export const CONOMY_DEFAULT_DURATION_S = 15 * 60;
/** Any short placeholder: the elements must never render it (they encode `pix.data`). */
export const CONOMY_QR_IMAGE_PLACEHOLDER = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const OWNER = { identityId: 'idt_sbx_merchant_001', name: 'Loja Sandbox', entityType: 'ORGANIZATION' };
const ACCOUNT_NUMBER = '4000123456';

interface ConomyItem {
  preTaxAmount: string;
  totalAmount: string;
  description: string;
  tax?: unknown;
}

interface MethodTemplate {
  id: string;
  type: string;
  enabled: boolean;
  requiredFields: string[];
}

/** Everything needed to (re)open a session for one checkoutToken. */
interface SessionTemplate {
  checkoutToken: string;
  paymentLinkId?: string;
  currency: string;
  items: ConomyItem[];
  paymentMethodsAllowed: string[];
  methods: MethodTemplate[];
  destinations: Record<string, unknown>[];
  durationSeconds: number;
  owner: Record<string, unknown>;
  customer: Record<string, unknown> | null;
  customerRequirements: string[];
  successUrl?: string;
  failedUrl?: string;
  /** Why this link cannot open a session (answered as 400). */
  problem?: string;
}

/** `SandboxSession.data`: the Conomy session body without `id`/`status`, plus a payment counter. */
export interface ConomySessionData extends Record<string, unknown> {
  checkoutToken: string;
  paymentConfigs: {
    currency: string;
    product: string;
    exchangeRate: string;
    paymentMethods: (MethodTemplate & { purchaseAmount: string })[];
  }[];
  items: ConomyItem[];
  currency: string;
  totalAmount: string;
  paymentMethodsAllowed: string[];
  destinations: Record<string, unknown>[];
  owner: Record<string, unknown>;
  expiresAt: string;
  /** Payments submitted so far (ACTIVE becomes ATTEMPT after the first). */
  attempts: number;
}

type ConomySession = SandboxSession<ConomySessionData>;

/** Per-state templates: no module globals, so each test's fresh state starts empty. */
const templates = new WeakMap<SandboxState, Map<string, SessionTemplate>>();

function templatesOf(state: SandboxState): Map<string, SessionTemplate> {
  let map = templates.get(state);
  if (!map) templates.set(state, (map = new Map()));
  return map;
}

/** What the spec's PIX node always requires of the payer. */
const PIX_REQUIRED = ['pix.customer.firstName'];

/** Per state: the `requiredFields` of the PIX methods of sessions opened from now on. */
const pixRequirements = new WeakMap<SandboxState, string[]>();

/** Sets the `requiredFields` of the next sessions' PIX methods (beyond `firstName`, which the spec's PIX node always requires). */
export function setPixRequiredFields(state: SandboxState, fields: readonly string[]): string[] {
  const required = [...new Set([...PIX_REQUIRED, ...fields])];
  pixRequirements.set(state, required);
  return required;
}

export function pixRequiredFields(state: SandboxState): string[] {
  return pixRequirements.get(state) ?? PIX_REQUIRED;
}

// ---------------------------------------------------------------------------------------------
// Payment links (what the merchant's token endpoint makes for an order).

interface TokenBody {
  amount?: unknown;
  currency?: unknown;
  description?: unknown;
  order?: {
    items?: { description?: unknown; amount?: unknown; quantity?: unknown }[];
    customer?: { name?: unknown; email?: unknown };
  };
}

function isMinorAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function linkItems(body: TokenBody, currency: string): ConomyItem[] | string {
  const orderItems = Array.isArray(body.order?.items) ? body.order.items : [];
  if (orderItems.length) {
    const items: ConomyItem[] = [];
    for (const item of orderItems) {
      const quantity = isMinorAmount(item.quantity) ? item.quantity : 1;
      if (!isMinorAmount(item.amount) || typeof item.description !== 'string') return 'order.items need description and amount';
      const total = toMajorString(item.amount * quantity, currency);
      // Conomy items have no quantity: fold it into the description and the line total.
      const description = quantity > 1 ? `${item.description} × ${quantity}` : item.description;
      items.push({ preTaxAmount: total, totalAmount: total, description });
    }
    return items;
  }
  if (!isMinorAmount(body.amount)) return 'a payment link needs an amount or order.items';
  const amount = toMajorString(body.amount, currency);
  const description = typeof body.description === 'string' && body.description ? body.description : 'Payment';
  return [{ preTaxAmount: amount, totalAmount: amount, description }];
}

function customerFrom(body: TokenBody): Record<string, unknown> | null {
  const customer = body.order?.customer;
  if (!customer || typeof customer.name !== 'string' || !customer.name.trim()) return null;
  const [firstName, ...rest] = customer.name.trim().split(/\s+/);
  return {
    firstName,
    ...(rest.length ? { lastName: rest.join(' ') } : {}),
    ...(typeof customer.email === 'string' ? { email: customer.email } : {}),
  };
}

/** The methods a sandbox payment link offers: Pix and card on, SPEI listed but switched off. */
const LINK_METHODS: MethodTemplate[] = [
  // PIX's requiredFields are the state's (pixRequiredFields), set when a session opens.
  { id: 'pix_bcb_dynamic', type: 'PIX', enabled: true, requiredFields: [] },
  { id: 'card_hosted', type: 'CARD', enabled: true, requiredFields: [] },
  { id: 'spei_stp', type: 'SPEI', enabled: false, requiredFields: ['spei.clabe'] },
];

function accountDestination(amount: string, currency: string): Record<string, unknown> {
  return {
    type: 'ACCOUNT',
    amount,
    account: { type: 'CHECKING', currency, accountNumber: ACCOUNT_NUMBER, accountHolder: OWNER.name },
  };
}

/**
 * Called by the sandbox token endpoint with the token request body (docs/token-endpoint.md): stores a payment link for
 * the order and returns its checkoutToken.
 */
export function createPaymentLinkToken(state: SandboxState, body: Record<string, unknown>): string {
  const request = body as TokenBody;
  const currency = typeof request.currency === 'string' && request.currency ? request.currency.toUpperCase() : 'BRL';
  const items = linkItems(request, currency);
  const checkoutToken = state.nextId('ctk_');
  const template: SessionTemplate = {
    checkoutToken,
    paymentLinkId: state.nextId('plk_'),
    currency,
    items: typeof items === 'string' ? [] : items,
    paymentMethodsAllowed: LINK_METHODS.map((method) => method.type),
    methods: LINK_METHODS,
    destinations: [],
    durationSeconds: CONOMY_DEFAULT_DURATION_S,
    owner: OWNER,
    customer: customerFrom(request),
    customerRequirements: [],
  };
  if (typeof items === 'string') template.problem = items;
  template.destinations = [accountDestination(totalOf(template.items, currency), currency)];
  templatesOf(state).set(checkoutToken, template);
  return checkoutToken;
}

// ---------------------------------------------------------------------------------------------
// Sessions.

/** Adds decimal strings in minor units, so "0.10" + "0.20" is "0.30". */
function sumAmounts(amounts: string[], currency: string): string {
  const scale = 10 ** currencyExponent(currency);
  const minor = amounts.reduce((sum, amount) => sum + Math.round(Number(amount) * scale), 0);
  return toMajorString(minor, currency);
}

function totalOf(items: ConomyItem[], currency: string): string {
  return sumAmounts(items.map((item) => item.totalAmount), currency);
}

function openSession(ctx: SandboxContext, template: SessionTemplate): ConomySession {
  const { state } = ctx;
  const id = state.nextId('cks_');
  const now = state.now();
  const expiresAt = now + template.durationSeconds * 1000;
  const total = totalOf(template.items, template.currency);
  const preTax = sumAmounts(template.items.map((item) => item.preTaxAmount), template.currency);
  const data: ConomySessionData = {
    ...(template.paymentLinkId ? { paymentLinkId: template.paymentLinkId } : {}),
    checkoutToken: template.checkoutToken,
    paymentConfigs: [
      {
        currency: template.currency,
        product: `${template.currency}:${template.currency}`,
        exchangeRate: '1',
        paymentMethods: template.methods.map((method) => ({
          ...method,
          ...(method.type === 'PIX' ? { requiredFields: pixRequiredFields(state) } : {}),
          purchaseAmount: total,
        })),
      },
    ],
    createdAt: new Date(now).toISOString(),
    items: template.items,
    currency: template.currency,
    preTaxAmount: preTax,
    totalAmount: total,
    url: `${ctx.base}/hosted/${id}`,
    paymentMethodsAllowed: template.paymentMethodsAllowed,
    customer: template.customer,
    ...(template.successUrl ? { redirectUrl: template.successUrl } : {}),
    destinations: template.destinations,
    customerRequirements: template.customerRequirements,
    expiresAt: new Date(expiresAt).toISOString(),
    owner: template.owner,
    attempts: 0,
  };
  return state.addSession<ConomySessionData>({ provider: 'conomy', id, outcome: 'pending', createdAt: now, expiresAt, data });
}

const STATUS_OF: Record<SandboxOutcome, string> = {
  pending: 'ACTIVE',
  processing: 'PROCESSING_PAYMENT',
  paid: 'FINISHED',
  failed: 'FAILED',
  expired: 'EXPIRED',
  // The spec's GET has no 404 and no cancelled status: a deleted ("invalidated") session reads EXPIRED.
  cancelled: 'EXPIRED',
};

export function conomyStatus(session: ConomySession): string {
  if (session.outcome === 'pending' && session.data.attempts > 0) return 'ATTEMPT';
  return STATUS_OF[session.outcome];
}

/** The session as Conomy's API returns it. */
export function renderConomySession(session: ConomySession): Record<string, unknown> {
  const { attempts: _attempts, ...body } = session.data;
  return { id: session.id, ...body, status: conomyStatus(session) };
}

function findSession(state: SandboxState, id: string | undefined): ConomySession | undefined {
  const session = id ? state.session<ConomySessionData>(id) : undefined;
  return session?.provider === 'conomy' ? session : undefined;
}

function sessionsOfToken(state: SandboxState, checkoutToken: string): ConomySession[] {
  return [...state.sessions.keys()]
    .map((id) => findSession(state, id))
    .filter((session): session is ConomySession => session?.data.checkoutToken === checkoutToken);
}

/** A link whose payment landed (or is landing) cannot be opened again. */
function alreadyPaid(state: SandboxState, checkoutToken: string): boolean {
  return sessionsOfToken(state, checkoutToken).some((s) => s.outcome === 'paid' || s.outcome === 'processing');
}

// ---------------------------------------------------------------------------------------------
// Request checks.

function bad(message: string): Response {
  return errorResponse('conomy', 400, message);
}

function notFound(message: string): Response {
  return errorResponse('conomy', 404, message);
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function isDecimalString(value: unknown): value is string {
  return typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim());
}

/** Both headers the gateway requires: the API key and a bearer token it issued. */
function authProblem(request: Request, state: SandboxState): Response | undefined {
  if (request.headers.get('x-api-key') !== CONOMY_API_KEY) return errorResponse('conomy', 401, 'Invalid API key');
  if (!bearer(request, state)) return errorResponse('conomy', 401, 'Invalid or expired access token');
  return undefined;
}

function guarded(state: SandboxState, resolver: RouteResolver): RouteResolver {
  return (args) => authProblem(args.request, state) ?? resolver(args);
}

function checkItems(items: unknown): ConomyItem[] | string {
  if (!Array.isArray(items) || !items.length) return 'items must be a non-empty array';
  for (const [index, entry] of items.entries()) {
    const item = record(entry);
    if (!item || typeof item.description !== 'string') return `items[${index}].description is required`;
    if (!isDecimalString(item.preTaxAmount)) return `items[${index}].preTaxAmount must be a decimal string`;
    if (!isDecimalString(item.totalAmount)) return `items[${index}].totalAmount must be a decimal string`;
  }
  return items as ConomyItem[];
}

/** `create-checkout-session`: the spec's required fields, in its order. */
function templateFromCreateBody(body: unknown, known: Map<string, SessionTemplate>): SessionTemplate | string {
  const input = record(body);
  if (!input) return 'body must be a JSON object';
  if (typeof input.checkoutToken !== 'string' || !input.checkoutToken) return 'checkoutToken is required';
  if (known.has(input.checkoutToken)) return `checkoutToken ${input.checkoutToken} is already in use`;
  const items = checkItems(input.items);
  if (typeof items === 'string') return items;
  if (typeof input.currency !== 'string' || !input.currency) return 'currency is required';
  const allowed = input.paymentMethodsAllowed;
  if (!Array.isArray(allowed) || !allowed.length || !allowed.every((type) => typeof type === 'string')) {
    return 'paymentMethodsAllowed must be a non-empty array of payment node types';
  }
  const destinations = input.destinations;
  if (!Array.isArray(destinations) || !destinations.length) return 'destinations must be a non-empty array';
  for (const [index, entry] of destinations.entries()) {
    const destination = record(entry);
    if (!destination || typeof destination.type !== 'string') return `destinations[${index}].type is required`;
    if (!isDecimalString(destination.amount)) return `destinations[${index}].amount must be a decimal string`;
  }
  if (typeof input.duration !== 'number' || !Number.isInteger(input.duration) || input.duration < 30) {
    return 'duration must be an integer of at least 30';
  }
  const owner = record(input.owner);
  if (!owner || typeof owner.identityId !== 'string' || !owner.identityId) return 'owner.identityId is required';
  const currency = input.currency.toUpperCase();
  const template: SessionTemplate = {
    checkoutToken: input.checkoutToken,
    currency,
    items,
    paymentMethodsAllowed: allowed as string[],
    methods: (allowed as string[]).map((type) => ({
      id: `${type.toLowerCase()}_${currency.toLowerCase()}`,
      type,
      enabled: true,
      requiredFields: [],
    })),
    destinations: destinations as Record<string, unknown>[],
    durationSeconds: input.duration,
    owner,
    customer: record(input.customer) ?? null,
    customerRequirements: Array.isArray(input.customerRequirements) ? (input.customerRequirements as string[]) : [],
  };
  if (typeof input.successUrl === 'string') template.successUrl = input.successUrl;
  if (typeof input.failedUrl === 'string') template.failedUrl = input.failedUrl;
  return template;
}

interface PaymentChoice {
  origin: Record<string, unknown>;
  config: ConomySessionData['paymentConfigs'][number];
  method: ConomySessionData['paymentConfigs'][number]['paymentMethods'][number];
  description?: string;
}

/** `checkout-session-payment`: one origin, of an enabled and allowed method, for its exact price. */
function checkPayment(session: ConomySession, body: unknown): PaymentChoice | string {
  const input = record(body);
  if (!input) return 'body must be a JSON object';
  if (input.description !== undefined && typeof input.description !== 'string') return 'description must be a string';
  if (!Array.isArray(input.origins) || input.origins.length !== 1) return 'origins must hold exactly one payment node';
  const origin = record(input.origins[0]);
  if (!origin || typeof origin.type !== 'string') return 'origins[0].type is required';
  if (typeof origin.currency !== 'string') return 'origins[0].currency is required';
  if (typeof origin.amount !== 'string') return 'origins[0].amount must be a string';
  const config = session.data.paymentConfigs.find((candidate) => candidate.currency === origin.currency);
  const method = config?.paymentMethods.find((candidate) => candidate.type === origin.type);
  if (!config || !method || !method.enabled || !session.data.paymentMethodsAllowed.includes(origin.type)) {
    return `Payment method ${origin.type} is not enabled for ${origin.currency} in this checkout session`;
  }
  if (!isDecimalString(origin.amount) || Number(origin.amount) !== Number(method.purchaseAmount)) {
    return `origins[0].amount ${origin.amount} does not match the purchaseAmount ${method.purchaseAmount}`;
  }
  if (origin.type !== 'PIX') return `${origin.type} payments are completed on the hosted checkout page (url)`;
  const problem = pixCustomerProblem(origin, method.requiredFields);
  if (problem) return problem;
  return { origin, config, method, ...(typeof input.description === 'string' ? { description: input.description } : {}) };
}

/**
 * The method's `requiredFields` (dot paths into the origin), and the spec's `customer.firstName`,
 * each a non-empty string; a document a CPF or CNPJ with valid check digits, of the type given
 * [inferred: what a Brazilian Pix provider checks; the spec does not say]. The message names the field.
 */
function pixCustomerProblem(origin: Record<string, unknown>, requiredFields: readonly string[]): string | undefined {
  for (const path of new Set([...PIX_REQUIRED, ...requiredFields])) {
    const value = path.split('.').reduce<unknown>((node, key) => record(node)?.[key], origin);
    if (typeof value !== 'string' || !value.trim()) return `origins[0].${path} is required`;
  }
  const customer = record(record(origin.pix)?.customer)!;
  const { documentType: type, documentNumber: number } = customer;
  if (type !== undefined && type !== 'CPF' && type !== 'CNPJ') return `origins[0].pix.customer.documentType ${String(type)} is not accepted for PIX`;
  const id = typeof number === 'string' ? taxId(number) : undefined;
  if (number !== undefined && (!id || (type !== undefined && type !== id.type) || id.number !== number)) {
    return `origins[0].pix.customer.documentNumber is not a valid ${typeof type === 'string' ? type : 'CPF or CNPJ'} (digits only)`;
  }
  return undefined;
}

function pixTransaction(ctx: SandboxContext, session: ConomySession, choice: PaymentChoice): Record<string, unknown> {
  const { state } = ctx;
  const id = state.nextId('txn_');
  const now = new Date(state.now()).toISOString();
  const amount = choice.method.purchaseAmount;
  const pix = record(choice.origin.pix) ?? {};
  const owner = session.data.owner;
  const merchantName = typeof owner.name === 'string' ? owner.name : 'Conomy Sandbox';
  const destinations = session.data.destinations;
  const account = record(record(destinations[0])?.account);
  return {
    id,
    externalId: session.id,
    identityId: owner.identityId,
    accountNumber: typeof account?.accountNumber === 'string' ? account.accountNumber : ACCOUNT_NUMBER,
    totalAmount: amount,
    currency: session.data.currency,
    ...(choice.description ? { description: choice.description } : {}),
    product: choice.config.product,
    status: 'PENDING',
    type: 'PURCHASE',
    purchaseAmount: amount,
    purchaseCurrency: choice.config.currency,
    fees: [],
    createdAt: now,
    updatedAt: now,
    expiresAt: session.data.expiresAt,
    origins: [
      {
        name: 'PIX',
        type: 'PIX',
        amount,
        amountOut: amount,
        currency: choice.config.currency,
        pix: {
          ...pix,
          data: pixEmv({
            amount: Number(amount),
            merchantName,
            merchantCity: 'SAO PAULO',
            location: `pix.sandbox.conomy.example/qr/v2/${id}`,
          }),
          qrCode: CONOMY_QR_IMAGE_PLACEHOLDER,
          // The QR is payable as long as the session is.
          expiredAt: session.data.expiresAt,
        },
      },
    ],
    destinations: destinations.map((destination) => ({ ...destination, currency: session.data.currency })),
  };
}

// ---------------------------------------------------------------------------------------------
// Listing.

/** `dd/mm/yyyy` → epoch ms at the start (or end) of that UTC day. */
function parseDay(value: string, endOfDay: boolean): number | undefined {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  if (!match) return undefined;
  const start = Date.UTC(Number(match[3]), Number(match[2]) - 1, Number(match[1]));
  return endOfDay ? start + 86_400_000 - 1 : start;
}

function nonNegativeInt(value: string | null, fallback: number): number | undefined {
  if (value === null || value === '') return fallback;
  return /^\d+$/.test(value) ? Number(value) : undefined;
}

function listSessions(state: SandboxState, query: URLSearchParams): Response {
  const start = query.get('startDate');
  const end = query.get('endDate');
  const from = start ? parseDay(start, false) : -Infinity;
  const to = end ? parseDay(end, true) : Infinity;
  if (from === undefined || to === undefined) return bad('startDate and endDate must be dd/mm/yyyy');
  const limit = nonNegativeInt(query.get('limit'), 50);
  const offset = nonNegativeInt(query.get('offset'), 0);
  if (limit === undefined || offset === undefined) return bad('limit and offset must be non-negative integers');
  const [sortField = 'createdAt', sortOrder = 'desc'] = (query.get('sort') ?? 'createdAt:desc').split(':');
  if (sortOrder !== 'asc' && sortOrder !== 'desc') return bad('sort must be param:asc or param:desc');

  const identityId = query.get('identityId');
  const accountNumber = query.get('accountNumber');
  const status = query.get('status');
  const matching = [...state.sessions.keys()]
    .map((id) => findSession(state, id))
    .filter((session): session is ConomySession => session !== undefined)
    .filter((session) => !identityId || session.data.owner.identityId === identityId)
    .filter(
      (session) =>
        !accountNumber ||
        session.data.destinations.some((destination) => record(record(destination)?.account)?.accountNumber === accountNumber),
    )
    .filter((session) => !status || conomyStatus(session) === status)
    .filter((session) => session.createdAt >= from && session.createdAt <= to)
    .map(renderConomySession);
  const direction = sortOrder === 'asc' ? 1 : -1;
  matching.sort((a, b) => String(a[sortField] ?? '').localeCompare(String(b[sortField] ?? '')) * direction);
  const results = matching.slice(offset, offset + limit);
  const total = matching.length;
  return json({
    pagination: {
      count: results.length,
      next: Math.min(offset + limit, total),
      previous: Math.max(offset - limit, 0),
      total,
    },
    results,
  });
}

// ---------------------------------------------------------------------------------------------
// Hosted checkout page.

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function hostedPage(session: ConomySession | undefined): Response {
  if (!session) {
    return new HttpResponse('<!doctype html><title>Not found</title><p>Checkout session not found.</p>', {
      status: 404,
      headers: { 'Content-Type': 'text/html; charset=utf-8' },
    });
  }
  const status = conomyStatus(session);
  const items = session.data.items
    .map((item) => `<li>${escapeHtml(item.description)}: ${escapeHtml(item.totalAmount)}</li>`)
    .join('');
  const actions =
    session.outcome === 'pending'
      ? '<p><a id="pay" href="?action=pay">Pay</a> · <a id="fail" href="?action=fail">Fail the payment</a>' +
        ' · <a id="cancel" href="?action=cancel">Cancel</a></p>'
      : '';
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Conomy sandbox checkout</title></head>` +
    `<body><h1>Conomy sandbox checkout</h1><ul>${items}</ul>` +
    `<p>Total: ${escapeHtml(session.data.currency)} ${escapeHtml(session.data.totalAmount)}</p>` +
    `<p>Status: <strong id="status">${escapeHtml(status)}</strong></p>${actions}</body></html>`;
  return new HttpResponse(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

const HOSTED_ACTIONS = ['pay', 'fail', 'cancel'] as const;
type HostedAction = (typeof HOSTED_ACTIONS)[number];

function isHostedAction(action: string | null): action is HostedAction {
  return HOSTED_ACTIONS.includes(action as HostedAction);
}

/**
 * The customer's choice on the hosted page: the session settles, and the customer goes to the
 * session's success URL (paid) or failed URL (failed, cancelled) when it has one, else stays on
 * the page, which shows the new status. A cancelled session reads EXPIRED (Conomy has no cancelled status).
 */
function settleOnHostedPage(state: SandboxState, session: ConomySession, action: HostedAction): Response {
  if (action === 'pay') state.pay(session.id);
  else if (action === 'fail') state.fail(session.id);
  else state.cancel(session.id);
  const template = templatesOf(state).get(session.data.checkoutToken);
  const target = action === 'pay' ? template?.successUrl : template?.failedUrl;
  if (!target) return hostedPage(session);
  return new HttpResponse(`<!doctype html><a href="${escapeHtml(target)}">Continue</a>`, {
    status: 303,
    headers: { Location: target, 'Content-Type': 'text/html; charset=utf-8' },
  });
}

// ---------------------------------------------------------------------------------------------
// Handlers.

export function conomyHandlers(ctx: SandboxContext): HttpHandler[] {
  const { state } = ctx;
  const known = () => templatesOf(state);

  return [
    ctx.route('post', '/auth', ({ request, body }) => {
      if (request.headers.get('x-api-key') !== CONOMY_API_KEY) return errorResponse('conomy', 401, 'Invalid API key');
      const input = record(body);
      if (!input || typeof input.clientId !== 'string' || typeof input.clientSecret !== 'string') {
        return bad('clientId and clientSecret are required');
      }
      if (input.clientId !== CONOMY_CLIENT_ID || input.clientSecret !== CONOMY_CLIENT_SECRET) {
        return errorResponse('conomy', 401, 'Invalid client credentials');
      }
      return json({ accessToken: state.issueToken('conomy'), tokenType: 'Bearer', expiresIn: 3600 });
    }),

    ctx.route(
      'post',
      '/payment-links/token/:token/checkout-sessions',
      guarded(state, ({ params }) => {
        const template = known().get(params.token ?? '');
        if (!template) return notFound('Payment link not found');
        if (template.problem) return bad(template.problem);
        if (alreadyPaid(state, template.checkoutToken)) return bad('Payment link has already been paid');
        return json(renderConomySession(openSession(ctx, template)), 201);
      }),
    ),

    ctx.route(
      'post',
      '/checkout-sessions',
      guarded(state, ({ body }) => {
        const template = templateFromCreateBody(body, known());
        if (typeof template === 'string') return bad(template);
        known().set(template.checkoutToken, template);
        return json(renderConomySession(openSession(ctx, template)), 201);
      }),
    ),

    ctx.route('get', '/checkout-sessions', guarded(state, ({ query }) => listSessions(state, query))),

    ctx.route(
      'get',
      '/checkout-sessions/:id',
      guarded(state, ({ params }) => {
        const session = findSession(state, params.id);
        return session ? json(renderConomySession(session)) : notFound('Checkout session not found');
      }),
    ),

    ctx.route(
      'delete',
      '/checkout-sessions/:id',
      guarded(state, ({ params }) => {
        const session = findSession(state, params.id);
        if (!session) return notFound('Checkout session not found');
        if (session.outcome === 'paid' || session.outcome === 'processing') {
          return bad(`Checkout session is ${conomyStatus(session)} and can no longer be deleted`);
        }
        if (session.outcome === 'pending') state.cancel(session.id);
        return json({});
      }),
    ),

    ctx.route(
      'post',
      '/checkout-sessions/:id/payments',
      guarded(state, ({ params, body }) => {
        const session = findSession(state, params.id);
        if (!session) return notFound('Checkout session not found');
        if (session.outcome !== 'pending') return bad(`Checkout session is ${conomyStatus(session)}: it takes no payment`);
        const choice = checkPayment(session, body);
        if (typeof choice === 'string') return bad(choice);
        session.data.attempts += 1;
        const transaction = pixTransaction(ctx, session, choice);
        rememberTransaction(state, session.id, String(transaction.id));
        return json(transaction);
      }),
    ),

    ctx.route(
      'post',
      '/checkout-sessions/token/:token/refresh',
      guarded(state, ({ params }) => {
        const template = known().get(params.token ?? '');
        if (!template) return notFound('Checkout token not found');
        if (template.problem) return bad(template.problem);
        if (alreadyPaid(state, template.checkoutToken)) return bad('Payment link has already been paid');
        // The old session stays behind as EXPIRED; the customer continues on the new one.
        for (const old of sessionsOfToken(state, template.checkoutToken)) {
          if (old.outcome === 'pending') state.expire(old.id);
        }
        return json(renderConomySession(openSession(ctx, template)), 201);
      }),
    ),

    ctx.route('get', '/hosted/:id', ({ params, query }) => {
      const session = findSession(state, params.id);
      const action = query.get('action');
      if (!session || session.outcome !== 'pending' || !isHostedAction(action)) return hostedPage(session);
      return settleOnHostedPage(state, session, action);
    }),
  ];
}
