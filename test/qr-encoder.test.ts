import { expect } from '@open-wc/testing';
import { create } from 'qrcode/lib/core/qrcode.js';
import { pixEmv } from '../demo/sandbox/pix.js';
import { encodeQr } from '../src/elements/shared/qr-encoder.js';
import { qrGeometry } from '../src/elements/shared/qr-svg.js';

/** Bytes (UTF-8) a QR holds at level M, versions 1–40 (ISO/IEC 18004 table 7, byte mode). */
const BYTE_CAPACITY_M = [
  14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666, 711, 779, 857, 911,
  997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331,
];

/**
 * Our matrix against qrcode 1.5.4's for the same input (what qr-svg.ts drew before), module by
 * module; returns the version and mask qrcode chose.
 */
function expectSameAsQrcode(payload: string): { version: number; mask: number } {
  const reference = create([{ data: payload, mode: 'byte' }], { errorCorrectionLevel: 'M' });
  const ours = encodeQr(payload);
  const { size, data } = reference.modules;
  expect(ours.size, 'modules per side').to.equal(size);
  expect(ours.modules.length).to.equal(size * size);
  const first = data.findIndex((dark, i) => dark !== ours.modules[i]);
  const where = `row ${Math.floor(first / size)}, column ${first % size} (version ${reference.version}, mask ${reference.maskPattern})`;
  expect(first, `first module that differs: ${where}`).to.equal(-1);
  return { version: reference.version, mask: reference.maskPattern };
}

/** A deterministic pseudo-random source (LCG), so a failure names a payload that can be rebuilt. */
function random(seed: number): () => number {
  return () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

const SAMPLES = ['a', 'Z', '7', ' ', '~', 'é', 'ñ', 'ã', '€', '😀', '\u0000'];

/** Text of exactly `bytes` UTF-8 bytes: mostly printable ASCII, some multi-byte characters. */
function textOfBytes(bytes: number, next: () => number): string {
  let text = '';
  let length = 0;
  while (length < bytes) {
    let char = next() < 0.8 ? String.fromCharCode(32 + Math.floor(next() * 95)) : SAMPLES[Math.floor(next() * SAMPLES.length)];
    if (length + new TextEncoder().encode(char).length > bytes) char = 'x';
    text += char;
    length += new TextEncoder().encode(char).length;
  }
  return text;
}

describe('encodeQr', () => {
  it('draws the same matrix as qrcode for a typical Pix EMV', () => {
    const emv = pixEmv({
      amount: 12.5,
      merchantName: 'KAMIPAY SANDBOX',
      merchantCity: 'SAO PAULO',
      location: 'qr.sandbox.kamipay.io/pix/v2/op_7f3c2a9e4b1d4c6fa0e1b2c3d4e5f607',
    });
    expect(emv).to.have.length(183);
    expect(expectSameAsQrcode(emv).version).to.equal(10);
  });

  it('draws the same matrix as qrcode for a URL', () => {
    expectSameAsQrcode('https://checkout.example.com/pay/cs_live_a1B2c3D4e5F6?lang=pt-BR&return=https%3A%2F%2Fshop.example%2Fthanks');
  });

  it('encodes multi-byte text as its UTF-8 bytes, as qrcode does', () => {
    expectSameAsQrcode('Pagamento: café, piñata, maçã — São Paulo 😀 R$ 12,50');
    // 31 characters, 62 bytes: version 4 holds 62; one more 'é' needs version 5.
    expect(expectSameAsQrcode('é'.repeat(31)).version).to.equal(4);
    expect(expectSameAsQrcode('é'.repeat(32)).version).to.equal(5);
  });

  it('draws the same matrix as qrcode for a single byte', () => {
    expect(expectSameAsQrcode('A').version).to.equal(1);
  });

  BYTE_CAPACITY_M.forEach((capacity, index) => {
    const version = index + 1;
    it(`fills version ${version} with ${capacity} bytes and moves up one byte later, as qrcode does`, () => {
      const next = random(version);
      expect(expectSameAsQrcode(textOfBytes(capacity, next)).version).to.equal(version);
      if (version < 40) expect(expectSameAsQrcode(textOfBytes(capacity + 1, next)).version).to.equal(version + 1);
    });
  });

  it('draws the same matrix as qrcode for random payloads, whichever mask wins', () => {
    const next = random(2024);
    const masks = new Set<number>();
    for (let i = 0; i < 160; i++) masks.add(expectSameAsQrcode(textOfBytes(1 + Math.floor(next() * 300), next)).mask);
    // So the penalty scoring and its ties are compared for every mask, not only the common ones.
    expect([...masks].sort()).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('refuses more bytes than version 40 holds, counting UTF-8 bytes, and qrGeometry passes that on', () => {
    expect(() => encodeQr('x'.repeat(2332))).to.throw(Error, 'QR payload too long: 2332 bytes, max 2331');
    expect(() => encodeQr('é'.repeat(1166))).to.throw(Error, 'QR payload too long: 2332 bytes, max 2331');
    expect(() => qrGeometry('x'.repeat(2332))).to.throw(Error, 'too long');
    expect(encodeQr('x'.repeat(2331)).size).to.equal(177);
  });
});
