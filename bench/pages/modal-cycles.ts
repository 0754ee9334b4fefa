// Open/close cycles of one `<checkout-modal>` (kamiPay over the in-page sandbox): each cycle shows
// the modal, waits for the Pix QR, closes it (before payment: the session ends cancelled) and waits
// for the outcome. The runner measures the heap around the cycles (forced GC, through CDP); the
// page counts the timers left behind.
import { timerMark, timersSince } from './timers.js'; // first: timers set by anything later are counted
import '../../src/define.js';
import type { CheckoutModalElement } from '../../src/elements/checkout-modal/checkout-modal.js';
import type { Sandbox } from '../../demo/sandbox/index.js';
import { startSandbox } from '../../test/support/sandbox.js';
import { mountKamipayModal, qrInDom } from './modal.js';
import { expose, pause } from './support.js';

const CHARGE_PATH = '/v2/charge/create_dynamic_pix';

let sandbox: Sandbox;
let modal: CheckoutModalElement;
let mark = 0;

/**
 * The sandbox keeps every request and session, the page every fetch's resource timing: forget
 * them, so neither grows with the cycles.
 */
function forgetHistory(): void {
  sandbox.state.requests.length = 0;
  sandbox.state.sessions.clear();
  sandbox.state.validTokens.clear();
  performance.clearResourceTimings();
}

async function cycle(): Promise<void> {
  const inDom = qrInDom(modal);
  const outcome = modal.show();
  await inDom;
  if (sandbox.state.requestsTo('kamipay', 'POST', CHARGE_PATH).length !== 1) throw new Error('bench: expected one new charge per cycle');
  modal.close();
  const { status } = await outcome;
  if (status !== 'cancelled') throw new Error(`bench: closing ended in ${status}, not cancelled`);
  forgetHistory();
}

async function cycles(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await cycle();
}

expose({
  async setup() {
    sandbox = await startSandbox();
    sessionStorage.clear();
    modal = await mountKamipayModal(sandbox.tokenUrl);
  },
  /** Before the measured runs: code compiled, styles and caches built. */
  async warmup(count) {
    await cycles(count as number);
    return { count };
  },
  async cycles(count) {
    mark = timerMark();
    const start = performance.now();
    await cycles(count as number);
    return { count, ms: performance.now() - start };
  },
  /** Lets anything the cycles started finish, then tells which of their timers are still pending. */
  async settle(ms) {
    await pause(ms as number);
    return timersSince(mark);
  },
});
