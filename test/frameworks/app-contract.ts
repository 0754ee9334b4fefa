/**
 * What every framework app built by scripts/build-framework-apps.mjs exports, and what the
 * browser test (test/frameworks.test.ts) passes in.
 */
import type { CheckoutOrder } from '../../src/core/order.js';
import type { CheckoutDetail } from '../../src/core/status.js';

export interface FrameworkAppOptions {
  /** The sandbox's token endpoint, for the elements' `token-url`. */
  tokenUrl: string;
  /** Passed as an object prop/property, never as an attribute. */
  order: CheckoutOrder;
  /** The app's own success handler calls this each time it runs. */
  onPaid(detail: CheckoutDetail): void;
  /** Warnings the framework reported (Vue's development checks). */
  onWarning?(message: string): void;
}

/** A built app module: `mount` renders the app into `container` and returns its unmount. */
export interface FrameworkAppModule {
  mount(container: HTMLElement, options: FrameworkAppOptions): () => void;
  /**
   * React apps: a till around `<CajaQr continuous>` whose success handler re-renders it;
   * `charge(amount)` is the till setting the next customer's amount.
   */
  mountTill?(container: HTMLElement, options: Pick<FrameworkAppOptions, 'tokenUrl' | 'onPaid'>): { charge(amount: number): void; unmount(): void };
  /** The framework version the bundle really runs (React 18 vs 19 through the alias). */
  frameworkVersion: string;
  /** React apps: react-dom's version, which must match React's. */
  rendererVersion?: string;
}

/** The app's text once its success handler ran. */
export const paidText = (detail: CheckoutDetail) => `Paid ${detail.sessionId}`;
