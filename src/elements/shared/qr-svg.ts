import { svg, type SVGTemplateResult } from 'lit';
import { create } from 'qrcode/lib/core/qrcode.js';

/** Light modules around the code, as the QR standard asks (4), so any scanner finds its edges. */
export const QUIET_ZONE = 4;

export interface QrGeometry {
  /** Modules per side, quiet zone included. */
  size: number;
  /** One SVG path of the dark modules: horizontal runs, `M x y h n v 1 h -n z`. */
  path: string;
}

/**
 * Encodes the exact payload with the `qrcode` package (its own segmentation into numeric,
 * alphanumeric and byte runs, so a Pix code gets the smallest version; medium error correction:
 * small, and it survives a scratched screen) into one path in module units, so the SVG is crisp at
 * any size. Throws qrcode's error when the payload is too long for a QR.
 */
export function qrGeometry(payload: string): QrGeometry {
  const { size: n, data } = create(payload, { errorCorrectionLevel: 'M' }).modules;
  let path = '';
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!data[row * n + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && data[row * n + col]) col++;
      const run = col - start;
      path += `M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${run}v1h-${run}z`;
    }
  }
  return { size: n + 2 * QUIET_ZONE, path };
}

/** The QR as SVG content: a light square (the quiet zone) and the dark path. */
export function qrSvgContent(geometry: QrGeometry): SVGTemplateResult {
  return svg`<rect width=${geometry.size} height=${geometry.size} fill="#fff"></rect><path d=${geometry.path} fill="#000"></path>`;
}
