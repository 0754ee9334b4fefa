import type { CheckoutServerConfig, TokenStore } from '../../src/server/index.js';
import { CONOMY_API_KEY, CONOMY_CLIENT_ID, CONOMY_CLIENT_SECRET } from '../sandbox/conomy.js';
import { CONOMY_WEBHOOK_SECRET } from '../sandbox/conomy-webhook.js';
import { KAIPAY_SECRET_KEY } from '../sandbox/kaipay.js';
import { KAMIPAY_SANDBOX_PASSWORD, KAMIPAY_SANDBOX_USERNAME } from '../sandbox/kamipay.js';
import { WEWIRE_API_KEY } from '../sandbox/wewire.js';

/**
 * The demo's provider secrets: environment variables, defaulting to the sandbox this same server
 * runs at `sandboxOrigin` (its own loopback address). Point the `*_API_BASE` variables and the
 * credentials at a provider's real API to try it instead.
 */
type Env = Record<string, string | undefined>;

export function demoServerConfig(env: Env, sandboxOrigin: string, store: TokenStore): CheckoutServerConfig {
  const sandbox = (provider: string) => `${sandboxOrigin}/sandbox/${provider}`;
  return {
    kamipay: {
      apiBase: env.KAMIPAY_API_BASE ?? sandbox('kamipay'),
      username: env.KAMIPAY_USERNAME ?? KAMIPAY_SANDBOX_USERNAME,
      password: env.KAMIPAY_PASSWORD ?? KAMIPAY_SANDBOX_PASSWORD,
    },
    conomy: {
      apiBase: env.CONOMY_API_BASE ?? sandbox('conomy'),
      apiKey: env.CONOMY_API_KEY ?? CONOMY_API_KEY,
      clientId: env.CONOMY_CLIENT_ID ?? CONOMY_CLIENT_ID,
      clientSecret: env.CONOMY_CLIENT_SECRET ?? CONOMY_CLIENT_SECRET,
      owner: { identityId: env.CONOMY_IDENTITY_ID ?? 'idt_sbx_merchant_001', name: env.CONOMY_OWNER_NAME ?? 'Loja Sandbox' },
      account: {
        accountNumber: env.CONOMY_ACCOUNT_NUMBER ?? '4000123456',
        accountHolder: env.CONOMY_ACCOUNT_HOLDER ?? 'Loja Sandbox',
      },
      // Relative: resolved against the origin the customer's browser used.
      successUrl: env.CONOMY_SUCCESS_URL ?? '/?conomy=success',
      failedUrl: env.CONOMY_FAILED_URL ?? '/?conomy=failed',
    },
    kaipay: { apiBase: env.KAIPAY_API_BASE ?? sandbox('kaipay'), secretKey: env.KAIPAY_SECRET_KEY ?? KAIPAY_SECRET_KEY },
    wewire: { apiBase: env.WEWIRE_API_BASE ?? sandbox('wewire'), apiKey: env.WEWIRE_API_KEY ?? WEWIRE_API_KEY },
    store,
  };
}

/** The secret of Conomy's webhook (the sandbox signs with the same default). */
export function demoWebhookSecret(env: Env): string {
  return env.CONOMY_WEBHOOK_SECRET ?? CONOMY_WEBHOOK_SECRET;
}
