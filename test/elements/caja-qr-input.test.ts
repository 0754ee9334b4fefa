import { expect, fixture, html } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import '../../src/define.js';
import type { CajaQrElement } from '../../src/elements/caja-qr/caja-qr.js';
import type { Sandbox } from '../../demo/sandbox/index.js';
import { recordEvents } from '../support/elements.js';
import { startSandbox } from '../support/sandbox.js';
import { waitUntil } from '../support/wait.js';

// <caja-qr> recovering, without a reload, when the merchant corrects what made a charge fail.

const CREATE = '/v2/charge/create_dynamic_pix';
let sandbox: Sandbox;

beforeEach(async () => {
  sessionStorage.clear();
  sandbox = await startSandbox();
});

async function mount(template: TemplateResult) {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  const events = recordEvents(wrapper);
  render(template, wrapper);
  const el = wrapper.querySelector('caja-qr')!;
  await el.updateComplete;
  return { el, events };
}

const part = (el: CajaQrElement, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const qrPayload = (el: CajaQrElement) => el.shadowRoot!.querySelector('checkout-qr')?.payload;

describe('<caja-qr> corrected after a failed charge', () => {
  it('a register kamiPay does not know (404), then checkout-id corrected: the charge is issued for the new one, no click needed', async () => {
    const { el, events } = await mount(html`<caja-qr store-id="1" checkout-id="999" amount="100" token-url=${sandbox.tokenUrl} locale="en"></caja-qr>`);
    await waitUntil(() => part(el, 'error'), 'error');
    expect(events.of('checkout-error').map((e) => e.detail.code)).to.deep.equal(['provider_error']);
    el.checkoutId = 1;
    await el.updateComplete;
    await waitUntil(() => qrPayload(el), 'qr for the corrected register');
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
    await waitUntil(() => qrPayload(el), 'qr through the corrected token-url');
    expect(sandbox.state.requestsTo('token').map((r) => new URL(r.url).search)).to.deep.equal(['', '?shop=fixed']);
    expect(sandbox.state.requestsTo('kamipay', 'POST', CREATE)).to.have.length(1);
  });
});
