// Debian's Chromium as every runner here launches it (tests, e2e, benchmarks): CHROME_PATH or
// /usr/bin/chromium, as root (no sandbox), and without the background services that the closed
// network of a CI runner or sandboxed machine refuses.
export const CHROMIUM_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];
