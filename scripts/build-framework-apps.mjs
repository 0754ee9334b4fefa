// Builds the framework apps of test/frameworks/ with Vite's JS API, each into
// test-results/frameworks/<name>/app.js: an ES module exporting `mount(container, options) → unmount`
// (see test/frameworks/app-contract.ts), loaded by test/frameworks.test.ts in Chromium.
//   react19 — the React wrappers (src/react.ts) with React 19, production build;
//   react18 — the same source with `react`/`react-dom` aliased to `react18`/`react-dom18`, so
//             @lit/react and src/react.ts run on React 18 too;
//   vue     — the custom elements used directly in a Vue template, compiled here at build time with
//             compilerOptions.isCustomElement (as @vitejs/plugin-vue compiles an SFC's <template>),
//             with Vue's development checks on (the test asserts Vue warned about nothing).
// Each bundle is self-contained, like an app's: the library from src/, Lit, zod, the framework.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { build } from 'vite';
import { compileTemplate } from 'vue/compiler-sfc';

const root = fileURLToPath(new URL('..', import.meta.url));

const production = { 'process.env.NODE_ENV': JSON.stringify('production') };

const react18Aliases = [
  { find: /^react$/, replacement: 'react18' },
  { find: /^react\/(.*)$/, replacement: 'react18/$1' },
  { find: /^react-dom$/, replacement: 'react-dom18' },
  { find: /^react-dom\/(.*)$/, replacement: 'react-dom18/$1' },
];

/** The library's tags: custom elements, not Vue components for Vue to resolve. */
const isCustomElement = (tag) => tag.startsWith('checkout-') || tag === 'caja-qr' || tag === 'session-status';

const TEMPLATE_QUERY = '?vue-template';

/**
 * `import { render } from './page.html?vue-template'`: the template compiled to a render function
 * module by Vue's SFC template compiler — what @vitejs/plugin-vue does for a `.vue` file's
 * <template> (not installed here; the apps need nothing else of it).
 */
function vueTemplates() {
  return {
    name: 'vue-templates',
    enforce: 'pre',
    load(id) {
      if (!id.endsWith(TEMPLATE_QUERY)) return null;
      const filename = id.slice(0, -TEMPLATE_QUERY.length);
      const { code, errors, tips } = compileTemplate({
        source: readFileSync(filename, 'utf8'),
        filename,
        id: filename,
        compilerOptions: { isCustomElement },
      });
      const problems = [...errors, ...tips].map(String);
      if (problems.length) throw new Error(`${filename}:\n${problems.join('\n')}`);
      return code;
    },
  };
}

const FRAMEWORK_APPS = [
  { name: 'react19', entry: 'test/frameworks/react/app.ts', alias: [], define: production },
  { name: 'react18', entry: 'test/frameworks/react/app.ts', alias: react18Aliases, define: production },
  {
    name: 'vue',
    entry: 'test/frameworks/vue/app.ts',
    alias: [],
    plugins: [vueTemplates()],
    define: {
      'process.env.NODE_ENV': JSON.stringify('development'),
      // Vue's esm-bundler feature flags, as @vitejs/plugin-vue defines them (left undefined, Vue warns).
      __VUE_OPTIONS_API__: 'true',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
  },
];

async function buildApp({ name, entry, alias, define, plugins = [] }) {
  const outDir = `test-results/frameworks/${name}`;
  const started = performance.now();
  await build({
    root,
    configFile: false,
    publicDir: false,
    logLevel: 'warn',
    mode: 'production',
    define,
    plugins,
    // Library code picks its production build (Lit's development build logs a warning on load).
    resolve: { alias, conditions: ['module', 'browser', 'production'] },
    build: {
      outDir,
      emptyOutDir: true,
      copyPublicDir: false,
      target: 'es2022',
      minify: true,
      reportCompressedSize: false,
      lib: { entry, formats: ['es'], fileName: () => 'app.js' },
    },
  });
  const ms = Math.round(performance.now() - started);
  const kib = (statSync(`${root}/${outDir}/app.js`).size / 1024).toFixed(1);
  console.log(`  ${name}: ${outDir}/app.js, ${kib} KiB, ${ms} ms`);
}

const started = performance.now();
for (const app of FRAMEWORK_APPS) await buildApp(app);
console.log(`  framework apps built in ${Math.round(performance.now() - started)} ms`);
