import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe } from 'node:test';
import { CheckoutPage } from '../demo-page.js';
import { poll, type Harness } from '../harness.js';
import { continueInPopup, followToReturnPage, returnPageVisit } from '../hosted.js';
import { e2e } from '../support.js';

/** docs/csp.md: the policy demo/server/vite-plugin.ts sends with every `/examples/` response. */
const STRICT_CSP =
  "script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; " +
  "require-trusted-types-for 'script'; trusted-types lit-html checkout-elements 'allow-duplicates'";

const BUNDLE = 'dist/checkout-elements.js';

function requireBuiltBundle(): void {
  if (!existsSync(BUNDLE)) {
    throw new Error(`${BUNDLE} is missing: run \`npm run build\` before the end-to-end tests (npm test builds first)`);
  }
}

/** Opens the plain-HTML example, checking it came with the strict CSP and loaded the built bundle. */
async function openExample(h: Harness, context: Parameters<Parameters<typeof e2e>[2]>[0]): Promise<CheckoutPage> {
  requireBuiltBundle();
  const bundleLoaded = context.waitForEvent('requestfinished', (request) => new URL(request.url()).pathname === '/dist/checkout-elements.js');
  const example = await CheckoutPage.open(context, `${h.url}/examples/script-tag.html`);
  const response = await example.page.request.get(`${h.url}/examples/script-tag.html`);
  assert.equal(response.headers()['content-security-policy'], STRICT_CSP);
  assert.ok(!(await response.text()).includes('/@vite/client'), 'served as written, without Vite\'s client');
  await bundleLoaded;
  return example;
}

/**
 * demo/examples/script-tag.html: no bundler, the built script-tag bundle (`/dist/checkout-elements.js`),
 * served with the strict CSP of docs/csp.md. Every page of the run (the popup and the return page too) must
 * raise no `securitypolicyviolation` event.
 */
export function examplesSuite(h: Harness): void {
  describe('plain HTML example, built bundle, strict CSP', () => {
    e2e(() => h.browser, 'a kamiPay payment completes with zero CSP violations', async (context) => {
      const example = await openExample(h, context);
      await example.openCheckout('pix');
      await example.pixCode('pix');
      const session = await h.sandbox.onlySession('kamipay');
      await h.sandbox.act('kamipay', 'pay', session.id);

      await example.waitForOutcome('pix', 'succeeded');
      await example.page.locator('#events li[data-type="checkout-success"]').filter({ hasText: session.id }).waitFor();
      example.assertNoViolations();
      example.assertNoErrors();

      // The policy is live and the listener hears it: an HTML string sink is refused (Trusted Types).
      const refused = await example.page.evaluate(() => {
        try {
          document.body.insertAdjacentHTML('beforeend', '<b>not allowed</b>');
          return false;
        } catch {
          return true;
        }
      });
      assert.equal(refused, true, 'Trusted Types refuse an HTML string');
      await poll('the probe\'s violation report', 5_000, async () => (example.watch.violations.length ? true : undefined));
      assert.equal(example.watch.violations.length, 1, 'the probe is reported as a violation');
      assert.equal(example.watch.violations[0]!.directive, 'require-trusted-types-for');
    });

    e2e(() => h.browser, 'a WeWire hosted payment: popup and return page under the CSP, zero violations', async (context) => {
      const example = await openExample(h, context);
      await example.openCheckout('crypto');
      await example.choose('crypto', /USDT/);
      const hosted = await continueInPopup(context, example, 'crypto', 'wewire');
      const returnPage = context.waitForEvent('response', (response) => new URL(response.url()).pathname === '/examples/return.html');
      await followToReturnPage(hosted, '#pay');

      assert.equal((await returnPage).headers()['content-security-policy'], STRICT_CSP, 'the return page has the CSP');
      assert.equal(returnPageVisit(hosted.visited, '/examples/return.html')?.searchParams.get('checkout_outcome'), 'success');
      await example.waitForOutcome('crypto', 'succeeded');
      await example.page.locator('#events li[data-type="checkout-success"]').waitFor();
      example.assertNoViolations();
      example.assertNoErrors();
    });
  });
}
