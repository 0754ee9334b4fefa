/** Locales, message catalogs and formatting (through Intl). No DOM here: the elements resolve the locale. */
export type Locale = 'en' | 'es' | 'pt-BR';

export const LOCALES: readonly Locale[] = ['en', 'es', 'pt-BR'];

/** A catalog: the same keys in every locale (a test checks it). */
export type Catalog<Key extends string> = Record<Locale, Record<Key, string>>;

/**
 * The first candidate we support wins: `pt`, `pt-PT` → `pt-BR` (our only Portuguese),
 * `es-MX` → `es`, `en-GB` → `en`. Nothing supported → `en`.
 */
export function negotiateLocale(candidates: readonly (string | null | undefined)[]): Locale {
  for (const candidate of candidates) {
    const tag = candidate?.trim().toLowerCase();
    if (!tag) continue;
    if (tag === 'pt' || tag.startsWith('pt-')) return 'pt-BR';
    if (tag === 'es' || tag.startsWith('es-')) return 'es';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

/** `"Expires in {time}"` with `{time: "4:59"}`. Unknown placeholders are left as they are. */
export function interpolate(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** A translator bound to one locale and catalog. */
export function translator<Key extends string>(catalog: Catalog<Key>, locale: Locale) {
  const messages = catalog[locale] ?? catalog.en;
  return (key: Key, values?: Record<string, string | number>) => interpolate(messages[key] ?? catalog.en[key], values);
}

const ISO_CURRENCY = /^[A-Z]{3}$/;

/**
 * Spanish is written differently per country ("$210.00" in Mexico, "210,00 MXN" in Spain): format a
 * Latin American currency with its home country's conventions.
 */
const SPANISH_REGION: Record<string, string> = {
  MXN: 'es-MX', ARS: 'es-AR', CLP: 'es-CL', COP: 'es-CO', PEN: 'es-PE', UYU: 'es-UY',
  GTQ: 'es-GT', CRC: 'es-CR', DOP: 'es-DO', BOB: 'es-BO', PYG: 'es-PY', HNL: 'es-HN', NIO: 'es-NI',
};

/** 21000 MXN → "MX$210.00" (en), "$210.00" (es)...; crypto assets Intl does not know → "25.00 USDT". */
export function formatAmount(minor: number, currency: string, locale: Locale, exponent: number): string {
  const major = minor / 10 ** exponent;
  const code = currency.toUpperCase();
  const tag = locale === 'es' ? (SPANISH_REGION[code] ?? locale) : locale;
  if (ISO_CURRENCY.test(code)) {
    try {
      return new Intl.NumberFormat(tag, {
        style: 'currency',
        currency: code,
        minimumFractionDigits: exponent,
        maximumFractionDigits: exponent,
      }).format(major);
    } catch {
      // An unknown three-letter code: fall through to the plain form.
    }
  }
  const number = new Intl.NumberFormat(tag, { minimumFractionDigits: exponent, maximumFractionDigits: exponent }).format(major);
  return `${number} ${code}`;
}

/** 299_000 ms → "4:59"; an hour or more → "1:02:03". Never negative. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** "in 5 minutes", "en 5 minutos"... for announcements to screen readers (not every second). */
export function formatRemaining(ms: number, locale: Locale): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
  return seconds >= 60 ? format.format(Math.round(seconds / 60), 'minute') : format.format(seconds, 'second');
}
