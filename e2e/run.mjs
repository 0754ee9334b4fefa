// End-to-end tests: playwright-core drives Debian's Chromium through the demo server (the same
// server `npm start` runs). Each e2e/*.e2e.ts is bundled with esbuild (Node 20 cannot run
// TypeScript) and run by node:test; the counts go to test-results/e2e.json for scripts/test.mjs.
import { rmSync } from 'node:fs';
import { runNodeTests } from '../scripts/node-tests.mjs';

// Screenshots of an earlier run's failures would read as this run's.
rmSync('test-results/e2e-screenshots', { recursive: true, force: true });
const counts = await runNodeTests({
  dir: 'e2e',
  suffix: '.e2e.ts',
  outdir: 'test-results/e2e-build',
  results: 'test-results/e2e.json',
  label: 'end-to-end',
  // E2E_GREP=pattern runs only the tests whose name matches (while working on one).
  grep: process.env.E2E_GREP,
});
if (counts.failed) console.log('Screenshots of the failed tests\' pages: test-results/e2e-screenshots/');
