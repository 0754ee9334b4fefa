/**
 * The QR encoder the elements ship: one byte-mode segment (the payload's UTF-8 bytes), error
 * correction level M, the smallest version that holds it, the mask with the lowest penalty. It
 * follows qrcode 1.5.4 (lib/core) step by step, ties and quirks included, so it draws exactly the
 * matrix that package drew (test/qr-encoder.test.ts compares them module by module), at a fraction
 * of its size: this runs on every merchant's checkout page. Section numbers: ISO/IEC 18004:2015.
 */

export interface QrMatrix {
  /** Modules per side (21 for version 1 up to 177 for version 40), quiet zone not included. */
  size: number;
  /** `size × size` modules, row by row: 1 dark, 0 light. */
  modules: Uint8Array;
}

// Level M, per version 1–40 (table 9), as char codes − 48: the error-correction blocks, and half
// the EC codewords of each block. Packed, as they follow no formula.
const BLOCKS = '11122444555899::;=>@AABDEGIJLMOQSUVX[]_a';
const EC_HALVES = '58=9<89;;=?;;<<>>====>>>>>>>>>>>>>>>>>>>';

/** Encodes `payload`; throws when its UTF-8 bytes exceed what version 40 holds at level M (2331). */
export function encodeQr(payload: string): QrMatrix {
  const bytes = new TextEncoder().encode(payload);

  // The smallest version whose data codewords take the 4-bit mode, the byte count (8 bits below
  // version 10, 16 from it) and the bytes: 2 codewords of overhead, 3 from version 10 (§7.4.1).
  let version = 0;
  let blocks: number;
  let ecLength: number;
  let totalCodewords: number;
  let dataCodewords: number;
  do {
    if (++version > 40) throw new Error(`QR payload too long: ${bytes.length} bytes, max 2331`);
    blocks = BLOCKS.charCodeAt(version - 1) - 48;
    ecLength = 2 * (EC_HALVES.charCodeAt(version - 1) - 48);
    // Modules left for codewords once the function patterns are drawn (§7.1), whole bytes only.
    const alignments = version < 2 ? 0 : ((version / 7) | 0) + 2;
    const dataModules =
      (16 * version + 128) * version + 64 - (alignments && (25 * alignments - 10) * alignments - 55) - (version < 7 ? 0 : 36);
    totalCodewords = dataModules >> 3;
    dataCodewords = totalCodewords - blocks * ecLength;
  } while (bytes.length > dataCodewords - (version < 10 ? 2 : 3));

  // The bit stream: mode 0100 (byte), count, bytes, then a 4-bit terminator, which always fits
  // whole (the stream ends half-way through a byte and the check above leaves that half free),
  // and pad codewords 0xEC, 0x11 alternately up to the capacity (§7.4.10).
  const data = new Uint8Array(dataCodewords);
  let bit = 0;
  const put = (value: number, length: number): void => {
    while (length--) data[bit >> 3] |= ((value >> length) & 1) << (7 - (bit++ & 7));
  };
  put(4, 4);
  put(bytes.length, version < 10 ? 8 : 16);
  for (const byte of bytes) put(byte, 8);
  for (let at = (bit >> 3) + 1, pad = 0xec; at < dataCodewords; at++, pad ^= 0xec ^ 0x11) data[at] = pad;

  // Blocks (the last `dataCodewords % blocks` one codeword longer), each with its Reed–Solomon
  // codewords; the final sequence takes codeword i of every block in turn, data then EC (§7.6).
  const shortLength = (dataCodewords / blocks) | 0;
  const longFrom = blocks - (dataCodewords % blocks);
  const generator = rsGenerator(ecLength);
  const codewords = new Uint8Array(totalCodewords);
  for (let block = 0, start = 0; block < blocks; block++) {
    const blockData = data.subarray(start, (start += shortLength + (block < longFrom ? 0 : 1)));
    // A long block's extra codeword comes after codeword `shortLength` of every block, long ones only.
    blockData.forEach((codeword, i) => (codewords[i * blocks + block - (i < shortLength ? 0 : longFrom)] = codeword));
    rsRemainder(blockData, generator).forEach((codeword, i) => (codewords[dataCodewords + i * blocks + block] = codeword));
  }

  // Function patterns (§6.3), marked reserved: data skips them and masks leave them alone.
  const size = version * 4 + 17;
  const modules = new Uint8Array(size * size);
  const reserved = new Uint8Array(size * size);
  const set = (grid: Uint8Array, row: number, col: number, dark: number | boolean): void => {
    grid[row * size + col] = +dark;
    reserved[row * size + col] = 1;
  };
  // Square rings around a centre, out to `radius`, dark where bit (ring number) of `darkRings` is
  // set; cut at the symbol's edge (the finders' separators).
  const rings = (row: number, col: number, radius: number, darkRings: number): void => {
    for (let r = -radius; r <= radius; r++) {
      for (let c = -radius; c <= radius; c++) {
        if (row + r >= 0 && row + r < size && col + c >= 0 && col + c < size) {
          set(modules, row + r, col + c, (darkRings >> Math.max(Math.abs(r), Math.abs(c))) & 1);
        }
      }
    }
  };
  // Finders with their light separators: rings 0, 1 and 3 dark, 2 and 4 light.
  rings(3, 3, 4, 0b1011);
  rings(size - 4, 3, 4, 0b1011);
  rings(3, size - 4, 4, 0b1011);
  // Timing patterns between the finders: dark on even positions.
  for (let i = 8; i < size - 8; i++) {
    set(modules, i, 6, i % 2 === 0);
    set(modules, 6, i, i % 2 === 0);
  }
  // Alignment patterns (rings 0 and 2 dark) on every pair of centres: 6, then evenly spaced up to
  // size − 7, the spacing even and rounded up (26 for version 32, as the standard's table has it);
  // none where a finder is: one index 0 and the other 0 or last.
  if (version > 1) {
    const last = ((version / 7) | 0) + 1;
    const spacing = version === 32 ? 26 : Math.ceil((size - 13) / (2 * last)) * 2;
    const centres = [6];
    for (let i = 1; i <= last; i++) centres.push(size - 7 - (last - i) * spacing);
    centres.forEach((row, i) =>
      centres.forEach((col, j) => {
        if (i * j || (i + j) % last) rings(row, col, 2, 0b101);
      }),
    );
  }
  // Format information (§7.9): level M (00) and the mask, BCH(15,5), XOR 0x5412; twice, and the
  // dark module. Drawn now with mask 0 only to reserve its place.
  const drawFormat = (grid: Uint8Array, mask: number): void => {
    const bits = bch(mask, 0x537, 10) ^ 0x5412;
    for (let i = 0; i < 15; i++) {
      set(grid, i < 6 ? i : i < 8 ? i + 1 : size - 15 + i, 8, (bits >> i) & 1);
      set(grid, 8, i < 8 ? size - 1 - i : i < 9 ? 7 : 14 - i, (bits >> i) & 1);
    }
    set(grid, size - 8, 8, 1);
  };
  drawFormat(modules, 0);
  // Version information from version 7 (§7.10): BCH(18,6), a 6×3 block by each of two finders.
  if (version > 6) {
    const bits = bch(version, 0x1f25, 12);
    for (let i = 0; i < 18; i++) {
      set(modules, (i / 3) | 0, size - 11 + (i % 3), (bits >> i) & 1);
      set(modules, size - 11 + (i % 3), (i / 3) | 0, (bits >> i) & 1);
    }
  }

  // Codeword bits, most significant first, up and down two-module columns from the right edge,
  // stepping over the vertical timing column and the function patterns (§7.7.3). The few modules
  // left after the last codeword are light (reading past the array gives undefined, shifted to 0).
  let index = 0;
  for (let right = size - 1; right > 0; right -= 2) {
    if (right === 6) right = 5;
    for (let step = 0; step < size; step++) {
      const row = (right + 1) & 2 ? step : size - 1 - step;
      for (let col = right; col > right - 2; col--) {
        if (!reserved[row * size + col]) {
          modules[row * size + col] = (codewords[index >> 3] >> (7 - (index & 7))) & 1;
          index++;
        }
      }
    }
  }

  // Every mask, with its own format information; the first with the lowest penalty wins (§7.8).
  let best = modules;
  let lowest = Infinity;
  for (let mask = 0; mask < 8; mask++) {
    const grid = modules.slice();
    for (let k = 0; k < grid.length; k++) if (!reserved[k]) grid[k] ^= +inverts(mask, (k / size) | 0, k % size);
    drawFormat(grid, mask);
    const score = penalty(grid, size);
    if (score < lowest) {
      lowest = score;
      best = grid;
    }
  }
  return { size, modules: best };
}

/** The data masks (§7.8.2, table 10): true where mask `mask` inverts the data module at (r, c). */
function inverts(mask: number, r: number, c: number): boolean {
  switch (mask) {
    case 0: return (r + c) % 2 === 0;
    case 1: return r % 2 === 0;
    case 2: return c % 3 === 0;
    case 3: return (r + c) % 3 === 0;
    case 4: return ((r >> 1) + ((c / 3) | 0)) % 2 === 0;
    case 5: return ((r * c) % 2) + ((r * c) % 3) === 0;
    case 6: return (((r * c) % 2) + ((r * c) % 3)) % 2 === 0;
    default: return (((r * c) % 3) + ((r + c) % 2)) % 2 === 0;
  }
}

/**
 * qrcode's penalty for a masked symbol (§7.8.3, as that package scores it): runs of five or more
 * modules of one colour in a row or column (3 + the excess), 2×2 blocks of one colour (3 each),
 * 1011101 with four light modules on one side inside the symbol (40 each: the edge does not count
 * as light), and the dark share's distance from 50 % in 5 % steps (10 each).
 */
function penalty(grid: Uint8Array, size: number): number {
  let score = 0;
  let dark = 0;
  for (let line = 0; line < size; line++) {
    // The row `line`, then the column `line`.
    for (let across = 0; across < 2; across++) {
      let run = 0;
      let last = -1;
      let window = 0;
      for (let i = 0; i < size; i++) {
        const cell = grid[across ? i * size + line : line * size + i];
        if (cell === last) run++;
        else {
          if (run > 4) score += run - 2; // 3 + (run − 5)
          last = cell;
          run = 1;
        }
        // The last 11 modules: 1011101 then 0000, or 0000 then 1011101.
        window = ((window << 1) & 0x7ff) | cell;
        if (i > 9 && (window === 0x5d0 || window === 0x5d)) score += 40;
        if (!across) {
          dark += cell;
          // The 2×2 block ending here: all dark (4) or all light (0).
          const k = line * size + i;
          if (line && i && (cell + grid[k - 1] + grid[k - size] + grid[k - size - 1]) % 4 === 0) score += 3;
        }
      }
      if (run > 4) score += run - 2;
    }
  }
  return score + 10 * Math.abs(Math.ceil((dark * 100) / (size * size) / 5) - 10);
}

/** `value`, then the remainder of value·x^degree divided by `generator` (format and version words). */
function bch(value: number, generator: number, degree: number): number {
  let remainder = value;
  for (let i = 0; i < degree; i++) remainder = (remainder << 1) ^ ((remainder >> (degree - 1)) * generator);
  return (value << degree) | remainder;
}

/** Product in GF(256) modulo x⁸ + x⁴ + x³ + x² + 1 (0x11D): shift and add, no tables to build. */
function gfMultiply(a: number, b: number): number {
  let product = 0;
  for (; b; b >>= 1, a = (a << 1) ^ ((a >> 7) * 0x11d)) if (b & 1) product ^= a;
  return product;
}

/**
 * The Reed–Solomon generator ∏(x − 2^i) for i < degree, highest coefficient (1) left out, highest
 * first. Reading one past the end gives undefined, which XORs as 0.
 */
function rsGenerator(degree: number): Uint8Array {
  const generator = new Uint8Array(degree);
  generator[degree - 1] = 1;
  for (let i = 0, root = 1; i < degree; i++, root = gfMultiply(root, 2)) {
    for (let j = 0; j < degree; j++) generator[j] = gfMultiply(generator[j], root) ^ generator[j + 1];
  }
  return generator;
}

/** The EC codewords of a block: the remainder of data·x^degree divided by the generator. */
function rsRemainder(data: Uint8Array, generator: Uint8Array): Uint8Array {
  const remainder = new Uint8Array(generator.length);
  for (const codeword of data) {
    const factor = codeword ^ remainder[0];
    // Shift by one and subtract factor × generator in one pass (past the end reads as 0).
    remainder.forEach((_, i) => (remainder[i] = remainder[i + 1] ^ gfMultiply(generator[i], factor)));
  }
  return remainder;
}
