// Only qrcode's encoder is used (not its canvas/SVG/PNG renderers): types for that one module.
declare module 'qrcode/lib/core/qrcode.js' {
  export interface QRCodeModules {
    size: number;
    data: Uint8Array;
    get(row: number, col: number): number;
  }
  export function create(
    text: string,
    options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H'; version?: number },
  ): { modules: QRCodeModules; version: number };
}
