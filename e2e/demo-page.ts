import assert from 'node:assert/strict';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { poll, seenEvents, waitForEvent, watchContext, type PageWatch, type SeenEvent } from './harness.js';
import { WAIT_TIMEOUT_MS } from './support.js';

/** The elements the page defines (demo/index.html). */
export const DEMO_TAGS = ['checkout-button', 'checkout-modal', 'caja-qr', 'session-status', 'checkout-qr'] as const;

/**
 * A page with checkout elements (the demo, or a plain-HTML example), found by the ids of the page
 * contract: `#demo-{provider}` buttons, the `#event-log`. Playwright's CSS selectors pierce
 * shadow roots, so `#demo-kamipay [part="outcome"]` finds the modal's outcome view.
 */
export class CheckoutPage {
  constructor(
    readonly page: Page,
    readonly watch: PageWatch,
  ) {}

  /** A new page of `context` at `url`, watched (events, errors, CSP violations) from its first script. */
  static async open(context: BrowserContext, url: string): Promise<CheckoutPage> {
    const watch = await watchContext(context);
    const page = await context.newPage();
    await page.goto(url);
    const checkout = new CheckoutPage(page, watch);
    await checkout.elementsDefined(['checkout-button']);
    return checkout;
  }

  /** Which of `tags` the page's registry lacks, polled until none. */
  async elementsDefined(tags: readonly string[]): Promise<void> {
    await poll(`${tags.join(', ')} to be defined`, WAIT_TIMEOUT_MS, async () => {
      const missing = await this.page.evaluate((names) => names.filter((name) => !customElements.get(name)), [...tags]);
      return missing.length ? undefined : true;
    });
  }

  part(id: string, part: string): Locator {
    return this.page.locator(`#${id} [part="${part}"]`);
  }

  dialog(id: string): Locator {
    return this.page.locator(`#${id} dialog[part="dialog"]`);
  }

  /** Clicks the element's pay button and waits for its modal. */
  async openCheckout(id: string): Promise<void> {
    await this.part(id, 'button').click();
    await this.dialog(id).waitFor({ state: 'visible' });
  }

  /** A method or asset in the modal's choice. */
  async choose(id: string, label: RegExp): Promise<void> {
    await this.part(id, 'option').filter({ hasText: label }).click();
  }

  /** Waits for the Pix QR and returns its copy-paste code (a BR Code). */
  async pixCode(id: string): Promise<string> {
    await this.page.locator(`#${id} checkout-qr[part="qr"] svg[part="qr"]`).waitFor();
    const code = await this.page.locator(`#${id} checkout-qr[part="qr"] [part="code"]`).inputValue();
    assert.match(code, /^000201/, 'the Pix code is an EMV BR Code');
    return code;
  }

  /** The outcome view of a status, shown in the modal. */
  async waitForOutcome(id: string, status: string): Promise<void> {
    await this.page.locator(`#${id} [part="outcome"].outcome-${status}`).waitFor({ state: 'visible' });
  }

  /** The modal's close button (the header's ×): before paying, this cancels. */
  async closeModal(id: string): Promise<void> {
    await this.part(id, 'close-button').click();
    await this.dialog(id).waitFor({ state: 'hidden' });
  }

  waitForEvent(type: string, source: string): Promise<SeenEvent> {
    return waitForEvent(this.page, type, source);
  }

  events(): Promise<SeenEvent[]> {
    return seenEvents(this.page);
  }

  /** The demo's event log entry of that type from that element (the log shows `#id`). */
  async logEntry(type: string, source: string): Promise<string> {
    const entry = this.page.locator(`#event-log li[data-type="${type}"]`).filter({ hasText: `#${source}` }).first();
    await entry.waitFor();
    return (await entry.textContent()) ?? '';
  }

  /** The event log's "confirmed by your server" entry for a session (what the demo's server said of it). */
  async serverConfirmation(sessionId: string): Promise<string> {
    const entry = this.page.locator('#event-log li[data-type="confirmed by your server"]').filter({ hasText: sessionId }).first();
    await entry.waitFor();
    return (await entry.textContent()) ?? '';
  }

  /** No `securitypolicyviolation` event in any page of the context so far. */
  assertNoViolations(): void {
    assert.deepEqual(this.watch.violations, [], 'securitypolicyviolation events');
  }

  /** No uncaught exception or console error in any page of the context so far. */
  /** `expected`: what the browser itself logs of a fault the test injected (a dropped answer). */
  assertNoErrors(expected?: RegExp): void {
    const errors = this.watch.errors.filter((error) => !expected?.test(error));
    assert.deepEqual(errors, [], 'console errors or uncaught exceptions');
  }
}
