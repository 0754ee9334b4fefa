import { expect } from '@open-wc/testing';
import { render, svg } from 'lit';
import { create } from 'qrcode/lib/core/qrcode.js';
import jsQR from 'jsqr';
import { crc16, pixEmv } from '../demo/sandbox/pix.js';
import { QUIET_ZONE, qrGeometry, qrSvgContent, type QrGeometry } from '../src/elements/shared/qr-svg.js';
import { readRenderedQr } from './support/qr.js';

/** What kamiPay's sandbox returns for a BRL 12.50 charge: 183 characters, CRC16 at the end. */
const PIX = pixEmv({
  amount: 12.5,
  merchantName: 'KAMIPAY SANDBOX',
  merchantCity: 'SAO PAULO',
  location: 'qr.sandbox.kamipay.io/pix/v2/op_7f3c2a9e4b1d4c6fa0e1b2c3d4e5f607',
});

/** The dark modules the path draws, quiet zone taken off, row by row (1 dark), as qrcode lays them out. */
function darkModules(geometry: QrGeometry): Uint8Array {
  const n = geometry.size - 2 * QUIET_ZONE;
  const modules = new Uint8Array(n * n);
  const runs = [...geometry.path.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)];
  // Every character of the path belongs to a run: nothing else is drawn.
  expect(runs.map((run) => run[0]).join(''), 'path is only runs').to.equal(geometry.path);
  for (const [, x, y, run, back] of runs.map((match) => match.map(Number))) {
    expect(back, 'a run closes on itself').to.equal(run);
    const row = y - QUIET_ZONE;
    const col = x - QUIET_ZONE;
    expect(row >= 0 && row < n && col >= 0 && col + run <= n, `run at ${x},${y} inside the code`).to.equal(true);
    for (let i = 0; i < run; i++) {
      expect(modules[row * n + col + i], `module ${row},${col + i} drawn twice`).to.equal(0);
      modules[row * n + col + i] = 1;
    }
  }
  return modules;
}

/** The SVG's modules against qrcode's default encoding (level M), module by module; qrcode's symbol. */
function expectSameAsQrcode(payload: string): ReturnType<typeof create> {
  const reference = create(payload, { errorCorrectionLevel: 'M' });
  const geometry = qrGeometry(payload);
  const { size, data } = reference.modules;
  expect(geometry.size, 'modules per side, quiet zone included').to.equal(size + 2 * QUIET_ZONE);
  const ours = darkModules(geometry);
  const first = data.findIndex((dark, i) => dark !== ours[i]);
  expect(first, `first module that differs: row ${Math.floor(first / size)}, column ${first % size}`).to.equal(-1);
  return reference;
}

/** The SVG as checkout-qr draws it, in the page, read back by jsQR. */
async function scan(payload: string) {
  const geometry = qrGeometry(payload);
  const host = document.createElement('div');
  document.body.append(host);
  try {
    render(
      svg`<svg viewBox="0 0 ${geometry.size} ${geometry.size}" shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg">${qrSvgContent(geometry)}</svg>`,
      host,
    );
    const result = await readRenderedQr(host.querySelector('svg')!, jsQR);
    expect(result, 'jsQR found a code').to.not.equal(null);
    return { ...result!, modulesPerSide: geometry.size - 2 * QUIET_ZONE };
  } finally {
    host.remove();
  }
}

const PAYLOADS: [string, string][] = [
  ['a Pix EMV', PIX],
  ['a URL', 'https://checkout.example.com/pay/cs_live_a1B2c3D4e5F6?lang=pt-BR&return=https%3A%2F%2Fshop.example%2Fthanks'],
  ['multi-byte text', 'Pagamento: café, piñata, maçã — São Paulo 😀 R$ 12,50'],
  ['digits only', '00020101021226830014'.repeat(5)],
  ['one character', 'A'],
  ['800 bytes of mixed text', Array.from({ length: 100 }, (_, i) => `${i}:Pix-${(i * 7919) % 1000}/ok `).join('').slice(0, 800)],
];

describe('qrGeometry (qr-svg.ts)', () => {
  it('uses a realistic Pix EMV: 183 characters ending in its CRC16', () => {
    expect(PIX).to.have.length(183);
    expect(PIX.slice(-8, -4)).to.equal('6304');
    expect(PIX.slice(-4)).to.equal(crc16(PIX.slice(0, -4)));
  });

  for (const [name, payload] of PAYLOADS) {
    it(`draws exactly qrcode's matrix for ${name}`, () => {
      expectSameAsQrcode(payload);
    });

    it(`renders ${name} so that jsQR reads back the payload, at qrcode's version`, async () => {
      const { version } = create(payload, { errorCorrectionLevel: 'M' });
      const scanned = await scan(payload);
      expect(scanned.data).to.equal(payload);
      expect(scanned.version, 'version jsQR read').to.equal(version);
      expect(scanned.modulesPerSide, 'modules per side').to.equal(17 + 4 * version);
    });
  }

  it('encodes the Pix EMV in mixed segments, a smaller version than bytes alone would need', async () => {
    const byDefault = expectSameAsQrcode(PIX);
    const bytesOnly = create([{ data: PIX, mode: 'byte' }], { errorCorrectionLevel: 'M' });
    expect(byDefault.version).to.equal(8);
    expect(bytesOnly.version).to.equal(10);
    const scanned = await scan(PIX);
    expect(scanned.version).to.equal(8);
    // jsQR names the segments it read: the SVG carries qrcode's split, not one byte segment.
    expect([...new Set(scanned.chunks.map((chunk) => chunk.type))].sort()).to.deep.equal(['alphanumeric', 'byte', 'numeric']);
  });

  it('throws when the payload is more than a QR holds', () => {
    expect(() => qrGeometry('x'.repeat(2331))).to.not.throw();
    expect(() => qrGeometry('x'.repeat(2332))).to.throw(Error, 'too big');
    expect(qrGeometry('x'.repeat(2331)).size).to.equal(177 + 2 * QUIET_ZONE);
  });
});
