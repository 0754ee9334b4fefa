import { expect, fixture, html } from '@open-wc/testing';
import jsQR from 'jsqr';
import { waitUntil } from './support/wait.js';
import { startSandbox } from './support/sandbox.js';
import { recordEvents } from './support/elements.js';
import { create } from 'qrcode/lib/core/qrcode.js';
import { readRenderedQr } from './support/qr.js';
import type { KamipayChargeData } from '../demo/sandbox/kamipay.js';

/**
 * The script-tag file as merchants load it (dist/, made by `npm run build`, which `npm test` runs
 * first): self-contained, every element defined on load, and loading it twice does not throw.
 */
type Bundle = typeof import('../src/script-tag.js');

/** A copy of the script-tag module: each distinct URL is a separate module instance. */
function loadCopy(copy: number): Promise<Bundle> {
  const url = `/dist/checkout-elements.js?copy=${copy}`;
  return import(/* @vite-ignore */ url) as Promise<Bundle>;
}

describe('dist/checkout-elements.js', () => {
  const errors: unknown[] = [];
  const onError = (event: ErrorEvent) => errors.push(event.error ?? event.message);

  before(() => window.addEventListener('error', onError));
  after(() => window.removeEventListener('error', onError));

  it('defines every element, and a second copy of the script changes nothing and throws nothing', async () => {
    // Two URLs make two module instances: the same as two script tags of different builds or paths.
    const first = await loadCopy(1);
    const firstButton = customElements.get('checkout-button');
    const second = await loadCopy(2);
    expect(first.CheckoutButtonElement).to.not.equal(second.CheckoutButtonElement);
    for (const tag of ['checkout-button', 'checkout-modal', 'caja-qr', 'session-status']) {
      expect(customElements.get(tag), tag).to.not.equal(undefined);
    }
    expect(customElements.get('checkout-button')).to.equal(firstButton);
    expect(errors).to.deep.equal([]);
  });

  it('exports the element and event classes, CheckoutError and the status model, not the provider clients', async () => {
    const bundle = (await loadCopy(1)) as Record<string, unknown>;
    expect(bundle.CheckoutModalElement).to.equal(customElements.get('checkout-modal'));
    expect(new (bundle.CheckoutError as typeof import('../src/core/errors.js').CheckoutError)('network', 'x').code).to.equal('network');
    expect(bundle.isTerminal).to.be.a('function');
    expect(bundle.CheckoutSuccessEvent).to.be.a('function');
    for (const client of ['kamipay', 'kaipay', 'conomy', 'wewire']) expect(bundle, client).to.not.have.property(client);
  });

  it('renders with no other file: a wrong attribute shows its message', async () => {
    await loadCopy(1);
    const el = await fixture(html`<session-status provider="nope" session-id="x" token-url="/t" locale="es"></session-status>`);
    await waitUntil(() => el.shadowRoot?.textContent?.includes('no está bien configurado'), 'config message in Spanish');
  });

  // The bundle's templates and styles went through the build's literal minifier, and qrcode's core
  // through its CommonJS-to-ES-module rewrite: the whole pay flow must still render from them — the
  // QR decodes at the version and in the segments qrcode (as npm ships it) gives, the outcome
  // shows, the event fires once.
  it('pays a kamiPay charge with the minified templates: the QR decodes as qrcode encodes it, success fires once', async () => {
    await loadCopy(1);
    const sandbox = await startSandbox();
    const el = await fixture(
      html`<caja-qr store-id="1" checkout-id="1" amount="1250" token-url=${sandbox.tokenUrl} locale="en"></caja-qr>`,
    );
    const events = recordEvents(el);
    const svg = () => el.shadowRoot!.querySelector('checkout-qr')?.shadowRoot?.querySelector('svg') ?? null;
    await waitUntil(svg, 'no QR shown', { timeout: 3_000 });
    const charge = sandbox.state.latest<KamipayChargeData>('kamipay')!;
    const scanned = (await readRenderedQr(svg()!, jsQR))!;
    expect(scanned.data).to.equal(charge.data.emv);
    expect(scanned.version, 'version').to.equal(create(charge.data.emv, { errorCorrectionLevel: 'M' }).version);
    expect([...new Set(scanned.chunks.map((chunk) => chunk.type))].sort(), 'segments').to.deep.equal(['alphanumeric', 'byte', 'numeric']);
    sandbox.state.pay(charge.id);
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => events.of('checkout-success').length === 1, 'no success', { timeout: 5_000 });
    expect(el.shadowRoot!.querySelector('[part~="outcome"]')!.textContent).to.contain('Payment received');
    expect(events.of('checkout-success')).to.have.length(1);
  });
});
