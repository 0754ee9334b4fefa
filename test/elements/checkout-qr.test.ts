import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import { a11ySnapshot, findAccessibilityNode, sendKeys } from '@web/test-runner-commands';
import jsQR from 'jsqr';
import '../../src/define.js';
import type { CheckoutQrElement } from '../../src/elements/checkout-qr/checkout-qr.js';
import { pixEmv } from '../../demo/sandbox/pix.js';
import { decodeRenderedQr } from '../support/qr.js';

const payload = pixEmv({ amount: 12.5, merchantName: 'Loja <b>Exemplo</b>', merchantCity: 'SAO PAULO', location: 'qr.example.com/v2/abc' });

describe('<checkout-qr>', () => {
  it('renders an SVG that decodes to exactly the payload', async () => {
    const el = await fixture<CheckoutQrElement>(html`<checkout-qr .payload=${payload} amount="1250" currency="BRL" locale="pt-BR"></checkout-qr>`);
    const svg = el.shadowRoot!.querySelector('svg')!;
    expect(svg.getAttribute('role')).to.equal('img');
    expect(await decodeRenderedQr(svg, jsQR)).to.equal(payload);
    expect(el.shadowRoot!.querySelector('[part=amount]')!.textContent).to.contain('12,50');
  });

  it('keeps a 4-module quiet zone', async () => {
    const el = await fixture<CheckoutQrElement>(html`<checkout-qr .payload=${'hello'}></checkout-qr>`);
    const svg = el.shadowRoot!.querySelector('svg')!;
    const size = Number(svg.getAttribute('viewBox')!.split(' ')[2]);
    const path = svg.querySelector('path')!.getAttribute('d')!;
    const xs = [...path.matchAll(/M(\d+) (\d+)/g)].flatMap((m) => [Number(m[1]), Number(m[2])]);
    expect(Math.min(...xs)).to.equal(4);
    expect(size).to.equal(21 + 8);
  });

  it('copies exactly the payload (real clipboard, real key press) and announces it', async () => {
    const el = await fixture<CheckoutQrElement>(html`<checkout-qr .payload=${payload} locale="en"></checkout-qr>`);
    await navigator.clipboard.writeText('before');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=copy-button]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot!.querySelector('[role=status]')!.textContent === 'Code copied');
    expect(await navigator.clipboard.readText()).to.equal(payload);
    expect(el.shadowRoot!.querySelector('[part=copy-button]')!.textContent!.trim()).to.equal('Code copied');
  });

  it('a second copy is announced again (the live region is emptied between presses)', async () => {
    const el = await fixture<CheckoutQrElement>(html`<checkout-qr .payload=${payload} locale="en"></checkout-qr>`);
    const region = el.shadowRoot!.querySelector('[role=status]')!;
    const heard: string[] = [];
    new MutationObserver(() => heard.push(region.textContent!.trim())).observe(region, { subtree: true, childList: true, characterData: true });
    const copied = () => heard.filter((text) => text === 'Code copied').length;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=copy-button]')!.click();
    await waitUntil(() => copied() === 1, 'first copy announced');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=copy-button]')!.click();
    await waitUntil(() => copied() === 2, 'second copy announced');
  });

  it('the countdown is readable by a screen reader (not hidden; announced only at milestones)', async () => {
    await fixture<CheckoutQrElement>(html`<checkout-qr .payload=${'x'} .expiresAt=${Date.now() + 125_000} locale="pt-BR"></checkout-qr>`);
    type AxNode = { name?: string; children: AxNode[] };
    const snapshot = (await a11ySnapshot({})) as unknown as AxNode;
    const countdown = findAccessibilityNode<AxNode>(snapshot, (node) => /^Expira em 2:0[45]$/.test(node.name ?? ''));
    expect(countdown, 'countdown in the accessibility tree').to.not.equal(null);
  });

  it('shown with 11.5 s left, it announces the 10 s milestone alone (not every second on the way)', async () => {
    const el = await fixture<CheckoutQrElement>(html`<checkout-qr .payload=${'x'} .expiresAt=${Date.now() + 11_500} locale="en"></checkout-qr>`);
    const region = el.shadowRoot!.querySelector('[role=status]')!;
    const heard: string[] = [];
    new MutationObserver(() => heard.push(region.textContent!.trim())).observe(region, { subtree: true, childList: true, characterData: true });
    await waitUntil(() => heard.length > 0, 'an announcement', { timeout: 5_000 });
    expect(heard).to.deep.equal(['The code expires in 10 seconds']);
  });

  it('counts down to the absolute expiry', async () => {
    const el = await fixture<CheckoutQrElement>(html`<checkout-qr .payload=${'x'} .expiresAt=${Date.now() + 125_000} locale="es"></checkout-qr>`);
    expect(el.shadowRoot!.querySelector('[part=countdown]')!.textContent!.trim()).to.match(/^Vence en 2:0[45]$/);
  });

  it('variant="link" draws only a safe link: javascript: is refused with checkout-error config, https is drawn', async () => {
    const el = document.createElement('checkout-qr');
    const errors: string[] = [];
    el.addEventListener('checkout-error', (event) => errors.push(event.detail.code));
    Object.assign(el, { variant: 'link', payload: 'javascript:alert(1)' });
    await fixture(html`<div>${el}</div>`);
    // A boolean: chai printing a drawn <svg> in its failure message would take minutes.
    expect(el.shadowRoot!.querySelector('svg') === null, 'no QR of the unsafe link').to.equal(true);
    expect(errors).to.deep.equal(['config']);
    el.payload = 'https://pay.example/s/1';
    await el.updateComplete;
    expect(await decodeRenderedQr(el.shadowRoot!.querySelector('svg')!, jsQR)).to.equal('https://pay.example/s/1');
    expect(errors).to.deep.equal(['config']);
  });

  it('is accessible', async () => {
    const el = await fixture<CheckoutQrElement>(html`<checkout-qr .payload=${payload} amount="1250" currency="BRL" .expiresAt=${Date.now() + 60_000}></checkout-qr>`);
    await expect(el).to.be.accessible();
  });
});

