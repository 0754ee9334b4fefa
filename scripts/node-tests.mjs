// Runs TypeScript test files with node:test: each file bundled with esbuild (Node 20 cannot run
// TypeScript), run one file at a time, its counts written to `results` for scripts/test.mjs.
// Used by e2e/run.mjs (the end-to-end tests) and test/node/run.mjs (the server entry's tests).
import { build } from 'esbuild';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

/**
 * The files of `dir` ending in `suffix`; `grep` (a pattern) runs only the matching tests.
 * Resolves with `{passed, failed}`, also written to `results`, and prints the closing count.
 */
export async function runNodeTests({ dir, suffix, outdir, results, label, grep }) {
  rmSync(outdir, { recursive: true, force: true });
  const files = readdirSync(dir).filter((file) => file.endsWith(suffix));
  await build({
    entryPoints: files.map((file) => join(dir, file)),
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
  const only = grep ? { testNamePatterns: [new RegExp(grep, 'i')] } : {};
  const stream = run({ files: files.map((file) => join(outdir, file.replace(/\.ts$/, '.mjs'))), concurrency: 1, ...only });
  stream.on('test:pass', (event) => {
    // Suites are not tests; tests left out by the pattern are reported as skipped passes.
    if (event.details?.type !== 'suite' && !event.skip && !event.todo) counts.passed++;
  });
  stream.on('test:fail', (event) => {
    if (event.details?.type !== 'suite') counts.failed++;
  });
  stream.compose(spec).pipe(process.stdout);
  await new Promise((resolve) => stream.on('end', resolve));

  mkdirSync('test-results', { recursive: true });
  writeFileSync(results, JSON.stringify(counts));
  console.log(`\n${counts.passed} passed, ${counts.failed} failed (${label})`);
  process.exitCode = counts.failed ? 1 : 0;
  return counts;
}
