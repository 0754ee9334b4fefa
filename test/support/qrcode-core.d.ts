// qrcode's encoder alone (lib/core/qrcode.js, no renderers): the reference test/qr-encoder.test.ts
// compares our encoder with. @types/qrcode types only the package's entry, which in the test
// server would pull in its Node PNG renderer.
declare module 'qrcode/lib/core/qrcode.js' {
  export interface QRCodeModules {
    size: number;
    /** Row-major, 1 = dark. */
    data: Uint8Array;
  }
  /** Segments given as an array are encoded as given: no mode splitting. */
  export function create(
    data: string | readonly { data: string; mode: 'byte' }[],
    options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H'; version?: number },
  ): { modules: QRCodeModules; version: number; maskPattern: number };
}
