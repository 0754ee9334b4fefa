/**
 * The Conomy sandbox's transaction webhook (the `/client-url` operation of Conomy's OpenAPI): when
 * a Conomy session is paid or fails, a POST of `{event, data: {transaction}, signature}` to the
 * URL the merchant configured. Signed exactly as the spec's Node example does it: HMAC-SHA256, in
 * lower-case hex, of `JSON.stringify({event, data})` with the shared secret, then the signature
 * added as the last field. Deliveries that fail (not 2xx, or no answer) are repeated, as Conomy
 * does. WebCrypto, so this file runs wherever the sandbox does; only the demo server sends.
 */
import type { SandboxSession, SandboxState } from './state.js';

/** The secret the demo server and the sandbox share for the webhook. */
export const CONOMY_WEBHOOK_SECRET = 'sbx_conomy_webhook_secret';

/** Attempts per event, and the pause before each repeat (ms). */
const ATTEMPTS = 3;
const RETRY_DELAY_MS = 500;

export interface ConomyWebhookTarget {
  url: string;
  secret: string;
  fetch?: typeof fetch;
}

export interface ConomyWebhookDelivery {
  transactionId: string;
  status: 'CAPTURED' | 'FAILED';
  /** The last answer's HTTP status; 0 when no answer came. */
  httpStatus: number;
  attempts: number;
}

interface Webhooks {
  transactions: Map<string, string>;
  deliveries: Promise<ConomyWebhookDelivery>[];
}

const webhooksOf = new WeakMap<SandboxState, Webhooks>();

function webhooks(state: SandboxState): Webhooks {
  let found = webhooksOf.get(state);
  if (!found) webhooksOf.set(state, (found = { transactions: new Map(), deliveries: [] }));
  return found;
}

/** The transaction a Pix payment of the session made (conomy.ts): its webhook names it. */
export function rememberTransaction(state: SandboxState, sessionId: string, transactionId: string): void {
  webhooks(state).transactions.set(sessionId, transactionId);
}

/** Every delivery so far, in order: tests await them. */
export function conomyWebhookDeliveries(state: SandboxState): Promise<ConomyWebhookDelivery>[] {
  return webhooks(state).deliveries;
}

/** From now on, paid and failed Conomy sessions of `state` are notified to `target()` (when it gives one). */
export function sendConomyWebhooks(state: SandboxState, target: () => ConomyWebhookTarget | undefined): void {
  state.onSettle((session) => {
    const status = session.outcome === 'paid' ? 'CAPTURED' : session.outcome === 'failed' ? 'FAILED' : undefined;
    const to = target();
    if (session.provider !== 'conomy' || !status || !to) return;
    const own = webhooks(state);
    // A card payment on the hosted page makes no transaction through the API: it gets one here.
    let transactionId = own.transactions.get(session.id);
    if (!transactionId) own.transactions.set(session.id, (transactionId = state.nextId('txn_')));
    own.deliveries.push(deliver(to, payload(session, transactionId, status), transactionId, status));
  });
}

function payload(session: SandboxSession, transactionId: string, status: 'CAPTURED' | 'FAILED') {
  const data = session.data as { totalAmount?: string; currency?: string };
  return {
    event: status === 'CAPTURED' ? 'Transaction.Captured' : 'Transaction.Failed',
    data: {
      transaction: {
        id: transactionId,
        purchaseAmount: data.totalAmount ?? '0',
        totalAmount: data.totalAmount ?? '0',
        externalId: session.id,
        currency: data.currency ?? 'BRL',
        status,
      },
    },
  };
}

async function sign(secret: string, text: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(text)));
  return [...mac].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function deliver(
  target: ConomyWebhookTarget,
  body: ReturnType<typeof payload>,
  transactionId: string,
  status: 'CAPTURED' | 'FAILED',
): Promise<ConomyWebhookDelivery> {
  const signature = await sign(target.secret, JSON.stringify(body));
  const text = JSON.stringify({ ...body, signature });
  let httpStatus = 0;
  let attempts = 0;
  while (attempts < ATTEMPTS) {
    if (attempts) await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * attempts));
    attempts += 1;
    try {
      const answer = await (target.fetch ?? fetch)(target.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: text });
      httpStatus = answer.status;
      await answer.body?.cancel();
      if (answer.ok) break;
    } catch {
      httpStatus = 0;
    }
  }
  return { transactionId, status, httpStatus, attempts };
}
