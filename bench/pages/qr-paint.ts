// Token response → QR painted, for a `<checkout-modal provider="kamipay">` over the in-page sandbox.
// Between the two sits the charge creation (a round trip to the sandbox), so the page also times
// from the create-charge response, which is the part the library alone decides.
import '../../src/define.js';
import { startSandbox } from '../../test/support/sandbox.js';
import { mountKamipayModal, qrInDom } from './modal.js';
import { afterNextPaint, expose, frameInterval, lastResource, recordFrames } from './support.js';

const CHARGE_PATH = '/v2/charge/create_dynamic_pix';

async function once() {
  const sandbox = await startSandbox();
  // A pending session of the previous run would be resumed instead of a new charge created.
  sessionStorage.clear();
  performance.clearResourceTimings();
  const modal = await mountKamipayModal(sandbox.tokenUrl);
  const frames = recordFrames();
  const inDom = qrInDom(modal);
  const outcome = modal.show();
  const { at: rendered } = await inDom;
  const { frame: paintFrame, painted } = await afterNextPaint();
  frames.stop();
  const token = lastResource(sandbox.tokenUrl);
  const charge = lastResource(`${sandbox.base('kamipay')}${CHARGE_PATH}`);
  if (sandbox.state.requestsTo('kamipay', 'POST', CHARGE_PATH).length !== 1) throw new Error('bench: expected one new charge');
  modal.close();
  const { status } = await outcome;
  if (status !== 'cancelled') throw new Error(`bench: closing ended in ${status}, not cancelled`);
  modal.remove();
  return {
    tokenToPainted: painted - token.responseEnd,
    chargeToPainted: painted - charge.responseEnd,
    chargeToRendered: rendered - charge.responseEnd,
    // Frames that ran after the response, the last one painting the QR: 1 = the very next frame.
    framesAfterCharge: frames.times.filter((at) => at > charge.responseEnd && at <= paintFrame).length,
    tokenToChargeRequest: charge.startTime - token.responseEnd,
    chargeRoundTrip: charge.responseEnd - charge.startTime,
  };
}

performance.setResourceTimingBufferSize(10_000);
expose({
  run: once,
  frameInterval: () => frameInterval(),
});
