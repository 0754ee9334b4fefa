import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { CheckoutModalElement } from '../../src/elements/checkout-modal/checkout-modal.js';
import type { CheckoutQrElement } from '../../src/elements/checkout-qr/checkout-qr.js';
import type { Sandbox } from '../../demo/sandbox/index.js';
import { startSandbox } from '../support/sandbox.js';
import { waitUntil } from '../support/wait.js';

/**
 * What the customer's own settings change: reduced motion, forced colours (Windows high contrast),
 * and the size of what they press. The element-by-element axe checks live in each element's file.
 */
const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const qrOf = (el: Element) => el.shadowRoot!.querySelector<CheckoutQrElement>('checkout-qr');

function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('customer settings and targets', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    sessionStorage.clear();
    sandbox = await startSandbox();
  });

  afterEach(async () => {
    await emulateMedia({ reducedMotion: 'no-preference', colorScheme: 'light' });
    await executeServerCommand('emulate-forced-colors', { active: false });
  });

  const mount = () =>
    fixture<CheckoutModalElement>(html`<checkout-modal provider="kamipay" token-url=${sandbox.tokenUrl} amount="1250" currency="BRL"
      store-id="1" checkout-id="1" locale="en"></checkout-modal>`);

  async function showQr(el: CheckoutModalElement): Promise<CheckoutQrElement> {
    void el.show();
    await waitUntil(() => qrOf(el)?.payload, 'qr');
    await qrOf(el)!.updateComplete;
    return qrOf(el)!;
  }

  it('prefers-reduced-motion: the spinner and the dialog do not move', async () => {
    sandbox.state.fault({ provider: 'token', method: 'POST', delayMs: 1000 });
    const el = await mount();
    await emulateMedia({ reducedMotion: 'reduce' });
    void el.show();
    await el.updateComplete;
    const spinner = el.shadowRoot!.querySelector('.spinner')!;
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    expect(getComputedStyle(spinner).animationName).to.equal('none');
    expect(getComputedStyle(dialog).animationName).to.equal('none');
    await emulateMedia({ reducedMotion: 'no-preference' });
    expect(getComputedStyle(spinner).animationName).to.equal('spin');
    el.close();
  });

  it('forced colours: the QR keeps dark modules on light, and the focus ring is drawn', async () => {
    const el = await mount();
    const qr = await showQr(el);
    await executeServerCommand('emulate-forced-colors', { active: true });
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    const svg = qr.shadowRoot!.querySelector('svg')!;
    expect(getComputedStyle(svg.querySelector('rect')!).fill, 'quiet zone and light modules').to.equal('rgb(255, 255, 255)');
    expect(getComputedStyle(svg.querySelector('path')!).fill, 'dark modules').to.equal('rgb(0, 0, 0)');
    await sendKeys({ press: 'Tab' });
    const focused = getComputedStyle(deepActive()!);
    expect(focused.outlineStyle).to.equal('solid');
    expect(parseFloat(focused.outlineWidth)).to.be.at.least(2);
    el.close();
  });

  it('every control of the QR step and of the outcome is at least 24 × 24 px', async () => {
    const el = await mount();
    const qr = await showQr(el);
    const check = (roots: ParentNode[]) => {
      const controls = roots.flatMap((root) => [...root.querySelectorAll('button, a, textarea, input, select')]);
      expect(controls.length).to.be.greaterThan(0);
      for (const control of controls) {
        const { width, height } = control.getBoundingClientRect();
        expect(Math.min(width, height), control.outerHTML.slice(0, 60)).to.be.at.least(24);
      }
    };
    check([el.shadowRoot!, qr.shadowRoot!]);
    sandbox.state.fail(sandbox.state.latest('kamipay')!.id);
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => part(el, 'try-again-button'), 'outcome');
    check([el.shadowRoot!]);
    el.close();
  });

  it('dark colour scheme: the QR step, an outcome and an error pass axe (contrast included)', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const el = await mount();
    await showQr(el);
    await expect(el).to.be.accessible();
    await expect(qrOf(el)!).to.be.accessible();
    sandbox.state.fail(sandbox.state.latest('kamipay')!.id);
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => part(el, 'try-again-button'), 'outcome');
    await expect(el).to.be.accessible();
    el.close();
  });

  it('dark system, light page: a <session-status> in the modal or in <caja-qr> takes their dark surface (readable, axe passes)', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const modal = await fixture<CheckoutModalElement>(html`<checkout-modal provider="kamipay" token-url=${sandbox.tokenUrl}
      amount="1250" currency="BRL" store-id="1" checkout-id="1" locale="en"><session-status slot="status"></session-status></checkout-modal>`);
    await showQr(modal);
    const caja = await fixture(html`<caja-qr store-id="1" checkout-id="2" amount="1250" token-url=${sandbox.tokenUrl}
      locale="en"><session-status slot="status"></session-status></caja-qr>`);
    for (const host of [modal, caja]) {
      const status = host.querySelector('session-status')!;
      await waitUntil(() => status.shadowRoot!.querySelector('[part=label]')?.textContent === 'Waiting for payment', 'pending shown');
      const label = status.shadowRoot!.querySelector('[part=label]')!;
      expect(getComputedStyle(label).color, host.localName).to.equal('rgb(249, 250, 251)');
      await expect(status).to.be.accessible();
    }
    modal.close();
  });

  it('dark system, light page: <session-status> (no background of its own) stays readable; on a dark page it turns dark', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const onLight = await fixture(html`<session-status provider="nope" session-id="x" token-url="/t" locale="es"></session-status>`);
    await expect(onLight, 'light page').to.be.accessible();
    const darkPage = await fixture(html`<div style="color-scheme: dark; background: #111827; color: #f9fafb; padding: 8px">
      <session-status provider="nope" session-id="x" token-url="/t" locale="es"></session-status>
    </div>`);
    await expect(darkPage.querySelector('session-status'), 'dark page').to.be.accessible();
  });
});
