import { expect, fixture, html } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/define.js';
import type { CheckoutModalElement } from '../../src/elements/checkout-modal/checkout-modal.js';
import type { CheckoutOrder } from '../../src/core/order.js';
import type { Fault, Sandbox } from '../../demo/sandbox/index.js';
import { deepText, recordEvents } from '../support/elements.js';
import { startSandbox } from '../support/sandbox.js';
import { waitUntil } from '../support/wait.js';

// Bad provider answers and bad merchant attributes, as a customer meets them in <checkout-modal>:
// a clear message (never a raw page or a stack), one checkout-error with the right code, and a
// retry that reaches the QR once things answer well again.

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const qrOf = (el: Element) => el.shadowRoot!.querySelector('checkout-qr');

async function waitPart(el: Element, name: string): Promise<HTMLElement> {
  await waitUntil(() => part(el, name), `part ${name}`);
  return part(el, name)!;
}

const conomyOrder: CheckoutOrder = {
  customer: { name: 'Ana Souza', email: 'ana@example.com' },
  items: [{ description: 'Tacos', amount: 21000, quantity: 1 }],
};

describe('bad responses and attributes in <checkout-modal>', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await startSandbox();
    sessionStorage.clear();
  });

  function mountKamipay(attrs: { storeId?: number } = { storeId: 1 }): Promise<CheckoutModalElement> {
    return fixture<CheckoutModalElement>(html`<checkout-modal provider="kamipay" token-url=${sandbox.tokenUrl}
      amount="1250" currency="BRL" store-id=${ifDefined(attrs.storeId)} checkout-id="1" locale="en"></checkout-modal>`);
  }

  it("a gateway's HTML 502 page on create: the customer reads words, not the page's markup; retry shows the QR", async () => {
    sandbox.state.fault({ provider: 'kamipay', method: 'POST', path: '/v2/charge/create_dynamic_pix', status: 502, body: 'html' });
    const el = await mountKamipay();
    const events = recordEvents(el);
    void el.show();
    const error = await waitPart(el, 'error');
    expect(events.of('checkout-error').map((event) => event.detail)).to.deep.equal([
      { code: 'provider_error', message: 'Bad Gateway (POST /sandbox/kamipay/v2/charge/create_dynamic_pix: HTTP 502)', retryable: true, httpStatus: 502 },
    ]);
    expect(deepText(error)).to.contain('The payment service could not complete the request.').and.not.match(/<|html|nginx/i);
    part(el, 'retry-button')!.click();
    await waitUntil(() => qrOf(el)?.payload, 'qr after retry');
    expect(events.of('checkout-error')).to.have.length(1);
  });

  it('Conomy Pix: an HTML 502 page on the payment is shown as words beside the choice, not markup', async () => {
    const el = await fixture<CheckoutModalElement>(html`<checkout-modal provider="conomy" token-url=${sandbox.tokenUrl}
      amount="21000" currency="MXN" locale="en" .order=${conomyOrder}></checkout-modal>`);
    const events = recordEvents(el);
    void el.show();
    await waitPart(el, 'options');
    sandbox.state.fault({ provider: 'conomy', method: 'POST', path: /\/payments$/, status: 502, body: 'html' });
    [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="option"]')].find((b) => b.textContent!.includes('Pix'))!.click();
    await waitUntil(() => events.of('checkout-error').length, 'checkout-error');
    await el.updateComplete;
    expect(events.of('checkout-error')[0]!.detail).to.include({ code: 'provider_error', httpStatus: 502 });
    expect(deepText(el)).to.contain('The payment service could not complete the request.').and.not.match(/<\/?\w|nginx/i);
  });

  it('a wrong attribute corrected while the error shows: Retry uses the corrected value and reaches the QR', async () => {
    const el = await mountKamipay({ storeId: undefined });
    const events = recordEvents(el);
    void el.show();
    await waitPart(el, 'error');
    expect(events.of('checkout-error').map((event) => event.detail.code)).to.deep.equal(['config']);
    el.setAttribute('store-id', '1');
    await el.updateComplete;
    part(el, 'retry-button')!.click();
    await waitUntil(() => qrOf(el)?.payload, 'qr after retry');
    expect(events.of('checkout-error')).to.have.length(1);
    expect(sandbox.state.requestsTo('kamipay', 'POST', '/v2/charge/create_dynamic_pix')).to.have.length(1);
  });

  const ORDERS: Record<string, CheckoutOrder> = {
    kamipay: {},
    kaipay: { ...conomyOrder, country: 'MX' },
    conomy: { customer: conomyOrder.customer },
    wewire: { customer: conomyOrder.customer },
  };
  for (const provider of ['kamipay', 'kaipay', 'conomy', 'wewire']) {
    for (const amount of ['10,50', '-1', '99999999999999999999', '12.5']) {
      it(`${provider}: amount="${amount}" is a config error naming the amount, before any request`, async () => {
        const el = await fixture<CheckoutModalElement>(html`<checkout-modal provider=${provider} token-url=${sandbox.tokenUrl}
          amount=${amount} currency="BRL" store-id="1" checkout-id="1" return-url="/return.html" description="Order" locale="en"
          .order=${ORDERS[provider]}></checkout-modal>`);
        const events = recordEvents(el);
        void el.show();
        await waitUntil(() => events.of('checkout-error').length, 'checkout-error');
        expect(events.of('checkout-error').map((event) => event.detail.code)).to.deep.equal(['config']);
        expect(events.of('checkout-error')[0]!.detail.message).to.contain('amount');
        expect(part(el, 'total'), 'no total for an amount refused').to.equal(null);
        expect(sandbox.state.requests.map((r) => `${r.provider} ${r.path}`)).to.deep.equal([]);
      });
    }
  }

  for (const tokenUrl of ['http://[', 'https://shop.example:99999/token']) {
    it(`token-url="${tokenUrl}" is a config error naming the token-url, with a retry, before any request`, async () => {
      const el = await fixture<CheckoutModalElement>(html`<checkout-modal provider="kamipay" token-url=${tokenUrl}
        amount="1250" currency="BRL" store-id="1" checkout-id="1" locale="en"></checkout-modal>`);
      const events = recordEvents(el);
      void el.show();
      await waitPart(el, 'error');
      expect(events.of('checkout-error').map((event) => event.detail.code)).to.deep.equal(['config']);
      expect(deepText(el)).to.contain(`The token-url "${tokenUrl}" is not a valid URL.`);
      expect(part(el, 'retry-button'), 'a retry').to.exist;
      expect(sandbox.state.requests).to.deep.equal([]);
    });
  }

  const BAD_ANSWERS: [string, Omit<Fault, 'provider'>, string][] = [
    ['an HTML page with status 200', { body: 'html' }, 'invalid_response'],
    ['an HTML page with status 502', { status: 502, body: 'html' }, 'provider_error'],
    ['an empty 204', { status: 204, body: 'empty' }, 'invalid_response'],
    ['an empty 200', { body: 'empty' }, 'invalid_response'],
    ['JSON null', { body: null }, 'invalid_response'],
    ['the right keys with wrong types', { body: { emv: 12, operation_id: true, token: 3, apiBase: [] } }, 'invalid_response'],
    ['a 429 with Retry-After', { status: 429, retryAfter: '1' }, 'provider_error'],
    ['a dropped connection', { network: true }, 'network'],
  ];
  for (const [label, fault, code] of BAD_ANSWERS) {
    for (const target of ['token', 'kamipay'] as const) {
      it(`${target === 'token' ? 'the token endpoint' : 'kamiPay create'}: ${label} → one checkout-error, words, retry reaches the QR`, async () => {
        sandbox.state.fault({ provider: target, method: 'POST', ...fault });
        const el = await mountKamipay();
        const events = recordEvents(el);
        void el.show();
        const error = await waitPart(el, 'error');
        expect(events.of('checkout-error').map((event) => event.detail.code)).to.deep.equal([target === 'token' ? 'token_failed' : code]);
        expect(deepText(error)).to.match(/We could not start|payment service|cannot reach/).and.not.match(/<\/?\w|nginx|Error:|at /);
        part(el, 'retry-button')!.click();
        await waitUntil(() => qrOf(el)?.payload, 'qr after retry');
        expect(events.of('checkout-error')).to.have.length(1);
        expect(sandbox.state.requestsTo('kamipay', 'POST', '/v2/charge/create_dynamic_pix')).to.have.length(target === 'token' ? 1 : 2);
      });
    }
  }

  const pollNow = () => window.dispatchEvent(new Event('online'));
  const txStatus = () => sandbox.state.requestsTo('kamipay', 'GET', '/v2/status/tx_status');

  // One unreadable status answer is transient (the poll's malformed streak): it must not hide a payment.
  for (const [label, fault] of [
    ['an HTML page with status 200', { body: 'html' }],
    ['JSON null', { body: null }],
    ['an unknown top-level status', { body: { status: 'maintenance' } }],
    ['an HTML page with status 502', { status: 502, body: 'html' }],
    ['a 429 with Retry-After', { status: 429, retryAfter: '1' }],
    ['a dropped connection', { network: true }],
  ] as const) {
    it(`QR shown, a status answer that is ${label}: reconnecting, no checkout-error; the payment lands once, one charge`, async () => {
      const el = await mountKamipay();
      const events = recordEvents(el);
      void el.show();
      await waitUntil(() => qrOf(el)?.payload, 'qr');
      await waitUntil(() => txStatus().length, 'first status check');
      sandbox.state.fault({ provider: 'kamipay', method: 'GET', path: '/v2/status/tx_status', ...fault });
      pollNow();
      await waitPart(el, 'reconnecting');
      sandbox.state.pay(sandbox.state.latest('kamipay')!.id);
      await waitUntil(() => events.of('checkout-success').length, 'success');
      expect(events.of('checkout-success')).to.have.length(1);
      expect(events.of('checkout-error')).to.have.length(0);
      expect(sandbox.state.requestsTo('kamipay', 'POST', '/v2/charge/create_dynamic_pix')).to.have.length(1);
    });
  }

  it('a token revoked mid-session: the next status check asks the token endpoint again (with the session) and goes on', async () => {
    const el = await mountKamipay();
    const events = recordEvents(el);
    void el.show();
    await waitUntil(() => qrOf(el)?.payload, 'qr');
    sandbox.state.revokeTokens();
    sandbox.state.pay(sandbox.state.latest('kamipay')!.id);
    pollNow();
    await waitUntil(() => events.of('checkout-success').length, 'success');
    const tokens = sandbox.state.requestsTo('token');
    expect(tokens).to.have.length(2);
    expect((tokens[1]!.body as { sessionId?: string }).sessionId).to.equal(sandbox.state.latest('kamipay')!.id);
    expect(events.of('checkout-error')).to.have.length(0);
  });
});
