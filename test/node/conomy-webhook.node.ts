/**
 * Conomy's signed transaction webhook: the signature checked exactly as Conomy's OpenAPI computes
 * it (the expected values here come from Node's own `crypto.createHmac` over the spec's example,
 * not from the handler's code), the refusals, deduplication, and the sandbox's own deliveries.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { CONOMY_WEBHOOK_SECRET, conomyWebhookDeliveries, sendConomyWebhooks } from '../../demo/sandbox/conomy-webhook.js';
import {
  createConomyWebhookHandler,
  createTokenHandler,
  MemoryTokenStore,
  RedisTokenStore,
  type ConomyWebhookEvent,
  type TokenStore,
} from '../../src/server/index.js';
import { postJson, sandboxConfig, serve, startRedis, startSandboxHttp, type RedisServer } from './support.js';

const SECRET = 'WEBHOOK_SECRET';

/** The spec's "Signature Generation Example (Node.js)", step by step. */
function specSigned(transaction: Record<string, string> = {}): { body: string; signature: string; payload: string } {
  const payload = JSON.stringify({
    event: 'Transaction.Captured',
    data: {
      transaction: {
        id: '67a0307eaddea901a60144ec',
        purchaseAmount: '50000',
        totalAmount: '50000',
        externalId: '123456',
        currency: 'COP',
        status: 'CAPTURED',
        ...transaction,
      },
    },
  });
  const signature = createHmac('sha256', SECRET).update(payload).digest('hex');
  const signedPayload = { ...JSON.parse(payload), signature };
  return { body: JSON.stringify(signedPayload), signature, payload };
}

function webhook(options: { seen?: TokenStore; onEvent?: (event: ConomyWebhookEvent) => void } = {}) {
  const events: ConomyWebhookEvent[] = [];
  const handler = createConomyWebhookHandler({
    secret: SECRET,
    seen: options.seen ?? new MemoryTokenStore(),
    onEvent: options.onEvent ?? ((event) => void events.push(event)),
    log: () => {},
  });
  const deliver = (body: string, method = 'POST') =>
    handler(new Request('https://shop.test/api/webhooks/conomy', { method, headers: { 'Content-Type': 'application/json' }, ...(method === 'POST' ? { body } : {}) }));
  return { events, deliver };
}

describe('Conomy webhook: the signature', () => {
  it("accepts the spec's example, signed as the spec signs it, and reports the event once", async () => {
    const { events, deliver } = webhook();
    const { body } = specSigned();
    const response = await deliver(body);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { received: true });
    assert.equal(events.length, 1);
    const { raw, ...event } = events[0]!;
    assert.deepEqual(event, {
      event: 'Transaction.Captured',
      transactionId: '67a0307eaddea901a60144ec',
      externalId: '123456',
      status: 'succeeded',
      amount: 5_000_000,
      currency: 'COP',
    });
    assert.deepEqual(raw, JSON.parse(body));
  });

  it('maps RECEIVED to succeeded and FAILED to failed', async () => {
    const { events, deliver } = webhook();
    assert.equal((await deliver(specSigned({ status: 'RECEIVED' }).body)).status, 200);
    assert.equal((await deliver(specSigned({ status: 'FAILED' }).body)).status, 200);
    assert.deepEqual(events.map((event) => event.status), ['succeeded', 'failed']);
  });

  it('accepts the hex in upper case (the same 32 bytes) and a pretty-printed body (the same JSON)', async () => {
    const { events, deliver } = webhook();
    const { payload, signature } = specSigned();
    assert.equal((await deliver(JSON.stringify({ ...JSON.parse(payload), signature: signature.toUpperCase() }))).status, 200);
    const other = specSigned({ id: 'tx-2' });
    assert.equal((await deliver(JSON.stringify(JSON.parse(other.body), null, 2))).status, 200);
    assert.equal(events.length, 2);
  });

  it('refuses a tampered amount with 401, and onEvent is not called', async () => {
    const { events, deliver } = webhook();
    const tampered = JSON.parse(specSigned().body) as { data: { transaction: { totalAmount: string } } };
    tampered.data.transaction.totalAmount = '1';
    assert.equal((await deliver(JSON.stringify(tampered))).status, 401);
    assert.equal(events.length, 0);
  });

  it('refuses a signature that is missing, of the wrong length, not hex, or made with another secret', async () => {
    const { events, deliver } = webhook();
    const { payload, signature } = specSigned();
    const withSignature = (value: unknown) => JSON.stringify({ ...JSON.parse(payload), ...(value === undefined ? {} : { signature: value }) });
    const wrongSecret = createHmac('sha256', 'another secret').update(payload).digest('hex');
    for (const bad of [undefined, signature.slice(0, 63), `${signature}0`, `${signature.slice(0, 63)}g`, 42, wrongSecret]) {
      const response = await deliver(withSignature(bad));
      assert.equal(response.status, 401, `signature ${String(bad)}`);
    }
    assert.equal(events.length, 0);
  });

  it('answers 400 to a body that is not JSON or not the documented shape, 413 past the limit, 405 to a GET', async () => {
    const { events, deliver } = webhook();
    assert.equal((await deliver('{"event":')).status, 400);
    assert.equal((await deliver('[1,2]')).status, 400);
    // Signed correctly, but a status the webhook does not report.
    assert.equal((await deliver(specSigned({ status: 'PENDING' }).body)).status, 400);
    assert.equal((await deliver(specSigned({ totalAmount: 'lots' }).body)).status, 400);
    const big = JSON.stringify({ ...JSON.parse(specSigned().body), padding: 'x'.repeat(70 * 1024) });
    assert.equal((await deliver(big)).status, 413);
    assert.equal((await deliver('', 'GET')).status, 405);
    assert.equal(events.length, 0);
  });
});

describe('Conomy webhook: deliveries', () => {
  it('calls onEvent once for a repeated delivery of the same event', async () => {
    const { events, deliver } = webhook();
    const { body } = specSigned();
    assert.equal((await deliver(body)).status, 200);
    const again = await deliver(body);
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), { received: true, duplicate: true });
    assert.equal(events.length, 1);
  });

  it('answers 500 when onEvent throws, so the next delivery is acted on', async () => {
    let calls = 0;
    const { deliver } = webhook({
      onEvent: () => {
        calls += 1;
        if (calls === 1) throw new Error('database down');
      },
    });
    const { body } = specSigned();
    assert.equal((await deliver(body)).status, 500);
    assert.equal((await deliver(body)).status, 200);
    assert.equal(calls, 2);
  });

  describe('two instances sharing Redis', () => {
    let redis: RedisServer;
    before(async () => {
      redis = await startRedis();
    });
    after(() => redis?.stop());

    it('act on a delivery once, whichever instance receives it', async () => {
      const seen = new RedisTokenStore({ client: redis.client, prefix: 'webhook-test:' });
      const a = webhook({ seen });
      const b = webhook({ seen });
      const { body } = specSigned();
      assert.equal((await a.deliver(body)).status, 200);
      assert.equal((await b.deliver(body)).status, 200);
      assert.equal(a.events.length + b.events.length, 1);
    });
  });
});

describe('the Conomy sandbox sends signed webhooks', () => {
  it('on capture and failure, to the handler, which verifies them; a failed delivery is repeated', async () => {
    const events: ConomyWebhookEvent[] = [];
    let failNext = false;
    const handler = createConomyWebhookHandler({
      secret: CONOMY_WEBHOOK_SECRET,
      seen: new MemoryTokenStore(),
      log: () => {},
      onEvent(event) {
        if (failNext) {
          failNext = false;
          throw new Error('not now');
        }
        events.push(event);
      },
    });
    const merchant = await serve(handler);
    const sandbox = await startSandboxHttp({
      onState: (state) => sendConomyWebhooks(state, () => ({ url: merchant.origin, secret: CONOMY_WEBHOOK_SECRET })),
    });
    try {
      const token = createTokenHandler(sandboxConfig(sandbox));
      const session = async (amount: number) => {
        const response = await token(
          new Request(`${sandbox.origin}/t`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ provider: 'conomy', amount, currency: 'BRL' }) }),
        );
        return ((await response.json()) as { sessionId: string }).sessionId;
      };
      const paid = await session(4990);
      const failed = await session(1000);
      const state = sandbox.sandbox.state;
      state.pay(paid);
      await conomyWebhookDeliveries(state)[0];
      failNext = true;
      state.fail(failed);
      const deliveries = await Promise.all(conomyWebhookDeliveries(state));
      assert.deepEqual(deliveries.map(({ status, httpStatus, attempts }) => [status, httpStatus, attempts]), [
        ['CAPTURED', 200, 1],
        ['FAILED', 200, 2],
      ]);
      assert.deepEqual(events.map(({ externalId, status, amount, currency }) => [externalId, status, amount, currency]), [
        [paid, 'succeeded', 4990, 'BRL'],
        [failed, 'failed', 1000, 'BRL'],
      ]);
      assert.equal((await postJson(merchant.origin, { event: 'x', data: {}, signature: '0'.repeat(64) })).status, 401, 'the handler verifies');
    } finally {
      await sandbox.close();
      await merchant.close();
    }
  });
});
