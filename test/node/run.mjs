// Node tests of `checkout-elements/server` (test/node/*.node.ts): its handlers against the sandbox
// providers served over HTTP, and the Redis store against a real redis-server. Each file is
// bundled with esbuild (Node 20 cannot run TypeScript) and run by node:test; the counts go to
// test-results/node.json for scripts/test.mjs. NODE_GREP=pattern runs only the matching tests.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

const outdir = 'test-results/node-build';
rmSync(outdir, { recursive: true, force: true });
const files = readdirSync('test/node').filter((file) => file.endsWith('.node.ts'));
await build({
  entryPoints: files.map((file) => join('test/node', file)),
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
const only = process.env.NODE_GREP ? { testNamePatterns: [new RegExp(process.env.NODE_GREP, 'i')] } : {};
const stream = run({ files: files.map((file) => join(outdir, file.replace(/\.ts$/, '.mjs'))), concurrency: 1, ...only });
stream.on('test:pass', (event) => {
  if (event.details?.type !== 'suite' && !event.skip && !event.todo) counts.passed++;
});
stream.on('test:fail', (event) => {
  if (event.details?.type !== 'suite') counts.failed++;
});
stream.compose(spec).pipe(process.stdout);
await new Promise((resolve) => stream.on('end', resolve));

mkdirSync('test-results', { recursive: true });
writeFileSync('test-results/node.json', JSON.stringify(counts));
console.log(`\n${counts.passed} passed, ${counts.failed} failed (server, Node)`);
process.exitCode = counts.failed ? 1 : 0;
