import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { CheckoutPage } from '../demo-page.js';
import { poll, type Harness } from '../harness.js';
import { continueInPopup } from '../hosted.js';
import { e2e } from '../support.js';

/**
 * The Pix QR flows of the demo page: kamiPay (a charge at once) and Conomy (the order's session,
 * then the method; its card method on Conomy's hosted page too). The customer's side is played
 * through the sandbox control API, since the modal makes the rest of the page (the control panel
 * too) inert.
 */
export function qrProviderSuites(h: Harness): void {
  describe('kamiPay through the demo page', () => {
    const id = 'demo-kamipay';

    e2e(() => h.browser, 'happy path: QR, the customer pays, success screen and checkout-success', async (context) => {
      const demo = await CheckoutPage.open(context, `${h.url}/`);
      await demo.openCheckout(id);
      await demo.pixCode(id);
      const session = await h.sandbox.onlySession('kamipay');
      await h.sandbox.act('kamipay', 'pay', session.id);

      await demo.waitForOutcome(id, 'succeeded');
      const success = await demo.waitForEvent('checkout-success', id);
      assert.deepEqual(success, { type: 'checkout-success', source: id, status: 'succeeded', sessionId: session.id });
      assert.match(await demo.logEntry('checkout-success', id), new RegExp(session.id));
      // The demo's server asked kamiPay itself (confirmPayment) before it would fulfil.
      assert.match(await demo.serverConfirmation(session.id), /confirmPayment.*"status":"succeeded"/);
      const [open] = (await demo.events()).filter((event) => event.type === 'checkout-open');
      assert.equal(open?.source, id);
      demo.assertNoErrors();
    });

    e2e(() => h.browser, 'failure: the payment fails, failed screen with "try again", checkout-failure', async (context) => {
      const demo = await CheckoutPage.open(context, `${h.url}/`);
      await demo.openCheckout(id);
      await demo.pixCode(id);
      const session = await h.sandbox.onlySession('kamipay');
      await h.sandbox.act('kamipay', 'fail', session.id);

      await demo.waitForOutcome(id, 'failed');
      await demo.part(id, 'try-again-button').waitFor();
      const failure = await demo.waitForEvent('checkout-failure', id);
      assert.equal(failure.sessionId, session.id);
      await demo.logEntry('checkout-failure', id);
      assert.equal((await demo.events()).filter((event) => event.type === 'checkout-success').length, 0);
      demo.assertNoErrors();
    });

    e2e(() => h.browser, 'the connection drops on the next status checks: "reconnecting", then the payment still arrives', async (context) => {
      const demo = await CheckoutPage.open(context, `${h.url}/`);
      await demo.openCheckout(id);
      await demo.pixCode(id);
      // What the panel's "Offline ×3" asks for: the answers are cut off, which the page must see.
      await h.sandbox.fault({ provider: 'kamipay', method: 'GET', pathPattern: '^/v2/status/tx_status$', offline: true, times: 2 });
      await demo.part(id, 'reconnecting').waitFor();
      const session = await h.sandbox.onlySession('kamipay');
      await h.sandbox.act('kamipay', 'pay', session.id);
      await demo.waitForOutcome(id, 'succeeded');
      assert.equal(await demo.part(id, 'reconnecting').count(), 0);
      const success = await demo.waitForEvent('checkout-success', id);
      assert.equal(success.sessionId, session.id);
      assert.equal((await demo.events()).filter((event) => event.type === 'checkout-error').length, 0);
      // Chromium's own line for each answer cut off: the two faults, and nothing else.
      demo.assertNoErrors(/^console: Failed to load resource: net::ERR_CONTENT_LENGTH_MISMATCH \(.*\/v2\/status\/tx_status\?/);
    });

    e2e(() => h.browser, 'cancel: closing the modal before paying, checkout-cancel', async (context) => {
      const demo = await CheckoutPage.open(context, `${h.url}/`);
      await demo.openCheckout(id);
      await demo.pixCode(id);
      const session = await h.sandbox.onlySession('kamipay');
      await demo.closeModal(id);

      const cancel = await demo.waitForEvent('checkout-cancel', id);
      assert.deepEqual(cancel, { type: 'checkout-cancel', source: id, status: 'cancelled', sessionId: session.id });
      await demo.logEntry('checkout-cancel', id);
      await demo.logEntry('checkout-close', id);
      demo.assertNoErrors();
    });
  });

  describe('Conomy through the demo page', () => {
    const id = 'demo-conomy';

    e2e(() => h.browser, 'happy path: the order\'s items, Pix chosen, the customer pays, success and checkout-success', async (context) => {
      const demo = await CheckoutPage.open(context, `${h.url}/`);
      await demo.openCheckout(id);
      // The session the merchant's server made for the order: its items, then the methods.
      await demo.part(id, 'items').filter({ hasText: 'Feijoada para dois' }).waitFor();
      await demo.choose(id, /pix/i);
      await demo.pixCode(id);
      const session = await h.sandbox.onlySession('conomy');
      const payments = await h.sandbox.requests({ provider: 'conomy', method: 'POST', path: `/checkout-sessions/${session.id}/payments` });
      assert.equal(payments.length, 1, 'one Pix payment submitted');
      await h.sandbox.act('conomy', 'pay', session.id);

      await demo.waitForOutcome(id, 'succeeded');
      assert.equal((await demo.waitForEvent('checkout-success', id)).sessionId, session.id);
      assert.match(await demo.logEntry('checkout-success', id), new RegExp(session.id));
      // Conomy's signed webhook (sent by the sandbox to the demo's server) confirmed it, with the amount.
      assert.match(await demo.serverConfirmation(session.id), /webhook.*"status":"succeeded".*"amount":21000,"currency":"BRL"/);
      demo.assertNoErrors();
    });

    e2e(() => h.browser, "Pix requiring the payer's document: the form asks for it, a wrong check digit stays in the form, the right CPF pays", async (context) => {
      const demo = await CheckoutPage.open(context, `${h.url}/`);
      // The sandbox control, ticked as a tester would before paying.
      await demo.page.locator('#sandbox-conomy-document').check();
      await demo.page.locator('#sandbox-message').filter({ hasText: 'requires the payer' }).waitFor();
      await demo.openCheckout(id);
      await demo.choose(id, /pix/i);
      // The order gives the name and email: the form asks only for the CPF or CNPJ, and has the focus.
      const form = demo.part(id, 'details');
      await form.waitFor();
      assert.deepEqual(await form.locator('[part="details-input"]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).name)), ['documentNumber']);
      const field = form.locator('input[name="documentNumber"]');
      await poll('focus in the document field', 5_000, async () => ((await field.evaluate((input) => input.matches(':focus'))) ? true : undefined));

      await demo.page.keyboard.type('529.982.247-24');
      await demo.page.keyboard.press('Enter');
      await form.locator('#details-documentNumber-error').filter({ hasText: /not valid/ }).waitFor();
      assert.equal(await field.getAttribute('aria-invalid'), 'true');
      const session = await h.sandbox.onlySession('conomy');
      const paymentsPath = `/checkout-sessions/${session.id}/payments`;
      assert.equal((await h.sandbox.requests({ provider: 'conomy', method: 'POST', path: paymentsPath })).length, 0, 'nothing sent while invalid');

      await field.selectText();
      await demo.page.keyboard.type('529.982.247-25');
      await demo.page.keyboard.press('Enter');
      await demo.pixCode(id);
      const [payment] = await h.sandbox.requests({ provider: 'conomy', method: 'POST', path: paymentsPath });
      const customer = (payment!.body as { origins: { pix: { customer: Record<string, string> } }[] }).origins[0]!.pix.customer;
      assert.deepEqual(customer, {
        firstName: 'João', lastName: 'Silva', email: 'joao@example.com', documentType: 'CPF', documentNumber: '52998224725',
      });
      await h.sandbox.act('conomy', 'pay', session.id);
      await demo.waitForOutcome(id, 'succeeded');
      assert.equal((await demo.waitForEvent('checkout-success', id)).sessionId, session.id);
      demo.assertNoErrors();
    });

    e2e(() => h.browser, 'expiry: the session expires while the QR shows, expired screen and checkout-expired', async (context) => {
      const demo = await CheckoutPage.open(context, `${h.url}/`);
      await demo.openCheckout(id);
      await demo.choose(id, /pix/i);
      await demo.pixCode(id);
      const session = await h.sandbox.onlySession('conomy');
      await h.sandbox.act('conomy', 'expire', session.id);

      await demo.waitForOutcome(id, 'expired');
      await demo.part(id, 'try-again-button').waitFor();
      assert.equal((await demo.waitForEvent('checkout-expired', id)).sessionId, session.id);
      await demo.logEntry('checkout-expired', id);
      demo.assertNoErrors();
    });

    e2e(() => h.browser, 'hosted method: card on Conomy\'s page in the popup, back to the success URL, success by polling', async (context) => {
      const demo = await CheckoutPage.open(context, `${h.url}/`);
      await demo.openCheckout(id);
      await demo.choose(id, /card|tarjeta|cartão/i);
      const hosted = await continueInPopup(context, demo, id, 'conomy');
      const session = await h.sandbox.onlySession('conomy');
      assert.equal(hosted.popup.url(), session.hostedUrl);
      await hosted.popup.locator('#pay').click();
      // The success URL the merchant's server gave the session: the demo page, saying where the customer came from.
      await hosted.popup.waitForURL((url) => url.pathname === '/' && url.searchParams.get('conomy') === 'success');
      await hosted.popup.locator('#conomy-return').waitFor();

      await demo.waitForOutcome(id, 'succeeded');
      assert.equal((await demo.waitForEvent('checkout-success', id)).sessionId, session.id);
      await demo.logEntry('checkout-success', id);
      demo.assertNoErrors();
    });

    e2e(() => h.browser, 'cancel: closing the modal at the method choice deletes the session, checkout-cancel', async (context) => {
      const demo = await CheckoutPage.open(context, `${h.url}/`);
      await demo.openCheckout(id);
      await demo.part(id, 'option').first().waitFor();
      const session = await h.sandbox.onlySession('conomy');
      await demo.closeModal(id);

      const cancel = await demo.waitForEvent('checkout-cancel', id);
      assert.deepEqual(cancel, { type: 'checkout-cancel', source: id, status: 'cancelled', sessionId: session.id });
      await demo.logEntry('checkout-cancel', id);
      const deletes = await h.sandbox.requests({ provider: 'conomy', method: 'DELETE', path: `/checkout-sessions/${session.id}` });
      assert.equal(deletes.length, 1, 'DELETE /checkout-sessions/{id} reached Conomy once');
      assert.equal((await h.sandbox.onlySession('conomy')).outcome, 'cancelled');
      demo.assertNoErrors();
    });
  });
}
