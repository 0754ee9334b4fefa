// Only qrcode's encoder is used (not its canvas/SVG/PNG renderers): types for those modules.
declare module 'qrcode/lib/core/qrcode.js' {
  export interface QRCodeModules {
    size: number;
    data: Uint8Array;
    get(row: number, col: number): number;
  }
  /** Segments given as an array are encoded as given: no mode splitting. */
  export function create(
    data: string | readonly { data: string; mode: 'byte' }[],
    options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H'; version?: number },
  ): { modules: QRCodeModules; version: number };
}

declare module 'qrcode/lib/core/byte-data.js' {
  /** One byte-mode segment (the text as UTF-8). */
  export default class ByteData {
    constructor(data: string);
  }
}
