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
 * Lit's `html` and `css` literals are shipped as written; in the script-tag bundle they are
 * minified by minify-literals (HTML whitespace and comments, CSS through Lightning CSS; the
 * bindings and the rendered DOM stay the same), with a sourcemap so the size script still knows
 * which file each byte came from.
 */
const minifyLitLiterals: Plugin = {
  name: 'minify-lit-literals',
  enforce: 'pre',
  async transform(code, id) {
    if (!/[\\/]src[\\/].*\.ts$/.test(id) || !/(html|css|svg)`/.test(code)) return null;
    const { minifyHTMLLiterals } = await import('minify-literals');
    return minifyHTMLLiterals(code, { fileName: id });
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
        plugins: script ? [minifyLitLiterals, terserPass] : [],
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
