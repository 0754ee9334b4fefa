import { isPositiveInteger } from './validate.js';

/**
 * Amounts in the elements are integers in the currency's minor unit; providers want major units
 * (kamiPay, WeWire numbers; Conomy strings). The exponent table is explicit (ISO 4217) rather than
 * read from Intl, whose CLDR data differs between browsers and Node for a few currencies.
 */
const EXPONENTS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0,
  UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
  // Stablecoins are priced to the cent in every provider here (kamiPay: "max 2 decimals").
  USDT: 2, USDC: 2,
};

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency.toUpperCase()] ?? 2;
}

/** 21000 MXN → 210 */
export function toMajor(minor: number, currency: string): number {
  const exponent = currencyExponent(currency);
  return Number((minor / 10 ** exponent).toFixed(exponent));
}

/** 21000 MXN → "210.00" (Conomy's string amounts). */
export function toMajorString(minor: number, currency: string): string {
  return (minor / 10 ** currencyExponent(currency)).toFixed(currencyExponent(currency));
}

/** "210.00" or 210 MXN → 21000. Returns undefined for anything that is not a finite number. */
export function toMinor(major: number | string, currency: string): number | undefined {
  // Number() reads a blank string as 0: blank is no amount.
  const value = typeof major === 'string' && !major.trim() ? NaN : Number(major);
  return Number.isFinite(value) ? Math.round(value * 10 ** currencyExponent(currency)) : undefined;
}

/** A minor amount (21000 for 210.00 MXN) is a positive integer. */
export const isValidMinorAmount = isPositiveInteger;
