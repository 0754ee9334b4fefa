import { executeServerCommand } from '@web/test-runner-commands';

/**
 * Runs `body` with the page in `timezoneId` (test/support/timezone-plugin.mjs), then back in the
 * machine's zone. For checks that a time without an offset is read as UTC: on a UTC machine a
 * local reading would pass unnoticed.
 */
export async function inTimezone<T>(timezoneId: string, body: () => T | Promise<T>): Promise<T> {
  await executeServerCommand('emulate-timezone', { timezoneId });
  try {
    return await body();
  } finally {
    await executeServerCommand('emulate-timezone', {});
  }
}
