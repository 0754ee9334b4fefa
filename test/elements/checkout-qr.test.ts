import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import { sendKeys } from '@web/test-runner-commands';
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

  it('counts down to the absolute expiry', async () => {
    const el = await fixture<CheckoutQrElement>(html`<checkout-qr .payload=${'x'} .expiresAt=${Date.now() + 125_000} locale="es"></checkout-qr>`);
    expect(el.shadowRoot!.querySelector('[part=countdown]')!.textContent!.trim()).to.match(/^Vence en 2:0[45]$/);
  });

  it('is accessible', async () => {
    const el = await fixture<CheckoutQrElement>(html`<checkout-qr .payload=${payload} amount="1250" currency="BRL" .expiresAt=${Date.now() + 60_000}></checkout-qr>`);
    await expect(el).to.be.accessible();
  });
});

