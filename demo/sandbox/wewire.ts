import { HttpResponse, type HttpHandler } from 'msw';
import type { WewireCheckoutBody } from '../../src/providers/wewire-api.js';
import { errorResponse, json, type SandboxContext } from './route.js';
import type { SandboxOutcome, SandboxSession, SandboxState } from './state.js';

/**
 * Simulated WeWire crypto checkout (as WeWire's API reference describes it): create / read / list /
 * expire / cancel checkout sessions, `ww-api-key` auth, and a hosted page where the customer
 * "pays" or cancels and is sent back to the merchant's success / cancel URL.
 */

/** What "every asset" (an empty `allowedAssets`) is in the sandbox; WeWire publishes no list. */
const ASSETS = ['ETH', 'USDT', 'USDC'];
const ASSET_SYMBOL = /^[A-Z0-9]+$/;

/**
 * The merchant's API key the sandbox always accepts in `ww-api-key` (what a merchant's server or
 * proxy sends), besides the tokens its own token endpoint issues.
 */
export const WEWIRE_API_KEY = 'sbx_wewire_key';

const SESSION_MINUTES = 30;

/**
 * What the sandbox adds to the published API. By default it returns an `id` from create and a
 * `status` in the session [inferred]; tests switch either off to behave like the published API.
 */
export interface WewireFlavor {
  createReturnsId: boolean;
  sessionHasStatus: boolean;
}

const flavors = new WeakMap<SandboxState, WewireFlavor>();

export function setWewireFlavor(state: SandboxState, flavor: Partial<WewireFlavor>): void {
  flavors.set(state, { ...wewireFlavor(state), ...flavor });
}

export function wewireFlavor(state: SandboxState): WewireFlavor {
  return flavors.get(state) ?? { createReturnsId: true, sessionHasStatus: true };
}

/** A stored checkout: the create body's fields plus the customer id the sandbox assigns. */
interface WewireData extends WewireCheckoutBody {
  customerId: string;
}

const STATUS_TEXT: Record<SandboxOutcome, string> = {
  pending: 'open',
  processing: 'processing',
  paid: 'completed',
  failed: 'failed',
  expired: 'expired',
  cancelled: 'cancelled',
};

const STRING_FIELDS = ['currency', 'email', 'name', 'productId', 'productName', 'productDescription'] as const;
const URL_FIELDS = ['successUrl', 'cancelUrl'] as const;

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** The first problem with a create body, in the style of WeWire's NestJS validation messages. */
function createBodyProblem(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'body must be a JSON object';
  const b = body as Record<string, unknown>;
  if (typeof b.amount !== 'number' || !Number.isFinite(b.amount) || b.amount <= 0) {
    return 'amount must be a positive number';
  }
  for (const field of [...STRING_FIELDS, ...URL_FIELDS]) {
    const value = b[field];
    if (typeof value !== 'string' || !value.trim()) return `${field} must be a non-empty string`;
  }
  for (const field of URL_FIELDS) if (!isHttpUrl(b[field] as string)) return `${field} must be a URL address`;
  if (!b.metadata || typeof b.metadata !== 'object' || Array.isArray(b.metadata)) return 'metadata must be an object';
  if (!Array.isArray(b.allowedAssets)) return 'allowedAssets must be an array';
  // WeWire's API reference lists no values: any symbol is taken, as long as it looks like one.
  if (b.allowedAssets.some((asset) => typeof asset !== 'string' || !ASSET_SYMBOL.test(asset))) {
    return 'each value in allowedAssets must be an asset symbol (upper-case letters and digits)';
  }
  return undefined;
}

function renderSession(session: SandboxSession<WewireData>, flavor: WewireFlavor): Record<string, unknown> {
  const d = session.data;
  const rendered: Record<string, unknown> = {
    id: session.id,
    currency: d.currency,
    amount: d.amount,
    email: d.email,
    name: d.name,
    productId: d.productId,
    productName: d.productName,
    productDescription: d.productDescription,
    // Empty means every asset (WeWire's API reference).
    allowedAssets: d.allowedAssets.length ? d.allowedAssets : ASSETS,
    expiresAt: new Date(session.expiresAt ?? session.createdAt).toISOString(),
    metadata: d.metadata,
    customerId: d.customerId,
    redirectUrl: d.successUrl,
    cancelUrl: d.cancelUrl,
    createdAt: new Date(session.createdAt).toISOString(),
    updatedAt: new Date(session.createdAt).toISOString(),
    customer: { id: d.customerId, email: d.email, name: d.name },
  };
  if (flavor.sessionHasStatus) rendered.status = STATUS_TEXT[session.outcome];
  return rendered;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function html(body: string, status = 200): Response {
  return new HttpResponse(body, { status, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

function hostedPage(session: SandboxSession<WewireData>): string {
  const d = session.data;
  const open = session.outcome === 'pending';
  const actions = open
    ? '<p><a id="pay" href="?action=pay">Pay</a> · <a id="cancel" href="?action=cancel">Cancel</a>' +
      ' · <a id="expire" href="?action=expire">Let it expire</a></p>'
    : `<p>This checkout is ${escapeHtml(STATUS_TEXT[session.outcome])}.</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>WeWire sandbox checkout</title></head>
<body>
<h1>${escapeHtml(d.productName)}</h1>
<p>${escapeHtml(d.productDescription)}</p>
<p>${escapeHtml(String(d.amount))} ${escapeHtml(d.currency)} in ${escapeHtml((d.allowedAssets.length ? d.allowedAssets : ASSETS).join(' / '))}</p>
${actions}
</body></html>`;
}

/** A redirect the page follows; the body links there too in case a client does not follow it. */
function redirect(location: string): Response {
  return new HttpResponse(`<!doctype html><a href="${escapeHtml(location)}">Continue</a>`, {
    status: 303,
    headers: { Location: location, 'Content-Type': 'text/html; charset=utf-8' },
  });
}

export function wewireHandlers(ctx: SandboxContext): HttpHandler[] {
  const { state } = ctx;
  const authorized = (request: Request) => {
    const key = request.headers.get('ww-api-key') ?? '';
    return key === WEWIRE_API_KEY || state.validTokens.has(key);
  };
  const unauthorized = () => errorResponse('wewire', 401, 'Unauthorized');
  const notFound = () => errorResponse('wewire', 404, 'Checkout session not found');
  const find = (id: string | undefined) => {
    const session = id === undefined ? undefined : state.session<WewireData>(id);
    return session?.provider === 'wewire' ? session : undefined;
  };

  /** expire / cancel: 201 with no content; a paid (or paying) session cannot be stopped. */
  const stop = (action: 'expire' | 'cancel') =>
    ctx.route('post', `/api/v1/checkout/:id/${action}`, ({ request, params }) => {
      if (!authorized(request)) return unauthorized();
      const session = find(params.id);
      if (!session) return notFound();
      if (session.outcome === 'paid' || session.outcome === 'processing') {
        return errorResponse('wewire', 409, `Cannot ${action} a checkout session that is already ${STATUS_TEXT[session.outcome]}`);
      }
      // Already over: nothing changes, still 201 (the call is idempotent).
      if (session.outcome === 'pending') {
        if (action === 'expire') state.expire(session.id);
        else state.cancel(session.id);
      }
      return new HttpResponse(null, { status: 201 });
    });

  return [
    ctx.route('post', '/api/v1/checkout', ({ request, body }) => {
      if (!authorized(request)) return unauthorized();
      const problem = createBodyProblem(body);
      if (problem) return errorResponse('wewire', 400, problem);
      const fields = body as WewireCheckoutBody;
      const id = state.nextId('cs_');
      state.addSession<WewireData>({
        provider: 'wewire',
        id,
        outcome: 'pending',
        expiresAt: state.now() + SESSION_MINUTES * 60_000,
        data: {
          amount: fields.amount,
          currency: fields.currency,
          successUrl: fields.successUrl,
          cancelUrl: fields.cancelUrl,
          email: fields.email,
          name: fields.name,
          metadata: fields.metadata,
          productId: fields.productId,
          productName: fields.productName,
          productDescription: fields.productDescription,
          allowedAssets: fields.allowedAssets,
          customerId: state.nextId('cus_'),
        },
      });
      const url = `${ctx.base}/hosted/${id}`;
      return json(wewireFlavor(state).createReturnsId ? { url, id } : { url });
    }),

    ctx.route('get', '/api/v1/checkout', ({ request }) => {
      if (!authorized(request)) return unauthorized();
      const flavor = wewireFlavor(state);
      const sessions = [...state.sessions.keys()].map(find).filter((s): s is SandboxSession<WewireData> => !!s);
      return json(sessions.map((session) => renderSession(session, flavor)));
    }),

    ctx.route('get', '/api/v1/checkout/sessions/:id', ({ request, params }) => {
      if (!authorized(request)) return unauthorized();
      const session = find(params.id);
      return session ? json(renderSession(session, wewireFlavor(state))) : notFound();
    }),

    stop('expire'),
    stop('cancel'),

    // The hosted checkout the customer opens: no API key (it is a page, not an API call).
    ctx.route('get', '/hosted/:id', ({ params, query }) => {
      const session = find(params.id);
      if (!session) return html('<!doctype html><title>Not found</title><p>Checkout session not found.</p>', 404);
      const action = query.get('action');
      if (session.outcome === 'pending' && action === 'pay') {
        state.pay(session.id);
        return redirect(session.data.successUrl);
      }
      if (session.outcome === 'pending' && action === 'cancel') {
        state.cancel(session.id);
        return redirect(session.data.cancelUrl);
      }
      // WeWire has no URL for an expired checkout: the page says so, the merchant's page learns it by reading the session.
      if (session.outcome === 'pending' && action === 'expire') state.expire(session.id);
      return html(hostedPage(session));
    }),
  ];
}
