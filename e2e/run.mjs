// End-to-end tests: playwright-core drives Debian's Chromium through the demo server (the same
// server `npm start` runs). Each e2e/*.e2e.ts is bundled with esbuild (Node 20 cannot run
// TypeScript) and run by node:test; the counts go to test-results/e2e.json for scripts/test.mjs.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

const outdir = 'test-results/e2e-build';
rmSync(outdir, { recursive: true, force: true });
// Screenshots of an earlier run's failures would read as this run's.
rmSync('test-results/e2e-screenshots', { recursive: true, force: true });
const files = readdirSync('e2e').filter((file) => file.endsWith('.e2e.ts'));
await build({
  entryPoints: files.map((file) => join('e2e', file)),
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
});

const counts = { passed: 0, failed: 0 };
// E2E_GREP=pattern runs only the tests whose name matches (while working on one).
const only = process.env.E2E_GREP ? { testNamePatterns: [new RegExp(process.env.E2E_GREP, 'i')] } : {};
const stream = run({ files: files.map((file) => join(outdir, file.replace(/\.ts$/, '.mjs'))), concurrency: 1, ...only });
stream.on('test:pass', (event) => {
  // Suites are not tests; tests left out by E2E_GREP are reported as skipped passes.
  if (event.details?.type !== 'suite' && !event.skip && !event.todo) counts.passed++;
});
stream.on('test:fail', (event) => {
  if (event.details?.type !== 'suite') counts.failed++;
});
stream.compose(spec).pipe(process.stdout);
await new Promise((resolve) => stream.on('end', resolve));

mkdirSync('test-results', { recursive: true });
writeFileSync('test-results/e2e.json', JSON.stringify(counts));
if (counts.failed) console.log('\nScreenshots of the failed tests\' pages: test-results/e2e-screenshots/');
console.log(`\n${counts.passed} passed, ${counts.failed} failed (end-to-end)`);
process.exitCode = counts.failed ? 1 : 0;
