/**
 * Builds realistic Pix "copia e cola" BR Codes (EMV QRCPS-MPM, BCB manual), with a correct CRC16,
 * so tests and the demo exercise the same strings a real provider returns.
 */
function field(id: string, value: string): string {
  return `${id}${value.length.toString().padStart(2, '0')}${value}`;
}

/** CRC16/CCITT-FALSE (poly 0x1021, init 0xFFFF), as required by the BR Code spec. */
export function crc16(payload: string): string {
  let crc = 0xffff;
  for (let i = 0; i < payload.length; i++) {
    crc ^= payload.charCodeAt(i) << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

export interface PixOptions {
  /** Major units, e.g. 12.5 */
  amount: number;
  merchantName: string;
  merchantCity: string;
  /** Dynamic charge location (without scheme). */
  location: string;
  /** ISO 4217 numeric, 986 = BRL. */
  currencyNumeric?: string;
}

function ascii(value: string, max: number): string {
  return value
    .normalize('NFD')
    .replace(/[^\x20-\x7e]/g, '')
    .slice(0, max);
}

export function pixEmv(options: PixOptions): string {
  const body =
    field('00', '01') +
    field('01', '12') +
    field('26', field('00', 'br.gov.bcb.pix') + field('25', options.location.slice(0, 77))) +
    field('52', '0000') +
    field('53', options.currencyNumeric ?? '986') +
    field('54', options.amount.toFixed(2)) +
    field('58', 'BR') +
    field('59', ascii(options.merchantName, 25)) +
    field('60', ascii(options.merchantCity, 15)) +
    field('62', field('05', '***')) +
    '6304';
  return body + crc16(body);
}
