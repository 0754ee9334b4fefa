import { setupWorker } from 'msw/browser';
import { createSandbox } from './sandbox/index.js';
import { TokenClient } from '../src/core/token.js';
import { createAdapter } from '../src/providers/index.js';
import { realClock } from '../src/core/clock.js';

const sandbox = createSandbox(location.origin);
await setupWorker(...sandbox.handlers).start({ quiet: true, onUnhandledRequest: 'bypass' });

const out = document.querySelector('#out')!;
async function createCharge() {
  const token = new TokenClient({ url: sandbox.tokenUrl, body: { provider: 'kamipay', amount: 1250, currency: 'BRL', storeId: 1, checkoutId: 1 } });
  const adapter = createAdapter({ provider: 'kamipay', token, clock: realClock, amount: 1250, currency: 'BRL', storeId: 1, checkoutId: 1 });
  try {
    const session = await adapter.start();
    out.textContent = JSON.stringify(session, null, 2);
  } catch (error) {
    out.textContent = String(error);
  }
}
document.querySelector('#try')!.addEventListener('click', createCharge);
if (new URLSearchParams(location.search).has('auto')) void createCharge();
