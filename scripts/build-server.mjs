// `checkout-elements/server` → dist/server.js (its types come from `tsc -p tsconfig.build.json`,
// dist/types/server/index.d.ts). One ES module on web standards only (fetch, Request, WebCrypto),
// so the same file runs in Node, Bun, Deno and Workers; zod is left to the app, as in the npm
// entries. The build fails if anything of the browser side (Lit, the elements, the controllers)
// found its way in.
import { build } from 'esbuild';

const result = await build({
  entryPoints: { server: 'src/server/index.ts' },
  outdir: 'dist',
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  packages: 'external',
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
});

const inputs = Object.keys(result.metafile.inputs);
const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports.map((entry) => entry.path));
const browserSide = [
  ...inputs.filter((input) => /^src\/(elements|controllers)\/|^src\/events\.ts$/.test(input)),
  ...imports.filter((path) => /^(lit|@lit\/|qrcode)/.test(path)),
];
if (browserSide.length) {
  console.error(`dist/server.js must not include the browser side: ${browserSide.join(', ')}`);
  process.exit(1);
}
console.log(`dist/server.js: ${inputs.length} modules, imports ${[...new Set(imports)].join(', ') || 'nothing'}`);
