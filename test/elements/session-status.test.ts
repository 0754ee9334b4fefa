import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import '../../src/define.js';
import type { SessionStatusElement } from '../../src/elements/session-status/session-status.js';
import { sessionStatusMessages } from '../../src/elements/session-status/session-status.messages.js';
import { sharedMessages } from '../../src/core/messages.js';
import { BACKOFF_MAX_MS, MALFORMED_LIMIT, POLL_MEDIUM_MS, PollRegistry } from '../../src/core/poll/index.js';
import type { CheckoutStatus, ProviderId } from '../../src/core/status.js';
import type { TokenRequest } from '../../src/core/token.js';
import { accessFrom } from '../../src/providers/shared.js';
import * as kamipay from '../../src/providers/kamipay.js';
import * as conomy from '../../src/providers/conomy-api.js';
import * as wewire from '../../src/providers/wewire-api.js';
import { SandboxState, type Sandbox } from '../../demo/sandbox/index.js';
import { setWewireFlavor } from '../../demo/sandbox/wewire.js';
import { FakeClock } from '../support/fake-clock.js';
import { trackFetch } from '../support/fetch-tracker.js';
import { HOSTILE, deepText, nothingExecuted, recordEvents, statusStates } from '../support/elements.js';
import { sandboxToken, startSandbox } from '../support/sandbox.js';

type Mounted = { el: SessionStatusElement; events: ReturnType<typeof recordEvents> };
type PollableProvider = 'kamipay' | 'conomy' | 'wewire';

const TERMINAL_EVENT: Record<string, string> = {
  succeeded: 'checkout-success',
  failed: 'checkout-failure',
  expired: 'checkout-expired',
  cancelled: 'checkout-cancel',
};
const TERMINAL_EVENTS = Object.values(TERMINAL_EVENT);

/** The path each provider's status GET is recorded under. */
const STATUS_PATH: Record<PollableProvider, (id: string) => string> = {
  kamipay: () => '/v2/status/tx_status',
  conomy: (id) => `/checkout-sessions/${id}`,
  wewire: (id) => `/api/v1/checkout/sessions/${id}`,
};

describe('<session-status>', () => {
  let sandbox: Sandbox;
  let clock: FakeClock;
  let registry: PollRegistry;
  let tracker: ReturnType<typeof trackFetch>;
  let container: HTMLElement;

  beforeEach(async () => {
    tracker = trackFetch();
    clock = new FakeClock(Date.now(), tracker.idle);
    sandbox = await startSandbox(new SandboxState(() => clock.now()));
    registry = new PollRegistry({ clock, crossTab: null, isHidden: () => false, onWake: () => () => {}, random: () => 0.5 });
    container = document.createElement('div');
    document.body.append(container);
  });

  afterEach(async () => {
    // Nothing of this test may still be on its way to the next test's sandbox.
    await clock.settle();
    container.remove();
  });

  // ---- helpers ---------------------------------------------------------------------------------

  /** A new element, its events recorded from before it connects; `virtual`: the flow runs on the FakeClock. */
  async function mount(attributes: Record<string, string>, { virtual = true, parent = container } = {}): Promise<Mounted> {
    const el = document.createElement('session-status');
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    if (virtual) el.flowOverrides = { clock, registry, fetch: tracker.fetch };
    const events = recordEvents(el);
    parent.append(el);
    await el.updateComplete;
    return { el, events };
  }

  const follow = (provider: ProviderId, sessionId: string, extra: Record<string, string> = {}) =>
    mount({ provider, 'session-id': sessionId, 'token-url': sandbox.tokenUrl, ...extra });

  async function shown(el: SessionStatusElement, status: CheckoutStatus): Promise<void> {
    await waitUntil(() => el.status === status, `status ${status} shown`);
    await el.updateComplete;
  }

  const part = (el: SessionStatusElement, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
  const label = (el: SessionStatusElement) => part(el, 'label')?.textContent?.trim();
  const liveText = (el: SessionStatusElement) => el.shadowRoot!.querySelector('[role=status]')!.textContent!.replace(/\s+/g, ' ').trim();
  const statuses = (events: Mounted['events']) => events.of('checkout-status').map((e) => e.detail.status);
  const terminalTypes = (events: Mounted['events']) => events.types().filter((type) => TERMINAL_EVENTS.includes(type));

  async function access(provider: ProviderId, body: Partial<TokenRequest> = {}) {
    const grant = await sandboxToken(sandbox, provider, body).get();
    return { grant, api: accessFrom(grant, {}) };
  }

  /** Sessions made through the provider clients, as a merchant's checkout would have made them. */
  const create: Record<PollableProvider, () => Promise<string>> = {
    async kamipay() {
      const { api } = await access('kamipay');
      const charge = await kamipay.createCharge(api, { store_id: 1, checkout_id: 1, amount: 1250, currency: 'BRL', expire: 300 });
      return charge.operation_id;
    },
    async conomy() {
      const { api, grant } = await access('conomy', {
        amount: 21000, currency: 'MXN', order: { items: [{ description: 'Tacos', amount: 21000, quantity: 1 }] },
      });
      return (await conomy.openPaymentLinkSession(api, grant.checkoutToken!)).id;
    },
    async wewire() {
      const { api } = await access('wewire');
      const created = await wewire.createCheckout(api, {
        amount: 25, currency: 'USD', successUrl: `${location.origin}/ok`, cancelUrl: `${location.origin}/cancel`,
        email: 'ana@example.com', name: 'Ana', metadata: {}, productId: 'p1', productName: 'Hoodie',
        productDescription: 'A hoodie', allowedAssets: ['USDT'],
      });
      return created.id!;
    },
  };

  const statusGets = (provider: PollableProvider, id: string) =>
    sandbox.state.requestsTo(provider, 'GET', STATUS_PATH[provider](id)).filter((r) => provider !== 'kamipay' || r.query.id === id);

  // ---- each provider, each outcome -------------------------------------------------------------

  /** What each provider lets a follower observe (kamiPay never reports expiry and cannot cancel). */
  const outcomes: [PollableProvider, 'pay' | 'fail' | 'expire' | 'cancel', CheckoutStatus][] = [
    ['kamipay', 'pay', 'succeeded'],
    ['kamipay', 'fail', 'failed'],
    ['conomy', 'pay', 'succeeded'],
    ['conomy', 'fail', 'failed'],
    ['conomy', 'expire', 'expired'],
    ['wewire', 'pay', 'succeeded'],
    ['wewire', 'fail', 'failed'],
    ['wewire', 'expire', 'expired'],
    ['wewire', 'cancel', 'cancelled'],
  ];

  for (const [provider, action, status] of outcomes) {
    it(`${provider}: pending, then ${status} — shown, announced, one ${TERMINAL_EVENT[status]}`, async () => {
      const id = await create[provider]();
      const { el, events } = await follow(provider, id, { locale: 'en' });
      await shown(el, 'pending');
      expect(label(el)).to.equal('Waiting for payment');
      expect(part(el, 'icon')!.classList.contains('icon-pending')).to.equal(true);
      expect(el.shadowRoot!.querySelector('[role=status]')!.contains(part(el, 'label'))).to.equal(true);
      await expect(el).to.be.accessible();
      const attach = statusGets(provider, id)[0]!;
      expect(attach.headers[provider === 'wewire' ? 'ww-api-key' : 'authorization']).to.match(/sbx_/);

      sandbox.state[action](id);
      await clock.advance(2_000);
      await shown(el, status);
      expect(label(el)).to.equal(sharedMessages.en[`status.${status}`]);
      expect(part(el, 'icon')!.classList.contains(`icon-${status}`)).to.equal(true);
      expect(el.matches(`:state(${status})`) && !el.matches(':state(pending)')).to.equal(true, 'CSS custom state');
      expect(statusStates(el)).to.deep.equal([status]);
      await expect(el).to.be.accessible();

      expect(statuses(events)).to.deep.equal(['pending', status]);
      expect(terminalTypes(events)).to.deep.equal([TERMINAL_EVENT[status]]);
      const terminal = events.of(TERMINAL_EVENT[status] as 'checkout-success')[0]!;
      expect(terminal.detail).to.deep.include({ provider, sessionId: id, status });
      expect(terminal.bubbles && terminal.composed).to.equal(true);
      expect(terminal.target).to.equal(el);

      // Terminal: polling stopped, nothing more happens.
      const requests = sandbox.state.requests.length;
      await clock.advance(120_000);
      expect(sandbox.state.requests.length).to.equal(requests);
      expect(events.events.length).to.equal(3);
    });
  }

  for (const provider of ['kamipay', 'conomy', 'wewire'] as const) {
    it(`${provider}: processing is shown and announced, then succeeded`, async () => {
      const id = await create[provider]();
      const { el, events } = await follow(provider, id, { locale: 'en' });
      await shown(el, 'pending');
      sandbox.state.process(id);
      await clock.advance(2_000);
      await shown(el, 'processing');
      expect(liveText(el)).to.equal('Confirming payment');
      await expect(el).to.be.accessible();
      sandbox.state.pay(id);
      await clock.advance(2_000);
      await shown(el, 'succeeded');
      expect(statuses(events)).to.deep.equal(['pending', 'processing', 'succeeded']);
      expect(events.of('checkout-success')).to.have.length(1);
    });
  }

  it('conomy: the detail carries the session amount and currency', async () => {
    const id = await create.conomy();
    const { el, events } = await follow('conomy', id);
    await shown(el, 'pending');
    expect(events.of('checkout-status')[0]!.detail).to.deep.include({ provider: 'conomy', sessionId: id, amount: 21000, currency: 'MXN' });
  });

  it('conomy: a session deleted through the client ends the follow with the status Conomy reports', async () => {
    const id = await create.conomy();
    const { el, events } = await follow('conomy', id);
    await shown(el, 'pending');
    const { api } = await access('conomy');
    await conomy.deleteCheckoutSession(api, id);
    expect(sandbox.state.requestsTo('conomy', 'DELETE', `/checkout-sessions/${id}`)).to.have.length(1);
    await clock.advance(2_000);
    // Conomy has no cancelled status: a deleted session reads EXPIRED to anyone but the deleter,
    // and only the flow that sent the DELETE knows to call it cancelled (docs/providers/conomy.md).
    await shown(el, 'expired');
    expect(terminalTypes(events)).to.deep.equal(['checkout-expired']);
  });

  it('follows with the real clock and the page registry by default (first poll after 2 s)', async () => {
    const id = await create.kamipay();
    const { el, events } = await mount({ provider: 'kamipay', 'session-id': id, 'token-url': sandbox.tokenUrl }, { virtual: false });
    await shown(el, 'pending');
    sandbox.state.pay(id);
    const success = await oneEvent(el, 'checkout-success');
    // kamiPay cannot read a charge back, so a follower knows no amount.
    expect(success.detail).to.deep.include({ provider: 'kamipay', sessionId: id, status: 'succeeded' });
    await el.updateComplete;
    expect(label(el)).to.equal('Payment received');
    expect(statuses(events)).to.deep.equal(['pending', 'succeeded']);
    expect(statusGets('kamipay', id)).to.have.length(2);
  });

  // ---- sharing, stopping ----------------------------------------------------------------------

  it('two elements on one session: one request per poll, one checkout-success each', async () => {
    const id = await create.conomy();
    const a = await follow('conomy', id);
    const b = await follow('conomy', id);
    await shown(a.el, 'pending');
    await shown(b.el, 'pending');
    const attaches = statusGets('conomy', id).length;
    expect(attaches).to.equal(1, 'the first read is shared too');
    await clock.advance(2_000);
    expect(statusGets('conomy', id)).to.have.length(attaches + 1);
    sandbox.state.pay(id);
    await clock.advance(2_000);
    expect(statusGets('conomy', id)).to.have.length(attaches + 2);
    await shown(a.el, 'succeeded');
    await shown(b.el, 'succeeded');
    for (const { events } of [a, b]) {
      expect(events.of('checkout-success')).to.have.length(1);
      expect(events.of('checkout-success')[0]!.detail).to.deep.include({ provider: 'conomy', sessionId: id, status: 'succeeded' });
      expect(statuses(events)).to.deep.equal(['pending', 'succeeded']);
    }
    await clock.advance(60_000);
    expect(statusGets('conomy', id)).to.have.length(attaches + 2);
  });

  it('elements joining a followed session one by one share its reads: none more on attach, one at its end', async () => {
    const id = await create.kamipay();
    const mounted: Mounted[] = [];
    for (let i = 0; i < 5; i++) {
      const joined = await follow('kamipay', id);
      await shown(joined.el, 'pending');
      mounted.push(joined);
    }
    expect(statusGets('kamipay', id)).to.have.length(1, 'the later elements take the running poll\'s reading');
    await clock.advance(10 * 60_000);
    for (const { el, events } of mounted) {
      await shown(el, 'expired');
      expect(terminalTypes(events)).to.deep.equal(['checkout-expired']);
    }
    const instants = statusGets('kamipay', id).map((request) => request.at);
    expect(instants.length).to.be.greaterThan(20);
    expect(instants.length - new Set(instants).size).to.equal(0, 'one check per instant, the end\'s re-read too');
  });

  it('removing the element stops polling: no request, no timer, no event after removal', async () => {
    const id = await create.conomy();
    const { el, events } = await follow('conomy', id);
    await shown(el, 'pending');
    await clock.advance(2_000);
    const requests = sandbox.state.requests.length;
    el.remove();
    sandbox.state.pay(id);
    await clock.advance(120_000);
    expect(sandbox.state.requests.length).to.equal(requests);
    expect(clock.pending).to.equal(0);
    expect(registry.activeKeys).to.deep.equal([]);
    expect(statuses(events)).to.deep.equal(['pending']);
  });

  it('put back after its outcome, it still shows the outcome and fires nothing again', async () => {
    const id = await create.conomy();
    const { el, events } = await follow('conomy', id, { locale: 'en' });
    await shown(el, 'pending');
    sandbox.state.pay(id);
    await clock.advance(2_000);
    await shown(el, 'succeeded');
    const requests = sandbox.state.requests.length;
    const elsewhere = document.createElement('section');
    container.append(elsewhere);
    elsewhere.append(el);
    await el.updateComplete;
    await clock.advance(10_000);
    expect(label(el)).to.equal('Payment received');
    expect(sandbox.state.requests.length).to.equal(requests);
    expect(events.of('checkout-success')).to.have.length(1);
  });

  it('moved before its outcome (out and back in one task), it goes on following with no request redone', async () => {
    const id = await create.wewire();
    const { el, events } = await follow('wewire', id);
    await shown(el, 'pending');
    const elsewhere = document.createElement('section');
    container.append(elsewhere);
    elsewhere.append(el);
    await el.updateComplete;
    expect(statusGets('wewire', id)).to.have.length(1);
    sandbox.state.pay(id);
    await clock.advance(2_000);
    await shown(el, 'succeeded');
    expect(statusGets('wewire', id)).to.have.length(2);
    expect(events.of('checkout-success')).to.have.length(1);
  });

  it('put back before its outcome, it follows again', async () => {
    const id = await create.wewire();
    const { el, events } = await follow('wewire', id);
    await shown(el, 'pending');
    el.remove();
    await Promise.resolve(); // removed, not moved: the flow stops
    container.append(el);
    await waitUntil(() => statusGets('wewire', id).length === 2, 'attached again');
    await shown(el, 'pending');
    sandbox.state.pay(id);
    await clock.advance(2_000);
    await shown(el, 'succeeded');
    expect(events.of('checkout-success')).to.have.length(1);
  });

  it('a new session-id set while out of the page: put back, it asks a token for the new session only', async () => {
    const first = await create.conomy();
    const second = await create.conomy();
    const { el } = await follow('conomy', first);
    await shown(el, 'pending');
    el.remove();
    await clock.settle();
    const asked = sandbox.state.requestsTo('token', 'POST').length;
    el.sessionId = second;
    container.append(el);
    await waitUntil(() => statusGets('conomy', second).length === 1, 'attached to the new session');
    const tokenSessions = sandbox.state.requestsTo('token', 'POST').slice(asked).map((request) => (request.body as { sessionId?: string }).sessionId);
    expect(tokenSessions).to.deep.equal([second]);
  });

  it('a new session-id: follows the new session, the old one reports nothing more', async () => {
    const first = await create.conomy();
    const second = await create.conomy();
    const { el, events } = await follow('conomy', first);
    await shown(el, 'pending');
    el.sessionId = second;
    await waitUntil(() => statusGets('conomy', second).length === 1, 'attached to the new session');
    await clock.settle();
    sandbox.state.pay(first);
    await clock.advance(2_000);
    expect(statusGets('conomy', first)).to.have.length(1, 'the old session is not polled');
    expect(el.status).to.equal('pending');
    sandbox.state.fail(second);
    await clock.advance(2_000);
    await shown(el, 'failed');
    expect(events.of('checkout-status').map((e) => [e.detail.sessionId, e.detail.status])).to.deep.equal([
      [first, 'pending'],
      [second, 'pending'],
      [second, 'failed'],
    ]);
    expect(terminalTypes(events)).to.deep.equal(['checkout-failure']);
  });

  // ---- trouble --------------------------------------------------------------------------------

  it('malformed status answers: reconnecting, then after MALFORMED_LIMIT in a row one invalid_response, and Retry follows again', async () => {
    const id = await create.conomy();
    const { el, events } = await follow('conomy', id, { locale: 'en' });
    await shown(el, 'pending');
    sandbox.state.fault({ provider: 'conomy', method: 'GET', path: `/checkout-sessions/${id}`, body: 'malformed-json', times: MALFORMED_LIMIT });
    await clock.advance(2_000);
    await waitUntil(() => part(el, 'reconnecting'), 'reconnecting shown');
    expect(events.of('checkout-error')).to.have.length(0);
    await clock.advance(BACKOFF_MAX_MS);
    await waitUntil(() => part(el, 'retry-button'), 'retry button shown');
    expect(label(el)).to.equal(sharedMessages.en['error.invalid_response']);
    expect(el.matches(':state(error)') && !el.matches(':state(loading)')).to.equal(true);
    expect(statusStates(el), 'the last status read is kept through the error').to.deep.equal(['pending']);
    expect(part(el, 'icon')!.classList.contains('icon-failed')).to.equal(true);
    await expect(el).to.be.accessible();
    expect(events.of('checkout-error').map((e) => e.detail.code)).to.deep.equal(['invalid_response']);
    expect(events.of('checkout-error')[0]!.detail.retryable).to.equal(false);

    // Stopped: no polling while the error is shown.
    const before = statusGets('conomy', id).length;
    await clock.advance(30_000);
    expect(statusGets('conomy', id)).to.have.length(before);

    part(el, 'retry-button')!.click();
    await waitUntil(() => statusGets('conomy', id).length === before + 1, 'checked again');
    await clock.settle();
    await el.updateComplete;
    expect(part(el, 'retry-button')).to.equal(null);
    expect(label(el)).to.equal('Waiting for payment');
    sandbox.state.pay(id);
    await clock.advance(POLL_MEDIUM_MS); // over a minute in: the medium cadence
    await shown(el, 'succeeded');
    expect(events.of('checkout-error')).to.have.length(1);
    expect(statuses(events)).to.deep.equal(['pending', 'succeeded']);
  });

  for (const fault of [{ status: 503 }, { network: true }] as const) {
    it(`the first read ${fault.network ? 'dropped' : 'answered 503'}: reconnecting, no checkout-error, and it follows once the provider is back`, async () => {
      const id = await create.conomy();
      sandbox.state.fault({ provider: 'conomy', method: 'GET', path: `/checkout-sessions/${id}`, ...fault });
      const { el, events } = await follow('conomy', id, { locale: 'en' });
      await waitUntil(() => part(el, 'reconnecting'), 'reconnecting shown');
      expect(part(el, 'retry-button')).to.equal(null);
      // The loop's next check, after its backoff: no retry storm meanwhile.
      expect(statusGets('conomy', id)).to.have.length(1);
      await clock.advance(2_000);
      await shown(el, 'pending');
      expect(part(el, 'reconnecting')).to.equal(null);
      expect(statusGets('conomy', id)).to.have.length(2);
      sandbox.state.pay(id);
      await clock.advance(2_000);
      await shown(el, 'succeeded');
      expect(events.of('checkout-error')).to.have.length(0);
      expect(statuses(events)).to.deep.equal(['pending', 'succeeded']);
    });
  }

  it('the first read refused (a 400): one checkout-error with a retry, not reconnecting', async () => {
    const id = await create.conomy();
    sandbox.state.fault({ provider: 'conomy', method: 'GET', path: `/checkout-sessions/${id}`, status: 400 });
    const { el, events } = await follow('conomy', id, { locale: 'en' });
    await waitUntil(() => part(el, 'retry-button'), 'retry shown');
    expect(events.of('checkout-error').map((e) => e.detail.code)).to.deep.equal(['provider_error']);
    part(el, 'retry-button')!.click();
    await shown(el, 'pending');
  });

  it('a 503 while polling: reconnecting shown, no checkout-error, then it recovers', async () => {
    const id = await create.kamipay();
    const { el, events } = await follow('kamipay', id, { locale: 'en' });
    await shown(el, 'pending');
    sandbox.state.fault({ provider: 'kamipay', method: 'GET', path: '/v2/status/tx_status', status: 503 });
    await clock.advance(2_000);
    await waitUntil(() => part(el, 'reconnecting'), 'reconnecting shown');
    expect(liveText(el)).to.equal('Waiting for payment Connection lost. Reconnecting…');
    expect(el.matches(':state(reconnecting)')).to.equal(true);
    expect(part(el, 'retry-button')).to.equal(null);
    await expect(el).to.be.accessible();
    // The retry waits for the later of the backoff (750 ms with jitter 0.5) and the 2 s cadence.
    await clock.advance(2_000);
    await waitUntil(() => !part(el, 'reconnecting'), 'recovered');
    expect(statusGets('kamipay', id)).to.have.length(3);
    sandbox.state.pay(id);
    await clock.advance(2_000);
    await shown(el, 'succeeded');
    expect(events.of('checkout-error')).to.have.length(0);
    expect(statuses(events)).to.deep.equal(['pending', 'succeeded']);
  });

  it("renders the provider's error detail literally (a 400 carrying markup)", async () => {
    const id = await create.conomy();
    sandbox.state.fault({
      provider: 'conomy', method: 'GET', path: `/checkout-sessions/${id}`, status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: HOSTILE },
    });
    const { el, events } = await follow('conomy', id, { locale: 'en' });
    await waitUntil(() => part(el, 'error-detail'), 'error shown');
    expect(label(el)).to.equal(sharedMessages.en['error.provider_error']);
    expect(part(el, 'error-detail')!.textContent).to.equal(HOSTILE);
    expect(nothingExecuted(el)).to.equal(true);
    expect(events.of('checkout-error').map((e) => [e.detail.code, e.detail.httpStatus])).to.deep.equal([['provider_error', 400]]);
    await expect(el).to.be.accessible();

    part(el, 'retry-button')!.click();
    await shown(el, 'pending');
    expect(part(el, 'error-detail')).to.equal(null);
    expect(events.of('checkout-error')).to.have.length(1);
  });

  // ---- configuration --------------------------------------------------------------------------

  const configCases: [string, Record<string, string>, string][] = [
    ['no session-id', { provider: 'conomy' }, sessionStatusMessages.en['config.sessionId']],
    ['an unknown provider', { provider: 'paypal', 'session-id': 'x' }, sessionStatusMessages.en['config.provider']],
    ['no provider', { 'session-id': 'x' }, sessionStatusMessages.en['config.provider']],
    ['no token-url', { provider: 'conomy', 'session-id': 'x', 'token-url': '' }, sessionStatusMessages.en['config.tokenUrl']],
  ];

  for (const [what, attributes, hint] of configCases) {
    it(`${what}: config error shown and dispatched, no request`, async () => {
      const { el, events } = await mount({ 'token-url': sandbox.tokenUrl, locale: 'en', ...attributes });
      expect(label(el)).to.equal(sharedMessages.en['error.config']);
      expect(part(el, 'error-detail')!.textContent).to.equal(hint);
      expect(part(el, 'retry-button')).to.not.equal(null);
      expect(el.matches(':state(error)')).to.equal(true);
      expect(statusStates(el), 'no session, no status state').to.deep.equal([]);
      expect(events.of('checkout-error').map((e) => e.detail.code)).to.deep.equal(['config']);
      await expect(el).to.be.accessible();
      await clock.advance(10_000);
      expect(sandbox.state.requests).to.have.length(0);
      expect(events.events).to.have.length(1);
    });
  }

  it('fixing the attribute follows the session', async () => {
    const id = await create.kamipay();
    const { el, events } = await mount({ provider: 'kamipay', 'token-url': sandbox.tokenUrl });
    expect(events.of('checkout-error')).to.have.length(1);
    el.setAttribute('session-id', id);
    await shown(el, 'pending');
    expect(part(el, 'error-detail')).to.equal(null);
    expect(events.types()).to.deep.equal(['checkout-error', 'checkout-status']);
  });

  // ---- languages ------------------------------------------------------------------------------

  const english = [...Object.values(sharedMessages.en), ...Object.values(sessionStatusMessages.en)];
  const hasEnglish = (text: string) => english.some((words) => words.length > 6 && text.includes(words));

  it('es: statuses and errors in Spanish, no English', async () => {
    const id = await create.wewire();
    const { el } = await follow('wewire', id, { locale: 'es' });
    await shown(el, 'pending');
    expect(label(el)).to.equal('Esperando el pago');
    sandbox.state.fault({ provider: 'wewire', method: 'GET', path: `/api/v1/checkout/sessions/${id}`, body: 'malformed-json', times: MALFORMED_LIMIT });
    await clock.advance(2_000 + BACKOFF_MAX_MS);
    await waitUntil(() => part(el, 'retry-button'));
    expect(label(el)).to.equal(sharedMessages.es['error.invalid_response']);
    expect(part(el, 'retry-button')!.textContent!.trim()).to.equal('Reintentar');
    expect(hasEnglish(deepText(el))).to.equal(false);
    part(el, 'retry-button')!.click();
    await clock.settle();
    sandbox.state.cancel(id);
    await clock.advance(2_000);
    await shown(el, 'cancelled');
    expect(label(el)).to.equal('Pago cancelado');
    expect(hasEnglish(deepText(el))).to.equal(false);
  });

  it('pt-BR from the nearest lang: statuses, reconnecting and config hints in Portuguese', async () => {
    const wrapper = document.createElement('div');
    wrapper.lang = 'pt-BR';
    container.append(wrapper);
    const id = await create.kamipay();
    const { el } = await mount({ provider: 'kamipay', 'session-id': id, 'token-url': sandbox.tokenUrl }, { parent: wrapper });
    await shown(el, 'pending');
    expect(label(el)).to.equal('Aguardando pagamento');
    sandbox.state.fault({ provider: 'kamipay', method: 'GET', path: '/v2/status/tx_status', network: true });
    await clock.advance(2_000);
    await waitUntil(() => part(el, 'reconnecting'));
    expect(part(el, 'reconnecting')!.textContent).to.equal('Conexão perdida. Reconectando…');
    expect(hasEnglish(deepText(el))).to.equal(false);
    await clock.advance(2_000);
    await waitUntil(() => !part(el, 'reconnecting'));

    const { el: wrong } = await mount({ provider: 'kamipay', 'token-url': sandbox.tokenUrl }, { parent: wrapper });
    expect(label(wrong)).to.equal(sharedMessages['pt-BR']['error.config']);
    expect(part(wrong, 'error-detail')!.textContent).to.equal(sessionStatusMessages['pt-BR']['config.sessionId']);
    expect(part(wrong, 'retry-button')!.textContent!.trim()).to.equal('Tentar de novo');
    expect(hasEnglish(deepText(wrong))).to.equal(false);
  });

  // ---- return page ----------------------------------------------------------------------------

  describe('on a return page', () => {
    let original: string;

    beforeEach(() => {
      original = location.href;
    });

    afterEach(() => {
      history.replaceState(history.state, '', original);
    });

    function returnPage(provider: ProviderId, outcome: 'success' | 'failure' | 'cancel', ref = 'ref-1') {
      const url = new URL(original);
      url.searchParams.set('checkout_provider', provider);
      url.searchParams.set('checkout_ref', ref);
      url.searchParams.set('checkout_outcome', outcome);
      history.replaceState(history.state, '', url);
    }

    it('kaipay (no status endpoint) with its session id: shows the outcome the URL announces, no request', async () => {
      returnPage('kaipay', 'failure');
      const { el, events } = await follow('kaipay', 'cs_kai_1', { locale: 'en' });
      await shown(el, 'failed');
      expect(label(el)).to.equal('Payment failed');
      expect(statuses(events)).to.deep.equal(['pending', 'failed']);
      expect(events.of('checkout-failure')[0]!.detail).to.deep.include({ provider: 'kaipay', sessionId: 'cs_kai_1', status: 'failed' });
      await expect(el).to.be.accessible();
      expect(sandbox.state.requests.filter((r) => r.provider !== 'token')).to.have.length(0);
    });

    for (const [provider, outcome] of [['conomy', 'success'], ['conomy', 'failure'], ['kamipay', 'success']] as const) {
      it(`${provider}: a crafted link with checkout_outcome=${outcome} settles nothing (no hosted page of ${provider} returns here)`, async () => {
        returnPage(provider, outcome, 'anything');
        const id = await create[provider]();
        const { el, events } = await follow(provider, id, { locale: 'en' });
        await shown(el, 'pending');
        sandbox.state.pay(id);
        await clock.advance(2_000);
        await shown(el, 'succeeded');
        expect(statuses(events)).to.deep.equal(['pending', 'succeeded']);
      });
    }

    it('kaipay without a session id: the return URL names the checkout', async () => {
      returnPage('kaipay', 'success', 'ref-42');
      const { el, events } = await mount({ provider: 'kaipay', 'token-url': sandbox.tokenUrl });
      await shown(el, 'succeeded');
      expect(events.of('checkout-success').map((e) => e.detail.sessionId)).to.deep.equal(['ref-42']);
      expect(events.of('checkout-error')).to.have.length(0);
      expect(sandbox.state.requests).to.have.length(0);
    });

    it('wewire without a status field: the URL settles it (cancel → cancelled)', async () => {
      setWewireFlavor(sandbox.state, { sessionHasStatus: false });
      const id = await create.wewire();
      returnPage('wewire', 'cancel');
      const { el, events } = await follow('wewire', id);
      await shown(el, 'cancelled');
      expect(terminalTypes(events)).to.deep.equal(['checkout-cancel']);
      await clock.advance(10_000);
      expect(statusGets('wewire', id)).to.have.length(1, 'read once to attach, never polled');
    });

    it("a pollable session: the provider's answer wins over the URL", async () => {
      const id = await create.conomy();
      sandbox.state.fail(id);
      returnPage('conomy', 'success');
      const { el, events } = await follow('conomy', id);
      await shown(el, 'failed');
      expect(terminalTypes(events)).to.deep.equal(['checkout-failure']);
    });

    it("another provider's return page changes nothing", async () => {
      returnPage('kaipay', 'success');
      const id = await create.conomy();
      const { el, events } = await follow('conomy', id);
      await shown(el, 'pending');
      await clock.settle();
      expect(statuses(events)).to.deep.equal(['pending']);

      const { el: unnamed } = await follow('wewire', '', { locale: 'en' });
      expect(unnamed.status).to.equal(undefined);
      expect(part(unnamed, 'error-detail')!.textContent).to.equal(sessionStatusMessages.en['config.sessionId']);
    });
  });

  // ---- many -----------------------------------------------------------------------------------

  it('50 elements on distinct sessions render their first status without errors', async () => {
    const { api } = await access('kamipay');
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      ids.push((await kamipay.createCharge(api, { store_id: 1, checkout_id: 1, amount: 100 + i, currency: 'BRL', expire: 300 })).operation_id);
    }
    const mounted = await Promise.all(ids.map((id) => follow('kamipay', id, { locale: 'en' })));
    await waitUntil(() => mounted.every(({ el }) => el.status === 'pending'), 'all pending', { timeout: 8_000 });
    await Promise.all(mounted.map(({ el }) => el.updateComplete));
    expect(mounted.every(({ el }) => label(el) === 'Waiting for payment')).to.equal(true);
    expect(mounted.flatMap(({ events }) => events.of('checkout-error'))).to.have.length(0);
    expect(new Set(mounted.map(({ events }) => events.of('checkout-status')[0]!.detail.sessionId)).size).to.equal(50);
    expect(registry.activeKeys).to.have.length(50);
  });
});
