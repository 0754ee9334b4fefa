// The `emulate-timezone` command: runs the test page in another time zone (Chrome's own zone
// override), so a test can tell a time read as UTC from one read in the browser's zone, which on a
// UTC machine (CI) look the same. Payload `{timezoneId}`; without one, the machine's zone again.
export function timezonePlugin() {
  return {
    name: 'emulate-timezone-command',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-timezone') return undefined;
      if (session.browser.type !== 'puppeteer') throw new Error(`emulate-timezone: unsupported browser ${session.browser.type}`);
      await session.browser.getPage(session.id).emulateTimezone(payload?.timezoneId);
      return true;
    },
  };
}
