import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';
import { demoServerPlugin } from './demo/server/vite-plugin.js';

/**
 * `npm start` serves demo/ with the demo's server side (demo/server/): the provider sandbox under
 * `/sandbox/` (reachable by real navigations: hosted pages, popups, redirects), the merchant token
 * endpoint `/api/checkout-token` and its KaiPay / WeWire proxy under `/api/proxy/`.
 * `vite build` (npm run build) builds the library:
 * - dist/index.js, define.js, react.js — the npm entries, dependencies left to the app's bundler;
 * - dist/checkout-elements.js — `BUILD_TARGET=script`: one self-contained module for a script tag.
 */
const script = process.env.BUILD_TARGET === 'script';

const entry: Record<string, string> = script
  ? { 'checkout-elements': 'src/script-tag.ts' }
  : { index: 'src/index.ts', define: 'src/define.ts', react: 'src/react.ts' };

// Absolute, so a server started from another directory (start.ts) serves the same files.
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The script-tag bundle ships qrcode's encoder without its mode splitting (qr-svg.ts always passes
 * one byte-mode segment): `./segments` (imported by core/qrcode.js) and `./regex` (by core/mode.js,
 * only for that splitting) resolve to a byte-only stand-in. The test server does the same.
 */
const QR_SPLITTING = /qrcode[\\/]lib[\\/]core[\\/](?:qrcode\.js:\.\/segments|mode\.js:\.\/regex)(?:\.js)?$/;
const qrByteSegments: Plugin = {
  name: 'qr-byte-segments',
  enforce: 'pre',
  resolveId(source, importer) {
    return importer && QR_SPLITTING.test(`${importer}:${source}`) ? here('./src/elements/shared/qr-byte-segments.ts') : null;
  },
};

/**
 * qrcode's encoder (lib/core) is CommonJS, so the bundler wraps each file and keeps its
 * `exports.name` properties unminified. In the script-tag bundle those files are rewritten to ES
 * modules first (same code, only the module syntax changes), so their names minify and unused
 * exports drop. The files use a handful of regular shapes, rewritten line by line:
 * `const X = require('./y')[.name]`, `exports.name = ...` (and `exports.name` uses) and
 * `module.exports = Name` (the four files below, imported as a default).
 */
const QR_CORE = /[\\/]node_modules[\\/]qrcode[\\/]lib[\\/]core[\\/][\w-]+\.js$/;
const QR_DEFAULT_EXPORTS = new Set(['bit-buffer', 'bit-matrix', 'reed-solomon-encoder', 'byte-data']);
const qrCoreAsEsm: Plugin = {
  name: 'qr-core-as-esm',
  enforce: 'pre',
  transform(code, id) {
    if (!QR_CORE.test(id)) return null;
    const names = new Set<string>();
    const esm = code
      .replace(/^const (\w+) = require\('\.\/([\w-]+)'\)\.(\w+)$/gm, (_, local: string, file: string, name: string) =>
        local === name ? `import { ${name} } from './${file}.js'` : `import { ${name} as ${local} } from './${file}.js'`,
      )
      .replace(/^const (\w+) = require\('\.\/([\w-]+)'\)$/gm, (_, local: string, file: string) =>
        QR_DEFAULT_EXPORTS.has(file) ? `import ${local} from './${file}.js'` : `import * as ${local} from './${file}.js'`,
      )
      .replace(/^module\.exports = (\w+)$/gm, 'export default $1')
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
 * Lit's `css` literals are shipped as written; in the script-tag bundle they are minified
 * (esbuild's CSS minifier: comments and whitespace go, the rules stay the same). Only literals
 * without `${}` or escapes, which is all of ours. The lines a literal loses are added back after
 * it, as JS whitespace the minifier drops, so the code below it keeps its lines for the sourcemap.
 */
const CSS_LITERAL = /(?<![\w$.])css`([^`\\$]*)`/g;
const minifyCssLiterals: Plugin = {
  name: 'minify-css-literals',
  enforce: 'pre',
  async transform(code, id) {
    if (!/[\\/]src[\\/].*\.ts$/.test(id) || !code.includes('css`')) return null;
    let out = '';
    let from = 0;
    for (const match of code.matchAll(CSS_LITERAL)) {
      const css = (await transform(match[1], { loader: 'css', minify: true })).code.trim();
      const lost = match[1].split('\n').length - css.split('\n').length;
      out += `${code.slice(from, match.index)}css\`${css}\`${'\n'.repeat(lost)}`;
      from = match.index + match[0].length;
    }
    return from ? { code: out + code.slice(from), map: null } : null;
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
        plugins: script ? [qrByteSegments, qrCoreAsEsm, minifyCssLiterals, terserPass] : [],
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
            : { external: [/^lit($|\/)/, /^@lit\//, /^qrcode($|\/)/, /^react($|\/)/] },
        },
      },
);
