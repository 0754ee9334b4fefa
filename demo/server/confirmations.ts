import { isProviderId } from '../../src/core/status.js';
import { errorResponse, json, readJson } from '../../src/server/http.js';
import {
  ConfirmError,
  confirmPayment,
  createConomyWebhookHandler,
  type CheckoutServerConfig,
  type ConomyWebhookEvent,
} from '../../src/server/index.js';

/**
 * What the demo's merchant does before fulfilling, with the server entry: Conomy's signed webhook
 * at `/api/webhooks/conomy`, and `POST /api/confirm {provider, sessionId}` that the demo page calls
 * on `checkout-success` / `checkout-failure` to show "confirmed by your server" in its event log:
 * for Conomy the webhook's word on that session, for the others `confirmPayment`.
 */

/** How long `/api/confirm` waits for Conomy's webhook about a session (it is usually there first). */
const WEBHOOK_WAIT_MS = 5_000;

export interface DemoConfirmations {
  webhook(request: Request): Promise<Response>;
  confirm(request: Request): Promise<Response>;
}

export function demoConfirmations(config: CheckoutServerConfig, webhookSecret: string): DemoConfirmations {
  // The last webhook event per Conomy session (its externalId), and the requests waiting for one.
  const events = new Map<string, ConomyWebhookEvent>();
  const waiting = new Map<string, ((event: ConomyWebhookEvent) => void)[]>();

  const webhook = createConomyWebhookHandler({
    secret: webhookSecret,
    ...(config.store ? { seen: config.store } : {}),
    onEvent(event) {
      // A real merchant fulfils (or releases) the order here, after comparing amount and currency with it.
      events.set(event.externalId, event);
      for (const resolve of waiting.get(event.externalId) ?? []) resolve(event);
      waiting.delete(event.externalId);
    },
  });

  function webhookEvent(sessionId: string): Promise<ConomyWebhookEvent | undefined> {
    const known = events.get(sessionId);
    if (known) return Promise.resolve(known);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), WEBHOOK_WAIT_MS);
      const list = waiting.get(sessionId) ?? [];
      list.push((event) => {
        clearTimeout(timer);
        resolve(event);
      });
      waiting.set(sessionId, list);
    });
  }

  async function confirm(request: Request): Promise<Response> {
    if (request.method !== 'POST') return json(405, { error: 'POST only' }, { Allow: 'POST' });
    let body: { provider?: unknown; sessionId?: unknown };
    try {
      body = ((await readJson(request, 4096)) ?? {}) as typeof body;
    } catch (error) {
      return errorResponse(error);
    }
    const { provider, sessionId } = body;
    if (!isProviderId(provider) || typeof sessionId !== 'string' || !sessionId || sessionId.length > 200) {
      return json(400, { error: 'give provider and sessionId' });
    }
    if (provider === 'conomy') {
      const event = await webhookEvent(sessionId);
      if (!event) return json(404, { source: 'webhook', error: 'no webhook from Conomy for this session yet' });
      const { raw: _raw, ...shown } = event;
      return json(200, { source: 'webhook', provider, sessionId, ...shown });
    }
    try {
      const { raw: _raw, ...shown } = await confirmPayment(config, { provider, sessionId });
      return json(200, { source: 'confirmPayment', ...shown });
    } catch (error) {
      if (error instanceof ConfirmError) return json(502, { source: 'confirmPayment', error: error.code, message: error.message });
      throw error;
    }
  }

  return { webhook, confirm };
}
