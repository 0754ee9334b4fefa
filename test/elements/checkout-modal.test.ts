import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/define.js';
import type { CheckoutModalElement } from '../../src/elements/checkout-modal/checkout-modal.js';
import { checkoutModalMessages } from '../../src/elements/checkout-modal/checkout-modal.messages.js';
import { sharedMessages } from '../../src/core/messages.js';
import { announceReturn, POPUP_MARKER_KEY, RETURN_CHANNEL, type ReturnOutcome } from '../../src/core/return-page.js';
import type { Locale } from '../../src/core/i18n.js';
import type { CheckoutOrder } from '../../src/core/order.js';
import type { ProviderId } from '../../src/core/status.js';
import type { Sandbox } from '../../demo/sandbox/index.js';
import { setPixRequiredFields } from '../../demo/sandbox/conomy.js';
import { PIX_DOCUMENT_FIELDS } from '../../demo/sandbox/control-api.js';
import { deepText, HOSTILE, nothingExecuted, recordEvents, statusStates } from '../support/elements.js';
import { startSandbox } from '../support/sandbox.js';

// ---------------------------------------------------------------------------------------------
// Helpers

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: Element, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const qrOf = (el: Element) => el.shadowRoot!.querySelector('checkout-qr');
const dialogOf = (el: Element) => el.shadowRoot!.querySelector('dialog')!;

async function waitPart(el: Element, name: string, message = `part ${name}`): Promise<HTMLElement> {
  await waitUntil(() => part(el, name), message, { timeout: 5000 });
  return part(el, name)!;
}

async function waitText(el: Element, text: string): Promise<void> {
  await waitUntil(() => deepText(el).includes(text), `text "${text}"`, { timeout: 5000 });
}

/** The poller re-checks at once when the network comes back: no 2 s wait for the next poll. */
const pollNow = () => window.dispatchEvent(new Event('online'));

function clickOption(el: Element, label: string): void {
  const option = parts(el, 'option').find((button) => button.textContent!.includes(label));
  if (!option) throw new Error(`no option ${label}`);
  option.click();
}

/** The focused element, looking into shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

async function tabTo(predicate: (element: Element | null) => boolean, limit = 12): Promise<void> {
  for (let i = 0; i < limit && !predicate(deepActive()); i++) await sendKeys({ press: 'Tab' });
  expect(predicate(deepActive()), 'focus reached by Tab').to.equal(true);
}

/** A window-shaped object on the return page, as the library sees it when it loads there. */
function returnPageWindow(href: string): Window {
  return { location: { href }, name: '', sessionStorage: { getItem: () => null }, close() {} } as unknown as Window;
}

function postReturn(provider: ProviderId, ref: string, outcome: ReturnOutcome): void {
  const channel = new BroadcastChannel(RETURN_CHANNEL);
  channel.postMessage({ provider, ref, outcome });
  channel.close();
}

const kaipayOrder: CheckoutOrder = {
  customer: { name: 'Ana Souza', email: 'ana@example.com' },
  country: 'MX',
  items: [{ description: 'Tacos al pastor', amount: 10500, quantity: 2 }],
};
const conomyOrder: CheckoutOrder = {
  customer: { name: 'Ana Souza', email: 'ana@example.com' },
  items: [
    { description: 'Tacos al pastor', amount: 15000, quantity: 1 },
    { description: 'Agua de jamaica', amount: 6000, quantity: 1 },
  ],
};
const wewireOrder: CheckoutOrder = { customer: { name: 'Ana Souza', email: 'ana@example.com' } };

interface Setup {
  provider: ProviderId;
  amount: number;
  currency: string;
  description?: string;
  order?: CheckoutOrder;
  storeId?: number;
  checkoutId?: number;
  expire?: number;
  assets?: string;
  returnUrl?: string;
  locale?: string;
}

const SETUPS: Record<ProviderId, Setup> = {
  kamipay: { provider: 'kamipay', amount: 1250, currency: 'BRL', description: 'Order 42', storeId: 1, checkoutId: 1 },
  kaipay: { provider: 'kaipay', amount: 21000, currency: 'MXN', description: 'Dinner', order: kaipayOrder, returnUrl: '/return.html' },
  conomy: { provider: 'conomy', amount: 21000, currency: 'MXN', description: 'Dinner', order: conomyOrder },
  wewire: {
    provider: 'wewire', amount: 2500, currency: 'USD', description: 'Pro plan', order: wewireOrder,
    assets: 'USDT,USDC', returnUrl: '/return.html',
  },
};

describe('<checkout-modal>', () => {
  let sandbox: Sandbox;
  let popups: Window[];
  const realOpen = window.open;
  const pageUrl = location.href;

  beforeEach(async () => {
    sandbox = await startSandbox();
    sessionStorage.clear();
    popups = [];
    // The real window.open, only remembering what it opened so each test closes its popups.
    window.open = (...args: Parameters<typeof window.open>) => {
      const popup = realOpen.apply(window, args);
      if (popup) popups.push(popup);
      return popup;
    };
  });

  afterEach(() => {
    window.open = realOpen;
    for (const popup of popups) popup.close();
    if (location.href !== pageUrl) history.replaceState(null, '', pageUrl);
  });

  function mount(provider: ProviderId, overrides: Partial<Setup> = {}): Promise<CheckoutModalElement> {
    const s = { ...SETUPS[provider], ...overrides };
    return fixture<CheckoutModalElement>(html`<checkout-modal
      provider=${s.provider}
      token-url=${sandbox.tokenUrl}
      amount=${s.amount}
      currency=${s.currency}
      description=${ifDefined(s.description)}
      store-id=${ifDefined(s.storeId)}
      checkout-id=${ifDefined(s.checkoutId)}
      expire=${ifDefined(s.expire)}
      assets=${ifDefined(s.assets)}
      return-url=${ifDefined(s.returnUrl)}
      locale=${s.locale ?? 'en'}
      .order=${s.order}
    ></checkout-modal>`);
  }

  /** Exactly one event of `type`, with this detail. */
  function once(events: ReturnType<typeof recordEvents>, type: Parameters<ReturnType<typeof recordEvents>['of']>[0], detail: object) {
    const seen = events.of(type);
    expect(seen, `${type} count`).to.have.length(1);
    expect(seen[0]!.detail).to.include(detail);
    expect(seen[0]!.bubbles && seen[0]!.composed).to.equal(true);
  }

  async function until(events: ReturnType<typeof recordEvents>, type: Parameters<ReturnType<typeof recordEvents>['of']>[0]) {
    await waitUntil(() => events.of(type).length > 0, `${type}`, { timeout: 6000 });
  }

  const kaipayCreate = () => sandbox.state.requestsTo('kaipay', 'POST', '/client-session');
  const returnUrlOf = (provider: 'kaipay' | 'wewire', outcome: 'success' | 'failure' | 'cancel'): string => {
    if (provider === 'kaipay') {
      const body = kaipayCreate().at(-1)!.body as Record<string, string>;
      return outcome === 'success' ? body.success_redirect_url! : body.failure_redirect_url!;
    }
    const body = sandbox.state.requestsTo('wewire', 'POST', '/api/v1/checkout').at(-1)!.body as Record<string, string>;
    return outcome === 'success' ? body.successUrl! : body.cancelUrl!;
  };
  const refOf = (url: string) => new URL(url).searchParams.get('checkout_ref')!;

  // -------------------------------------------------------------------------------------------
  describe('kamipay', () => {
    it('shows the Pix QR of the charge; paying resolves show() and fires success once', async () => {
      const el = await mount('kamipay');
      const events = recordEvents(el);
      expect(statusStates(el), 'no status state before a session exists').to.deep.equal([]);
      const result = el.show();
      expect(el.open).to.equal(true);
      expect(dialogOf(el).open).to.equal(true);
      await waitUntil(() => qrOf(el)?.payload, 'qr');
      expect(statusStates(el)).to.deep.equal(['pending']);
      const session = sandbox.state.latest<{ emv: string }>('kamipay')!;
      expect(qrOf(el)!.payload).to.equal(session.data.emv);
      expect(part(el, 'total')!.textContent).to.contain('R$12.50');
      expect(part(el, 'title')!.textContent).to.equal('Order 42');
      expect(el.shadowRoot!.querySelector('[role=status]:not(checkout-qr *)')!.textContent).to.equal('Waiting for payment');
      await expect(el).to.be.accessible();

      sandbox.state.pay(session.id);
      pollNow();
      const detail = await result;
      const expected = { provider: 'kamipay', sessionId: session.id, status: 'succeeded', amount: 1250, currency: 'BRL' };
      expect(detail).to.include(expected);
      once(events, 'checkout-success', expected);
      expect(events.types()).to.deep.equal(['checkout-open', 'checkout-status', 'checkout-status', 'checkout-success']);
      expect(events.of('checkout-open')[0]!.detail).to.deep.equal({ provider: 'kamipay' });
      await el.updateComplete;
      expect(deepText(part(el, 'outcome')!)).to.contain('Payment received');
      expect(el.matches(':state(succeeded)') && !el.matches(':state(pending)')).to.equal(true, ':state(succeeded) replaces :state(pending)');
      expect(statusStates(el)).to.deep.equal(['succeeded']);
      expect(part(el, 'try-again-button')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('failure: shows it, fires failure once, and "try again" issues a new charge', async () => {
      const el = await mount('kamipay');
      const events = recordEvents(el);
      void el.show();
      await waitUntil(() => qrOf(el)?.payload, 'qr');
      const first = sandbox.state.latest('kamipay')!;
      sandbox.state.fail(first.id);
      pollNow();
      await until(events, 'checkout-failure');
      once(events, 'checkout-failure', { provider: 'kamipay', sessionId: first.id, status: 'failed', amount: 1250, currency: 'BRL' });
      await el.updateComplete;
      expect(deepText(part(el, 'outcome')!)).to.contain('Payment failed');
      await expect(el).to.be.accessible();

      part(el, 'try-again-button')!.click();
      await waitUntil(() => sandbox.state.requestsTo('kamipay', 'POST', '/v2/charge/create_dynamic_pix').length === 2);
      await waitUntil(() => qrOf(el)?.payload === sandbox.state.latest<{ emv: string }>('kamipay')!.data.emv, 'new qr');
      expect(sandbox.state.latest('kamipay')!.id).not.to.equal(first.id);
      expect(events.of('checkout-failure')).to.have.length(1);
    });

    it('"try again" after the amount changed: a new charge of the new amount, the total shown while it loads is that one', async () => {
      const el = await mount('kamipay');
      const events = recordEvents(el);
      void el.show();
      await waitUntil(() => qrOf(el)?.payload, 'qr');
      sandbox.state.fail(sandbox.state.latest('kamipay')!.id);
      pollNow();
      await until(events, 'checkout-failure');
      el.amount = 9900; // the cart changed while the failure showed
      await el.updateComplete;
      expect(deepText(part(el, 'summary')!), 'the failed charge keeps its total').to.contain('R$12.50');
      const hold = sandbox.state.hold({ provider: 'kamipay', method: 'POST', path: '/v2/charge/create_dynamic_pix' });
      part(el, 'try-again-button')!.click();
      const create = await hold.next();
      await el.updateComplete;
      expect(deepText(part(el, 'summary')!), 'while the new charge is made').to.contain('R$99.00');
      create.deliver();
      hold.release();
      await waitUntil(() => qrOf(el)?.payload === sandbox.state.latest<{ emv: string }>('kamipay')!.data.emv, 'new qr');
      expect(sandbox.state.requestsTo('kamipay', 'POST', '/v2/charge/create_dynamic_pix').map((r) => (r.body as { amount: number }).amount)).to.deep.equal([12.5, 99]);
    });

    it('an amount changed while the charge is being made: the total shown is the one charged', async () => {
      const el = await mount('kamipay');
      const hold = sandbox.state.hold({ provider: 'kamipay', method: 'POST', path: '/v2/charge/create_dynamic_pix' });
      void el.show();
      const create = await hold.next();
      el.amount = 9900;
      await el.updateComplete;
      expect(deepText(part(el, 'summary')!)).to.contain('R$12.50').and.not.contain('R$99.00');
      create.deliver();
      hold.release();
      await waitUntil(() => qrOf(el)?.payload, 'qr');
      expect(deepText(part(el, 'summary')!)).to.contain('R$12.50');
    });

    it('expiry: the QR runs out, the provider is asked once more, expired fires once', async () => {
      const el = await mount('kamipay', { expire: 1 });
      const events = recordEvents(el);
      const result = el.show();
      await waitUntil(() => qrOf(el)?.payload, 'qr');
      const session = sandbox.state.latest('kamipay')!;
      const detail = await result;
      expect(detail).to.include({ provider: 'kamipay', sessionId: session.id, status: 'expired', amount: 1250, currency: 'BRL' });
      once(events, 'checkout-expired', { sessionId: session.id, status: 'expired' });
      expect(sandbox.state.requestsTo('kamipay', 'GET', '/v2/status/tx_status').length).to.be.greaterThan(0);
      await el.updateComplete;
      expect(deepText(part(el, 'outcome')!)).to.contain('Payment time ran out');
      expect(part(el, 'try-again-button')).not.to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('closing before paying: checkout-close, then cancelled once after asking kamiPay (no cancel call)', async () => {
      const el = await mount('kamipay');
      const events = recordEvents(el);
      const result = el.show();
      await waitUntil(() => qrOf(el)?.payload, 'qr');
      const session = sandbox.state.latest('kamipay')!;
      part(el, 'close-button')!.click();
      expect(el.open).to.equal(false);
      expect(dialogOf(el).open).to.equal(false);
      expect(await result).to.include({ status: 'cancelled', sessionId: session.id });
      once(events, 'checkout-cancel', { provider: 'kamipay', sessionId: session.id, status: 'cancelled', amount: 1250, currency: 'BRL' });
      once(events, 'checkout-close', { provider: 'kamipay' });
      expect(events.types().filter((type) => type !== 'checkout-status')).to.deep.equal(['checkout-open', 'checkout-close', 'checkout-cancel']);
      await el.updateComplete;
      expect(statusStates(el)).to.deep.equal(['cancelled']);
      // kamiPay cannot cancel: the flow checks the charge was not paid meanwhile, and creates nothing.
      expect(sandbox.state.requestsTo('kamipay', 'GET', '/v2/status/tx_status').length).to.equal(1);
      expect(sandbox.state.requestsTo('kamipay', 'POST').length).to.equal(1);
    });

    // The panel that left with the closed dialog must let go of the modal's flows: an update that
    // runs after it left (Lit updates a detached element too) used to subscribe it again, and every
    // later flow kept it — and its element tree — alive (the modal-cycles benchmark's heap growth).
    it('a QR panel that left the dialog follows no later flow, even when it updates after leaving', async () => {
      const el = await mount('kamipay');
      void el.show();
      await waitUntil(() => qrOf(el)?.payload, 'qr');
      const first = qrOf(el)!;
      const firstPayload = first.payload;
      el.close();
      await waitUntil(() => !first.isConnected, 'the panel left with the closed dialog');
      first.requestUpdate();
      await first.updateComplete;
      void el.show();
      await waitUntil(() => qrOf(el) && qrOf(el) !== first && qrOf(el)!.payload, 'a second QR');
      expect(qrOf(el)!.payload).to.not.equal(firstPayload);
      first.requestUpdate();
      await first.updateComplete;
      expect(first.payload).to.equal(firstPayload);
    });

    it('a malformed create response: error view with retry, checkout-error once; retry shows the QR', async () => {
      sandbox.state.fault({ provider: 'kamipay', method: 'POST', path: '/v2/charge/create_dynamic_pix', body: 'malformed-json' });
      const el = await mount('kamipay');
      const events = recordEvents(el);
      void el.show();
      await waitPart(el, 'error');
      once(events, 'checkout-error', { code: 'invalid_response' });
      expect(deepText(part(el, 'error')!)).to.contain('The payment service sent an answer we could not read.');
      await expect(el).to.be.accessible();
      part(el, 'retry-button')!.click();
      await waitUntil(() => qrOf(el)?.payload, 'qr after retry');
      expect(sandbox.state.requestsTo('kamipay', 'POST', '/v2/charge/create_dynamic_pix')).to.have.length(2);
      expect(events.of('checkout-error')).to.have.length(1);
    });

    it('transient polling trouble shows "reconnecting" without checkout-error, then the outcome', async () => {
      const el = await mount('kamipay');
      const events = recordEvents(el);
      void el.show();
      await waitUntil(() => qrOf(el)?.payload, 'qr');
      sandbox.state.fault({ provider: 'kamipay', method: 'GET', path: '/v2/status/tx_status', status: 503 });
      pollNow();
      await waitPart(el, 'reconnecting');
      expect(part(el, 'reconnecting')!.textContent).to.equal('Connection lost. Reconnecting…');
      expect(el.shadowRoot!.querySelector('[role=status]:not(checkout-qr *)')!.textContent).to.contain('Reconnecting');
      sandbox.state.pay(sandbox.state.latest('kamipay')!.id);
      pollNow();
      await until(events, 'checkout-success');
      expect(events.of('checkout-error')).to.have.length(0);
      await el.updateComplete;
      expect(part(el, 'reconnecting')).to.equal(null);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('kaipay', () => {
    it('hosted: continue opens a real popup; the return page announces success', async () => {
      const el = await mount('kaipay');
      const events = recordEvents(el);
      const result = el.show();
      const button = await waitPart(el, 'continue-button');
      expect(button.textContent).to.contain('Continue to payment');
      expect(deepText(part(el, 'summary')!)).to.contain('Tacos al pastor');
      await expect(el).to.be.accessible();
      button.click();
      expect(popups).to.have.length(1);
      await waitText(el, 'Complete the payment in the window that opened.');
      await expect(el).to.be.accessible();
      const session = sandbox.state.latest('kaipay')!;
      sandbox.state.pay(session.id);
      expect(announceReturn(returnPageWindow(returnUrlOf('kaipay', 'success')))).to.include({ provider: 'kaipay', outcome: 'success' });
      const expected = { provider: 'kaipay', sessionId: session.id, status: 'succeeded', amount: 21000, currency: 'MXN' };
      expect(await result).to.include(expected);
      once(events, 'checkout-success', expected);
      await el.updateComplete;
      expect(deepText(part(el, 'outcome')!)).to.contain('Payment received');
    });

    it('failure from the return page: failed once, with "try again"', async () => {
      const el = await mount('kaipay');
      const events = recordEvents(el);
      void el.show();
      await waitPart(el, 'continue-button');
      const session = sandbox.state.latest('kaipay')!;
      postReturn('kaipay', refOf(returnUrlOf('kaipay', 'failure')), 'failure');
      await until(events, 'checkout-failure');
      once(events, 'checkout-failure', { provider: 'kaipay', sessionId: session.id, status: 'failed', amount: 21000, currency: 'MXN' });
      await el.updateComplete;
      expect(deepText(part(el, 'outcome')!)).to.contain('Payment failed');
      expect(part(el, 'try-again-button')).not.to.equal(null);
    });

    it('expiry: the session runs out at its expiration_date', async () => {
      sandbox.state.fault({
        provider: 'kaipay', method: 'POST', path: '/client-session', status: 201,
        body: {
          id: 'cs_short', client_session_url: `${sandbox.base('kaipay')}/hosted/cs_short`, amount: 21000, currency: 'MXN',
          expiration_date: new Date(Date.now() + 800).toISOString(),
        },
      });
      const el = await mount('kaipay');
      const events = recordEvents(el);
      const result = el.show();
      await waitPart(el, 'continue-button');
      expect(await result).to.include({ provider: 'kaipay', sessionId: 'cs_short', status: 'expired', amount: 21000, currency: 'MXN' });
      once(events, 'checkout-expired', { sessionId: 'cs_short' });
      await el.updateComplete;
      expect(deepText(part(el, 'outcome')!)).to.contain('Payment time ran out');
    });

    it('closing before paying: cancelled once (nothing to call at KaiPay)', async () => {
      const el = await mount('kaipay');
      const events = recordEvents(el);
      void el.show();
      await waitPart(el, 'continue-button');
      const session = sandbox.state.latest('kaipay')!;
      el.close();
      once(events, 'checkout-cancel', { provider: 'kaipay', sessionId: session.id, status: 'cancelled', amount: 21000, currency: 'MXN' });
      once(events, 'checkout-close', { provider: 'kaipay' });
      // In the same order as every provider's: the close, then the outcome.
      expect(events.types().filter((type) => type !== 'checkout-status')).to.deep.equal(['checkout-open', 'checkout-close', 'checkout-cancel']);
      expect(sandbox.state.requests.filter((r) => r.provider === 'kaipay')).to.have.length(1);
    });

    it('an amount over eight digits: config shown with the attribute named, nothing requested', async () => {
      const el = await mount('kaipay', { amount: 123_456_789 });
      const events = recordEvents(el);
      void el.show();
      await waitPart(el, 'error');
      once(events, 'checkout-error', { code: 'config' });
      expect(events.of('checkout-error')[0]!.detail.message).to.contain('amount must be a positive integer of at most 8 digits');
      expect(deepText(part(el, 'error')!)).to.contain('This checkout is not set up correctly.');
      expect(deepText(part(el, 'error-detail')!)).to.contain('amount');
      expect(sandbox.state.requests).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('a malformed create response: invalid_response once, retry creates the session', async () => {
      sandbox.state.fault({ provider: 'kaipay', method: 'POST', path: '/client-session', body: 'malformed-json' });
      const el = await mount('kaipay');
      const events = recordEvents(el);
      void el.show();
      await waitPart(el, 'error');
      once(events, 'checkout-error', { code: 'invalid_response' });
      part(el, 'retry-button')!.click();
      await waitPart(el, 'continue-button');
      expect(kaipayCreate()).to.have.length(2);
      expect(events.of('checkout-error')).to.have.length(1);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('conomy', () => {
    it('removed after Pix was chosen: no return-page channel is left listening', async () => {
      // The real BroadcastChannel, counted: a flow followed twice (list, then the chosen method) opened two.
      const Real = window.BroadcastChannel;
      const open = new Set<BroadcastChannel>();
      window.BroadcastChannel = class extends Real {
        constructor(name: string) {
          super(name);
          if (name === RETURN_CHANNEL) open.add(this);
        }
        override close(): void {
          open.delete(this);
          super.close();
        }
      };
      try {
        const el = await mount('conomy');
        void el.show();
        await waitPart(el, 'options');
        clickOption(el, 'Pix');
        await waitUntil(() => qrOf(el)?.payload, 'qr');
        expect(open.size, 'one listener while the QR shows').to.equal(1);
        el.remove();
        await Promise.resolve();
        expect(open.size, 'none once removed').to.equal(0);
      } finally {
        window.BroadcastChannel = Real;
      }
    });

    it('items and total from the session; choose Pix by method → QR → paid', async () => {
      const el = await mount('conomy');
      const events = recordEvents(el);
      const result = el.show();
      await waitPart(el, 'options');
      const summary = deepText(part(el, 'summary')!);
      expect(summary).to.contain('Tacos al pastor').and.contain('Agua de jamaica').and.contain('MX$210.00');
      expect(deepText(part(el, 'options')!)).to.contain('Choose how to pay');
      await expect(el).to.be.accessible();
      clickOption(el, 'Pix');
      await waitUntil(() => qrOf(el)?.payload, 'qr');
      const session = sandbox.state.latest('conomy')!;
      const payment = sandbox.state.requestsTo('conomy', 'POST', `/checkout-sessions/${session.id}/payments`);
      expect(payment).to.have.length(1);
      expect(qrOf(el)!.payload).to.match(/^000201/);
      sandbox.state.pay(session.id);
      pollNow();
      const expected = { provider: 'conomy', sessionId: session.id, status: 'succeeded', amount: 21000, currency: 'MXN' };
      expect(await result).to.include(expected);
      once(events, 'checkout-success', expected);
    });

    it('failure: failed once; "try again" opens a new session', async () => {
      const el = await mount('conomy');
      const events = recordEvents(el);
      void el.show();
      await waitPart(el, 'options');
      clickOption(el, 'Pix');
      await waitUntil(() => qrOf(el)?.payload, 'qr');
      const first = sandbox.state.latest('conomy')!;
      sandbox.state.fail(first.id);
      pollNow();
      await until(events, 'checkout-failure');
      once(events, 'checkout-failure', { provider: 'conomy', sessionId: first.id, status: 'failed', amount: 21000, currency: 'MXN' });
      await el.updateComplete;
      expect(deepText(part(el, 'outcome')!)).to.contain('Payment failed');
      part(el, 'try-again-button')!.click();
      await waitPart(el, 'options');
      expect(sandbox.state.latest('conomy')!.id).not.to.equal(first.id);
    });

    it('expiry: expired once; "try again" refreshes into a new session that the modal follows', async () => {
      const el = await mount('conomy');
      const events = recordEvents(el);
      void el.show();
      await waitPart(el, 'options');
      clickOption(el, 'Pix');
      await waitUntil(() => qrOf(el)?.payload, 'qr');
      const first = sandbox.state.latest<{ checkoutToken: string }>('conomy')!;
      sandbox.state.expire(first.id);
      pollNow();
      await until(events, 'checkout-expired');
      once(events, 'checkout-expired', { provider: 'conomy', sessionId: first.id, status: 'expired', amount: 21000, currency: 'MXN' });
      await el.updateComplete;
      expect(deepText(part(el, 'outcome')!)).to.contain('Payment time ran out');
      await expect(el).to.be.accessible();
      part(el, 'try-again-button')!.click();
      await waitPart(el, 'options');
      const refresh = sandbox.state.requestsTo('conomy', 'POST', `/checkout-sessions/token/${first.data.checkoutToken}/refresh`);
      expect(refresh).to.have.length(1);
      const second = sandbox.state.latest('conomy')!;
      expect(second.id).not.to.equal(first.id);
      clickOption(el, 'Pix');
      await waitUntil(() => qrOf(el)?.payload, 'qr of the new session');
      sandbox.state.pay(second.id);
      pollNow();
      await until(events, 'checkout-success');
      once(events, 'checkout-success', { sessionId: second.id });
      once(events, 'checkout-expired', { sessionId: first.id });
    });

    it('closing before paying: DELETE at Conomy, cancelled once', async () => {
      const el = await mount('conomy');
      const events = recordEvents(el);
      const result = el.show();
      await waitPart(el, 'options');
      const session = sandbox.state.latest('conomy')!;
      el.close();
      const expected = { provider: 'conomy', sessionId: session.id, status: 'cancelled', amount: 21000, currency: 'MXN' };
      expect(await result).to.include(expected);
      expect(sandbox.state.requestsTo('conomy', 'DELETE', `/checkout-sessions/${session.id}`)).to.have.length(1);
      once(events, 'checkout-cancel', expected);
      once(events, 'checkout-close', { provider: 'conomy' });
      await el.updateComplete;
      expect(deepText(part(el, 'outcome')!)).to.contain('Payment cancelled');
    });

    it('a malformed session response: invalid_response once; retry opens the session', async () => {
      sandbox.state.fault({ provider: 'conomy', method: 'POST', path: /\/checkout-sessions$/, body: 'malformed-json' });
      const el = await mount('conomy');
      const events = recordEvents(el);
      void el.show();
      await waitPart(el, 'error');
      once(events, 'checkout-error', { code: 'invalid_response' });
      expect(deepText(part(el, 'error')!)).to.contain('could not read');
      part(el, 'retry-button')!.click();
      await waitPart(el, 'options');
      expect(events.of('checkout-error')).to.have.length(1);
    });

    it('closing while processing does not cancel; the success still fires and show() resolves', async () => {
      const el = await mount('conomy');
      const events = recordEvents(el);
      const result = el.show();
      await waitPart(el, 'options');
      clickOption(el, 'Pix');
      await waitUntil(() => qrOf(el)?.payload, 'qr');
      const session = sandbox.state.latest('conomy')!;
      sandbox.state.process(session.id);
      pollNow();
      await waitPart(el, 'processing');
      expect(deepText(part(el, 'processing')!)).to.contain('Confirming payment');
      expect(statusStates(el)).to.deep.equal(['processing']);
      await expect(el).to.be.accessible();
      el.close();
      expect(dialogOf(el).open).to.equal(false);
      once(events, 'checkout-close', { provider: 'conomy' });
      sandbox.state.pay(session.id);
      pollNow();
      expect(await result).to.include({ status: 'succeeded', sessionId: session.id });
      once(events, 'checkout-success', { sessionId: session.id });
      expect(sandbox.state.requestsTo('conomy', 'DELETE')).to.have.length(0);
      expect(events.of('checkout-cancel')).to.have.length(0);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('conomy: customer details (requiredFields)', () => {
    const payments = () => sandbox.state.requestsTo('conomy', 'POST', /\/payments$/);
    const input = (el: Element, field: string) => el.shadowRoot!.querySelector<HTMLInputElement>(`#details-${field}`)!;
    const describedBy = (el: Element, field: string) =>
      el.shadowRoot!.getElementById(input(el, field).getAttribute('aria-describedby') ?? '')?.textContent ?? '';

    beforeEach(() => {
      setPixRequiredFields(sandbox.state, PIX_DOCUMENT_FIELDS);
    });

    async function openDetails(overrides: Partial<Setup> = {}): Promise<CheckoutModalElement> {
      const el = await mount('conomy', { currency: 'BRL', ...overrides });
      void el.show();
      await waitPart(el, 'options');
      clickOption(el, 'Pix');
      await waitPart(el, 'details');
      await el.updateComplete;
      return el;
    }

    it('asks only for what the order lacks, labelled, with autocomplete; focus on its first field; accessible', async () => {
      const el = await openDetails({ order: { ...conomyOrder, customer: { name: '', email: 'ana@example.com' } } });
      const fields = parts(el, 'details-input') as HTMLInputElement[];
      expect(fields.map((field) => field.name)).to.deep.equal(['name', 'documentNumber']);
      expect(fields.map((field) => el.shadowRoot!.querySelector(`label[for="${field.id}"]`)!.textContent)).to.deep.equal(['Full name', 'CPF or CNPJ']);
      expect(fields.map((field) => [field.required, field.getAttribute('autocomplete')])).to.deep.equal([[true, 'name'], [true, null]]);
      expect(deepText(part(el, 'details')!)).to.contain('Your details to pay with Pix');
      expect(deepActive() === fields[0], 'focus on the first field').to.equal(true);
      await expect(el).to.be.accessible();
      expect(payments()).to.have.length(0);
    });

    it('nothing is sent until valid: errors under each field, announced, focus to the first invalid; then it pays', async () => {
      const el = await openDetails();
      const events = recordEvents(el);
      const documentField = input(el, 'documentNumber');
      expect(parts(el, 'details-input')).to.have.length(1);
      part(el, 'details-button')!.click();
      await el.updateComplete;
      expect(payments()).to.have.length(0);
      expect(documentField.getAttribute('aria-invalid')).to.equal('true');
      expect(describedBy(el, 'documentNumber')).to.equal('Fill in this field.');
      const alert = part(el, 'details-error')!;
      expect([alert.getAttribute('role'), alert.textContent]).to.deep.equal(['alert', 'Some details need your attention.']);
      expect(deepActive() === documentField, 'focus on the document field').to.equal(true);
      await expect(el).to.be.accessible();

      // A CPF with a wrong check digit, typed as a customer would.
      await sendKeys({ type: '529.982.247-24' });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(payments()).to.have.length(0);
      expect(describedBy(el, 'documentNumber')).to.equal('This value is not valid: check it.');
      expect(deepActive() === documentField, 'focus on the document field').to.equal(true);

      documentField.select();
      await sendKeys({ type: '529.982.247-25' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => qrOf(el)?.payload, 'qr');
      const customer = (payments()[0]!.body as { origins: { pix: { customer: object } }[] }).origins[0]!.pix.customer;
      expect(customer).to.deep.equal({ firstName: 'Ana', lastName: 'Souza', email: 'ana@example.com', documentType: 'CPF', documentNumber: '52998224725' });
      expect(events.of('checkout-error')).to.have.length(0);
    });

    it('a Conomy 400 naming a field is shown beside the form, on that field; correcting it pays', async () => {
      const el = await openDetails();
      const events = recordEvents(el);
      const message = 'origins[0].pix.customer.email is not deliverable';
      sandbox.state.fault({ provider: 'conomy', method: 'POST', path: /\/payments$/, status: 400, body: { statusCode: 400, error: 'Bad Request', message } });
      input(el, 'documentNumber').value = '11.222.333/0001-81';
      part(el, 'details-button')!.click();
      await waitUntil(() => part(el, 'details-error'), 'the refusal');
      await el.updateComplete;
      once(events, 'checkout-error', { code: 'provider_error', httpStatus: 400 });
      expect(part(el, 'error')).to.equal(null);
      const alert = part(el, 'details-error')!;
      expect(alert.getAttribute('role')).to.equal('alert');
      expect(alert.textContent).to.contain('The payment service could not complete the request.').and.contain(message);
      // The email came from the order: it is now in the form, prefilled, marked and described by the refusal.
      const email = input(el, 'email');
      expect([email.value, email.getAttribute('aria-invalid'), describedBy(el, 'email')]).to.deep.equal(['ana@example.com', 'true', alert.textContent]);
      expect(input(el, 'documentNumber').value).to.equal('11.222.333/0001-81');
      expect(deepActive() === email, 'focus on the refused field').to.equal(true);
      await expect(el).to.be.accessible();

      email.select();
      await sendKeys({ type: 'ana.souza@example.com' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => qrOf(el)?.payload, 'qr');
      const sent = payments().at(-1)!.body as { origins: { pix: { customer: Record<string, string> } }[] };
      expect(sent.origins[0]!.pix.customer).to.include({ email: 'ana.souza@example.com', documentType: 'CNPJ', documentNumber: '11222333000181' });
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('wewire', () => {
    async function chooseAsset(el: CheckoutModalElement, asset = 'USDT'): Promise<void> {
      await waitPart(el, 'options');
      clickOption(el, asset);
      await waitPart(el, 'continue-button');
    }

    it('asset choice → hosted page in a popup → return page success', async () => {
      const el = await mount('wewire');
      const events = recordEvents(el);
      const result = el.show();
      await waitPart(el, 'options');
      expect(deepText(part(el, 'options')!)).to.contain('Choose a currency');
      expect(parts(el, 'option').map((o) => o.textContent!.trim())).to.deep.equal(['USDT', 'USDC']);
      await expect(el).to.be.accessible();
      clickOption(el, 'USDC');
      const button = await waitPart(el, 'continue-button');
      const body = sandbox.state.requestsTo('wewire', 'POST', '/api/v1/checkout')[0]!.body as Record<string, unknown>;
      expect(body.allowedAssets).to.deep.equal(['USDC']);
      await expect(el).to.be.accessible();
      button.click();
      expect(popups).to.have.length(1);
      const session = sandbox.state.latest('wewire')!;
      sandbox.state.pay(session.id);
      announceReturn(returnPageWindow(returnUrlOf('wewire', 'success')));
      const expected = { provider: 'wewire', sessionId: session.id, status: 'succeeded', amount: 2500, currency: 'USD' };
      expect(await result).to.include(expected);
      once(events, 'checkout-success', expected);
    });

    it('assets="BTC,USDT": the choice shows the merchant\'s assets; the create body carries the chosen one', async () => {
      const el = await mount('wewire', { assets: 'BTC,USDT' });
      void el.show();
      await waitPart(el, 'options');
      expect(parts(el, 'option').map((o) => o.textContent!.trim())).to.deep.equal(['BTC', 'USDT']);
      await expect(el).to.be.accessible();
      await chooseAsset(el, 'BTC');
      const creates = sandbox.state.requestsTo('wewire', 'POST', '/api/v1/checkout');
      expect(creates).to.have.length(1);
      expect((creates[0]!.body as Record<string, unknown>).allowedAssets).to.deep.equal(['BTC']);
    });

    it('return page cancel: cancelled once', async () => {
      const el = await mount('wewire');
      const events = recordEvents(el);
      void el.show();
      await chooseAsset(el);
      const session = sandbox.state.latest('wewire')!;
      postReturn('wewire', refOf(returnUrlOf('wewire', 'cancel')), 'cancel');
      await until(events, 'checkout-cancel');
      once(events, 'checkout-cancel', { provider: 'wewire', sessionId: session.id, status: 'cancelled', amount: 2500, currency: 'USD' });
      await el.updateComplete;
      expect(deepText(part(el, 'outcome')!)).to.contain('Payment cancelled');
      expect(part(el, 'try-again-button')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('failure reported by WeWire: failed once', async () => {
      const el = await mount('wewire');
      const events = recordEvents(el);
      void el.show();
      await chooseAsset(el);
      const session = sandbox.state.latest('wewire')!;
      sandbox.state.fail(session.id);
      pollNow();
      await until(events, 'checkout-failure');
      once(events, 'checkout-failure', { provider: 'wewire', sessionId: session.id, status: 'failed', amount: 2500, currency: 'USD' });
    });

    it('expiry: expired once', async () => {
      const el = await mount('wewire');
      const events = recordEvents(el);
      void el.show();
      await chooseAsset(el);
      const session = sandbox.state.latest('wewire')!;
      sandbox.state.expire(session.id);
      pollNow();
      await until(events, 'checkout-expired');
      once(events, 'checkout-expired', { provider: 'wewire', sessionId: session.id, status: 'expired', amount: 2500, currency: 'USD' });
      await el.updateComplete;
      expect(deepText(part(el, 'outcome')!)).to.contain('Payment time ran out');
    });

    it('closing before paying: WeWire cancel recorded, cancelled once', async () => {
      const el = await mount('wewire');
      const events = recordEvents(el);
      void el.show();
      await chooseAsset(el);
      const session = sandbox.state.latest('wewire')!;
      part(el, 'close-button')!.click();
      await until(events, 'checkout-cancel');
      expect(sandbox.state.requestsTo('wewire', 'POST', `/api/v1/checkout/${session.id}/cancel`)).to.have.length(1);
      once(events, 'checkout-cancel', { provider: 'wewire', sessionId: session.id, status: 'cancelled', amount: 2500, currency: 'USD' });
      once(events, 'checkout-close', { provider: 'wewire' });
      expect(sandbox.state.session(session.id)!.outcome).to.equal('cancelled');
    });

    it('a malformed create response: invalid_response once; retry goes back to the choice', async () => {
      sandbox.state.fault({ provider: 'wewire', method: 'POST', path: '/api/v1/checkout', body: 'malformed-json' });
      const el = await mount('wewire');
      const events = recordEvents(el);
      void el.show();
      await waitPart(el, 'options');
      clickOption(el, 'USDT');
      await waitPart(el, 'error');
      once(events, 'checkout-error', { code: 'invalid_response' });
      part(el, 'retry-button')!.click();
      await chooseAsset(el);
      expect(sandbox.state.requestsTo('wewire', 'POST', '/api/v1/checkout')).to.have.length(2);
      expect(events.of('checkout-error')).to.have.length(1);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('text overrides', () => {
    it('its messages reach the QR panel drawn inside, and a change re-renders it', async () => {
      const el = await mount('kamipay', { description: undefined, locale: 'pt-PT' });
      el.messages = { title: 'Pague com Pix', 'qr.copy': 'Copiar o Pix' };
      void el.show();
      await waitUntil(() => qrOf(el)?.payload, 'qr');
      await qrOf(el)!.updateComplete;
      const copy = () => qrOf(el)!.shadowRoot!.querySelector('[part=copy-button]')!.textContent!.trim();
      expect(part(el, 'title')!.textContent).to.equal('Pague com Pix');
      expect(copy()).to.equal('Copiar o Pix');
      // Keys left out: the built-in text of pt-BR (pt-PT falls back to it).
      expect(part(el, 'close-button')!.getAttribute('aria-label')).to.equal(checkoutModalMessages['pt-BR'].closeDialog);
      expect(qrOf(el)!.shadowRoot!.querySelector('figcaption')!.textContent).to.equal(sharedMessages['pt-BR']['qr.scan']);

      el.messages = {};
      await el.updateComplete;
      await qrOf(el)!.updateComplete;
      expect(copy()).to.equal(sharedMessages['pt-BR']['qr.copy']);
      el.close();
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('dialog', () => {
    it('is a modal <dialog> named by its heading', async () => {
      const el = await mount('conomy', { description: undefined });
      void el.show();
      const dialog = dialogOf(el);
      expect(dialog.matches(':modal')).to.equal(true);
      const heading = el.shadowRoot!.getElementById(dialog.getAttribute('aria-labelledby')!)!;
      expect(heading.textContent).to.equal('Checkout');
      expect(part(el, 'close-button')!.getAttribute('aria-label')).to.equal('Close checkout');
      await el.updateComplete;
      expect(el.hasAttribute('open')).to.equal(true);
    });

    it('shows a loading state (accessible) while the token is on its way', async () => {
      sandbox.state.fault({ provider: 'token', method: 'POST', delayMs: 1500 });
      const el = await mount('conomy');
      void el.show();
      await waitPart(el, 'loading');
      expect(deepText(part(el, 'loading')!)).to.contain('Preparing your payment…');
      expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.equal('Preparing your payment…');
      await expect(el).to.be.accessible();
      // Close only once the (slowed) token request has reached this test's sandbox, so it cannot land
      // in the next test's. On a loaded machine the service-worker round trip can take over a second.
      await waitUntil(() => sandbox.state.requestsTo('token', 'POST').length >= 1, 'token request recorded', { timeout: 5_000 });
      el.close();
    });

    it('show() while open returns the same promise and starts nothing new', async () => {
      const el = await mount('kamipay');
      const events = recordEvents(el);
      const first = el.show();
      expect(el.show()).to.equal(first);
      await waitUntil(() => qrOf(el)?.payload, 'qr');
      expect(el.show()).to.equal(first);
      expect(sandbox.state.requestsTo('token', 'POST')).to.have.length(1);
      expect(events.of('checkout-open')).to.have.length(1);
    });

    it('moved in the page while the charge is being created: one charge, still a modal dialog, one success', async () => {
      const el = await mount('kamipay');
      const events = recordEvents(el);
      const hold = sandbox.state.hold({ provider: 'kamipay', method: 'POST', path: '/v2/charge/create_dynamic_pix' });
      const result = el.show();
      const create = await hold.next();
      const elsewhere = document.createElement('section');
      document.body.append(elsewhere);
      elsewhere.append(el); // a framework reordering the page: out of the DOM and back in one task
      create.deliver();
      hold.release();
      await waitUntil(() => qrOf(el)?.payload, 'qr');
      expect([el.open, dialogOf(el).matches(':modal')]).to.deep.equal([true, true]);
      sandbox.state.pay(sandbox.state.latest('kamipay')!.id);
      pollNow();
      expect((await result).status).to.equal('succeeded');
      expect(sandbox.state.requestsTo('kamipay', 'POST', '/v2/charge/create_dynamic_pix')).to.have.length(1);
      expect(sandbox.state.requestsTo('token', 'POST')).to.have.length(1);
      expect(events.types().filter((type) => type !== 'checkout-status')).to.deep.equal(['checkout-open', 'checkout-success']);
      elsewhere.remove();
    });

    it('after an outcome, closing just closes and the next show() starts a fresh flow', async () => {
      const el = await mount('kamipay');
      const events = recordEvents(el);
      const first = el.show();
      await waitUntil(() => qrOf(el)?.payload, 'qr');
      sandbox.state.pay(sandbox.state.latest('kamipay')!.id);
      pollNow();
      await first;
      await el.updateComplete;
      part(el, 'done-button')!.click();
      expect(dialogOf(el).open).to.equal(false);
      expect(events.of('checkout-cancel')).to.have.length(0);
      const second = el.show();
      expect(second).not.to.equal(first);
      await waitUntil(() => sandbox.state.requestsTo('kamipay', 'POST', '/v2/charge/create_dynamic_pix').length === 2, 'second charge');
      await waitUntil(() => qrOf(el)?.payload === sandbox.state.latest<{ emv: string }>('kamipay')!.data.emv, 'new qr');
    });

    it('Escape closes it, cancels the unpaid session, and focus returns to the opener', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <button id="opener">Pay</button>
        <checkout-modal provider="conomy" token-url=${sandbox.tokenUrl} amount="21000" currency="MXN" locale="en"
          .order=${conomyOrder}></checkout-modal>
      </div>`);
      const opener = wrapper.querySelector<HTMLButtonElement>('#opener')!;
      const el = wrapper.querySelector('checkout-modal')!;
      opener.addEventListener('click', () => void el.show());
      const events = recordEvents(el);
      opener.focus();
      await sendKeys({ press: 'Enter' });
      await waitPart(el, 'options');
      expect(el.shadowRoot!.activeElement).not.to.equal(null);
      await sendKeys({ press: 'Escape' });
      await until(events, 'checkout-close');
      expect(el.open).to.equal(false);
      expect(dialogOf(el).open).to.equal(false);
      expect(document.activeElement).to.equal(opener);
      await until(events, 'checkout-cancel');
      expect(sandbox.state.requestsTo('conomy', 'DELETE')).to.have.length(1);
      expect(events.of('checkout-close')).to.have.length(1);
      expect(events.of('checkout-cancel')).to.have.length(1);
    });

    it('keyboard only: open, choose Pix, copy the code, pay, close', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <button id="opener">Pay</button>
        <checkout-modal provider="conomy" token-url=${sandbox.tokenUrl} amount="21000" currency="MXN" locale="en"
          .order=${conomyOrder}></checkout-modal>
      </div>`);
      const opener = wrapper.querySelector<HTMLButtonElement>('#opener')!;
      const el = wrapper.querySelector('checkout-modal')!;
      opener.addEventListener('click', () => void el.show());
      const events = recordEvents(el);
      opener.focus();
      await sendKeys({ press: 'Enter' });
      await waitPart(el, 'options');
      await tabTo((element) => element?.getAttribute('part') === 'option' && element.textContent!.includes('Pix'));
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => qrOf(el)?.payload, 'qr');
      await el.updateComplete;
      await navigator.clipboard.writeText('before');
      await tabTo((element) => element?.getAttribute('part') === 'copy-button');
      await sendKeys({ press: 'Enter' });
      await waitUntil(async () => (await navigator.clipboard.readText()) === qrOf(el)!.payload, 'copied');
      sandbox.state.pay(sandbox.state.latest('conomy')!.id);
      pollNow();
      await until(events, 'checkout-success');
      await el.updateComplete;
      await tabTo((element) => element?.getAttribute('part') === 'done-button');
      await sendKeys({ press: 'Enter' });
      expect(dialogOf(el).open).to.equal(false);
      expect(document.activeElement).to.equal(opener);
      expect(events.types().filter((type) => type !== 'checkout-status')).to.deep.equal(['checkout-open', 'checkout-success', 'checkout-close']);
    });

    it('setting open opens and closes it without checkout-open / checkout-close', async () => {
      const el = await mount('kamipay');
      const events = recordEvents(el);
      el.open = true;
      await el.updateComplete;
      expect(dialogOf(el).open).to.equal(true);
      await waitUntil(() => qrOf(el)?.payload, 'qr');
      el.open = false;
      await el.updateComplete;
      expect(dialogOf(el).open).to.equal(false);
      expect(events.of('checkout-open')).to.have.length(0);
      expect(events.of('checkout-close')).to.have.length(0);
      // Closing an unpaid checkout still cancels it: that is an outcome, not a property echo.
      await until(events, 'checkout-cancel');
      expect(events.of('checkout-cancel')).to.have.length(1);
    });

    it('disabled: show() rejects with config and nothing starts', async () => {
      const el = await mount('kamipay');
      el.disabled = true;
      const error = await el.show().then(
        () => undefined,
        (reason: unknown) => reason as { code: string },
      );
      expect(error?.code).to.equal('config');
      expect(dialogOf(el).open).to.equal(false);
      expect(sandbox.state.requests).to.have.length(0);
    });

    it('a bad attribute is a config error with retry, and closing it cancels nothing', async () => {
      const el = await mount('kamipay', { storeId: undefined });
      const events = recordEvents(el);
      void el.show();
      await waitPart(el, 'error');
      once(events, 'checkout-error', { code: 'config' });
      expect(deepText(part(el, 'error')!)).to.contain('This checkout is not set up correctly.').and.contain('store-id');
      el.close();
      expect(events.types().filter((type) => type !== 'checkout-error')).to.deep.equal(['checkout-open', 'checkout-close']);
    });

    /** The page is back from KaiPay at `returnUrl` (redirect mode): a new modal, as a reload would make. */
    async function comeBackTo(returnUrl: URL) {
      const back = new URL(pageUrl);
      returnUrl.searchParams.forEach((value, key) => back.searchParams.set(key, value));
      history.replaceState(null, '', back);
      const el = document.createElement('checkout-modal');
      const events = recordEvents(el);
      Object.assign(el, { provider: 'kaipay', tokenUrl: sandbox.tokenUrl, amount: 21000, currency: 'MXN', returnUrl: '/return.html', redirect: true, order: kaipayOrder, locale: 'en' });
      await fixture(html`<div>${el}</div>`);
      return { el, events };
    }

    it('back on the return page (redirect mode): opens and settles the stored session', async () => {
      const first = await mount('kaipay');
      void first.show();
      await waitPart(first, 'continue-button');
      const session = sandbox.state.latest('kaipay')!;
      const successUrl = new URL(returnUrlOf('kaipay', 'success'));
      // The page navigates away to KaiPay (redirect) and comes back: the element is a new one.
      first.remove();
      const created = kaipayCreate().length;
      const { el, events } = await comeBackTo(successUrl);
      await until(events, 'checkout-success');
      once(events, 'checkout-open', { provider: 'kaipay' });
      once(events, 'checkout-success', { provider: 'kaipay', sessionId: session.id, status: 'succeeded', amount: 21000, currency: 'MXN' });
      expect(dialogOf(el).open).to.equal(true);
      expect(kaipayCreate()).to.have.length(created);
    });
    it("the flow's own popup on a return page that carries the checkout: nothing resumes there (the opener reports)", async () => {
      const first = await mount('kaipay');
      void first.show();
      await waitPart(first, 'continue-button');
      const successUrl = new URL(returnUrlOf('kaipay', 'success'));
      first.remove();
      // The popup's storage: a copy of the opener's (the stored flow) and the popup's own marker.
      sessionStorage.setItem(POPUP_MARKER_KEY, refOf(successUrl.href));
      const { el, events } = await comeBackTo(successUrl);
      await el.updateComplete;
      expect(events.types(), 'no checkout-open, no checkout-success in the popup').to.deep.equal([]);
      expect(dialogOf(el).open).to.equal(false);
    });
    it('the shop tab reloaded while the customer paid in the popup: the kept outcome settles it on return, once, and the paid page is not offered again', async () => {
      const first = await mount('kaipay');
      void first.show();
      await waitPart(first, 'continue-button');
      part(first, 'continue-button')!.click();
      const session = sandbox.state.latest('kaipay')!;
      const successUrl = returnUrlOf('kaipay', 'success');
      first.remove(); // the tab reloads (or a phone discards it): nothing listens for the popup
      await Promise.resolve();
      sandbox.state.pay(session.id);
      // The popup lands on the return page, announces to no one and closes.
      const popup = { location: { href: successUrl }, name: `checkout-elements-${refOf(successUrl)}`, localStorage, close() {} };
      announceReturn(popup as unknown as Window);
      const created = kaipayCreate().length;
      const reloaded = document.createElement('checkout-modal');
      const events = recordEvents(reloaded);
      Object.assign(reloaded, { provider: 'kaipay', tokenUrl: sandbox.tokenUrl, amount: 21000, currency: 'MXN', returnUrl: '/return.html', order: kaipayOrder, locale: 'en' });
      await fixture(html`<div>${reloaded}</div>`);
      await until(events, 'checkout-success');
      once(events, 'checkout-success', { provider: 'kaipay', sessionId: session.id, status: 'succeeded' });
      expect(part(reloaded, 'continue-button'), 'the paid page is not offered again').to.equal(null);
      expect(kaipayCreate()).to.have.length(created);
      expect(Object.keys(localStorage).filter((key) => key.startsWith('checkout-elements:return:')), 'taken').to.deep.equal([]);
    });
    it('back on the return page after the session ran out: still opens and settles the stored session', async () => {
      const expiresAt = Date.now() + 60_000;
      sandbox.state.fault({
        provider: 'kaipay', method: 'POST', path: '/client-session', status: 201,
        body: { id: 'cs_late', client_session_url: `${sandbox.base('kaipay')}/hosted/cs_late`, expiration_date: new Date(expiresAt).toISOString() },
      });
      const first = await mount('kaipay');
      void first.show();
      await waitPart(first, 'continue-button');
      const successUrl = new URL(returnUrlOf('kaipay', 'success'));
      first.remove(); // off to KaiPay; paid in its last second, back a little after the end
      // Back after the end: the stored session's end is moved to a second ago (what the clock would
      // have done), rather than the test waiting out a real session.
      const key = Object.keys(sessionStorage).find((name) => name.startsWith('checkout-elements:flow:'))!;
      const record = JSON.parse(sessionStorage.getItem(key)!) as { session: { expiresAt: number } };
      expect(record.session.expiresAt, 'the stored session is the one KaiPay made').to.equal(expiresAt);
      record.session.expiresAt = Date.now() - 1_000;
      sessionStorage.setItem(key, JSON.stringify(record));
      const { events } = await comeBackTo(successUrl);
      await until(events, 'checkout-success');
      once(events, 'checkout-success', { provider: 'kaipay', sessionId: 'cs_late', status: 'succeeded' });
      expect(events.of('checkout-expired')).to.have.length(0);
      expect(kaipayCreate()).to.have.length(1);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('security', () => {
    it('Conomy: hostile description, customer name and item descriptions are rendered as text', async () => {
      const order: CheckoutOrder = {
        customer: { name: HOSTILE, email: 'ana@example.com' },
        items: [{ description: HOSTILE, amount: 21000, quantity: 1 }],
      };
      const el = await mount('conomy', { description: HOSTILE, order });
      void el.show();
      await waitPart(el, 'options');
      expect(part(el, 'title')!.textContent).to.equal(HOSTILE);
      expect(deepText(part(el, 'items')!)).to.contain(HOSTILE);
      expect(nothingExecuted(el)).to.equal(true);
    });

    it('an unsafe hosted URL is refused: checkout-error config once, nothing opens', async () => {
      sandbox.state.fault({
        provider: 'kaipay', method: 'POST', path: '/client-session', status: 201,
        body: { id: 'cs_js', client_session_url: 'javascript:window.__xss=3', expiration_date: new Date(Date.now() + 60_000).toISOString() },
      });
      const el = await mount('kaipay');
      const events = recordEvents(el);
      void el.show();
      await waitPart(el, 'error');
      once(events, 'checkout-error', { code: 'config' });
      expect(part(el, 'continue-button')).to.equal(null);
      expect(popups).to.have.length(0);
      expect(nothingExecuted(el)).to.equal(true);
    });

    it('KaiPay: hostile items are rendered as text', async () => {
      const order: CheckoutOrder = { ...kaipayOrder, customer: { name: HOSTILE, email: 'ana@example.com' }, items: [{ description: HOSTILE, amount: 21000, quantity: 1 }] };
      const el = await mount('kaipay', { description: HOSTILE, order });
      void el.show();
      await waitPart(el, 'continue-button');
      expect(deepText(el)).to.contain(HOSTILE);
      expect(nothingExecuted(el)).to.equal(true);
    });
  });

  // -------------------------------------------------------------------------------------------
  for (const locale of ['es', 'pt-BR'] as const satisfies readonly Locale[]) {
    describe(`locale ${locale}`, () => {
      /** English fragments of every catalog the modal shows (placeholders cut out), minus those the locale shares. */
      function englishFragments(): string[] {
        const fragments = new Set<string>();
        for (const catalog of [sharedMessages, checkoutModalMessages] as { en: Record<string, string>; es: Record<string, string>; 'pt-BR': Record<string, string> }[]) {
          for (const [key, english] of Object.entries(catalog.en)) {
            if (catalog[locale][key] === english) continue;
            for (const fragment of english.split(/\{\w+\}/)) if (fragment.trim().length >= 4) fragments.add(fragment.trim());
          }
        }
        return [...fragments];
      }

      function expectNoEnglish(el: Element, phase: string): void {
        const text = deepText(el);
        const found = englishFragments().filter((fragment) => text.includes(fragment));
        expect(found, `English in ${phase}`).to.deep.equal([]);
      }

      it('conomy: loading, choice, QR, processing, success', async () => {
        sandbox.state.fault({ provider: 'token', method: 'POST', delayMs: 300 });
        const el = await mount('conomy', { locale });
        void el.show();
        await waitPart(el, 'loading');
        expectNoEnglish(el, 'loading');
        await waitPart(el, 'options');
        expectNoEnglish(el, 'choosing');
        clickOption(el, 'Pix');
        await waitUntil(() => qrOf(el)?.payload, 'qr');
        await qrOf(el)!.updateComplete;
        expectNoEnglish(el, 'qr');
        const session = sandbox.state.latest('conomy')!;
        sandbox.state.process(session.id);
        pollNow();
        await waitPart(el, 'processing');
        expectNoEnglish(el, 'processing');
        sandbox.state.pay(session.id);
        pollNow();
        await waitPart(el, 'outcome');
        expectNoEnglish(el, 'succeeded');
      });

      it('conomy: the details form and its errors', async () => {
        setPixRequiredFields(sandbox.state, [...PIX_DOCUMENT_FIELDS, 'pix.customer.phoneNumber', 'pix.customer.phoneNumberPrefix']);
        const el = await mount('conomy', { locale, currency: 'BRL' });
        void el.show();
        await waitPart(el, 'options');
        clickOption(el, 'Pix');
        await waitPart(el, 'details');
        expectNoEnglish(el, 'details');
        const [documentField] = parts(el, 'details-input') as HTMLInputElement[];
        documentField!.value = '529.982.247-24';
        part(el, 'details-button')!.click();
        await el.updateComplete;
        expect(el.shadowRoot!.querySelectorAll('.field-error')).to.have.length(3);
        expectNoEnglish(el, 'details errors');
      });

      it('kaipay: error, hosted hand-off, waiting, expired', async () => {
        sandbox.state.fault({ provider: 'kaipay', method: 'POST', path: '/client-session', body: 'malformed-json' });
        sandbox.state.fault({
          provider: 'kaipay', method: 'POST', path: '/client-session', status: 201,
          body: { id: 'cs_short', client_session_url: `${sandbox.base('kaipay')}/hosted/cs_short`, expiration_date: new Date(Date.now() + 1500).toISOString() },
        });
        const el = await mount('kaipay', { locale });
        void el.show();
        await waitPart(el, 'error');
        expectNoEnglish(el, 'error');
        part(el, 'retry-button')!.click();
        const button = await waitPart(el, 'continue-button');
        expectNoEnglish(el, 'hosted');
        button.click();
        await el.updateComplete;
        expectNoEnglish(el, 'hosted, waiting');
        await waitPart(el, 'outcome');
        expectNoEnglish(el, 'expired');
      });

      it('wewire: asset choice, hosted, cancelled', async () => {
        const el = await mount('wewire', { locale });
        void el.show();
        await waitPart(el, 'options');
        expectNoEnglish(el, 'asset choice');
        clickOption(el, 'USDT');
        await waitPart(el, 'continue-button');
        postReturn('wewire', refOf(returnUrlOf('wewire', 'cancel')), 'cancel');
        await waitPart(el, 'outcome');
        expectNoEnglish(el, 'cancelled');
      });

      it('kamipay: failed', async () => {
        const el = await mount('kamipay', { locale });
        void el.show();
        await waitUntil(() => qrOf(el)?.payload, 'qr');
        sandbox.state.fail(sandbox.state.latest('kamipay')!.id);
        pollNow();
        await waitPart(el, 'outcome');
        expectNoEnglish(el, 'failed');
      });
    });
  }
});
