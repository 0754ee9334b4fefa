// QR encoding of a typical Pix EMV (what kamiPay's sandbox returns for a BRL 12.50 charge), and
// rendering the encoded QR as SVG, in Chromium. Each sample is the mean of a batch, since one
// encoding takes about as long as performance.now()'s coarse (100 µs) resolution.
import { render } from 'lit';
import { pixEmv } from '../../demo/sandbox/pix.js';
import { qrGeometry, qrSvgContent, type QrGeometry } from '../../src/elements/shared/qr-svg.js';
import { expose } from './support.js';

const PAYLOAD = pixEmv({
  amount: 12.5,
  merchantName: 'KAMIPAY SANDBOX',
  merchantCity: 'SAO PAULO',
  location: 'qr.sandbox.kamipay.io/pix/v2/op_7f3c2a9e4b1d4c6fa0e1b2c3d4e5f607',
});
const BATCH = 25;
const SVG_NS = 'http://www.w3.org/2000/svg';

let sink = 0;

function encodeBatch(): number {
  const start = performance.now();
  for (let i = 0; i < BATCH; i++) sink += qrGeometry(PAYLOAD).path.length;
  return (performance.now() - start) / BATCH;
}

/** Lit renders the path into a fresh `<svg>` in the page, then style and layout are forced. */
function renderBatch(geometry: QrGeometry, host: HTMLElement): number {
  const start = performance.now();
  for (let i = 0; i < BATCH; i++) {
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', `0 0 ${geometry.size} ${geometry.size}`);
    svg.setAttribute('width', '260');
    svg.setAttribute('shape-rendering', 'crispEdges');
    render(qrSvgContent(geometry), svg);
    host.replaceChildren(svg);
    sink += svg.getBoundingClientRect().width;
  }
  return (performance.now() - start) / BATCH;
}

const host = document.createElement('div');
document.body.append(host);

expose({
  async describe() {
    const geometry = qrGeometry(PAYLOAD);
    return { payloadLength: PAYLOAD.length, modules: geometry.size, pathLength: geometry.path.length };
  },
  async encode() {
    return { encode: encodeBatch(), sink };
  },
  async render() {
    return { render: renderBatch(qrGeometry(PAYLOAD), host), sink };
  },
});
