import { waitUntil as openWcWaitUntil } from '@open-wc/testing';

/** How long a condition may take: CI runs on 2 loaded cores, where 1 s (open-wc's default) is tight. */
export const WAIT_TIMEOUT_MS = 5_000;

/** open-wc's waitUntil with a patience fit for a loaded CI machine; the conditions stay the same. */
export function waitUntil(
  predicate: () => unknown | Promise<unknown>,
  message?: string,
  options: { interval?: number; timeout?: number } = {},
): Promise<void> {
  return openWcWaitUntil(predicate, message, { timeout: WAIT_TIMEOUT_MS, ...options });
}
