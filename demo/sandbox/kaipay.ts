import { HttpResponse, type HttpHandler } from 'msw';
import { toMajorString } from '../../src/core/money.js';
import { bearer, errorResponse, json, type SandboxContext } from './route.js';
import type { SandboxSession } from './state.js';

/**
 * The merchant's secret key the sandbox always accepts as `Authorization: Bearer {key}` (what a
 * merchant's server or proxy sends), besides the tokens its own token endpoint issues.
 */
export const KAIPAY_SECRET_KEY = 'sbx_kaipay_secret';

/** KaiPay client sessions live 30 minutes in the sandbox (KaiPay's API reference gives no duration). */
export const KAIPAY_SESSION_MINUTES = 30;
/** "The amount value supports up to eight digits" (KaiPay's API reference). */
const MAX_AMOUNT = 99_999_999;
const MAX_REFERENCE = 25;

type Json = Record<string, any>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const isPositiveInt = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= MAX_AMOUNT;

/** The first problem with a client-session body, named by field, or undefined when valid. */
export function kaipayBodyProblem(body: unknown): string | undefined {
  if (!isObject(body)) return 'body must be a JSON object';
  if (!isPositiveInt(body.amount)) return 'amount must be a positive integer of at most 8 digits';
  if (typeof body.currency !== 'string' || !/^[A-Za-z]{3}$/.test(body.currency)) {
    return 'currency must be a three-letter ISO code';
  }
  if (!isObject(body.customer)) return 'customer is required';
  if (!isText(body.customer.name)) return 'customer.name is required';
  if (!isText(body.customer.email)) return 'customer.email is required';
  if (body.customer.shipping_address !== undefined) {
    const problem = addressProblem(body.customer.shipping_address);
    if (problem) return problem;
  }
  if (!isObject(body.order)) return 'order is required';
  return orderProblem(body.order) ?? optionalProblem(body);
}

function addressProblem(address: unknown): string | undefined {
  const where = 'customer.shipping_address';
  if (!isObject(address)) return `${where} must be an object`;
  for (const field of ['name', 'address_line_1', 'city', 'state', 'postal_code']) {
    if (!isText(address[field])) return `${where}.${field} is required`;
  }
  if (typeof address.country !== 'string' || !/^[A-Za-z]{2}$/.test(address.country)) {
    return `${where}.country must be a two-letter ISO code`;
  }
  for (const field of ['int_number', 'ext_number', 'reference']) {
    if (address[field] !== undefined && typeof address[field] !== 'string') return `${where}.${field} must be a string`;
  }
  if (typeof address.reference === 'string' && address.reference.length > MAX_REFERENCE) {
    return `${where}.reference must be at most ${MAX_REFERENCE} characters`;
  }
  return undefined;
}

function orderProblem(order: Json): string | undefined {
  if (typeof order.country !== 'string' || !/^[A-Za-z]{2}$/.test(order.country)) {
    return 'order.country must be a two-letter ISO code';
  }
  if (order.shipping_amount !== undefined && !isPositiveInt(order.shipping_amount)) {
    return 'order.shipping_amount must be a positive integer of at most 8 digits';
  }
  if (order.line_items !== undefined) {
    if (!Array.isArray(order.line_items)) return 'order.line_items must be an array';
    for (const [index, item] of order.line_items.entries()) {
      const where = `order.line_items[${index}]`;
      if (!isObject(item)) return `${where} must be an object`;
      if (!isText(item.description)) return `${where}.description is required`;
      if (!isPositiveInt(item.amount)) return `${where}.amount must be a positive integer`;
      if (!isPositiveInt(item.quantity)) return `${where}.quantity must be a positive integer`;
    }
  }
  if (order.fees !== undefined && typeof order.fees !== 'object') return 'order.fees must be a set of key-value pairs';
  return undefined;
}

function optionalProblem(body: Json): string | undefined {
  if (body.metadata !== undefined && typeof body.metadata !== 'object') return 'metadata must be a set of key-value pairs';
  for (const field of ['success_redirect_url', 'failure_redirect_url']) {
    if (body[field] !== undefined && !isText(body[field])) return `${field} must be a URL`;
  }
  return undefined;
}

/** The response of `POST /client-session`, with every field KaiPay's API reference lists. */
function clientSession(ctx: SandboxContext, body: Json): Json {
  const { state } = ctx;
  const id = state.nextId('cs_');
  const orderId = state.nextId('ord_');
  const now = new Date(state.now()).toISOString();
  const customer = body.customer as Json;
  const order = body.order as Json;
  return {
    id,
    organization: 'org_sandbox',
    customer: {
      id: state.nextId('cus_'),
      billing_address: null,
      shipping_address: customer.shipping_address ?? null,
      name: customer.name,
      email: customer.email,
      mobile: null,
      tax_id: null,
      national_document_id: null,
    },
    order: {
      id: orderId,
      line_items: ((order.line_items ?? []) as Json[]).map((item) => ({
        id: state.nextId('li_'),
        item_id: item.item_id ?? null,
        description: item.description,
        amount: item.amount,
        discount_amount: 0,
        quantity: item.quantity,
        tax_amount: 0,
        tax_code: null,
        order: orderId,
      })),
      fees: order.fees ?? [],
      shipping_amount: order.shipping_amount ?? 0,
      country: order.country,
    },
    client_session_url: `${ctx.base}/hosted/${id}`,
    amount: body.amount,
    metadata: body.metadata ?? {},
    expiration_date: new Date(state.now() + KAIPAY_SESSION_MINUTES * 60_000).toISOString(),
    success_redirect_url: body.success_redirect_url ?? null,
    failure_redirect_url: body.failure_redirect_url ?? null,
    created_at: now,
    updated_at: now,
    currency: body.currency,
  };
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function page(title: string, content: string, status = 200): Response {
  return HttpResponse.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escapeHtml(title)}</title></head>` +
      `<body><main><h1>${escapeHtml(title)}</h1>${content}</main></body></html>`,
    { status },
  );
}

/**
 * Settles the session as the customer chose on the hosted page, then sends them back. KaiPay has
 * only a success and a failure URL: a customer who cancels goes to the failure URL.
 */
function settle(ctx: SandboxContext, session: SandboxSession<Json>, action: string): Response {
  if (session.outcome === 'pending') {
    if (action === 'pay') ctx.state.pay(session.id);
    else if (action === 'fail') ctx.state.fail(session.id);
    else if (action === 'cancel') ctx.state.cancel(session.id);
    else if (action === 'expire') ctx.state.expire(session.id);
  }
  const target =
    session.outcome === 'paid' ? session.data.success_redirect_url
    : session.outcome === 'failed' || session.outcome === 'cancelled' ? session.data.failure_redirect_url
    : undefined;
  if (typeof target === 'string') return new HttpResponse(null, { status: 302, headers: { Location: target } });
  return page(`Payment ${session.outcome}`, '<p>You may close this page.</p>');
}

/** A tiny stand-in for KaiPay's hosted checkout page. */
function hostedPage(ctx: SandboxContext, session: SandboxSession<Json>): Response {
  const { amount, currency } = session.data as { amount: number; currency: string };
  const self = `${ctx.base}/hosted/${encodeURIComponent(session.id)}`;
  const link = (action: string, label: string) =>
    `<li><a id="${action}" href="${escapeHtml(`${self}?action=${action}`)}">${escapeHtml(label)}</a></li>`;
  return page(
    'KaiPay sandbox checkout',
    `<p>${escapeHtml(`${toMajorString(amount, currency)} ${currency.toUpperCase()}`)}</p>` +
      `<ul>${link('pay', 'Pay')}${link('fail', 'Decline the payment')}${link('cancel', 'Cancel')}` +
      `${link('expire', 'Let it expire')}</ul>`,
  );
}

function hasSecretKey(request: Request): boolean {
  return request.headers.get('Authorization') === `Bearer ${KAIPAY_SECRET_KEY}`;
}

/** KaiPay's `POST /client-session` and the hosted page its `client_session_url` points to. */
export function kaipayHandlers(ctx: SandboxContext): HttpHandler[] {
  const { state } = ctx;
  return [
    ctx.route('post', '/client-session', ({ request, body }) => {
      if (!bearer(request, state) && !hasSecretKey(request)) return errorResponse('kaipay', 401, 'Unauthorized');
      const problem = kaipayBodyProblem(body);
      if (problem) return errorResponse('kaipay', 400, problem);
      const response = clientSession(ctx, body as Json);
      state.addSession({
        provider: 'kaipay',
        id: response.id,
        outcome: 'pending',
        expiresAt: Date.parse(response.expiration_date),
        data: response,
      });
      return json(response, 201);
    }),
    ctx.route('get', '/hosted/:id', ({ params, query }) => {
      const session = state.session<Json>(params.id ?? '');
      if (!session || session.provider !== 'kaipay') return page('Checkout not found', '', 404);
      const action = query.get('action');
      return action ? settle(ctx, session, action) : hostedPage(ctx, session);
    }),
  ];
}
