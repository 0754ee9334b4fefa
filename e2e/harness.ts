import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { after, before } from 'node:test';
import { startDemoServer, type DemoServer } from '../demo/server/start.js';
import { ControlClient, type Provider, type SessionSummary } from '../demo/sandbox/control-api.js';
import { launchChromium, WAIT_TIMEOUT_MS } from './support.js';

/**
 * What every end-to-end test shares: ONE demo server (the same Vite server `npm start` runs,
 * sandbox and merchant endpoints included) and one Chromium, started before the first test and
 * closed after the last. Each test opens its own browser context.
 */
export interface Harness {
  readonly browser: Browser;
  /** e.g. `http://127.0.0.1:41234` */
  readonly url: string;
  readonly sandbox: SandboxControl;
}

export function useHarness(): Harness {
  let server: DemoServer | undefined;
  let browser: Browser | undefined;
  const harness: Harness = {
    get browser() {
      if (!browser) throw new Error('the browser is not running (did `before` fail?)');
      return browser;
    },
    get url() {
      if (!server) throw new Error('the demo server is not running (did `before` fail?)');
      return server.url;
    },
    sandbox: new SandboxControl(() => harness.url),
  };

  before(async () => {
    // Both started at once; whichever started is closed by `after` even when the other failed.
    const [started, launched] = await Promise.allSettled([startDemoServer({ logLevel: 'error' }), launchChromium()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
    await warmUp(harness.browser, harness.url);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  return harness;
}

/**
 * Loads the demo page once before the first real test: on a cold start Vite pre-bundles the
 * dependencies it discovers and may reload the page, which a test must not see.
 */
async function warmUp(browser: Browser, url: string): Promise<void> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${url}/`, { timeout: 60_000 });
    await page.locator('checkout-button').first().waitFor({ timeout: 60_000 });
    await poll('the elements to be defined', 60_000, () => page.evaluate(() => customElements.get('checkout-button') && true));
    // A dependency found late makes Vite re-optimize and reload: let that happen here.
    await page.waitForLoadState('networkidle', { timeout: 20_000 }).catch(() => undefined);
    await page.goto(`${url}/return.html`, { timeout: 60_000 });
    await page.waitForLoadState('networkidle', { timeout: 20_000 }).catch(() => undefined);
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The sandbox's control API, from Node (a test plays the customer's part while the modal is open).

export type { Action, Provider, SessionSummary } from '../demo/sandbox/control-api.js';
export type { RecordedRequestSummary as RecordedRequest } from '../demo/sandbox/control-api.js';

export class SandboxControl extends ControlClient {
  /** The one session of a provider a test started (it fails on none or several). */
  async onlySession(provider: Provider): Promise<SessionSummary> {
    const sessions = await this.sessions(provider);
    if (sessions.length !== 1) throw new Error(`expected one ${provider} session, found ${sessions.length}`);
    return sessions[0]!;
  }

}

// ---------------------------------------------------------------------------------------------
// What a test watches in its pages.

/** A `checkout-*` event as seen by a document listener: type, the (retargeted) element's id, the detail. */
export interface SeenEvent {
  type: string;
  source: string;
  status?: string;
  sessionId?: string;
  code?: string;
}

export interface Violation {
  page: string;
  directive: string;
  blockedURI: string;
  sample: string;
}

/** Errors and CSP violations of every page a context opens (popups included). */
export interface PageWatch {
  errors: string[];
  violations: Violation[];
}

const CHECKOUT_EVENTS = [
  'checkout-open', 'checkout-close', 'checkout-status', 'checkout-success', 'checkout-failure', 'checkout-expired',
  'checkout-cancel', 'checkout-error',
];

interface E2EWindow {
  __e2eEvents: SeenEvent[];
  __e2eViolation?: (violation: Omit<Violation, 'page'>) => void;
}

/**
 * Before any page script runs (so nothing is missed, CSP or not): records `checkout-*` events and
 * reports `securitypolicyviolation` events to the test; collects console errors and uncaught
 * exceptions of every page of the context.
 */
export async function watchContext(context: BrowserContext): Promise<PageWatch> {
  const watch: PageWatch = { errors: [], violations: [] };
  await context.exposeBinding('__e2eViolation', ({ page }, violation: Omit<Violation, 'page'>) => {
    watch.violations.push({ page: page?.url() ?? '?', ...violation });
  });
  await context.addInitScript((types: string[]) => {
    const win = window as unknown as E2EWindow;
    win.__e2eEvents = [];
    for (const type of types) {
      document.addEventListener(type, (event) => {
        const detail = ((event as CustomEvent).detail ?? {}) as Record<string, unknown>;
        const target = event.target as Element | null;
        win.__e2eEvents.push({
          type,
          source: target?.id ?? '',
          ...(typeof detail.status === 'string' ? { status: detail.status } : {}),
          ...(typeof detail.sessionId === 'string' ? { sessionId: detail.sessionId } : {}),
          ...(typeof detail.code === 'string' ? { code: detail.code } : {}),
        });
      });
    }
    document.addEventListener(
      'securitypolicyviolation',
      (event) => {
        win.__e2eViolation?.({ directive: event.violatedDirective, blockedURI: event.blockedURI, sample: event.sample });
      },
      true,
    );
  }, CHECKOUT_EVENTS);
  const watchPage = (page: Page) => {
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error') watch.errors.push(`console: ${message.text()} (${message.location().url || page.url()})`);
    });
    page.on('pageerror', (error) => watch.errors.push(`uncaught: ${error.message} (${page.url()})`));
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
  return watch;
}

export function seenEvents(page: Page): Promise<SeenEvent[]> {
  return page.evaluate(() => (window as unknown as E2EWindow).__e2eEvents);
}

/**
 * Waits until the page saw a `checkout-*` event of that type from that element. Polls with
 * `evaluate` (not `waitForFunction`, whose predicate a strict CSP's Trusted Types would refuse).
 */
export async function waitForEvent(page: Page, type: string, source: string, timeoutMs = WAIT_TIMEOUT_MS): Promise<SeenEvent> {
  return poll(`a ${type} event from #${source}`, timeoutMs, async () => {
    const events = await seenEvents(page);
    return events.find((event) => event.type === type && event.source === source);
  });
}

/** Calls `probe` every 100 ms until it returns something, or fails after `timeoutMs`. */
export async function poll<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
