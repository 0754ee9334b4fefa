/**
 * kamiPay input checks and the limits they check against: a wrong attribute is a `config` error,
 * found before any request leaves. A leaf module, so the charge calls (kamipay.ts), the register
 * calls (kamipay-registers.ts) and the `<caja-qr>` directory share it without importing each other.
 */
import { CheckoutError } from '../core/errors.js';
import { isValidMinorAmount } from '../core/money.js';
import { isPositiveInteger } from '../core/validate.js';
import type { ApiAccess } from './types.js';

export const KAMIPAY_CURRENCIES = ['BRL', 'ARS', 'USDT'] as const;
export type KamipayCurrency = (typeof KAMIPAY_CURRENCIES)[number];
export const KAMIPAY_DEFAULT_CURRENCY: KamipayCurrency = 'BRL';
/** Seconds a QR is valid when `expire` is not set, and the most kamiPay accepts [docs]. */
export const KAMIPAY_DEFAULT_EXPIRE = 300;
export const KAMIPAY_MAX_EXPIRE = 86_400;

export function configError(message: string): CheckoutError {
  return new CheckoutError('config', `kamiPay: ${message}`);
}

/** A value as an error message shows it: strings in quotes, so an empty or padded one is visible. */
export function quoted(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

export function requirePositiveInteger(name: string, value: unknown): number {
  if (!isPositiveInteger(value)) {
    throw configError(`${name} must be a positive integer, got ${quoted(value)}`);
  }
  return value;
}

/** Upper-cased so `brl` in an attribute works; anything else kamiPay would refuse with a 422. */
export function kamipayCurrency(value: unknown): KamipayCurrency {
  if (value === undefined || value === '') return KAMIPAY_DEFAULT_CURRENCY;
  const upper = typeof value === 'string' ? value.trim().toUpperCase() : value;
  if (!(KAMIPAY_CURRENCIES as readonly unknown[]).includes(upper)) {
    throw configError(`currency must be one of ${KAMIPAY_CURRENCIES.join(', ')}, got ${quoted(value)}`);
  }
  return upper as KamipayCurrency;
}

export function requireExpire(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > KAMIPAY_MAX_EXPIRE) {
    throw configError(`expire must be an integer number of seconds from 1 to ${KAMIPAY_MAX_EXPIRE}, got ${quoted(value)}`);
  }
  return value;
}

export function requireAmount(value: unknown): number {
  if (!isValidMinorAmount(value)) {
    throw configError(`amount must be a positive integer in minor units, got ${quoted(value)}`);
  }
  return value;
}

/** The header every kamiPay call after `/auth/token` sends. */
export function kamipayAuth(api: ApiAccess): Record<string, string> {
  return { Authorization: `Bearer ${api.token}` };
}
