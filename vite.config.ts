import { defineConfig } from 'vite';

/**
 * `npm start` serves demo/ with msw's worker from public/ (the sandbox runs in the page).
 * `vite build` (npm run build) builds the library:
 * - dist/index.js, define.js, react.js — the npm entries, dependencies left to the app's bundler;
 * - dist/checkout-elements.js — `BUILD_TARGET=script`: one self-contained module for a script tag.
 */
const script = process.env.BUILD_TARGET === 'script';
const entry: Record<string, string> = script
  ? { 'checkout-elements': 'src/define.ts' }
  : { index: 'src/index.ts', define: 'src/define.ts', react: 'src/react.ts' };

export default defineConfig(({ command }) =>
  command === 'serve'
    ? { root: 'demo', publicDir: '../public', server: { port: 5173, host: '127.0.0.1' } }
    : {
        publicDir: false,
        build: {
          outDir: 'dist',
          emptyOutDir: !script,
          copyPublicDir: false,
          target: 'es2022',
          minify: true,
          sourcemap: true,
          lib: { entry, formats: ['es'] },
          rollupOptions: script
            ? {}
            : { external: [/^lit($|\/)/, /^@lit\//, /^qrcode($|\/)/, /^zod($|\/)/, /^react($|\/)/] },
        },
      },
);
