// Server-side rendering safety (the package's entries must import without a DOM): importing every npm entry in
// Node must not throw, and must not register anything or touch a DOM that is not there. The
// `server` entry is imported the same way, in plain Node, as a merchant's server loads it.
// Each entry is imported in a fresh Node process, as a server would load it.
import { execFileSync } from 'node:child_process';

const ENTRIES = [
  ['checkout-elements', ['CheckoutButtonElement', 'CheckoutModalElement', 'CajaQrElement', 'SessionStatusElement', 'CheckoutSuccessEvent', 'kamipay', 'conomy', 'TokenClient']],
  ['checkout-elements/define', ['defineElements', 'CheckoutButtonElement']],
  ['checkout-elements/react', ['CheckoutButton', 'CheckoutModal', 'CajaQr', 'SessionStatus']],
  [
    'checkout-elements/server',
    ['createTokenHandler', 'createProviderProxy', 'toNodeListener', 'MemoryTokenStore', 'RedisTokenStore', 'ProxyTokens', 'confirmPayment', 'ConfirmError', 'createConomyWebhookHandler'],
  ],
];

export function ssrChecks() {
  return ENTRIES.map(([entry, names]) => ({
    name: `SSR: import '${entry}' in Node`,
    run() {
      const script = `
        const m = await import(${JSON.stringify(entry)});
        const missing = ${JSON.stringify(names)}.filter((n) => !(n in m));
        if (missing.length) throw new Error('missing exports: ' + missing.join(', '));
        if (typeof globalThis.customElements !== 'undefined' && globalThis.customElements.get('checkout-button')) throw new Error('registered a tag in Node');
        const { renderToString } = await import('react-dom/server').catch(() => ({}));
        if (${JSON.stringify(entry)}.endsWith('/react') && renderToString) {
          const React = await import('react');
          const html = renderToString(React.createElement(m.CheckoutButton, { provider: 'kamipay' }, 'Pay'));
          if (!html.includes('checkout-button')) throw new Error('server render did not produce the tag: ' + html);
        }
      `;
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { stdio: 'pipe', cwd: process.cwd() });
    },
  }));
}

/** The README's script tag carries the integrity of the file the build just made. */
export function integrityCheck() {
  return {
    name: "README's script-tag integrity matches dist/checkout-elements.js",
    async run() {
      const { readFileSync } = await import('node:fs');
      const { integrityOf } = await import('../../scripts/after-build.mjs');
      const integrity = integrityOf('dist/checkout-elements.js');
      if (!readFileSync('README.md', 'utf8').includes(`integrity="${integrity}"`)) {
        throw new Error(`README.md shows another integrity than ${integrity}: run npm run build and commit README.md`);
      }
    },
  };
}
