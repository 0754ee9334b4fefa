// First render of 200 `<session-status>` elements, each on its own KaiPay session: from appending
// them to every one showing its status, plus the frame that paints it. KaiPay has no status
// endpoint (a followed session shows pending), so no request is made: this is the elements' own
// cost (flows, templates, styles, layout, paint), not the network's. The sandbox is there only to
// prove that: any request would be recorded, and the run fails.
import '../../src/define.js';
import type { SessionStatusElement } from '../../src/elements/session-status/session-status.js';
import type { Sandbox } from '../../demo/sandbox/index.js';
import { startSandbox } from '../../test/support/sandbox.js';
import { afterNextPaint, expose, until } from './support.js';

const COUNT = 200;

let sandbox: Sandbox | undefined;

function element(sessionId: string, tokenUrl: string): SessionStatusElement {
  const el = document.createElement('session-status');
  el.setAttribute('provider', 'kaipay');
  el.setAttribute('session-id', sessionId);
  el.setAttribute('token-url', tokenUrl);
  el.setAttribute('locale', 'en');
  return el;
}

async function renderAll() {
  sandbox ??= await startSandbox();
  const { state, tokenUrl } = sandbox;
  state.requests.length = 0;
  const container = document.createElement('div');
  document.body.append(container);

  const start = performance.now();
  const elements = Array.from({ length: COUNT }, (_, i) => element(`cs_bench_${i}`, tokenUrl));
  container.append(...elements);
  await Promise.all(elements.map((el) => el.updateComplete));
  const firstUpdate = performance.now();
  await until(() => elements.every((el) => el.status === 'pending'), 'every status shown');
  await Promise.all(elements.map((el) => el.updateComplete));
  const shown = performance.now();
  const { painted } = await afterNextPaint();

  const labelled = elements.filter((el) => el.shadowRoot?.querySelector('[part="label"]')?.textContent?.trim() === 'Waiting for payment');
  if (labelled.length !== COUNT) throw new Error(`bench: ${labelled.length} of ${COUNT} elements show "Waiting for payment"`);
  if (state.requests.length) throw new Error(`bench: the KaiPay elements made ${state.requests.length} requests`);
  container.remove();
  return { firstUpdate: firstUpdate - start, shown: shown - start, painted: painted - start };
}

expose({ run: renderAll });
