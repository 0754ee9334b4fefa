import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import '../src/define.js';
import { CheckoutFlow, type CheckoutFlowOptions } from '../src/core/flow.js';
import { BACKOFF_MAX_MS, MALFORMED_LIMIT, PollRegistry, browserCrossTab, type PollEnvironment } from '../src/core/poll/index.js';
import type { SessionStatusElement } from '../src/elements/session-status/session-status.js';
import { defaultAdapters } from '../src/providers/index.js';
import * as kamipayApi from '../src/providers/kamipay.js';
import { accessFrom } from '../src/providers/shared.js';
import { SandboxState, type Sandbox } from '../demo/sandbox/index.js';
import { setWewireFlavor } from '../demo/sandbox/wewire.js';
import { FakeClock } from './support/fake-clock.js';
import { samplePayments, until } from './support/flows.js';
import { countInFlight, trackFetch } from './support/fetch-tracker.js';
import { sandboxToken, startSandbox } from './support/sandbox.js';
import { RETURN_CHANNEL } from '../src/core/return-page.js';

/**
 * The gaps between events where a checkout loses or misreports an outcome: a timer firing while a
 * status request is on its way, a payment landing during a slow poll, several elements and tabs
 * starting on one session at once. The sandbox holds answers until the test delivers them, and
 * the virtual clock stops waiting for requests (`racing()`), so timers and answers interleave in
 * the order each test chooses.
 */

const STATUS = '/v2/status/tx_status';
const SECOND = 1_000;


function statusesOf(flow: CheckoutFlow) {
  const statuses: string[] = [];
  const errors: string[] = [];
  flow.subscribe((event) => {
    if (event.type === 'status') statuses.push(event.detail.status);
    if (event.type === 'error') errors.push(event.error.code);
  });
  return { statuses, errors };
}

describe('outcome races', () => {
  let sandbox: Sandbox;
  let clock: FakeClock;
  let registry: PollRegistry;
  let tracker: ReturnType<typeof trackFetch>;
  /** While false, the clock moves on without waiting for requests: timers fire while they are out. */
  let waitForRequests: boolean;
  const flows: CheckoutFlow[] = [];

  const env = (extra: Partial<PollEnvironment> = {}): Partial<PollEnvironment> => ({
    clock, crossTab: null, isHidden: () => false, onWake: () => () => {}, random: () => 0.5, ...extra,
  });

  beforeEach(async () => {
    tracker = trackFetch();
    waitForRequests = true;
    clock = new FakeClock(Date.now(), () => !waitForRequests || tracker.idle());
    sandbox = await startSandbox(new SandboxState(() => clock.now()));
    registry = new PollRegistry(env());
    sessionStorage.clear();
  });

  afterEach(async () => {
    for (const flow of flows.splice(0)) flow.dispose();
    waitForRequests = true;
    await clock.settle();
  });

  const racing = () => {
    waitForRequests = false;
  };

  function makeFlow(options: Partial<CheckoutFlowOptions> & Pick<CheckoutFlowOptions, 'provider'>): CheckoutFlow {
    const flow = new CheckoutFlow({
      tokenUrl: sandbox.tokenUrl, clock, registry, storage: null, fetch: tracker.fetch, adapters: defaultAdapters, ...options,
    });
    flows.push(flow);
    return flow;
  }

  const kamipay = (extra: Partial<CheckoutFlowOptions> = {}) => makeFlow({ ...samplePayments.kamipay, ...extra });
  const conomy = (extra: Partial<CheckoutFlowOptions> = {}) => makeFlow({ ...samplePayments.conomy, ...extra });
  const wewire = (extra: Partial<CheckoutFlowOptions> = {}) =>
    makeFlow({
      provider: 'wewire', amount: 2500, currency: 'USD', description: 'Hoodie', assets: ['USDT'],
      returnUrl: `${location.origin}/return`, order: { customer: { name: 'Ana', email: 'ana@example.com' } }, ...extra,
    });

  async function kamipayCharge(expire = 300): Promise<string> {
    const grant = await sandboxToken(sandbox, 'kamipay').get();
    const charge = await kamipayApi.createCharge(accessFrom(grant, {}), { store_id: 1, checkout_id: 1, amount: 1250, currency: 'BRL', expire });
    return charge.operation_id;
  }

  // ---- 1. expiry decided from a fresh read ------------------------------------------------------

  it('1. a payment landing while the last poll is on its way at the expiry instant is succeeded, from a read started after it', async () => {
    const flow = kamipay();
    const seen = statusesOf(flow);
    await flow.start();
    const { id, expiresAt } = flow.state.session!;
    await clock.advance(expiresAt! - clock.now() - 4 * SECOND); // polls every 2 s, all pending

    racing();
    const hold = sandbox.state.hold({ provider: 'kamipay', method: 'GET', path: STATUS });
    await clock.advance(2 * SECOND); // the last poll before the expiry leaves...
    const last = await hold.next();
    expect(last.request.at).to.be.below(expiresAt!);
    await clock.advance(2 * SECOND); // ...and is still out when the QR runs out
    sandbox.state.pay(id); // the payment lands at the expiry instant
    const outcome = flow.nextOutcome();
    last.deliver(); // its answer, "TX not found", was given before the payment

    const fresh = await hold.next();
    expect(fresh.request.at, 'the final read starts at or after the expiry').to.be.at.least(expiresAt!);
    fresh.deliver();
    expect((await outcome).status).to.equal('succeeded');
    expect(seen.statuses).to.deep.equal(['pending', 'succeeded']);
    hold.release();
  });

  it('1. an ordinary WeWire poll that left before the expiry and came back after it does not settle expired', async () => {
    let wake = () => {};
    registry = new PollRegistry(env({ onWake: (listener) => ((wake = listener), () => {}) }));
    const flow = wewire();
    const seen = statusesOf(flow);
    await flow.start();
    const { id, expiresAt } = flow.state.session!;
    // WeWire answers a status we do not know: the adapter reports pending, not a clock-made expired.
    sandbox.state.fault({ provider: 'wewire', method: 'GET', body: { id, status: 'on_hold', expiresAt: new Date(expiresAt!).toISOString() }, times: Infinity });
    await clock.advance(expiresAt! - clock.now() - 100);
    racing();
    const hold = sandbox.state.hold({ provider: 'wewire', method: 'GET' });
    wake(); // back online 100 ms before the end: a poll leaves...
    const early = await hold.next();
    expect(early.request.at).to.be.below(expiresAt!);
    await clock.advance(100); // ...and the expiry fires while it is out
    early.deliver();
    const fresh = await hold.next();
    expect(fresh.request.at).to.be.at.least(expiresAt!);
    expect(seen.statuses, 'nothing settled on the early answer').to.deep.equal(['pending']);
    hold.release();
    expect(sandbox.state.requestsTo('wewire', 'POST', `/api/v1/checkout/${id}/expire`), 'not yet told').to.have.length(0);
    const outcome = flow.nextOutcome();
    expect((await outcome).status).to.equal('expired');
    expect(sandbox.state.requestsTo('wewire', 'POST', `/api/v1/checkout/${id}/expire`), 'then told').to.have.length(1);
  });

  // ---- 2. expire and cancel calls ---------------------------------------------------------------

  it('2. a WeWire session without status is told it is over (POST expire) before checkout-expired', async () => {
    setWewireFlavor(sandbox.state, { sessionHasStatus: false });
    const flow = wewire();
    await flow.start();
    const { id, expiresAt, pollable } = flow.state.session!;
    expect(pollable).to.equal(false);
    let expireSentBeforeOutcome = false;
    const outcome = flow.nextOutcome().then((detail) => {
      expireSentBeforeOutcome = sandbox.state.requestsTo('wewire', 'POST', `/api/v1/checkout/${id}/expire`).length === 1;
      return detail;
    });
    await clock.advance(expiresAt! - clock.now());
    expect((await outcome).status).to.equal('expired');
    expect(expireSentBeforeOutcome).to.equal(true);
    expect(sandbox.state.session(id)!.outcome).to.equal('expired');
  });

  it('2. an expire call the provider refuses re-reads the status: a session paid meanwhile is succeeded', async () => {
    const flow = wewire();
    await flow.start();
    const { id, expiresAt } = flow.state.session!;
    // This WeWire keeps saying pending past expiresAt until it is told (its status is [inferred]).
    sandbox.state.fault({ provider: 'wewire', method: 'GET', body: { id, status: 'pending' }, times: Infinity });
    await clock.advance(expiresAt! - clock.now() - 1); // polls answered; none is out
    racing();
    const hold = sandbox.state.hold({ provider: 'wewire', method: 'GET' });
    await clock.advance(1);
    await hold.next(); // the final read, started at the expiry (its answer: pending)
    // The payment lands between the final read (pending) and the expire call: WeWire refuses it.
    sandbox.state.faults = [];
    sandbox.state.pay(id);
    const outcome = flow.nextOutcome();
    hold.release();
    expect((await outcome).status).to.equal('succeeded');
    expect(sandbox.state.requestsTo('wewire', 'POST', `/api/v1/checkout/${id}/expire`)).to.have.length(1);
  });

  it('2. a WeWire session without status, paid in its last second: the refused expire stops with a retry, not expired, and the return page is heard', async () => {
    setWewireFlavor(sandbox.state, { sessionHasStatus: false });
    const flow = wewire();
    const seen = statusesOf(flow);
    await flow.start();
    const { id, expiresAt } = flow.state.session!;
    await clock.advance(expiresAt! - clock.now() - 1);
    sandbox.state.pay(id); // paid in the popup, whose return page has not loaded yet
    await clock.advance(1); // the end: WeWire refuses to expire a completed checkout
    expect(sandbox.state.requestsTo('wewire', 'POST', `/api/v1/checkout/${id}/expire`)).to.have.length(1);
    expect(seen.statuses, 'never declared expired unconfirmed').to.deep.equal(['pending']);
    expect([flow.state.phase, seen.errors]).to.deep.equal(['error', ['provider_error']]);
    const outcome = flow.nextOutcome();
    const channel = new BroadcastChannel(RETURN_CHANNEL);
    channel.postMessage({ provider: 'wewire', ref: flow.ref, outcome: 'success' });
    channel.close();
    expect((await outcome).status).to.equal('succeeded');
  });

  it('2. a cancel the provider did not confirm re-reads the status: paid meanwhile is succeeded', async () => {
    const flow = conomy();
    await flow.start();
    const session = flow.state.session!;
    await flow.choose(session.options!.find((option) => option.type === 'PIX')!.id);
    sandbox.state.pay(session.id);
    sandbox.state.fault({ provider: 'conomy', method: 'DELETE', status: 409 });
    const outcome = flow.nextOutcome();
    await flow.cancel();
    expect((await outcome).status).to.equal('succeeded');
  });

  for (const fault of [{ status: 503 }, { network: true }] as const) {
    it(`2. a cancel that fails (${fault.network ? 'network' : 'HTTP 503'}) on a session still pending: checkout-error, followed on, paid a moment later is succeeded`, async () => {
      const flow = conomy();
      const seen = statusesOf(flow);
      await flow.start();
      const session = flow.state.session!;
      await flow.choose(session.options!.find((option) => option.type === 'PIX')!.id);
      sandbox.state.fault({ provider: 'conomy', method: 'DELETE', ...fault });
      await flow.cancel();
      expect(sandbox.state.session(session.id)!.outcome, 'still payable at Conomy').to.equal('pending');
      expect(seen.errors).to.deep.equal([fault.network ? 'network' : 'provider_error']);
      expect(flow.state.phase, 'its QR is shown again if the modal opens').to.equal('ready');
      sandbox.state.pay(session.id); // the Pix the customer had already scanned
      const outcome = flow.nextOutcome();
      await clock.advance(5 * SECOND);
      expect((await outcome).status).to.equal('succeeded');
      expect(seen.statuses).to.deep.equal(['pending', 'succeeded']);
    });
  }

  it('2. a WeWire cancel refused (paid, no status field to say so): the return page\'s success is still heard', async () => {
    setWewireFlavor(sandbox.state, { sessionHasStatus: false });
    const flow = wewire();
    const seen = statusesOf(flow);
    await flow.start();
    const { id } = flow.state.session!;
    sandbox.state.pay(id); // paid in the popup, whose return page has not loaded yet
    await flow.cancel();
    expect(sandbox.state.requestsTo('wewire', 'POST', `/api/v1/checkout/${id}/cancel`)).to.have.length(1);
    expect(seen.statuses, 'not cancelled').to.deep.equal(['pending']);
    const outcome = flow.nextOutcome();
    const channel = new BroadcastChannel(RETURN_CHANNEL);
    channel.postMessage({ provider: 'wewire', ref: flow.ref, outcome: 'success' });
    channel.close();
    expect((await outcome).status).to.equal('succeeded');
    expect(seen.statuses).to.deep.equal(['pending', 'succeeded']);
  });

  // ---- 3. malformed polls are transient ---------------------------------------------------------

  it('3. a malformed poll answer shows reconnecting and a payment a second later is still reported', async () => {
    const flow = kamipay({ expire: 600 });
    const seen = statusesOf(flow);
    await flow.start();
    sandbox.state.fault({ provider: 'kamipay', method: 'GET', path: STATUS, body: 'malformed-json' });
    await clock.advance(2 * SECOND);
    expect([flow.state.phase, flow.state.reconnecting]).to.deep.equal(['ready', true]);
    sandbox.state.pay(flow.state.session!.id);
    const outcome = flow.nextOutcome();
    await clock.advance(BACKOFF_MAX_MS);
    expect((await outcome).status).to.equal('succeeded');
    expect(seen.statuses).to.deep.equal(['pending', 'succeeded']);
    expect(seen.errors).to.deep.equal([]);
  });

  it('3. MALFORMED_LIMIT malformed answers in a row stop with one invalid_response and a retry; a malformed create stays fatal', async () => {
    const flow = kamipay({ expire: 600 });
    const seen = statusesOf(flow);
    await flow.start();
    sandbox.state.fault({ provider: 'kamipay', method: 'GET', path: STATUS, body: { status: 'weird' }, times: MALFORMED_LIMIT });
    await clock.advance(2 * SECOND + BACKOFF_MAX_MS);
    await until(flow, (state) => state.phase === 'error');
    expect(seen.errors).to.deep.equal(['invalid_response']);
    sandbox.state.pay(flow.state.session!.id);
    const outcome = flow.nextOutcome();
    await flow.retry();
    expect((await outcome).status).to.equal('succeeded');

    const create = kamipay();
    const created = statusesOf(create);
    sandbox.state.fault({ provider: 'kamipay', method: 'POST', path: '/v2/charge/create_dynamic_pix', body: 'malformed-json' });
    await create.start();
    expect([create.state.phase, created.errors]).to.deep.equal(['error', ['invalid_response']]);
  });

  // ---- 4. one request in flight from the first read ---------------------------------------------

  it('4. three <session-status> on one session: one request in flight, first read and wake re-checks included', async () => {
    const id = await kamipayCharge();
    const inFlight = countInFlight(tracker.fetch, (url) => url.includes(STATUS));
    let wake = () => {};
    registry = new PollRegistry(env({ onWake: (listener) => ((wake = listener), () => {}) }));
    racing();
    const hold = sandbox.state.hold({ provider: 'kamipay', method: 'GET', path: STATUS });
    const elements: SessionStatusElement[] = [];
    for (let i = 0; i < 3; i++) {
      const el = document.createElement('session-status');
      el.setAttribute('provider', 'kamipay');
      el.setAttribute('session-id', id);
      el.setAttribute('token-url', sandbox.tokenUrl);
      el.flowOverrides = { clock, registry, fetch: inFlight.fetch };
      document.body.append(el);
      elements.push(el);
    }
    const first = await hold.next();
    await Promise.all(elements.map((el) => el.updateComplete));
    await clock.settle();
    expect(inFlight.max).to.equal(1);
    first.deliver();
    await waitUntil(() => elements.every((el) => el.status === 'pending'), 'all three show pending');

    sandbox.state.pay(id);
    wake(); // the page comes back online / visible
    const recheck = await hold.next();
    await clock.settle();
    expect([inFlight.max, inFlight.started]).to.deep.equal([1, 2]);
    recheck.deliver();
    await waitUntil(() => elements.every((el) => el.status === 'succeeded'), 'all three succeeded');
    expect([inFlight.max, inFlight.started]).to.deep.equal([1, 2]);
    hold.release();
    elements.forEach((el) => el.remove());
  });

  it('4. two tabs on one session: one request in flight, first reads and wake re-checks included', async () => {
    const id = await kamipayCharge();
    const channel = `checkout-elements:race-${Date.now()}-${Math.random()}`;
    const inFlight = countInFlight(tracker.fetch, (url) => url.includes(STATUS));
    const wakes: (() => void)[] = [];
    const tab = () =>
      new PollRegistry(env({ crossTab: browserCrossTab(channel), onWake: (listener) => (wakes.push(listener), () => {}) }));
    const follower = (tabRegistry: PollRegistry) =>
      makeFlow({ provider: 'kamipay', sessionId: id, registry: tabRegistry, fetch: inFlight.fetch });
    racing();
    const hold = sandbox.state.hold({ provider: 'kamipay', method: 'GET', path: STATUS });
    const a = follower(tab());
    const b = follower(tab());
    const started = [a.start(), b.start()];
    const first = await hold.next();
    await clock.settle();
    expect(inFlight.max).to.equal(1);
    first.deliver();
    await Promise.all(started);
    expect([a.state.status, b.state.status]).to.deep.equal(['pending', 'pending']);
    expect(inFlight.started).to.equal(1);

    sandbox.state.pay(id);
    wakes.forEach((wake) => wake()); // online fires in every tab at once
    const recheck = await hold.next();
    await clock.settle();
    expect(inFlight.max).to.equal(1);
    recheck.deliver();
    const outcomes = await Promise.all([a.nextOutcome(), b.nextOutcome()]);
    expect(outcomes.map((detail) => detail.status)).to.deep.equal(['succeeded', 'succeeded']);
    expect([inFlight.max, inFlight.started]).to.deep.equal([1, 2]);
    hold.release();
  });

  // ---- 5. found by reading the code -------------------------------------------------------------

  it('5. a Conomy session resumed while the method list shows can still be paid', async () => {
    const options = { storage: sessionStorage, resumeKey: 'race-resume' };
    const first = conomy(options);
    await first.start();
    expect(first.state.phase).to.equal('choosing');
    const pix = first.state.session!.options!.find((option) => option.type === 'PIX')!;
    first.dispose(); // reload
    const second = conomy(options);
    const seen = statusesOf(second);
    await second.start();
    expect(second.state.phase).to.equal('choosing');
    await second.choose(pix.id);
    expect(seen.errors).to.deep.equal([]);
    expect([second.state.phase, second.state.session!.presentation?.kind]).to.deep.equal(['ready', 'qr']);
  });

  it('5. a reading that moves expiresAt re-arms the expiry', async () => {
    const flow = conomy();
    await flow.start();
    await flow.choose(flow.state.session!.options!.find((option) => option.type === 'CARD')!.id);
    const { id, expiresAt } = flow.state.session!;
    const later = expiresAt! + 5 * 60 * SECOND;
    const stored = sandbox.state.session<{ expiresAt: string }>(id)!;
    stored.expiresAt = later;
    stored.data.expiresAt = new Date(later).toISOString();
    const outcome = flow.nextOutcome();
    await clock.advance(expiresAt! - clock.now() + SECOND);
    expect(flow.state.phase, 'not expired at the old end').to.not.equal('done');
    expect(flow.state.session!.expiresAt).to.equal(later);
    await clock.advance(later - clock.now());
    expect((await outcome).status).to.equal('expired');
    expect(sandbox.state.requestsTo('conomy', 'GET').at(-1)!.at).to.be.at.least(later);
  });

  it('5. kamiPay answering a top-level failed with another msg stops with provider_error, not pending forever', async () => {
    const flow = kamipay({ expire: 600 });
    const seen = statusesOf(flow);
    await flow.start();
    sandbox.state.fault({ provider: 'kamipay', method: 'GET', path: STATUS, body: { status: 'failed', msg: 'Store disabled' } });
    await clock.advance(2 * SECOND);
    await until(flow, (state) => state.phase === 'error');
    expect(seen.errors).to.deep.equal(['provider_error']);
    expect(flow.state.error!.message).to.contain('Store disabled');
  });

  it('5. an attached kamiPay charge ends after its expire (default 300 s), not after 24 h', async () => {
    const id = await kamipayCharge();
    const flow = makeFlow({ provider: 'kamipay', sessionId: id });
    await flow.start();
    const attachedAt = clock.now();
    expect(flow.state.session!.expiresAt).to.equal(attachedAt + 300 * SECOND);
    const outcome = flow.nextOutcome();
    await clock.advance(300 * SECOND);
    expect((await outcome).status).to.equal('expired');
    expect(sandbox.state.requestsTo('kamipay', 'GET', STATUS).at(-1)!.at).to.equal(attachedAt + 300 * SECOND);
  });
  // ---- 6. found by the outcome audit ------------------------------------------------------------

  it('6. closing during "try again" after expired (new charge in flight) ends cancelled, not a spinner forever', async () => {
    const flow = kamipay();
    const seen = statusesOf(flow);
    await flow.start();
    const expired = flow.nextOutcome();
    await clock.advance(60 * SECOND);
    expect((await expired).status).to.equal('expired');
    racing();
    const hold = sandbox.state.hold({ provider: 'kamipay', method: 'POST', path: '/v2/charge/create_dynamic_pix' });
    void flow.retry();
    await hold.next(); // the new charge is on its way
    const cancelled = flow.nextOutcome();
    await flow.cancel();
    hold.release();
    await clock.settle();
    expect(flow.state.phase).to.equal('done');
    expect((await cancelled).status).to.equal('cancelled');
    expect(seen.statuses).to.deep.equal(['pending', 'expired', 'cancelled']);
  });
  /** A Conomy flow whose Pix choice is on its way, its answer held; the clock no longer waits for it. */
  async function submittingPix(flow: CheckoutFlow) {
    await flow.start();
    const session = flow.state.session!;
    racing();
    const hold = sandbox.state.hold({ provider: 'conomy', method: 'POST', path: `/checkout-sessions/${session.id}/payments` });
    const pix = session.options!.find((option) => option.type === 'PIX')!.id;
    const chosen = flow.choose(pix);
    return { session, hold, pix, chosen, submitted: await hold.next() };
  }

  it('6. a poll answering while the chosen method is being submitted keeps the spinner, not the method list', async () => {
    const flow = conomy();
    const { session, hold, pix, chosen, submitted } = await submittingPix(flow);
    await clock.advance(2 * SECOND); // a poll answers "pending" meanwhile
    await waitUntil(() => flow.state.session!.raw !== session.raw, 'the poll answered');
    expect(flow.state.phase, 'still submitting').to.equal('loading');
    await flow.choose(pix); // a second click
    submitted.deliver();
    hold.release();
    await chosen;
    expect([flow.state.phase, flow.state.session!.presentation?.kind]).to.deep.equal(['ready', 'qr']);
    expect(sandbox.state.requestsTo('conomy', 'POST', `/checkout-sessions/${session.id}/payments`), 'one payment submitted').to.have.length(1);
  });
  it('6. the session ends while the chosen method is being submitted: its late answer shows nothing again', async () => {
    const flow = conomy();
    const seen = statusesOf(flow);
    const { session, hold, chosen, submitted } = await submittingPix(flow);
    await clock.advance(session.expiresAt! - clock.now() + SECOND);
    await until(flow, (state) => state.phase === 'done');
    submitted.deliver();
    hold.release();
    await chosen;
    expect([flow.state.phase, flow.state.status, flow.state.session!.presentation]).to.deep.equal(['done', 'expired', undefined]);
    const requests = sandbox.state.requests.length;
    await clock.advance(30 * SECOND);
    expect(sandbox.state.requests.length, 'nothing follows the ended session').to.equal(requests);
    expect(seen).to.deep.equal({ statuses: ['pending', 'expired'], errors: [] });
  });

  it('6. back on the return page (redirect) after the session\'s end: the outcome the customer paid for is still reported', async () => {
    const payment: CheckoutFlowOptions = {
      provider: 'kaipay', tokenUrl: sandbox.tokenUrl, amount: 21000, currency: 'MXN', returnUrl: '/return', baseUrl: location.href, pageUrl: location.href,
      storage: sessionStorage, resumeKey: 'race-return-late',
      order: { customer: { name: 'Ana', email: 'ana@example.com' }, country: 'MX', items: [{ description: 'Tacos', amount: 21000, quantity: 1 }] },
    };
    const first = makeFlow(payment);
    await first.start();
    const { id, expiresAt } = first.state.session!;
    const body = sandbox.state.requestsTo('kaipay', 'POST', '/client-session')[0]!.body as { success_redirect_url: string };
    first.dispose(); // the page navigates to KaiPay's hosted page
    await clock.advance(expiresAt! - clock.now() + 5 * SECOND); // paid at the last minute, back a few seconds late
    const back = makeFlow({ ...payment, pageUrl: body.success_redirect_url });
    const seen = statusesOf(back);
    await back.start();
    expect(back.state.session?.id).to.equal(id);
    expect(seen.statuses).to.deep.equal(['pending', 'succeeded']);
    expect(sandbox.state.requestsTo('kaipay', 'POST', '/client-session'), 'no second session').to.have.length(1);
  });
  it('6. back late on the return page of a pollable WeWire session: the provider is asked, and the clock tells it nothing', async () => {
    const options = { storage: sessionStorage, resumeKey: 'race-return-late-wewire', baseUrl: location.href, pageUrl: location.href };
    const first = wewire(options);
    await first.start();
    const { id, expiresAt, pollable } = first.state.session!;
    expect(pollable).to.equal(true);
    const body = sandbox.state.requestsTo('wewire', 'POST', '/api/v1/checkout')[0]!.body as { successUrl: string };
    first.dispose();
    await clock.advance(expiresAt! - clock.now() + 5 * SECOND);
    // WeWire still reads the session as open (the payment is being confirmed): the return page's success stands.
    sandbox.state.fault({ provider: 'wewire', method: 'GET', body: { id, status: 'open' }, times: Infinity });
    racing();
    const hold = sandbox.state.hold({ provider: 'wewire', method: 'GET' });
    const back = wewire({ ...options, pageUrl: body.successUrl });
    const seen = statusesOf(back);
    const started = back.start();
    await hold.next(); // the return page's check with WeWire is out...
    await clock.advance(0); // ...when the expiry, long past, comes due (a browser runs it at once)
    hold.release();
    await started;
    await clock.advance(SECOND);
    expect(seen.statuses).to.deep.equal(['pending', 'succeeded']);
    expect(sandbox.state.requestsTo('wewire', 'POST', `/api/v1/checkout/${id}/expire`), 'not told to expire').to.have.length(0);
  });
  it('6. closed while the create call is out: cancelled once, and its late answer reports nothing', async () => {
    const flow = kamipay();
    const seen = statusesOf(flow);
    racing();
    const hold = sandbox.state.hold({ provider: 'kamipay', method: 'POST', path: '/v2/charge/create_dynamic_pix' });
    const started = flow.start();
    await hold.next();
    await flow.cancel();
    await flow.cancel(); // Escape, then the close button
    hold.release();
    await started;
    await clock.advance(10 * SECOND);
    expect([flow.state.phase, flow.state.session]).to.deep.equal(['done', undefined]);
    expect(seen).to.deep.equal({ statuses: ['cancelled'], errors: [] });
    expect(sandbox.state.requestsTo('kamipay', 'GET', STATUS), 'nothing followed').to.have.length(0);
  });
});
