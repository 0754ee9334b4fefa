// `npm run size`: min, gzip and brotli of every entry in dist/, what each part of the script-tag
// bundle costs, and the ratio to Adyen Web's core with one QR payment method (Pix), tree-shaken
// the same way. Fails when dist/checkout-elements.js goes over the gzip budget.
import { build } from 'esbuild';
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const BUDGET_GZIP_KIB = 40;
const GOAL_GZIP_KIB = 25;
const dist = 'dist';

const kib = (bytes) => (bytes / 1024).toFixed(1);
const gzip = (buffer) => gzipSync(buffer, { level: 9 }).length;
const brotli = (buffer) => brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** An entry and the local chunks it imports statically (what a browser downloads for it). */
function closure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const match of code.matchAll(/(?:import|export)\s*(?:[\w*{}\s,$]*from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) {
    closure(join(dirname(file), match[1]), seen);
  }
  return seen;
}

function measure(files) {
  const buffer = Buffer.concat([...files].map((file) => readFileSync(file)));
  return { min: buffer.length, gzip: gzip(buffer), brotli: brotli(buffer) };
}

const row = (name, size) =>
  `${name.padEnd(34)} ${kib(size.min).padStart(7)} ${kib(size.gzip).padStart(7)} ${kib(size.brotli).padStart(8)}`;

if (!existsSync(join(dist, 'checkout-elements.js'))) {
  console.error('size: dist/ is missing; run `npm run build` first');
  process.exit(1);
}

console.log(`${'entry (KiB)'.padEnd(34)} ${'min'.padStart(7)} ${'gzip'.padStart(7)} ${'brotli'.padStart(8)}`);
const entries = [
  ['checkout-elements.js (script tag)', 'checkout-elements.js'],
  ['index.js (+ its chunks)', 'index.js'],
  ['define.js (+ its chunks)', 'define.js'],
  ['react.js (+ its chunks)', 'react.js'],
];
let scriptTag;
for (const [label, file] of entries) {
  const path = join(dist, file);
  if (!existsSync(path)) continue;
  const size = measure(closure(path));
  if (file === 'checkout-elements.js') scriptTag = size;
  console.log(row(label, size));
}

// What each part of the script-tag bundle costs: its share of the minified output, and gzip of
// that share alone (an upper bound: parts compress better together).
const parts = await build({
  entryPoints: ['src/define.ts'],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  write: false,
  metafile: true,
  outfile: 'out.js',
  logLevel: 'silent',
});
const groups = new Map();
for (const [input, info] of Object.entries(Object.values(parts.metafile.outputs)[0].inputs)) {
  const group = input.includes('node_modules/')
    ? input.split('node_modules/')[1].split('/').slice(0, input.includes('node_modules/@') ? 2 : 1).join('/')
    : input.replace(/^src\//, '').split('/').slice(0, input.startsWith('src/elements/') ? 3 : 2).join('/').replace(/\.ts$/, '');
  groups.set(group, (groups.get(group) ?? 0) + info.bytesInOutput);
}
console.log('\nscript-tag bundle by part (min KiB):');
for (const [group, bytes] of [...groups].sort((a, b) => b[1] - a[1])) console.log(`  ${group.padEnd(40)} ${kib(bytes).padStart(6)}`);

// Adyen Web: its core (AdyenCheckout) and one QR method (Pix), bundled and tree-shaken like ours.
const adyen = await build({
  stdin: { contents: "import { AdyenCheckout, Pix } from '@adyen/adyen-web'; export { AdyenCheckout, Pix };", resolveDir: process.cwd() },
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  write: false,
  logLevel: 'silent',
  loader: { '.css': 'empty' },
});
const adyenJs = Buffer.from(adyen.outputFiles[0].contents);
const adyenSize = { min: adyenJs.length, gzip: gzip(adyenJs), brotli: brotli(adyenJs) };
console.log('\n' + row('Adyen Web core + Pix (JS only)', adyenSize));
console.log(`ratio checkout-elements.js / Adyen (gzip): ${(scriptTag.gzip / adyenSize.gzip).toFixed(2)}`);

const gzipKib = scriptTag.gzip / 1024;
console.log(`\ncheckout-elements.js gzip: ${gzipKib.toFixed(1)} KiB (budget ${BUDGET_GZIP_KIB} KiB, goal ${GOAL_GZIP_KIB} KiB)`);
if (gzipKib > BUDGET_GZIP_KIB) {
  console.error(`size: over budget by ${(gzipKib - BUDGET_GZIP_KIB).toFixed(1)} KiB`);
  process.exit(1);
}
