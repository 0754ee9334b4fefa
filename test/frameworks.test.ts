import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import type { Sandbox } from '../demo/sandbox/index.js';
import type { CheckoutOrder } from '../src/core/order.js';
import type { CheckoutDetail } from '../src/core/status.js';
import type { CheckoutButtonElement } from '../src/elements/checkout-button/checkout-button.js';
import { paidText, type FrameworkAppModule } from './frameworks/app-contract.js';
import { recordEvents } from './support/elements.js';
import { startSandbox } from './support/sandbox.js';

/**
 * The React 19, React 18 and Vue 3 apps of test/frameworks/, built with Vite by
 * scripts/build-framework-apps.mjs before the browser tests, each driven to a paid kamiPay charge.
 * Each bundle carries its own copy of the library; the first one loaded registers the tags.
 */
async function loadApp(name: 'react19' | 'react18' | 'vue'): Promise<FrameworkAppModule> {
  const url = `/test-results/frameworks/${name}/app.js`;
  try {
    return (await import(url)) as FrameworkAppModule;
  } catch (error) {
    throw new Error(`${url} did not load: build it with \`node scripts/build-framework-apps.mjs\` (npm test does). ${error}`);
  }
}

/** The poller re-checks at once when the network comes back: no 2 s wait for the next poll. */
const pollNow = () => window.dispatchEvent(new Event('online'));

const order: CheckoutOrder = { externalId: 'order-fw-1', metadata: { cart: 'c-9' } };

interface MountedApp {
  container: HTMLElement;
  button: CheckoutButtonElement;
  /** The details the app's success handler was called with. */
  paid: CheckoutDetail[];
  warnings: string[];
  /** Every checkout event dispatched on the button. */
  dispatched: ReturnType<typeof recordEvents>;
  unmount: () => void;
}

describe('framework apps (built with Vite)', () => {
  let sandbox: Sandbox;
  const cleanups: (() => void)[] = [];

  beforeEach(async () => {
    sandbox = await startSandbox();
    sessionStorage.clear();
  });

  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  async function mountApp(app: FrameworkAppModule): Promise<MountedApp> {
    const container = document.createElement('div');
    document.body.append(container);
    const paid: CheckoutDetail[] = [];
    const warnings: string[] = [];
    const unmountApp = app.mount(container, {
      tokenUrl: sandbox.tokenUrl,
      order,
      onPaid: (detail) => paid.push(detail),
      onWarning: (message) => warnings.push(message),
    });
    let mounted = true;
    const unmount = () => {
      if (mounted) unmountApp();
      mounted = false;
    };
    cleanups.push(() => {
      unmount();
      container.remove();
    });
    await waitUntil(() => container.querySelector('checkout-button')?.shadowRoot?.querySelector('[part=button]'), 'rendered');
    const button = container.querySelector('checkout-button')!;
    const dispatched = recordEvents(button);
    cleanups.push(dispatched.stop);
    return { container, button, paid, warnings, dispatched, unmount };
  }

  const modalOf = (button: CheckoutButtonElement) => button.shadowRoot!.querySelector('checkout-modal')!;
  const qrOf = (button: CheckoutButtonElement) => modalOf(button).shadowRoot!.querySelector('checkout-qr');
  const resultText = (container: HTMLElement) => container.querySelector('[data-testid=result]')!.textContent;

  /** Clicks the app's button, checks what reached the sandbox, pays the charge; returns its id. */
  async function payThroughButton({ button }: MountedApp, description: string): Promise<string> {
    button.shadowRoot!.querySelector<HTMLButtonElement>('[part=button]')!.click();
    await waitUntil(() => qrOf(button)?.payload, 'the Pix QR is shown');
    expect(sandbox.state.requestsTo('token', 'POST').map((request) => request.body)).to.deep.equal([
      { provider: 'kamipay', amount: 1250, currency: 'BRL', description, storeId: 1, checkoutId: 1, order },
    ]);
    const charges = sandbox.state.requestsTo('kamipay', 'POST', '/v2/charge/create_dynamic_pix');
    expect(charges).to.have.length(1);
    expect(charges[0]!.body).to.include({ amount: 12.5, currency: 'BRL', store_id: 1, checkout_id: 1, external_id: 'order-fw-1' });
    const id = sandbox.state.latest('kamipay')!.id;
    sandbox.state.pay(id);
    pollNow();
    return id;
  }

  /** The app's handler ran once, with the paid charge's detail, and the app's own UI says so. */
  async function expectPaidOnce(mounted: MountedApp, id: string): Promise<void> {
    const { dispatched } = mounted;
    await waitUntil(() => mounted.paid.length > 0, 'the app handled checkout-success');
    expect(mounted.paid).to.have.length(1);
    expect(mounted.paid[0]).to.include({ provider: 'kamipay', sessionId: id, status: 'succeeded', amount: 1250, currency: 'BRL' });
    expect(id).to.match(/^kp_op_/);
    await waitUntil(() => resultText(mounted.container) === `Paid ${id}`, 'the app shows the payment');
    expect(resultText(mounted.container)).to.equal(paidText(mounted.paid[0]!));
    // One event dispatched, one handler call: no listener added twice (re-renders, effects).
    expect(dispatched.of('checkout-success')).to.have.length(1);
    expect(mounted.paid).to.have.length(1);
    expect(dispatched.of('checkout-error')).to.have.length(0);
  }

  for (const [name, major] of [['react19', '19'], ['react18', '18']] as const) {
    it(`React ${major}: the wrapper sets props as properties and onCheckoutSuccess runs once`, async () => {
      const app = await loadApp(name);
      expect(app.frameworkVersion.split('.')[0]).to.equal(major);
      // react-dom of the same release (18.3.1's reads "18.3.1-next-…").
      expect(app.rendererVersion?.startsWith(app.frameworkVersion), app.rendererVersion).to.equal(true);
      const mounted = await mountApp(app);
      const { button } = mounted;
      // The wrapper hands the order over as the very object, as a property, never as an attribute.
      expect(button.order).to.equal(order);
      expect(button.hasAttribute('order')).to.equal(false);
      expect(button.amount).to.equal(1250);
      expect(button.tokenUrl).to.equal(sandbox.tokenUrl);
      expect(resultText(mounted.container)).to.equal('Not paid yet');
      const id = await payThroughButton(mounted, 'React order');
      await expectPaidOnce(mounted, id);
      mounted.unmount();
      expect(mounted.container.childElementCount).to.equal(0);
    });
  }

  for (const [name, major] of [['react19', '19'], ['react18', '18']] as const) {
    it(`React ${major}: <CajaQr continuous> charges each amount the till sets, not each re-render`, async () => {
      const app = await loadApp(name);
      const container = document.createElement('div');
      document.body.append(container);
      const paid: CheckoutDetail[] = [];
      const till = app.mountTill!(container, { tokenUrl: sandbox.tokenUrl, onPaid: (detail) => paid.push(detail) });
      cleanups.push(() => {
        till.unmount();
        container.remove();
      });
      const creates = () => sandbox.state.requestsTo('kamipay', 'POST', '/v2/charge/create_dynamic_pix');
      const display = () => container.querySelector('caja-qr')!;
      await waitUntil(() => sandbox.state.latest('kamipay'), 'the first charge', { timeout: 5000 });
      sandbox.state.pay(sandbox.state.latest('kamipay')!.id);
      pollNow();
      // The success handler's state change re-renders the till with the same amount.
      await waitUntil(() => resultText(container) === 'Paid 1', 'the till re-rendered after the payment', { timeout: 6000 });
      await display().updateComplete;
      // Ready for the next customer, with this one's outcome: no charge started for the re-render.
      expect(display().shadowRoot!.querySelector('[part~=last-outcome]'), 'ready, no new charge').to.exist;
      expect(display().matches(':state(succeeded)')).to.equal(true);
      expect(creates().map((request) => (request.body as { amount: number }).amount)).to.deep.equal([10]);
      // The next customer: the till sets a new amount.
      till.charge(700);
      await waitUntil(() => creates().length === 2, 'the next charge', { timeout: 5000 });
      expect((creates()[1]!.body as { amount: number }).amount).to.equal(7);
      expect(paid).to.have.length(1);
    });
  }

  it('Vue 3: tags used directly, .order as a property, @checkout-success runs once, no Vue warning', async () => {
    const app = await loadApp('vue');
    expect(app.frameworkVersion.split('.')[0]).to.equal('3');
    const mounted = await mountApp(app);
    const { button } = mounted;
    // Rendered as the library's element, not resolved as a Vue component.
    expect(button).to.be.instanceOf(customElements.get('checkout-button')!);
    expect(button.order).to.equal(order);
    expect(button.hasAttribute('order')).to.equal(false);
    // Numbers bound with `:amount` stay numbers (a property); `token-url` has no property: an attribute.
    expect(button.amount).to.equal(1250);
    expect(button.getAttribute('token-url')).to.equal(sandbox.tokenUrl);
    expect(button.getAttribute('store-id')).to.equal('1');
    const id = await payThroughButton(mounted, 'Vue order');
    await expectPaidOnce(mounted, id);
    // Without isCustomElement, Vue's development build warns "Failed to resolve component".
    expect(mounted.warnings).to.deep.equal([]);
    mounted.unmount();
    expect(mounted.container.childElementCount).to.equal(0);
  });
});
