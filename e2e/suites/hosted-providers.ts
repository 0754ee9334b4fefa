import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { CheckoutPage } from '../demo-page.js';
import type { Harness } from '../harness.js';
import { continueInPopup, followToReturnPage, returnPageVisit } from '../hosted.js';
import { e2e } from '../support.js';

/**
 * KaiPay and WeWire: the provider's hosted page in the REAL popup the modal opens, its links, the
 * demo's return page (demo/return.html) that announces the outcome and closes the popup, and the
 * opener's modal settling on it.
 */
export function hostedProviderSuites(h: Harness): void {
  describe('KaiPay through the demo page (hosted, popup)', () => {
    const id = 'demo-kaipay';

    e2e(() => h.browser, 'happy path: Pay on the hosted page, the return page closes the popup, success', async (context) => {
      const demo = await CheckoutPage.open(context, `${h.url}/`);
      await demo.openCheckout(id);
      const hosted = await continueInPopup(context, demo, id, 'kaipay');
      const session = await h.sandbox.onlySession('kaipay');
      assert.equal(hosted.popup.url(), session.hostedUrl);
      await followToReturnPage(hosted, '#pay');

      const back = returnPageVisit(hosted.visited, '/return.html');
      assert.ok(back, `the popup went through /return.html (visited: ${hosted.visited.join(', ')})`);
      assert.equal(back.searchParams.get('checkout_provider'), 'kaipay');
      assert.equal(back.searchParams.get('checkout_outcome'), 'success');
      await demo.waitForOutcome(id, 'succeeded');
      assert.equal((await demo.waitForEvent('checkout-success', id)).sessionId, session.id);
      await demo.logEntry('checkout-success', id);
      assert.equal((await h.sandbox.onlySession('kaipay')).outcome, 'paid');
      assert.equal(context.pages().length, 1, 'the popup is gone');
      demo.assertNoErrors();
    });

    e2e(() => h.browser, 'failure: Cancel on the hosted page goes to the failure URL, checkout-failure', async (context) => {
      const demo = await CheckoutPage.open(context, `${h.url}/`);
      await demo.openCheckout(id);
      const hosted = await continueInPopup(context, demo, id, 'kaipay');
      await followToReturnPage(hosted, '#cancel');

      assert.equal(returnPageVisit(hosted.visited, '/return.html')?.searchParams.get('checkout_outcome'), 'failure');
      await demo.waitForOutcome(id, 'failed');
      await demo.waitForEvent('checkout-failure', id);
      await demo.logEntry('checkout-failure', id);
      assert.equal((await h.sandbox.onlySession('kaipay')).outcome, 'cancelled');
      demo.assertNoErrors();
    });

    e2e(() => h.browser, 'cancel: closing the modal before continuing, checkout-cancel', async (context) => {
      const demo = await CheckoutPage.open(context, `${h.url}/`);
      await demo.openCheckout(id);
      await demo.part(id, 'continue-button').waitFor();
      const session = await h.sandbox.onlySession('kaipay');
      await demo.closeModal(id);

      const cancel = await demo.waitForEvent('checkout-cancel', id);
      assert.deepEqual(cancel, { type: 'checkout-cancel', source: id, status: 'cancelled', sessionId: session.id });
      await demo.logEntry('checkout-cancel', id);
      assert.equal(context.pages().length, 1, 'no popup was opened');
      demo.assertNoErrors();
    });
  });

  describe('WeWire through the demo page (asset, hosted, popup)', () => {
    const id = 'demo-wewire';

    e2e(() => h.browser, 'happy path: USDT, Pay on the hosted page, the return page closes the popup, success', async (context) => {
      const demo = await CheckoutPage.open(context, `${h.url}/`);
      await demo.openCheckout(id);
      await demo.choose(id, /USDT/);
      const hosted = await continueInPopup(context, demo, id, 'wewire');
      const session = await h.sandbox.onlySession('wewire');
      const [create] = await h.sandbox.requests({ provider: 'wewire', method: 'POST', path: '/api/v1/checkout' });
      assert.deepEqual((create?.body as { allowedAssets?: string[] }).allowedAssets, ['USDT']);
      await followToReturnPage(hosted, '#pay');

      const back = returnPageVisit(hosted.visited, '/return.html');
      assert.ok(back, `the popup went through /return.html (visited: ${hosted.visited.join(', ')})`);
      assert.equal(back.searchParams.get('checkout_provider'), 'wewire');
      assert.equal(back.searchParams.get('checkout_outcome'), 'success');
      await demo.waitForOutcome(id, 'succeeded');
      assert.equal((await demo.waitForEvent('checkout-success', id)).sessionId, session.id);
      await demo.logEntry('checkout-success', id);
      demo.assertNoErrors();
    });

    e2e(() => h.browser, 'expiry: "let it expire" on the hosted page, the modal reads it, checkout-expired', async (context) => {
      const demo = await CheckoutPage.open(context, `${h.url}/`);
      await demo.openCheckout(id);
      await demo.choose(id, /USDC/);
      const hosted = await continueInPopup(context, demo, id, 'wewire');
      const session = await h.sandbox.onlySession('wewire');
      await hosted.popup.locator('#expire').click();
      // WeWire has no URL for it: the hosted page says so and stays; the modal learns it by polling.
      await hosted.popup.getByText('This checkout is expired').waitFor();

      await demo.waitForOutcome(id, 'expired');
      assert.equal((await demo.waitForEvent('checkout-expired', id)).sessionId, session.id);
      await demo.logEntry('checkout-expired', id);
      demo.assertNoErrors();
    });

    e2e(() => h.browser, 'cancel on the hosted page: the cancel URL, the popup closes, checkout-cancel', async (context) => {
      const demo = await CheckoutPage.open(context, `${h.url}/`);
      await demo.openCheckout(id);
      await demo.choose(id, /USDT/);
      const hosted = await continueInPopup(context, demo, id, 'wewire');
      await followToReturnPage(hosted, '#cancel');

      assert.equal(returnPageVisit(hosted.visited, '/return.html')?.searchParams.get('checkout_outcome'), 'cancel');
      await demo.waitForOutcome(id, 'cancelled');
      await demo.waitForEvent('checkout-cancel', id);
      await demo.logEntry('checkout-cancel', id);
      assert.equal((await h.sandbox.onlySession('wewire')).outcome, 'cancelled');
      demo.assertNoErrors();
    });

    e2e(() => h.browser, 'cancel: closing the modal before paying cancels the checkout at WeWire, checkout-cancel', async (context) => {
      const demo = await CheckoutPage.open(context, `${h.url}/`);
      await demo.openCheckout(id);
      await demo.choose(id, /USDT/);
      await demo.part(id, 'continue-button').waitFor();
      const session = await h.sandbox.onlySession('wewire');
      await demo.closeModal(id);

      const cancel = await demo.waitForEvent('checkout-cancel', id);
      assert.deepEqual(cancel, { type: 'checkout-cancel', source: id, status: 'cancelled', sessionId: session.id });
      await demo.logEntry('checkout-cancel', id);
      const cancels = await h.sandbox.requests({ provider: 'wewire', method: 'POST', path: `/api/v1/checkout/${session.id}/cancel` });
      assert.equal(cancels.length, 1, 'POST /api/v1/checkout/{id}/cancel reached WeWire once');
      assert.equal((await h.sandbox.onlySession('wewire')).outcome, 'cancelled');
      demo.assertNoErrors();
    });
  });
}
