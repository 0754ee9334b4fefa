import type { BrowserContext, Page } from 'playwright-core';
import type { CheckoutPage } from './demo-page.js';
import type { Provider } from './harness.js';

/** The provider's hosted page in the real popup the modal opened, and every URL the popup loaded since. */
export interface HostedPopup {
  popup: Page;
  visited: string[];
}

/** Clicks "continue to payment" in the modal and waits for the popup to reach the provider's hosted page. */
export async function continueInPopup(context: BrowserContext, checkout: CheckoutPage, id: string, provider: Provider): Promise<HostedPopup> {
  const opened = context.waitForEvent('page');
  await checkout.part(id, 'continue-button').click();
  const popup = await opened;
  const visited: string[] = [];
  popup.on('framenavigated', (frame) => {
    if (frame === popup.mainFrame()) visited.push(frame.url());
  });
  await popup.waitForURL(new RegExp(`/sandbox/${provider}/hosted/`));
  await popup.locator('#pay').waitFor();
  return { popup, visited };
}

/**
 * Clicks a link of the hosted page that leads to the return page, which closes the popup: waits
 * for the close (a click racing the page's own close is not a failure).
 */
export async function followToReturnPage({ popup }: HostedPopup, link: string): Promise<void> {
  const closed = popup.waitForEvent('close');
  await popup.locator(link).click().catch((error: unknown) => {
    if (!popup.isClosed()) throw error;
  });
  await closed;
}

/** The return page URL the popup went through, with the outcome it announced. */
export function returnPageVisit(visited: string[], returnPath: string): URL | undefined {
  const found = visited.find((url) => new URL(url).pathname === returnPath);
  return found ? new URL(found) : undefined;
}
