import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { CheckoutPage, DEMO_TAGS } from '../demo-page.js';
import type { Harness } from '../harness.js';
import { e2e } from '../support.js';

/** The contract's ids (demo-contract.md): what the other tests and a reader rely on. */
const CONTRACT_IDS = [
  'demo-kamipay', 'demo-kaipay', 'demo-conomy', 'demo-wewire', 'demo-caja', 'demo-caja-continuous', 'caja-amount',
  'caja-charge', 'status-session-id', 'status-provider', 'sandbox-panel', 'sandbox-provider', 'sandbox-sessions',
  'sandbox-message', 'sandbox-reset', 'event-log', 'event-log-clear', 'locale', 'theme',
];

export function demoPageSuite(h: Harness): void {
  describe('demo page', () => {
    e2e(() => h.browser, 'the server npm start runs serves the demo: every element defined, no console error', async (context) => {
      const demo = await CheckoutPage.open(context, `${h.url}/`);
      await demo.elementsDefined(DEMO_TAGS);
      const missing = await demo.page.evaluate((ids) => ids.filter((id) => !document.getElementById(id)), CONTRACT_IDS);
      assert.deepEqual(missing, [], 'the page contract ids are all there');
      for (const provider of ['kamipay', 'kaipay', 'conomy', 'wewire']) {
        // Upgraded and rendered: the pay button, with its default label and the amount.
        assert.match((await demo.part(`demo-${provider}`, 'button').innerText()).trim(), /\d/, `#demo-${provider} shows its amount`);
      }
      for (const action of ['pay', 'process', 'fail', 'expire', 'cancel']) {
        assert.equal(await demo.page.locator(`#sandbox-panel button[data-action="${action}"]`).count(), 1, `panel action ${action}`);
      }
      // The register picker (store 1's registers from the kamiPay sandbox) rendered without an error.
      await demo.page.waitForLoadState('networkidle');
      assert.equal(await demo.page.locator('#demo-caja [part="error"]').count(), 0, 'caja-qr shows no error');
      demo.assertNoErrors();
    });
  });
}
