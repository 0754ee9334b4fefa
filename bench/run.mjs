// Runs a TypeScript bench in Node: bundles it with esbuild into a temporary ES module, then imports it.
// Usage: node bench/run.mjs bench/polling.ts
import { build } from 'esbuild';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node bench/run.mjs <bench file.ts>');
  process.exit(2);
}

const dir = await mkdtemp(join(tmpdir(), 'checkout-elements-bench-'));
const outfile = join(dir, 'bench.mjs');
try {
  await build({
    entryPoints: [resolve(entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  await import(pathToFileURL(outfile).href);
} finally {
  await rm(dir, { recursive: true, force: true });
}
