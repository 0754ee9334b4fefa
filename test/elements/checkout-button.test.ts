import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { CheckoutButtonElement } from '../../src/elements/checkout-button/checkout-button.js';
import type { CheckoutOrder } from '../../src/core/order.js';
import type { Sandbox } from '../../demo/sandbox/index.js';
import { CHECKOUT_EVENTS, deepText, recordEvents } from '../support/elements.js';
import { startSandbox } from '../support/sandbox.js';

const modalOf = (button: CheckoutButtonElement) => button.shadowRoot!.querySelector('checkout-modal')!;
const innerButton = (button: CheckoutButtonElement) => button.shadowRoot!.querySelector<HTMLButtonElement>('[part=button]')!;
const modalPart = (button: CheckoutButtonElement, name: string) =>
  modalOf(button).shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const qrOf = (button: CheckoutButtonElement) => modalOf(button).shadowRoot!.querySelector('checkout-qr');
/** The poller re-checks at once when the network comes back: no 2 s wait for the next poll. */
const pollNow = () => window.dispatchEvent(new Event('online'));

/** The label a person sees on the button: the slotted text, or the default one when the slot is empty. */
function visibleLabel(button: CheckoutButtonElement): string {
  const slot = button.shadowRoot!.querySelector('slot')!;
  const slotted = slot.assignedNodes({ flatten: true }).map((node) => node.textContent).join('').trim();
  const fallback = button.shadowRoot!.querySelector<HTMLElement>('[part=button] > span')!;
  return fallback.hidden ? slotted : fallback.textContent!.trim();
}

const order: CheckoutOrder = { externalId: 'order-42', metadata: { cart: 'c-1' } };

describe('<checkout-button>', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await startSandbox();
    sessionStorage.clear();
  });

  function mount(label = 'Pay with Pix'): Promise<CheckoutButtonElement> {
    return fixture<CheckoutButtonElement>(html`<checkout-button provider="kamipay" token-url=${sandbox.tokenUrl}
      amount="1250" currency="BRL" store-id="1" checkout-id="1" description="Order 42" locale="en" .order=${order}
      >${label}</checkout-button
    >`);
  }

  it('ten rapid clicks start one flow: one token request, one session', async () => {
    const button = await mount();
    const events = recordEvents(button);
    for (let i = 0; i < 10; i++) innerButton(button).click();
    await waitUntil(() => qrOf(button)?.payload, 'qr');
    expect(sandbox.state.requestsTo('token', 'POST')).to.have.length(1);
    expect(sandbox.state.requestsTo('kamipay', 'POST', '/v2/charge/create_dynamic_pix')).to.have.length(1);
    expect(sandbox.state.sessions.size).to.equal(1);
    expect(events.of('checkout-open')).to.have.length(1);
    expect(modalOf(button).open).to.equal(true);
  });

  it('forwards its attributes and order to the modal and the token endpoint', async () => {
    const button = await mount();
    innerButton(button).click();
    await waitUntil(() => sandbox.state.requestsTo('token', 'POST').length === 1, 'token request');
    expect(sandbox.state.requestsTo('token', 'POST')[0]!.body).to.deep.equal({
      provider: 'kamipay', amount: 1250, currency: 'BRL', description: 'Order 42', storeId: 1, checkoutId: 1, order,
    });
    await waitUntil(() => qrOf(button)?.payload, 'qr');
    const charge = sandbox.state.requestsTo('kamipay', 'POST', '/v2/charge/create_dynamic_pix')[0]!.body;
    expect(charge).to.include({ amount: 12.5, currency: 'BRL', store_id: 1, checkout_id: 1, external_id: 'order-42' });
    expect(modalPart(button, 'title')!.textContent).to.equal('Order 42');
  });

  it('every event reaches listeners on the button, retargeted to it, exactly once', async () => {
    const button = await mount();
    const wrapper = button.parentElement!;
    const onButton = recordEvents(button);
    const onPage = recordEvents(wrapper);
    innerButton(button).click();
    await waitUntil(() => qrOf(button)?.payload, 'qr');
    const id = sandbox.state.latest('kamipay')!.id;
    sandbox.state.pay(id);
    pollNow();
    await waitUntil(() => onButton.of('checkout-success').length === 1, 'success');
    await modalOf(button).updateComplete;
    modalPart(button, 'done-button')!.click();
    const expected = ['checkout-open', 'checkout-status', 'checkout-status', 'checkout-success', 'checkout-close'];
    expect(onButton.types()).to.deep.equal(expected);
    expect(onPage.types()).to.deep.equal(expected);
    for (const event of [...onButton.events, ...onPage.events]) {
      expect(event.target, event.type).to.equal(button);
      expect(event.bubbles && event.composed, event.type).to.equal(true);
    }
    expect(onButton.of('checkout-success')[0]!.detail).to.include({
      provider: 'kamipay', sessionId: id, status: 'succeeded', amount: 1250, currency: 'BRL',
    });
    expect(CHECKOUT_EVENTS.filter((type) => onButton.of(type).length > 1)).to.deep.equal(['checkout-status']);
  });

  it('an error reaches the button once, with its code', async () => {
    sandbox.state.fault({ provider: 'token', method: 'POST', status: 500 });
    const button = await mount();
    const events = recordEvents(button);
    innerButton(button).click();
    await waitUntil(() => events.of('checkout-error').length === 1, 'error');
    expect(events.of('checkout-error')[0]!.detail).to.include({ code: 'token_failed' });
    expect(events.of('checkout-error')[0]!.target).to.equal(button);
    await modalOf(button).updateComplete;
    expect(deepText(modalPart(button, 'error')!)).to.contain('We could not start the payment.');
  });

  it('disabled: reflected, the button is disabled and nothing opens', async () => {
    const button = await mount();
    const events = recordEvents(button);
    button.disabled = true;
    await button.updateComplete;
    expect(button.hasAttribute('disabled')).to.equal(true);
    expect(innerButton(button).disabled).to.equal(true);
    innerButton(button).click();
    button.click();
    expect(events.events).to.have.length(0);
    expect(modalOf(button).open).to.equal(false);
    expect(sandbox.state.requests).to.have.length(0);
    button.removeAttribute('disabled');
    await button.updateComplete;
    expect(innerButton(button).disabled).to.equal(false);
  });

  it('the default slot is the label; empty, it says "Pay" and the amount in the element\'s language', async () => {
    const labelled = await mount('Pay with Pix');
    expect(visibleLabel(labelled)).to.equal('Pay with Pix');
    const empty = await fixture<CheckoutButtonElement>(html`<checkout-button amount="1250" currency="BRL" locale="en"> </checkout-button>`);
    expect(visibleLabel(empty)).to.equal('Pay R$12.50');
    const spanish = await fixture<CheckoutButtonElement>(html`<div lang="es"><checkout-button amount="21000" currency="MXN"></checkout-button></div>`);
    expect(visibleLabel(spanish.querySelector('checkout-button')!)).to.match(/^Pagar \$210\.00$/);
    const noAmount = await fixture<CheckoutButtonElement>(html`<checkout-button locale="pt-BR"></checkout-button>`);
    expect(visibleLabel(noAmount)).to.equal('Pagar');
    const slotted = await fixture<CheckoutButtonElement>(html`<checkout-button amount="1250" currency="BRL" locale="en"></checkout-button>`);
    slotted.append('Buy now');
    await waitUntil(() => visibleLabel(slotted) === 'Buy now', 'label follows the slot');
  });

  it('is accessible, closed and open', async () => {
    const button = await mount();
    await expect(button).to.be.accessible();
    innerButton(button).click();
    await waitUntil(() => qrOf(button)?.payload, 'qr');
    await expect(button).to.be.accessible();
  });

  it('keyboard: Enter opens it, Escape closes it and focus is back on the button', async () => {
    const button = await mount();
    const events = recordEvents(button);
    button.focus();
    expect(button.shadowRoot!.activeElement).to.equal(innerButton(button));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => qrOf(button)?.payload, 'qr');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => events.of('checkout-cancel').length === 1, 'cancel');
    expect(modalOf(button).open).to.equal(false);
    expect(document.activeElement).to.equal(button);
    expect(button.shadowRoot!.activeElement).to.equal(innerButton(button));
    expect(events.types().filter((type) => type !== 'checkout-status')).to.deep.equal(['checkout-open', 'checkout-close', 'checkout-cancel']);
  });
});

describe('<checkout-button> numeric properties set as strings (Vue binds attributes as DOM properties)', () => {
  it('turns amount="1250" set as a property into the number 1250 before the token request', async () => {
    const sandbox = await startSandbox();
    const el = await fixture<CheckoutButtonElement>(html`<checkout-button provider="kamipay" token-url=${sandbox.tokenUrl}
      currency="BRL" locale="en"></checkout-button>`);
    Object.assign(el, { amount: '1250', storeId: '1', checkoutId: '1' });
    await el.updateComplete;
    expect(el.amount).to.equal(1250);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=button]')!.click();
    await waitUntil(() => sandbox.state.requestsTo('token', 'POST').length === 1);
    expect(sandbox.state.requestsTo('token', 'POST')[0]!.body).to.deep.include({ amount: 1250, storeId: 1, checkoutId: 1 });
  });
});
