import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import { CheckoutFlow, type CheckoutFlowOptions, type FlowEvent } from '../src/core/flow.js';
import { BACKOFF_MAX_MS, MALFORMED_LIMIT, PollRegistry } from '../src/core/poll/index.js';
import { defaultAdapters } from '../src/providers/index.js';
import { RETURN_CHANNEL } from '../src/core/return-page.js';
import type { CheckoutDetail } from '../src/core/status.js';
import { SandboxState, type Sandbox } from '../demo/sandbox/index.js';
import { FakeClock } from './support/fake-clock.js';
import { samplePayments, until } from './support/flows.js';
import { startSandbox } from './support/sandbox.js';
import { trackFetch } from './support/fetch-tracker.js';

/** Records what a flow reports, and waits for states. */
function observe(flow: CheckoutFlow) {
  const events: FlowEvent[] = [];
  flow.subscribe((event) => events.push(event));
  return {
    events,
    statuses: () => events.flatMap((e) => (e.type === 'status' ? [e.detail.status] : [])),
    details: () => events.flatMap((e) => (e.type === 'status' ? [e.detail] : [])),
    errors: () => events.flatMap((e) => (e.type === 'error' ? [e.error] : [])),
  };
}


describe('session flow', () => {
  let sandbox: Sandbox;
  let clock: FakeClock;
  let registry: PollRegistry;
  let tracker: ReturnType<typeof trackFetch>;
  const flows: CheckoutFlow[] = [];

  beforeEach(async () => {
    tracker = trackFetch();
    clock = new FakeClock(Date.now(), tracker.idle);
    sandbox = await startSandbox(new SandboxState(() => clock.now()));
    registry = new PollRegistry({ clock, crossTab: null, isHidden: () => false, onWake: () => () => {}, random: () => 0.5 });
    sessionStorage.clear();
  });

  afterEach(() => {
    for (const flow of flows.splice(0)) flow.dispose();
  });

  function makeFlow(options: Partial<CheckoutFlowOptions> & Pick<CheckoutFlowOptions, 'provider'>): CheckoutFlow {
    const flow = new CheckoutFlow({ tokenUrl: sandbox.tokenUrl, clock, registry, storage: null, fetch: tracker.fetch, adapters: defaultAdapters, ...options });
    flows.push(flow);
    return flow;
  }

  const kamipay = (extra: Partial<CheckoutFlowOptions> = {}) => makeFlow({ ...samplePayments.kamipay, ...extra });

  const conomy = (extra: Partial<CheckoutFlowOptions> = {}) => makeFlow({ ...samplePayments.conomy, ...extra });

  it('kamiPay: QR, payment, exactly one succeeded', async () => {
    const flow = kamipay();
    const seen = observe(flow);
    const outcome = flow.nextOutcome();
    await flow.start();
    expect(flow.state.phase).to.equal('ready');
    const session = flow.state.session!;
    expect(session.presentation).to.include({ kind: 'qr', payload: (sandbox.state.latest('kamipay')!.data as { emv: string }).emv });
    sandbox.state.pay(session.id);
    await clock.advance(2_000);
    const detail = await outcome;
    expect(detail).to.deep.include({ provider: 'kamipay', sessionId: session.id, status: 'succeeded', amount: 1250, currency: 'BRL' });
    await clock.advance(60_000);
    expect(seen.statuses()).to.deep.equal(['pending', 'succeeded']);
    expect(clock.pending).to.equal(0);
  });

  it('processing then succeeded, each status once', async () => {
    const flow = kamipay();
    const seen = observe(flow);
    await flow.start();
    const id = flow.state.session!.id;
    sandbox.state.process(id);
    await clock.advance(2_000);
    await until(flow, (s) => s.phase === 'processing');
    await clock.advance(2_000);
    sandbox.state.pay(id);
    const outcome = flow.nextOutcome();
    await clock.advance(2_000);
    await outcome;
    expect(seen.statuses()).to.deep.equal(['pending', 'processing', 'succeeded']);
  });

  it('expiry: checks the provider once more, then expired exactly once', async () => {
    const flow = kamipay();
    const seen = observe(flow);
    await flow.start();
    const outcome = flow.nextOutcome();
    await clock.advance(60_000);
    expect((await outcome).status).to.equal('expired');
    const checks = sandbox.state.requestsTo('kamipay', 'GET', '/v2/status/tx_status');
    expect(checks.at(-1)!.at).to.equal(flow.state.session!.expiresAt, 'a status check at the expiry instant');
    await clock.advance(120_000);
    expect(seen.statuses()).to.deep.equal(['pending', 'expired']);
  });

  it('a payment that lands at the expiry instant is succeeded, not expired', async () => {
    const flow = kamipay();
    const seen = observe(flow);
    await flow.start();
    const outcome = flow.nextOutcome();
    await clock.advance(59_999);
    sandbox.state.pay(flow.state.session!.id);
    await clock.advance(1);
    expect((await outcome).status).to.equal('succeeded');
    await clock.advance(60_000);
    expect(seen.statuses()).to.deep.equal(['pending', 'succeeded']);
  });

  it('hidden page: the final check before expiry still catches a late payment', async () => {
    registry = new PollRegistry({ clock, crossTab: null, isHidden: () => true, onWake: () => () => {}, random: () => 0.5 });
    const flow = kamipay();
    await flow.start();
    const outcome = flow.nextOutcome();
    await clock.advance(45_000);
    sandbox.state.pay(flow.state.session!.id);
    await clock.advance(15_000);
    expect((await outcome).status).to.equal('succeeded');
    // While hidden the loop checks at most every 30 s: one check at 30 s, then the final check at 60 s.
    expect(sandbox.state.requestsTo('kamipay', 'GET', '/v2/status/tx_status')).to.have.length(2);
  });

  it('two flows on one session: one request in flight, one outcome each', async () => {
    const first = conomy();
    await first.start();
    await until(first, (s) => s.phase === 'choosing');
    const id = first.state.session!.id;
    const a = makeFlow({ provider: 'conomy', sessionId: id });
    const b = makeFlow({ provider: 'conomy', sessionId: id });
    const seenA = observe(a);
    const seenB = observe(b);
    await Promise.all([a.start(), b.start()]);
    first.dispose();
    const gets = () => sandbox.state.requestsTo('conomy', 'GET', `/checkout-sessions/${id}`).length;
    const before = gets();
    await clock.advance(2_000);
    await waitUntil(() => gets() === before + 1);
    sandbox.state.pay(id);
    const outcomes = Promise.all([a.nextOutcome(), b.nextOutcome()]);
    await clock.advance(2_000);
    const [doneA, doneB] = await outcomes;
    expect(doneA.status).to.equal('succeeded');
    expect(doneB.status).to.equal('succeeded');
    expect(gets()).to.equal(before + 2, 'one status request per poll for both flows');
    await clock.advance(30_000);
    expect(seenA.statuses().filter((s) => s === 'succeeded')).to.have.length(1);
    expect(seenB.statuses().filter((s) => s === 'succeeded')).to.have.length(1);
  });

  it('cancel before payment: DELETE at Conomy, cancelled once, a late poll reports nothing', async () => {
    const flow = conomy();
    const seen = observe(flow);
    await flow.start();
    await until(flow, (s) => s.phase === 'choosing');
    const id = flow.state.session!.id;
    // A status check is in flight (slowed down) when the customer closes.
    sandbox.state.fault({ provider: 'conomy', method: 'GET', path: `/checkout-sessions/${id}`, delayMs: 300 });
    await clock.advance(2_000);
    await waitUntil(() => sandbox.state.requestsTo('conomy', 'GET', `/checkout-sessions/${id}`).length === 1);
    await flow.cancel();
    expect(sandbox.state.requestsTo('conomy', 'DELETE', `/checkout-sessions/${id}`)).to.have.length(1);
    expect(flow.state).to.include({ phase: 'done', status: 'cancelled' });
    await clock.advance(60_000);
    expect(seen.statuses()).to.deep.equal(['pending', 'cancelled']);
    expect(clock.pending).to.equal(0);
  });

  it('cancel refused because the payment landed: the outcome is succeeded', async () => {
    const flow = conomy();
    const seen = observe(flow);
    await flow.start();
    await until(flow, (s) => s.phase === 'choosing');
    sandbox.state.pay(flow.state.session!.id);
    await flow.cancel();
    expect(flow.state.status).to.equal('succeeded');
    expect(seen.statuses()).to.deep.equal(['pending', 'succeeded']);
  });

  it('closing while processing does not cancel; the outcome still arrives', async () => {
    const flow = kamipay();
    const seen = observe(flow);
    await flow.start();
    const id = flow.state.session!.id;
    sandbox.state.process(id);
    await clock.advance(2_000);
    await until(flow, (s) => s.phase === 'processing');
    await flow.cancel();
    expect(flow.state.phase).to.equal('processing');
    sandbox.state.pay(id);
    const outcome = flow.nextOutcome();
    await clock.advance(2_000);
    expect((await outcome).status).to.equal('succeeded');
    expect(seen.statuses()).to.deep.equal(['pending', 'processing', 'succeeded']);
  });

  it('Conomy try again after expired: a new session; the old one reports nothing more', async () => {
    const flow = conomy();
    const seen = observe(flow);
    await flow.start();
    await until(flow, (s) => s.phase === 'choosing');
    const oldId = flow.state.session!.id;
    sandbox.state.expire(oldId);
    const expired = flow.nextOutcome();
    await clock.advance(2_000);
    expect((await expired).status).to.equal('expired');
    await flow.retry();
    const newId = flow.state.session!.id;
    expect(newId).to.not.equal(oldId);
    expect(sandbox.state.requestsTo('conomy', 'POST', /\/refresh$/)).to.have.length(1);
    sandbox.state.pay(oldId);
    sandbox.state.pay(newId);
    const paid = flow.nextOutcome();
    await clock.advance(2_000);
    const detail = await paid;
    expect(detail.sessionId).to.equal(newId);
    await clock.advance(30_000);
    expect(seen.details().map((d) => [d.sessionId === oldId ? 'old' : 'new', d.status])).to.deep.equal([
      ['old', 'pending'], ['old', 'expired'], ['new', 'pending'], ['new', 'succeeded'],
    ]);
    expect(sandbox.state.requestsTo('conomy', 'GET', `/checkout-sessions/${oldId}`).at(-1)!.at).to.be.below(clock.now() - 30_000);
  });

  it('Conomy Pix: choosing the method shows the QR of pix.data', async () => {
    const flow = conomy();
    await flow.start();
    await until(flow, (s) => s.phase === 'choosing');
    const pix = flow.state.session!.options!.find((o) => o.type === 'PIX')!;
    await flow.choose(pix.id);
    expect(flow.state.phase).to.equal('ready');
    expect(flow.state.session!.presentation!.kind).to.equal('qr');
    expect((flow.state.session!.presentation as { payload: string }).payload).to.match(/^000201/);
  });

  it('WeWire: the return page settles the flow whose ref matches', async () => {
    const flow = makeFlow({
      provider: 'wewire', amount: 2500, currency: 'USD', assets: ['USDT'], returnUrl: '/shop/return', description: 'Hoodie',
      baseUrl: location.href, pageUrl: location.href,
      order: { customer: { name: 'Ana', email: 'ana@example.com' } },
    });
    const seen = observe(flow);
    await flow.start();
    expect(flow.state.session!.presentation!.kind).to.equal('hosted');
    const body = sandbox.state.requestsTo('wewire', 'POST', '/api/v1/checkout')[0]!.body as { successUrl: string };
    const success = new URL(body.successUrl);
    expect(success.origin).to.equal(location.origin);
    expect(success.searchParams.get('checkout_provider')).to.equal('wewire');
    const ref = success.searchParams.get('checkout_ref')!;
    sandbox.state.pay(flow.state.session!.id);
    const outcome = flow.nextOutcome();
    const channel = new BroadcastChannel(RETURN_CHANNEL);
    channel.postMessage({ provider: 'wewire', ref: 'someone-else', outcome: 'failure' });
    channel.postMessage({ provider: 'wewire', ref, outcome: 'success' });
    channel.close();
    expect((await outcome).status).to.equal('succeeded');
    expect(seen.statuses()).to.deep.equal(['pending', 'succeeded']);
  });

  it('a return page settles a hosted session from its own URL (KaiPay: no status endpoint)', async () => {
    const flow = makeFlow({ provider: 'kaipay', returnMessage: { provider: 'kaipay', ref: 'r-1', outcome: 'failure' } });
    const seen = observe(flow);
    await flow.start();
    expect(seen.details().map((d) => [d.sessionId, d.status])).to.deep.equal([['r-1', 'pending'], ['r-1', 'failed']]);
    expect(sandbox.state.requests).to.have.length(0);
  });

  it('a return page announcing success: the provider has the last word when it can be asked', async () => {
    const first = conomy();
    await first.start();
    await until(first, (s) => s.phase === 'choosing');
    const id = first.state.session!.id;
    first.dispose();
    sandbox.state.fail(id);
    const flow = makeFlow({ provider: 'conomy', sessionId: id, returnMessage: { provider: 'conomy', ref: 'x', outcome: 'success' } });
    const seen = observe(flow);
    await flow.start();
    expect(seen.statuses()).to.deep.equal(['failed']);
  });

  it('a return message of another provider is ignored', async () => {
    const flow = makeFlow({ provider: 'kaipay', sessionId: 'cs_1', returnMessage: { provider: 'wewire', ref: 'r', outcome: 'success' } });
    const seen = observe(flow);
    await flow.start();
    expect(seen.statuses()).to.deep.equal(['pending']);
  });

  it('a return-url of another origin is a config error, before any request', async () => {
    const flow = makeFlow({
      provider: 'kaipay', amount: 100, currency: 'MXN', returnUrl: 'https://evil.example/return', pageUrl: location.href,
      order: { customer: { name: 'A', email: 'a@example.com' }, country: 'MX' },
    });
    const seen = observe(flow);
    await flow.start();
    expect(flow.state.phase).to.equal('error');
    expect(seen.errors().map((e) => e.code)).to.deep.equal(['config']);
    expect(sandbox.state.requests).to.have.length(0);
  });

  it('a bad response stops with invalid_response and a working retry', async () => {
    sandbox.state.fault({ provider: 'kamipay', method: 'POST', path: '/v2/charge/create_dynamic_pix', body: { operation_id: 'x' } });
    const flow = kamipay();
    const seen = observe(flow);
    await flow.start();
    expect(flow.state.phase).to.equal('error');
    expect(seen.errors().map((e) => e.code)).to.deep.equal(['invalid_response']);
    await flow.retry();
    expect(flow.state.phase).to.equal('ready');
    expect(seen.statuses()).to.deep.equal(['pending']);
  });

  it('token endpoint failure → token_failed, then retry succeeds', async () => {
    sandbox.state.fault({ provider: 'token', status: 500 });
    const flow = kamipay();
    const seen = observe(flow);
    await flow.start();
    expect(seen.errors().map((e) => e.code)).to.deep.equal(['token_failed']);
    await flow.retry();
    expect(flow.state.phase).to.equal('ready');
  });

  it('transient polling trouble shows reconnecting without an error event', async () => {
    const flow = kamipay();
    const seen = observe(flow);
    await flow.start();
    sandbox.state.fault({ provider: 'kamipay', method: 'GET', status: 503, times: 2 });
    await clock.advance(2_000);
    await until(flow, (s) => s.reconnecting);
    sandbox.state.pay(flow.state.session!.id);
    const outcome = flow.nextOutcome();
    await clock.advance(30_000);
    expect((await outcome).status).to.equal('succeeded');
    expect(seen.errors()).to.deep.equal([]);
    expect(flow.state.reconnecting).to.be.false;
  });

  it('MALFORMED_LIMIT malformed status bodies in a row stop polling with invalid_response; retry resumes', async () => {
    const flow = kamipay();
    const seen = observe(flow);
    await flow.start();
    sandbox.state.fault({ provider: 'kamipay', method: 'GET', body: 'malformed-json', times: MALFORMED_LIMIT });
    await clock.advance(2_000);
    expect([flow.state.phase, flow.state.reconnecting]).to.deep.equal(['ready', true]);
    await clock.advance(BACKOFF_MAX_MS);
    await until(flow, (s) => s.phase === 'error');
    expect(seen.errors().map((e) => e.code)).to.deep.equal(['invalid_response']);
    sandbox.state.pay(flow.state.session!.id);
    const outcome = flow.nextOutcome();
    await flow.retry();
    expect((await outcome).status).to.equal('succeeded');
  });

  it('a reload during payment resumes the same session instead of creating another', async () => {
    const options = { storage: sessionStorage, resumeKey: 'resume-test' };
    const first = kamipay(options);
    await first.start();
    const { id, presentation } = first.state.session!;
    first.dispose(); // the page goes away
    const second = kamipay(options);
    await second.start();
    expect(second.state.session!.id).to.equal(id);
    expect(second.state.session!.presentation).to.deep.equal(presentation);
    expect(sandbox.state.requestsTo('kamipay', 'POST', '/v2/charge/create_dynamic_pix')).to.have.length(1);
    expect((sandbox.state.requestsTo('token', 'POST').at(-1)!.body as { sessionId: string }).sessionId).to.equal(id);
    sandbox.state.pay(id);
    const outcome = second.nextOutcome();
    await clock.advance(2_000);
    expect((await outcome).status).to.equal('succeeded');
    expect(sessionStorage.getItem('checkout-elements:flow:resume-test')).to.be.null;
  });

  it('start twice starts one session', async () => {
    const flow = kamipay();
    await Promise.all([flow.start(), flow.start(), flow.start()]);
    expect(sandbox.state.requestsTo('token', 'POST')).to.have.length(1);
    expect(sandbox.state.requestsTo('kamipay', 'POST', '/v2/charge/create_dynamic_pix')).to.have.length(1);
  });

  it('dispose stops every timer and request', async () => {
    const flow = kamipay();
    await flow.start();
    flow.dispose();
    await clock.advance(120_000);
    expect(clock.pending).to.equal(0);
    expect(sandbox.state.requestsTo('kamipay', 'GET')).to.have.length(0);
  });

  it('terminal detail carries the raw provider payload', async () => {
    const flow = kamipay();
    await flow.start();
    sandbox.state.pay(flow.state.session!.id);
    const outcome: Promise<CheckoutDetail> = flow.nextOutcome();
    await clock.advance(2_000);
    const detail = await outcome;
    expect(detail.raw).to.deep.include({ status: 'ok' });
  });
});
