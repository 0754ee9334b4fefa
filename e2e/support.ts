import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { test, type TestContext } from 'node:test';

/** Debian's Chromium (or CHROME_PATH), as root, closed network: the flags TOOLCHAIN.md lists. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic',
    ],
  });
}

export const SCREENSHOT_DIR = 'test-results/e2e-screenshots';

/**
 * An end-to-end test with its own browser context; when it fails, a screenshot of every page it
 * opened is saved under test-results/e2e-screenshots/ before the failure is reported.
 */
export function e2e(browser: () => Browser, name: string, body: (context: BrowserContext, t: TestContext) => Promise<void>): void {
  test(name, async (t) => {
    const context = await browser().newContext({ viewport: { width: 1000, height: 900 } });
    try {
      await body(context, t);
    } catch (error) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const slug = name.replace(/[^\w]+/g, '-').toLowerCase();
      await Promise.all(
        context.pages().map((page: Page, index: number) =>
          page.screenshot({ path: `${SCREENSHOT_DIR}/${slug}-${index}.png`, fullPage: true }).catch(() => undefined),
        ),
      );
      throw error;
    } finally {
      await context.close();
    }
  });
}
