import { expect, fixture, html } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/define.js';
import type { CheckoutModalElement } from '../../src/elements/checkout-modal/checkout-modal.js';
import type { CheckoutOrder } from '../../src/core/order.js';
import type { Sandbox } from '../../demo/sandbox/index.js';
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
        expect(sandbox.state.requests.map((r) => `${r.provider} ${r.path}`)).to.deep.equal([]);
      });
    }
  }
});
