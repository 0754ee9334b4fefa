// Tests run in real headless Chromium (Debian's /usr/bin/chromium, or CHROME_PATH).
// Only provider HTTP is simulated, by the msw sandbox in demo/sandbox/.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { summaryReporter } from './test/support/summary-reporter.mjs';
import { cjsToEsmPlugin } from './test/support/cjs-to-esm-plugin.mjs';
import { timezonePlugin } from './test/support/timezone-plugin.mjs';
import { forcedColorsPlugin } from './test/support/forced-colors-plugin.mjs';
import { defaultReporter } from '@web/test-runner';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';
import { a11ySnapshotPlugin, sendKeysPlugin, sendMousePlugin, setViewportPlugin, emulateMediaPlugin } from '@web/test-runner-commands/plugins';

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { browser: true, exportConditions: ['browser', 'production'] },
  concurrency: 1,
  testsFinishTimeout: 5 * 60_000,
  testFramework: { config: { timeout: 10_000 } },
  browsers: [
    chromeLauncher({
      // Real clipboard for the copy-button tests: granted here, as a browser user would grant it.
      async createPage({ config, context }) {
        const origin = `${config.protocol ?? 'http:'}//${config.hostname}:${config.port}`;
        await context.overridePermissions(origin, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
        return context.newPage();
      },
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
  middleware: [
    // msw's worker must be served from the root so its scope covers every test page.
    function serveMswWorker(context, next) {
      if (context.url === '/mockServiceWorker.js') context.url = '/public/mockServiceWorker.js';
      return next();
    },
    // Popups opened by hosted flows navigate to the sandbox's hosted pages, which msw (in the page)
    // cannot answer for a real navigation: the test server answers them with a plain page.
    function serveHostedPages(context, next) {
      if (/^\/sandbox\/[a-z]+\/hosted\//.test(context.path)) {
        context.type = 'html';
        context.body = '<!doctype html><title>Sandbox hosted checkout</title><p>Sandbox hosted checkout';
        return undefined;
      }
      return next();
    },
  ],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    // qrcode's encoder (what qr-svg.ts draws from) and jsqr ship CommonJS/UMD
    // only; bundle them to ES modules on the fly.
    cjsToEsmPlugin(['qrcode/lib/core/qrcode.js', 'jsqr']),
    sendKeysPlugin(),
    sendMousePlugin(),
    setViewportPlugin(),
    emulateMediaPlugin(),
    a11ySnapshotPlugin(),
    timezonePlugin(),
    forcedColorsPlugin(),
  ],
  reporters: [defaultReporter(), summaryReporter()],
};
