// qrcode's encoder alone (lib/core/qrcode.js, no renderers), which src/elements/shared/qr-svg.ts
// draws from. @types/qrcode types only the package's entry, which also brings the canvas, PNG and
// terminal renderers the elements never use.
declare module 'qrcode/lib/core/qrcode.js' {
  export interface QRCodeModules {
    /** Modules per side, quiet zone not included. */
    size: number;
    /** Row-major, `size × size`: 1 = dark. */
    data: Uint8Array;
    get(row: number, col: number): number;
  }
  export type QRCodeMode = 'numeric' | 'alphanumeric' | 'byte' | 'kanji';
  export interface QRCodeSegment {
    data: string;
    mode: QRCodeMode;
  }
  export interface QRCodeSymbol {
    modules: QRCodeModules;
    version: number;
    maskPattern: number;
    /** The segments the text was split into, each with its mode (`mode.id` is its name). */
    segments: { mode: { id: string } }[];
  }
  /**
   * A string is split into numeric, alphanumeric and byte segments (the shortest encoding);
   * segments given as an array are encoded as given. Throws when the data does not fit.
   */
  export function create(
    data: string | readonly QRCodeSegment[],
    options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H'; version?: number; maskPattern?: number },
  ): QRCodeSymbol;
}
