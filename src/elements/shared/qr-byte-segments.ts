/**
 * Stands in for qrcode's `lib/core/segments.js` and `lib/core/regex.js` in the script-tag build and
 * the test server (both alias them): `qrGeometry` always hands `create` one byte-mode segment, so
 * the mode splitting (numeric/alphanumeric/kanji regexes and a Dijkstra search) never runs and
 * need not ship. Only `fromArray` is called (by core/qrcode.js); core/mode.js imports the regexes
 * but reads them only for that splitting.
 */
import ByteData from 'qrcode/lib/core/byte-data.js';

export function fromArray(segments: readonly { data: string; mode: 'byte' }[]): ByteData[] {
  return segments.map((segment) => new ByteData(segment.data));
}
