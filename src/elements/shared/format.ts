import { formatAmount, type Locale } from '../../core/i18n.js';
import { currencyExponent } from '../../core/money.js';

/** Minor units of `currency` → localized money text. */
export function formatMoney(minor: number, currency: string, locale: Locale): string {
  return formatAmount(minor, currency, locale, currencyExponent(currency));
}
