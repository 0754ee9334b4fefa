import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { test, type TestContext } from 'node:test';

/** Debian's Chromium (or CHROME_PATH), as root, closed network: the flags of scripts/chromium.mjs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

export const SCREENSHOT_DIR = 'test-results/e2e-screenshots';

/** A test that hangs (an outcome that never comes) fails after this, with its screenshots. */
const TEST_TIMEOUT_MS = 45_000;
/** Playwright's waits (a locator, a popup) give up after this: well inside the test's own timeout (a busy CI machine is slow). */
export const WAIT_TIMEOUT_MS = 20_000;

/**
 * An end-to-end test with its own browser context; when it fails, a screenshot of every page it
 * opened is saved under test-results/e2e-screenshots/ before the failure is reported.
 */
export function e2e(browser: () => Browser, name: string, body: (context: BrowserContext, t: TestContext) => Promise<void>): void {
  test(name, { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const context = await browser().newContext({ viewport: { width: 1000, height: 900 } });
    context.setDefaultTimeout(WAIT_TIMEOUT_MS);
    try {
      await withDeadline(body(context, t), TEST_TIMEOUT_MS - 3_000, name);
    } catch (error) {
      await screenshots(context, name);
      throw error;
    } finally {
      await context.close();
    }
  });
}

/** Fails a little before node:test's own timeout would, so the screenshots are still taken. */
async function withDeadline<T>(work: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name}: no result after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function screenshots(context: BrowserContext, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const slug = name.replace(/[^\w]+/g, '-').toLowerCase();
  await Promise.all(
    context.pages().map((page: Page, index: number) =>
      page.screenshot({ path: `${SCREENSHOT_DIR}/${slug}-${index}.png`, fullPage: true }).catch(() => undefined),
    ),
  );
}
