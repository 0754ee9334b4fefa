import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import { sendKeys } from '@web/test-runner-commands';
import jsQR from 'jsqr';
import { render, type TemplateResult } from 'lit';
import '../../src/define.js';
import type { CajaQrElement } from '../../src/elements/caja-qr/caja-qr.js';
import { cajaQrMessages } from '../../src/elements/caja-qr/caja-qr.messages.js';
import { sharedMessages } from '../../src/core/messages.js';
import { createKamipayRegisters } from '../../src/providers/kamipay-registers.js';
import type { Sandbox } from '../../demo/sandbox/index.js';
import type { KamipayChargeData } from '../../demo/sandbox/kamipay.js';
import { startSandbox, sandboxToken } from '../support/sandbox.js';
import { HOSTILE, deepText, nothingExecuted, recordEvents, statusStates } from '../support/elements.js';
import { decodeRenderedQr } from '../support/qr.js';

const CREATE = '/v2/charge/create_dynamic_pix';
const STATUS = '/v2/status/tx_status';
const STORE_1 = '/v2/stores/1/checkouts';
const WALLETS = '/v2/merchants/wallets';
/** Waits that span a poll or a real expiry (the sandbox and the flow run on the real clock). */
const SLOW = { timeout: 8_000, interval: 20 };

let sandbox: Sandbox;

beforeEach(async () => {
  // A charge left pending by an earlier test must not be resumed from sessionStorage.
  sessionStorage.clear();
  sandbox = await startSandbox();
});

/** Renders into a wrapper that records events first, so events of the first update are heard too. */
async function mount(template: TemplateResult) {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  const events = recordEvents(wrapper);
  render(template, wrapper);
  const el = wrapper.querySelector('caja-qr')!;
  await el.updateComplete;
  return { el, events };
}

const root = (el: CajaQrElement) => el.shadowRoot!;
const part = <T extends Element = HTMLElement>(el: CajaQrElement, name: string) => root(el).querySelector<T>(`[part~="${name}"]`);
const qrPanel = (el: CajaQrElement) => root(el).querySelector('checkout-qr');
const qrSvg = (el: CajaQrElement) => qrPanel(el)?.shadowRoot?.querySelector('svg') ?? null;
const liveRegion = (el: CajaQrElement) => root(el).querySelector('[role=status][aria-live=polite]')!.textContent!.trim();
const creates = () => sandbox.state.requestsTo('kamipay', 'POST', CREATE);
const statusChecks = () => sandbox.state.requestsTo('kamipay', 'GET', STATUS);
const charge = () => sandbox.state.latest<KamipayChargeData>('kamipay')!;

async function showsQr(el: CajaQrElement): Promise<SVGSVGElement> {
  await waitUntil(() => qrSvg(el), 'no QR shown', { timeout: 3_000 });
  return qrSvg(el)!;
}

/**
 * The next status check now rather than at the 2 s cadence: the poller re-checks at once when the
 * network comes back, so a real `online` event wakes it.
 */
async function pollNow(): Promise<void> {
  const before = statusChecks().length;
  window.dispatchEvent(new Event('online'));
  await waitUntil(() => statusChecks().length > before, 'no status check', SLOW);
}

async function click(button: HTMLElement | null): Promise<void> {
  expect(button, 'button').to.exist;
  button!.click();
}

describe('<caja-qr>', () => {
  describe('charging', () => {
    it('issues the charge, shows the QR of the exact emv, copies it, and ends in succeeded once', async () => {
      const { el, events } = await mount(
        html`<caja-qr store-id="1" checkout-id="1" amount="1250" token-url="/sandbox/token" locale="en"></caja-qr>`,
      );
      const svg = await showsQr(el);

      const [create] = creates();
      expect(creates()).to.have.length(1);
      expect(create!.body).to.deep.equal({ amount: 12.5, currency: 'BRL', expire: 300, store_id: 1, checkout_id: 1 });
      expect(create!.headers.authorization).to.match(/^Bearer sbx_kamipay_/);
      const [token] = sandbox.state.requestsTo('token');
      expect(token!.body).to.deep.equal({ provider: 'kamipay', amount: 1250, currency: 'BRL', storeId: 1, checkoutId: 1 });

      const { emv, operation_id } = charge().data;
      expect(await decodeRenderedQr(svg, jsQR)).to.equal(emv);
      expect(part(el, 'qr')!.shadowRoot!.querySelector('[part=amount]')!.textContent).to.equal('R$12.50');
      expect(liveRegion(el)).to.equal('Waiting for payment');
      expect(statusStates(el)).to.deep.equal(['pending']);
      await expect(el).to.be.accessible();

      // Real clipboard, real key press.
      await navigator.clipboard.writeText('before');
      qrPanel(el)!.shadowRoot!.querySelector<HTMLButtonElement>('[part=copy-button]')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(async () => (await navigator.clipboard.readText()) === emv, 'emv not copied');

      sandbox.state.pay(operation_id);
      await pollNow();
      await waitUntil(() => events.of('checkout-success').length === 1);
      const [success] = events.of('checkout-success');
      expect(success!.detail).to.deep.include({ provider: 'kamipay', sessionId: operation_id, status: 'succeeded', amount: 1250, currency: 'BRL' });
      expect(success!.target).to.equal(el);
      expect(success!.bubbles && success!.composed).to.equal(true);
      expect(events.of('checkout-status').map((e) => e.detail.status)).to.deep.equal(['pending', 'succeeded']);
      expect(part(el, 'outcome')!.textContent).to.contain('Payment received');
      expect(liveRegion(el)).to.equal('Payment received');
      expect(el.matches(':state(succeeded)')).to.equal(true);
      expect(statusStates(el), 'pending cleared').to.deep.equal(['succeeded']);
      await expect(el).to.be.accessible();

      // Without `continuous` the outcome stays: re-setting the amount (a page re-render) charges nobody twice.
      el.amount = 1250;
      el.setAttribute('amount', '1250');
      await el.updateComplete;
      expect(creates()).to.have.length(1);
      expect(part(el, 'outcome')).to.exist;
      expect(events.of('checkout-success')).to.have.length(1);
      expect(events.of('checkout-error')).to.have.length(0);
    });

    it('shows processing, then succeeded', async () => {
      const { el, events } = await mount(
        html`<caja-qr store-id="1" checkout-id="2" amount="500" currency="usdt" token-url=${sandbox.tokenUrl} locale="en"></caja-qr>`,
      );
      await showsQr(el);
      expect(creates()[0]!.body).to.deep.include({ amount: 5, currency: 'USDT', checkout_id: 2 });
      const id = charge().id;

      sandbox.state.process(id);
      await pollNow();
      await waitUntil(() => part(el, 'processing'));
      expect(events.of('checkout-status').map((e) => e.detail.status)).to.deep.equal(['pending', 'processing']);
      expect(liveRegion(el)).to.equal('Confirming payment');
      await expect(el).to.be.accessible();

      sandbox.state.pay(id);
      await pollNow();
      await waitUntil(() => events.of('checkout-success').length === 1);
      expect(events.of('checkout-success')[0]!.detail).to.deep.include({ sessionId: id, status: 'succeeded', amount: 500, currency: 'USDT' });
      expect(events.of('checkout-status').map((e) => e.detail.status)).to.deep.equal(['pending', 'processing', 'succeeded']);
    });

    it('shows a failure once, and "try again" issues a new QR', async () => {
      const { el, events } = await mount(
        html`<caja-qr store-id="1" checkout-id="1" amount="990" token-url=${sandbox.tokenUrl} locale="en"></caja-qr>`,
      );
      await showsQr(el);
      const first = charge().id;
      sandbox.state.fail(first);
      await pollNow();
      await waitUntil(() => events.of('checkout-failure').length === 1);
      expect(events.of('checkout-failure')[0]!.detail).to.deep.include({ sessionId: first, status: 'failed', amount: 990 });
      expect(part(el, 'outcome')!.textContent).to.contain('Payment failed');
      await expect(el).to.be.accessible();

      await click(part(el, 'try-again-button'));
      await waitUntil(() => creates().length === 2 && qrSvg(el), 'no second QR', { timeout: 3_000 });
      expect(charge().id).to.not.equal(first);
      expect(await decodeRenderedQr(qrSvg(el)!, jsQR)).to.equal(charge().data.emv);
      expect(events.of('checkout-failure')).to.have.length(1);
    });

    it('expires by its own clock after a final status check, once', async () => {
      const { el, events } = await mount(
        html`<caja-qr store-id="1" checkout-id="1" amount="100" expire="2" token-url=${sandbox.tokenUrl} locale="en"></caja-qr>`,
      );
      await showsQr(el);
      expect(creates()[0]!.body).to.deep.include({ expire: 2 });
      const { id, expiresAt } = charge();

      await waitUntil(() => events.of('checkout-expired').length === 1, 'not expired', SLOW);
      // kamiPay never reports expiry: the provider was asked once more at or after the expiry first.
      expect(statusChecks().some((request) => request.at >= expiresAt! && request.query.id === id)).to.equal(true);
      expect(events.of('checkout-expired')[0]!.detail).to.deep.include({ provider: 'kamipay', sessionId: id, status: 'expired' });
      expect(part(el, 'outcome')!.textContent).to.contain('Payment time ran out');
      expect(part(el, 'try-again-button')).to.exist;
      await expect(el).to.be.accessible();
      expect(events.of('checkout-expired')).to.have.length(1);
      expect(events.types().filter((type) => type === 'checkout-success' || type === 'checkout-failure')).to.deep.equal([]);
    });

    it('a transient status error shows "reconnecting" without checkout-error, then recovers', async () => {
      const { el, events } = await mount(
        html`<caja-qr store-id="1" checkout-id="1" amount="800" token-url=${sandbox.tokenUrl} locale="en"></caja-qr>`,
      );
      await showsQr(el);
      sandbox.state.fault({ provider: 'kamipay', method: 'GET', path: STATUS, status: 503 });
      await pollNow();
      await waitUntil(() => part(el, 'reconnecting'));
      expect(part(el, 'reconnecting')!.textContent).to.equal('Connection lost. Reconnecting…');
      expect(liveRegion(el)).to.equal('Connection lost. Reconnecting…');
      expect(qrSvg(el)).to.exist;
      await expect(el).to.be.accessible();

      sandbox.state.pay(charge().id);
      await pollNow();
      await waitUntil(() => events.of('checkout-success').length === 1);
      expect(part(el, 'reconnecting')).to.equal(null);
      expect(events.of('checkout-error')).to.have.length(0);
    });

    it('keeps the outcome when checkout-id is removed afterwards (no picker over a final outcome)', async () => {
      const { el, events } = await mount(
        html`<caja-qr store-id="1" checkout-id="1" amount="800" token-url=${sandbox.tokenUrl} locale="en"></caja-qr>`,
      );
      await showsQr(el);
      sandbox.state.pay(charge().id);
      await pollNow();
      await waitUntil(() => events.of('checkout-success').length === 1);
      el.removeAttribute('checkout-id');
      await el.updateComplete;
      expect(part(el, 'outcome')).to.exist;
      expect(sandbox.state.requestsTo('kamipay', 'GET', STORE_1)).to.have.length(0);
    });

    it('sends the order externalId as external_id and shows the order', async () => {
      const order = { externalId: 'ORD-42', items: [{ description: 'Café', amount: 700, quantity: 2 }] };
      const { el } = await mount(
        html`<caja-qr store-id="1" checkout-id="1" amount="1400" token-url=${sandbox.tokenUrl} locale="en" .order=${order}></caja-qr>`,
      );
      await showsQr(el);
      expect(creates()[0]!.body).to.deep.include({ external_id: 'ORD-42' });
      expect(part(el, 'reference')!.textContent).to.equal('Order ORD-42');
      expect(part(el, 'summary')!.textContent).to.contain('Café');
    });

    it('an order set while the QR shows is the next charge\'s: the QR on screen keeps its own reference and items', async () => {
      const { el } = await mount(html`<caja-qr store-id="1" checkout-id="1" amount="1250" token-url=${sandbox.tokenUrl} locale="en"
        .order=${{ externalId: 'A-1', items: [{ description: 'Coffee', amount: 1250, quantity: 1 }] }}></caja-qr>`);
      await showsQr(el);
      el.order = { externalId: 'B-2', items: [{ description: 'Cake', amount: 9900, quantity: 1 }] };
      await el.updateComplete;
      expect(part(el, 'reference')!.textContent).to.equal('Order A-1');
      expect(part(el, 'summary')!.textContent).to.contain('Coffee').and.not.contain('Cake');
      expect(creates()).to.have.length(1);
    });

    it("the next order's display (same amount and register) charges its own order, never resuming the last order's charge", async () => {
      const first = await mount(html`<caja-qr store-id="1" checkout-id="1" amount="1000" token-url=${sandbox.tokenUrl} locale="en"
        .order=${{ externalId: 'order-A' }}></caja-qr>`);
      await showsQr(first.el);
      const chargeA = charge().id;
      first.el.remove(); // the page moves on (a route change) with order A's QR unpaid
      await Promise.resolve();
      sandbox.state.pay(chargeA); // customer A pays as it goes
      const second = await mount(html`<caja-qr store-id="1" checkout-id="1" amount="1000" token-url=${sandbox.tokenUrl} locale="en"
        .order=${{ externalId: 'order-B' }}></caja-qr>`);
      await showsQr(second.el);
      expect(creates().map((request) => (request.body as { external_id?: string }).external_id)).to.deep.equal(['order-A', 'order-B']);
      expect(charge().id).to.not.equal(chargeA);
      expect(second.events.of('checkout-success')).to.have.length(0);
    });
  });

  describe('ready and continuous', () => {
    it('waits, ready, without an amount: no request at all; an amount then starts the charge', async () => {
      const { el, events } = await mount(html`<caja-qr store-id="1" checkout-id="1" token-url=${sandbox.tokenUrl} locale="en"></caja-qr>`);
      expect(part(el, 'ready')!.textContent).to.contain('Ready for the next charge');
      expect(liveRegion(el)).to.equal('Ready for the next charge');
      expect(sandbox.state.requests).to.have.length(0);
      await expect(el).to.be.accessible();

      el.amount = 2000;
      await showsQr(el);
      expect(creates()[0]!.body).to.deep.include({ amount: 20 });
      expect(events.types()).to.deep.equal(['checkout-status']);
    });

    it('continuous: two amounts, two charges, two successes, back to ready in between', async () => {
      const { el, events } = await mount(
        html`<caja-qr continuous store-id="1" checkout-id="1" amount="1000" token-url=${sandbox.tokenUrl} locale="en"></caja-qr>`,
      );
      await showsQr(el);
      const first = charge().id;
      sandbox.state.pay(first);
      await pollNow();
      await waitUntil(() => events.of('checkout-success').length === 1);
      await el.updateComplete;
      expect(part(el, 'ready')).to.exist;
      expect(part(el, 'last-outcome')!.textContent).to.contain('Last charge: Payment received');
      expect(liveRegion(el)).to.equal('Payment received. Ready for the next charge');
      expect(statusStates(el), 'the last charge stays until the next one starts').to.deep.equal(['succeeded']);
      expect(qrPanel(el)).to.equal(null);
      await expect(el).to.be.accessible();

      // The same value set again is a new customer.
      el.amount = 1000;
      await waitUntil(() => creates().length === 2 && qrSvg(el), 'no second charge', { timeout: 3_000 });
      const second = charge().id;
      expect(second).to.not.equal(first);
      expect(statusStates(el), 'the new charge').to.deep.equal(['pending']);
      expect(await decodeRenderedQr(qrSvg(el)!, jsQR)).to.equal(charge().data.emv);
      sandbox.state.pay(second);
      await pollNow();
      await waitUntil(() => events.of('checkout-success').length === 2);
      await el.updateComplete;
      expect(events.of('checkout-success').map((e) => e.detail.sessionId)).to.deep.equal([first, second]);
      expect(part(el, 'ready')).to.exist;

      // And an attribute set of the same value too.
      el.setAttribute('amount', '1000');
      await waitUntil(() => creates().length === 3, 'no third charge');
      expect(events.of('checkout-success')).to.have.length(2);
    });

    it('continuous: an amount set while a QR is on screen is charged after its outcome, never instead of it', async () => {
      const { el, events } = await mount(
        html`<caja-qr continuous store-id="1" checkout-id="1" amount="1000" token-url=${sandbox.tokenUrl} locale="en"></caja-qr>`,
      );
      await showsQr(el);
      const first = charge().id;
      el.amount = 3000;
      await el.updateComplete;
      expect(creates()).to.have.length(1);
      sandbox.state.pay(first);
      await pollNow();
      await waitUntil(() => creates().length === 2, 'queued amount not charged');
      expect(creates()[1]!.body).to.deep.include({ amount: 30 });
      expect(events.of('checkout-success').map((e) => e.detail.sessionId)).to.deep.equal([first]);
    });
  });

  describe('register picker', () => {
    it('lists the store registers; picking one issues the charge for it', async () => {
      const { el } = await mount(html`<caja-qr store-id="1" amount="1500" token-url=${sandbox.tokenUrl} locale="en"></caja-qr>`);
      await waitUntil(() => root(el).querySelectorAll('[part=register-option]').length === 2);
      const options = [...root(el).querySelectorAll<HTMLButtonElement>('[part=register-option]')];
      expect(options.map((o) => o.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal(['Main register No. 1', 'Self-service kiosk No. 2']);
      expect(part(el, 'registers')!.querySelector('legend')!.textContent).to.equal('Choose a register');
      expect(liveRegion(el)).to.equal('Choose a register');
      const [list] = sandbox.state.requestsTo('kamipay', 'GET', STORE_1);
      expect(list!.headers.authorization).to.match(/^Bearer sbx_kamipay_/);
      expect(sandbox.state.requestsTo('token')[0]!.body).to.deep.equal({ provider: 'kamipay', storeId: 1 });
      expect(creates()).to.have.length(0);
      expect(part(el, 'register-form')).to.equal(null);
      await expect(el).to.be.accessible();

      await click(options[1]!);
      await showsQr(el);
      expect(creates()[0]!.body).to.deep.equal({ amount: 15, currency: 'BRL', expire: 300, store_id: 1, checkout_id: 2 });
      expect(el.checkoutId).to.equal(2);
      expect(part(el, 'register')!.textContent).to.equal('Register: Self-service kiosk');
    });

    it('says so when the store has no registers', async () => {
      const { el } = await mount(html`<caja-qr store-id="2" token-url=${sandbox.tokenUrl} locale="en"></caja-qr>`);
      await waitUntil(() => part(el, 'empty'));
      expect(part(el, 'empty')!.textContent).to.equal('This store has no registers yet.');
      await expect(el).to.be.accessible();
    });

    it('picks a register with the keyboard only', async () => {
      const { el } = await mount(html`<caja-qr store-id="1" amount="700" token-url=${sandbox.tokenUrl} locale="en"></caja-qr>`);
      await waitUntil(() => root(el).querySelectorAll('[part=register-option]').length === 2);
      await sendKeys({ press: 'Tab' });
      expect(root(el).activeElement!.textContent).to.contain('Main register');
      await sendKeys({ press: 'Tab' });
      expect(root(el).activeElement!.textContent).to.contain('Self-service kiosk');
      await sendKeys({ press: 'Enter' });
      await showsQr(el);
      expect(creates()[0]!.body).to.deep.include({ checkout_id: 2 });
      // Focus follows to the new view instead of getting lost with the removed button.
      expect(root(el).activeElement).to.equal(part(el, 'base'));
    });

    it('"change register" after an outcome (continuous) goes back to the picker', async () => {
      const { el, events } = await mount(
        html`<caja-qr continuous store-id="1" amount="100" token-url=${sandbox.tokenUrl} locale="en"></caja-qr>`,
      );
      await waitUntil(() => root(el).querySelectorAll('[part=register-option]').length === 2);
      await click(root(el).querySelector<HTMLButtonElement>('[part=register-option]'));
      await showsQr(el);
      sandbox.state.pay(charge().id);
      await pollNow();
      await waitUntil(() => events.of('checkout-success').length === 1);
      await el.updateComplete;
      await click(part(el, 'change-register-button'));
      await waitUntil(() => root(el).querySelectorAll('[part=register-option]').length === 2);
      expect(sandbox.state.requestsTo('kamipay', 'GET', STORE_1)).to.have.length(2);
      await click(root(el).querySelectorAll<HTMLButtonElement>('[part=register-option]')[1]!);
      await el.updateComplete;
      // The amount was charged already: the new register waits for the next one.
      expect(part(el, 'ready')).to.exist;
      expect(creates()).to.have.length(1);
      el.amount = 100;
      await waitUntil(() => creates().length === 2);
      expect(creates()[1]!.body).to.deep.include({ checkout_id: 2 });
    });
  });

  describe('new register (manage)', () => {
    it('creates a register with a wallet (keyboard), which appears and is used', async () => {
      const { el } = await mount(html`<caja-qr manage store-id="1" token-url=${sandbox.tokenUrl} locale="en"></caja-qr>`);
      await waitUntil(() => part(el, 'wallet-select'));
      const select = part<HTMLSelectElement>(el, 'wallet-select')!;
      expect([...select.options].map((o) => [o.value, o.textContent])).to.deep.equal([
        ['3', 'BRL settlement'],
        ['4', 'USDT (Polygon)'],
      ]);
      expect(sandbox.state.requestsTo('kamipay', 'GET', WALLETS)).to.have.length(1);
      const input = part<HTMLInputElement>(el, 'description-input')!;
      expect(root(el).querySelector(`label[for=${input.id}]`)!.textContent).to.equal('Description');
      expect(root(el).querySelector(`label[for=${select.id}]`)!.textContent).to.equal('Wallet that receives the payments');
      await expect(el).to.be.accessible();

      // Blank (spaces only) is refused before any request, with a message tied to the field.
      input.focus();
      await sendKeys({ type: '   ' });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(root(el).querySelector(`#${input.getAttribute('aria-describedby')}`)!.textContent).to.equal(
        'Enter a description for the register.',
      );
      expect(root(el).activeElement).to.equal(input);
      expect(sandbox.state.requestsTo('kamipay', 'POST', STORE_1)).to.have.length(0);
      await expect(el).to.be.accessible();

      await sendKeys({ type: ' Front counter ' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => part(el, 'ready'), 'not ready with the new register');
      const [create] = sandbox.state.requestsTo('kamipay', 'POST', STORE_1);
      expect(create!.body).to.deep.equal({ checkout_desc: 'Front counter', wallet_id: 3 });
      expect(el.checkoutId).to.equal(3);

      el.amount = 4200;
      await showsQr(el);
      expect(creates()[0]!.body).to.deep.include({ checkout_id: 3, amount: 42 });
      expect(part(el, 'register')!.textContent).to.equal('Register: Front counter');
    });

    it('shows "Wallet not found" for a wallet that is not the merchant’s, with checkout-error', async () => {
      // A stale wallet list: wallet 9 belongs to another merchant now.
      sandbox.state.fault({
        provider: 'kamipay', method: 'GET', path: WALLETS,
        body: [
          { merchant_id: 1, wallet_id: 3, wallet_desc: 'BRL settlement' },
          { merchant_id: 1, wallet_id: 9, wallet_desc: 'Old wallet' },
        ],
      });
      const { el, events } = await mount(html`<caja-qr manage store-id="1" token-url=${sandbox.tokenUrl} locale="en"></caja-qr>`);
      await waitUntil(() => part(el, 'wallet-select'));
      const input = part<HTMLInputElement>(el, 'description-input')!;
      input.value = 'Terrace';
      input.dispatchEvent(new Event('input'));
      const select = part<HTMLSelectElement>(el, 'wallet-select')!;
      select.value = '9';
      select.dispatchEvent(new Event('change'));
      await click(part(el, 'create-button'));
      await waitUntil(() => part(el, 'form-error'));
      expect(sandbox.state.requestsTo('kamipay', 'POST', STORE_1)[0]!.body).to.deep.equal({ checkout_desc: 'Terrace', wallet_id: 9 });
      expect(part(el, 'form-error')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('The register could not be created. Wallet not found');
      expect(part(el, 'form-error')!.getAttribute('role')).to.equal('alert');
      expect(events.of('checkout-error').map((e) => e.detail)).to.deep.equal([
        { code: 'provider_error', message: events.of('checkout-error')[0]!.detail.message, retryable: false, httpStatus: 400 },
      ]);
      expect(events.of('checkout-error')[0]!.detail.message).to.contain('Wallet not found');
      expect(el.checkoutId).to.equal(undefined);
      await expect(el).to.be.accessible();
    });
  });

  describe('errors', () => {
    it('store not found: the provider’s words, checkout-error provider_error 404, and retry', async () => {
      const { el, events } = await mount(html`<caja-qr store-id="9" amount="100" token-url=${sandbox.tokenUrl} locale="en"></caja-qr>`);
      await waitUntil(() => part(el, 'error'));
      expect(part(el, 'error')!.textContent).to.contain('The payment service could not complete the request.');
      expect(part(el, 'error-detail')!.textContent).to.equal('Store not found');
      expect(events.of('checkout-error')).to.have.length(1);
      expect(events.of('checkout-error')[0]!.detail).to.deep.include({ code: 'provider_error', httpStatus: 404, retryable: false });
      await expect(el).to.be.accessible();

      await click(part(el, 'retry-button'));
      await waitUntil(() => events.of('checkout-error').length === 2);
      expect(sandbox.state.requestsTo('kamipay', 'GET', '/v2/stores/9/checkouts')).to.have.length(2);
      expect(creates()).to.have.length(0);
    });

    it('a malformed create response is invalid_response; retry issues the charge', async () => {
      sandbox.state.fault({ provider: 'kamipay', method: 'POST', path: CREATE, body: 'malformed-json' });
      const { el, events } = await mount(
        html`<caja-qr store-id="1" checkout-id="1" amount="300" token-url=${sandbox.tokenUrl} locale="en"></caja-qr>`,
      );
      await waitUntil(() => part(el, 'error'));
      expect(part(el, 'error')!.textContent).to.contain('The payment service sent an answer we could not read.');
      expect(events.of('checkout-error').map((e) => e.detail.code)).to.deep.equal(['invalid_response']);
      await expect(el).to.be.accessible();

      await click(part(el, 'retry-button'));
      await showsQr(el);
      expect(creates()).to.have.length(2);
      expect(await decodeRenderedQr(qrSvg(el)!, jsQR)).to.equal(charge().data.emv);
      expect(events.of('checkout-error')).to.have.length(1);
    });

    it('a failing token endpoint is token_failed, with retry', async () => {
      sandbox.state.fault({ provider: 'token', status: 500 });
      const { el, events } = await mount(html`<caja-qr store-id="1" token-url=${sandbox.tokenUrl} locale="en"></caja-qr>`);
      await waitUntil(() => part(el, 'error'));
      expect(events.of('checkout-error').map((e) => e.detail.code)).to.deep.equal(['token_failed']);
      expect(part(el, 'error')!.textContent).to.contain('We could not start the payment.');
      await click(part(el, 'retry-button'));
      await waitUntil(() => root(el).querySelectorAll('[part=register-option]').length === 2);
    });

    it('configuration errors: shown, checkout-error config, and no request', async () => {
      const cases: [TemplateResult, RegExp][] = [
        [html`<caja-qr store-id="1" checkout-id="1" amount="100" currency="EUR" token-url=${sandbox.tokenUrl}></caja-qr>`, /currency/],
        [html`<caja-qr store-id="1" checkout-id="1" amount="100" expire="0" token-url=${sandbox.tokenUrl}></caja-qr>`, /expire/],
        [html`<caja-qr store-id="1" checkout-id="1" amount="100" expire="86401" token-url=${sandbox.tokenUrl}></caja-qr>`, /expire/],
        [html`<caja-qr store-id="1" checkout-id="1" amount="12.5" token-url=${sandbox.tokenUrl}></caja-qr>`, /amount/],
        [html`<caja-qr checkout-id="1" amount="100" token-url=${sandbox.tokenUrl}></caja-qr>`, /store-id/],
        [html`<caja-qr store-id="1" checkout-id="x" token-url=${sandbox.tokenUrl}></caja-qr>`, /checkout-id/],
        [html`<caja-qr store-id="1" checkout-id="1" amount="100"></caja-qr>`, /token-url/],
        [html`<caja-qr provider="conomy" store-id="1" checkout-id="1" amount="100" token-url=${sandbox.tokenUrl}></caja-qr>`, /kamipay/],
      ];
      for (const [template, words] of cases) {
        const { el, events } = await mount(template);
        expect(part(el, 'error'), String(words)).to.exist;
        expect(part(el, 'error')!.textContent).to.contain('This checkout is not set up correctly.');
        expect(part(el, 'error-detail')!.textContent).to.match(words);
        expect(events.of('checkout-error').map((e) => e.detail.code)).to.deep.equal(['config']);
        el.remove();
      }
      expect(sandbox.state.requests).to.have.length(0);
    });

    it('a configuration error is accessible, retried on request, and cleared when the attribute is fixed', async () => {
      const { el, events } = await mount(
        html`<caja-qr store-id="1" checkout-id="1" amount="100" currency="EUR" token-url=${sandbox.tokenUrl} locale="en"></caja-qr>`,
      );
      await expect(el).to.be.accessible();
      await click(part(el, 'retry-button'));
      await el.updateComplete;
      expect(events.of('checkout-error')).to.have.length(2);
      expect(creates()).to.have.length(0);

      el.currency = 'BRL';
      await showsQr(el);
      expect(creates()[0]!.body).to.deep.include({ currency: 'BRL' });
      expect(events.of('checkout-error')).to.have.length(2);
    });
  });

  describe('security and languages', () => {
    it('renders hostile register names and order data literally', async () => {
      const registers = createKamipayRegisters({ token: sandboxToken(sandbox, 'kamipay', { storeId: 1 }) });
      const hostile = await registers.create(1, HOSTILE, 3);
      const order = { externalId: HOSTILE, items: [{ description: HOSTILE, amount: 500, quantity: 1 }] };
      const { el } = await mount(html`<caja-qr store-id="1" amount="500" token-url=${sandbox.tokenUrl} locale="en" .order=${order}></caja-qr>`);
      await waitUntil(() => root(el).querySelectorAll('[part=register-option]').length === 3);
      const option = root(el).querySelectorAll<HTMLButtonElement>('[part=register-option]')[2]!;
      expect(option.textContent).to.contain(HOSTILE.trim());
      expect(nothingExecuted(el)).to.equal(true);

      await click(option);
      await showsQr(el);
      expect(creates()[0]!.body).to.deep.include({ checkout_id: hostile.checkout_id, external_id: HOSTILE });
      expect(part(el, 'register')!.textContent).to.equal(`Register: ${HOSTILE}`);
      expect(part(el, 'reference')!.textContent).to.equal(`Order ${HOSTILE}`);
      expect(deepText(el)).to.contain(HOSTILE);
      expect(nothingExecuted(el)).to.equal(true);
    });

    for (const locale of ['es', 'pt-BR'] as const) {
      it(`speaks ${locale} only: picker, manage form, ready and QR`, async () => {
        const local: Record<string, string> = { ...sharedMessages[locale], ...cajaQrMessages[locale] };
        const english = Object.entries({ ...sharedMessages.en, ...cajaQrMessages.en })
          .filter(([key, text]) => local[key] !== text)
          // Placeholders split a message: check its longest literal piece.
          .map(([, text]) => text.split(/\{\w+\}/).sort((a, b) => b.length - a.length)[0]!.trim())
          .filter((text) => text.length > 3);
        const noEnglish = (el: CajaQrElement) => {
          const text = deepText(el);
          for (const words of english) expect(text, `${locale}: "${words}"`).to.not.contain(words);
        };
        const { el } = await mount(html`<caja-qr manage store-id="1" token-url=${sandbox.tokenUrl} locale=${locale}></caja-qr>`);
        await waitUntil(() => part(el, 'wallet-select') && part(el, 'register-option'));
        noEnglish(el);
        await click(part(el, 'register-option'));
        await el.updateComplete;
        expect(part(el, 'ready')).to.exist;
        noEnglish(el);
        el.amount = 1250;
        await showsQr(el);
        noEnglish(el);
        expect(qrPanel(el)!.shadowRoot!.querySelector('[part=amount]')!.textContent).to.match(/12,50/);
      });
    }

    it('follows the page language without a locale attribute', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div lang="pt-BR"></div>`);
      render(html`<caja-qr store-id="1" checkout-id="1" token-url=${sandbox.tokenUrl}></caja-qr>`, wrapper);
      const el = wrapper.querySelector('caja-qr')!;
      await el.updateComplete;
      expect(part(el, 'ready')!.textContent).to.contain('Pronto para a próxima cobrança');
    });
  });
});

// Recovering, without a reload, when the merchant corrects what made a charge fail.
describe('<caja-qr> corrected after a failed charge', () => {
  it('a register kamiPay does not know (404), then checkout-id corrected: the charge is issued for the new one, no click needed', async () => {
    const { el, events } = await mount(html`<caja-qr store-id="1" checkout-id="999" amount="100" token-url=${sandbox.tokenUrl} locale="en"></caja-qr>`);
    await waitUntil(() => part(el, 'error'), 'error');
    expect(events.of('checkout-error').map((e) => e.detail.code)).to.deep.equal(['provider_error']);
    el.checkoutId = 1;
    await el.updateComplete;
    await waitUntil(() => qrPanel(el)?.payload, 'qr for the corrected register');
    const bodies = sandbox.state.requestsTo('kamipay', 'POST', CREATE).map((r) => (r.body as { checkout_id: number }).checkout_id);
    expect(bodies).to.deep.equal([999, 1]);
  });

  it('a token-url that answers 404, then corrected: the charge is issued through the new one, no click needed', async () => {
    sandbox.state.fault({ provider: 'token', status: 404 });
    const { el, events } = await mount(html`<caja-qr store-id="1" checkout-id="1" amount="100" token-url=${sandbox.tokenUrl} locale="en"></caja-qr>`);
    await waitUntil(() => part(el, 'error'), 'error');
    expect(events.of('checkout-error').map((e) => e.detail.code)).to.deep.equal(['token_failed']);
    el.tokenUrl = `${sandbox.tokenUrl}?shop=fixed`;
    await el.updateComplete;
    await waitUntil(() => qrPanel(el)?.payload, 'qr through the corrected token-url');
    expect(sandbox.state.requestsTo('token').map((r) => new URL(r.url).search)).to.deep.equal(['', '?shop=fixed']);
    expect(sandbox.state.requestsTo('kamipay', 'POST', CREATE)).to.have.length(1);
  });
});
