import { expect, fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../src/define.js';
import type { Sandbox } from '../../demo/sandbox/index.js';
import type { SessionStatusElement } from '../../src/elements/session-status/session-status.js';
import { recordEvents } from '../support/elements.js';
import { startSandbox } from '../support/sandbox.js';
import { waitUntil } from '../support/wait.js';

/**
 * A `<session-status>` without `session-id` placed inside a checkout element follows that
 * element's session through the checkout context: it shows the outcome and fires its own events
 * once, and adds no request at all (no token, no read, no second poller).
 */
describe('<session-status> nested in a checkout element', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await startSandbox();
    sessionStorage.clear();
  });

  const label = (status: Element) => status.shadowRoot!.querySelector('[part=label]')?.textContent ?? '';
  const requestLog = () => sandbox.state.requests.map((r) => `${r.provider} ${r.method} ${r.path}`);
  /** The poller checks at once when the network comes back: no wait for the 2 s cadence. */
  const pollNow = () => window.dispatchEvent(new Event('online'));

  /**
   * Runs one kamiPay payment to success in `template` (with or without the nested status) and
   * returns the requests it made and the events the status element received.
   */
  async function pay(template: TemplateResult, open: (el: HTMLElement) => void) {
    const el = await fixture<HTMLElement>(template);
    const status = el.querySelector<SessionStatusElement>('session-status');
    const events = status ? recordEvents(status) : undefined;
    const outcome = recordEvents(el);
    open(el);
    await waitUntil(() => sandbox.state.latest('kamipay'), 'charge created', { timeout: 5000 });
    const { id } = sandbox.state.latest('kamipay')!;
    sandbox.state.pay(id);
    pollNow();
    await waitUntil(() => outcome.of('checkout-success').length > 0, 'success', { timeout: 6000 });
    if (status) await waitUntil(() => events!.of('checkout-success').length > 0, 'status success', { timeout: 6000 });
    return { id, requests: requestLog(), events, status, el };
  }

  const modal = (nested: boolean) => html`<checkout-modal provider="kamipay" token-url=${sandbox.tokenUrl} amount="1250"
    currency="BRL" store-id="1" checkout-id="1" locale="en"
    >${nested ? html`<session-status slot="status"></session-status>` : ''}</checkout-modal
  >`;

  it('inside <checkout-modal>: the same requests as the modal alone, and its own events once', async () => {
    const alone = await pay(modal(false), (el) => void (el as HTMLElement & { show(): Promise<unknown> }).show());
    sandbox = await startSandbox();
    sessionStorage.clear();
    const nested = await pay(modal(true), (el) => void (el as HTMLElement & { show(): Promise<unknown> }).show());

    expect(nested.requests).to.deep.equal(alone.requests);
    expect(sandbox.state.requestsTo('token')).to.have.length(1);
    const events = nested.events!;
    expect(events.of('checkout-success')).to.have.length(1);
    expect(events.of('checkout-success')[0]!.detail).to.include({ provider: 'kamipay', sessionId: nested.id, status: 'succeeded', amount: 1250 });
    expect(events.of('checkout-success')[0]!.target).to.equal(nested.status);
    expect(events.of('checkout-error')).to.have.length(0);
    await nested.status!.updateComplete;
    expect(label(nested.status!)).to.equal('Payment received');
    // The modal announces each status: the line inside it is not a second live region.
    expect(nested.status!.shadowRoot!.querySelector('[role=status], [aria-live]')).to.equal(null);
    expect(nested.el.shadowRoot!.querySelectorAll('[role=status]')).to.have.length(1);
  });

  it('speaks as the checkout around it does: its locale, over the page language', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div lang="en"><checkout-modal provider="kamipay" token-url=${sandbox.tokenUrl}
      amount="1250" currency="BRL" store-id="1" checkout-id="1" locale="es"><session-status slot="status"></session-status></checkout-modal></div>`);
    const el = wrapper.querySelector<HTMLElement & { show(): Promise<unknown> }>('checkout-modal')!;
    const status = el.querySelector('session-status')!;
    void el.show();
    await waitUntil(() => sandbox.state.latest('kamipay'), 'charge created', { timeout: 5000 });
    await waitUntil(() => label(status) !== '', 'the status shown', { timeout: 5000 });
    expect(label(status)).to.equal('Esperando el pago');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=close-button]')!.click();
  });

  it('inside <checkout-button>: follows the inner modal, no request of its own', async () => {
    const el = await fixture<HTMLElement>(html`<checkout-button provider="kamipay" token-url=${sandbox.tokenUrl} amount="1250"
      currency="BRL" store-id="1" checkout-id="1" locale="en"><session-status slot="status"></session-status></checkout-button>`);
    const status = el.querySelector<SessionStatusElement>('session-status')!;
    const events = recordEvents(status);
    await status.updateComplete;
    // Before the payment starts there is nothing to show and nothing is asked.
    expect(status.shadowRoot!.textContent!.trim()).to.equal('');
    el.shadowRoot!.querySelector('button')!.click();
    await waitUntil(() => sandbox.state.latest('kamipay'), 'charge created', { timeout: 5000 });
    await waitUntil(() => label(status) === 'Waiting for payment', 'pending shown', { timeout: 5000 });
    sandbox.state.pay(sandbox.state.latest('kamipay')!.id);
    pollNow();
    await waitUntil(() => events.of('checkout-success').length > 0, 'success', { timeout: 6000 });

    expect(sandbox.state.requestsTo('token')).to.have.length(1);
    expect((sandbox.state.requestsTo('token')[0]!.body as Record<string, unknown>).sessionId).to.equal(undefined);
    expect(events.of('checkout-success')).to.have.length(1);
    expect(events.types().filter((type) => type !== 'checkout-status')).to.deep.equal(['checkout-success']);
  });

  it('inside <caja-qr>: follows each charge, its events once per charge, no request of its own', async () => {
    const el = await fixture<HTMLElement & { amount?: number }>(html`<caja-qr store-id="1" checkout-id="1" continuous
      token-url=${sandbox.tokenUrl} locale="en"><session-status slot="status"></session-status></caja-qr>`);
    const status = el.querySelector<SessionStatusElement>('session-status')!;
    const events = recordEvents(status);
    for (const amount of [500, 700]) {
      const before = sandbox.state.requestsTo('kamipay', 'POST').length;
      el.amount = amount;
      await waitUntil(() => sandbox.state.requestsTo('kamipay', 'POST').length > before && sandbox.state.latest('kamipay'), 'charge', {
        timeout: 5000,
      });
      await waitUntil(() => label(status) === 'Waiting for payment', 'pending shown', { timeout: 5000 });
      const successes = events.of('checkout-success').length;
      sandbox.state.pay(sandbox.state.latest('kamipay')!.id);
      pollNow();
      await waitUntil(() => events.of('checkout-success').length > successes, 'success', { timeout: 6000 });
    }
    expect(events.of('checkout-success').map((event) => event.detail.amount)).to.deep.equal([500, 700]);
    // The register's token, once per charge: none of them for the status.
    const tokenBodies = sandbox.state.requestsTo('token').map((request) => request.body as Record<string, unknown>);
    expect(tokenBodies.filter((body) => 'sessionId' in body)).to.have.length(0);
    expect(tokenBodies).to.have.length(2);
  });
});
