import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { demoServerPlugin } from './demo/server/vite-plugin.js';

/**
 * `npm start` serves demo/ with the demo's server side (demo/server/): the provider sandbox under
 * `/sandbox/` (reachable by real navigations: hosted pages, popups, redirects), the merchant token
 * endpoint `/api/checkout-token` and its KaiPay / WeWire proxy under `/api/proxy/`.
 * `vite build` (npm run build) builds the library:
 * - dist/index.js, define.js, react.js — the npm entries, dependencies left to the app's bundler;
 * - dist/checkout-elements.js — `BUILD_TARGET=script`: one self-contained module for a script tag;
 * - dist/checkout-elements.kamipay.js — `BUILD_TARGET=script-kamipay`: the same with kamiPay alone.
 * Each script bundle is its own build: built together they would share chunks.
 */
const scriptEntries: Record<string, Record<string, string>> = {
  script: { 'checkout-elements': 'src/script-tag.ts' },
  'script-kamipay': { 'checkout-elements.kamipay': 'src/script-tag.kamipay.ts' },
};
const scriptEntry = scriptEntries[process.env.BUILD_TARGET ?? ''];
const script = !!scriptEntry;

const entry: Record<string, string> = scriptEntry ?? { index: 'src/index.ts', define: 'src/define.ts', react: 'src/react.ts' };

// Absolute, so a server started from another directory (start.ts) serves the same files.
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * qrcode's encoder (lib/core) is CommonJS, so the bundler wraps each file in a module function and
 * keeps every `exports.name` as an unminified property, used or not. In the script-tag bundle those
 * files are rewritten to ES modules first — the same code, only the module syntax changes — so
 * their names minify and unused exports drop. The files use a handful of regular shapes, rewritten
 * line by line: `const X = require('./y')[.name]`, `exports.name = ...` (and `exports.name` uses)
 * and `module.exports = Name` (a default export, which the importing file's rewrite reads from the
 * imported file). dijkstrajs (used by qrcode's segmentation) is one object it exports when
 * `module` exists: it becomes that object's default export, which spares the bundler's interop.
 */
const QR_CORE = /[\\/]node_modules[\\/]qrcode[\\/]lib[\\/]core[\\/][\w-]+\.js$/;
const DEFAULT_EXPORT = /^module\.exports = (\w+)$/m;
const DIJKSTRA = /[\\/]node_modules[\\/]dijkstrajs[\\/]dijkstra\.js$/;
const DIJKSTRA_EXPORT = /^if \(typeof module !== 'undefined'\) \{\n {2}module\.exports = dijkstra;\n\}$/m;
const qrCoreAsEsm: Plugin = {
  name: 'qr-core-as-esm',
  enforce: 'pre',
  transform(code, id) {
    if (DIJKSTRA.test(id)) {
      if (!DIJKSTRA_EXPORT.test(code)) throw new Error(`qr-core-as-esm: unexpected export in ${id}`);
      return { code: code.replace(DIJKSTRA_EXPORT, 'export default dijkstra'), map: null };
    }
    if (!QR_CORE.test(id)) return null;
    const exportsDefault = (file: string) => DEFAULT_EXPORT.test(readFileSync(join(dirname(id), `${file}.js`), 'utf8'));
    const names = new Set<string>();
    const esm = code
      .replace(/^const (\w+) = require\('\.\/([\w-]+)'\)\.(\w+)$/gm, (_, local: string, file: string, name: string) =>
        local === name ? `import { ${name} } from './${file}.js'` : `import { ${name} as ${local} } from './${file}.js'`,
      )
      .replace(/^const (\w+) = require\('\.\/([\w-]+)'\)$/gm, (_, local: string, file: string) =>
        exportsDefault(file) ? `import ${local} from './${file}.js'` : `import * as ${local} from './${file}.js'`,
      )
      .replace(/^const (\w+) = require\('(dijkstrajs)'\)$/gm, "import $1 from '$2'")
      .replace(new RegExp(DEFAULT_EXPORT.source, 'gm'), 'export default $1')
      .replace(/^exports\.(\w+) = function(?: \w+)? ?\(/gm, (_, name: string) => {
        names.add(name);
        return `export function ${name} (`;
      })
      .replace(/^exports\.(\w+) = /gm, (_, name: string) => {
        names.add(name);
        return `export const ${name} = `;
      })
      .replace(/\bexports\.(\w+)/g, (use, name: string) => (names.has(name) ? name : use));
    // Anything left in CommonJS shape means qrcode changed: fail the build rather than ship it half-converted.
    if (/\brequire\(|\bexports\.|module\.exports/.test(esm)) throw new Error(`qr-core-as-esm: unexpected CommonJS left in ${id}`);
    return { code: esm, map: null };
  },
};

/**
 * Lit's `html` and `css` literals are shipped as written; in the script-tag bundle they are
 * minified by minify-literals (HTML whitespace and comments, CSS through clean-css; the
 * bindings and the rendered DOM stay the same), with a sourcemap so the size script still knows
 * which file each byte came from. Pinned at 1.x: 2.x wants Node 22 (its Lightning CSS saves ~20 B).
 */
const minifyLitLiterals: Plugin = {
  name: 'minify-lit-literals',
  enforce: 'pre',
  async transform(code, id) {
    if (!/[\\/]src[\\/].*\.ts$/.test(id) || !/(html|css|svg)`/.test(code)) return null;
    const { minifyHTMLLiterals } = await import('minify-literals');
    const result = await minifyHTMLLiterals(code, { fileName: id });
    // magic-string's map, handed on as its JSON text (its `version` is typed loosely).
    return result && { code: result.code, map: result.map?.toString() };
  },
};

/**
 * A second minifier pass over the script-tag bundle: terser (three compress passes) finds about
 * 0.4 KiB gzip that rolldown's minifier leaves. Its sourcemap is chained onto the bundle's.
 */
const terserPass: Plugin = {
  name: 'terser-pass',
  async renderChunk(code) {
    const { minify } = await import('terser');
    const out = await minify(code, {
      module: true,
      ecma: 2020,
      compress: { passes: 3, unsafe_arrows: true, unsafe_methods: true, keep_fargs: false },
      format: { comments: false },
      sourceMap: { asObject: true },
    });
    return { code: out.code ?? code, map: out.map as never };
  },
};

export default defineConfig(({ command }) =>
  command === 'serve'
    ? {
        root: here('./demo'),
        publicDir: here('./public'),
        plugins: [demoServerPlugin()],
        server: { port: 5173, host: '127.0.0.1' },
      }
    : {
        publicDir: false,
        plugins: script ? [qrCoreAsEsm, minifyLitLiterals, terserPass] : [],
        build: {
          outDir: 'dist',
          emptyOutDir: !script,
          copyPublicDir: false,
          target: 'es2022',
          minify: true,
          sourcemap: true,
          lib: { entry, formats: ['es'] },
          // Vite keeps an ES library's whitespace and /*@__PURE__*/ marks for the app's bundler; the
          // script-tag bundle is the end of the line, so it is minified fully.
          rollupOptions: script
            ? { output: { minify: true, comments: false } }
            : { external: [/^lit($|\/)/, /^@lit\//, /^react($|\/)/, /^zod($|\/)/, /^qrcode($|\/)/] },
        },
      },
);
