/** Locales, message catalogs and formatting (through Intl). No DOM here: the elements resolve the locale. */
export type Locale = 'en' | 'es' | 'pt-BR';

export const LOCALES: readonly Locale[] = ['en', 'es', 'pt-BR'];

/** A catalog: the same keys in every locale (a test checks it). */
export type Catalog<Key extends string> = Record<Locale, Record<Key, string>>;

/**
 * A catalog written key by key, each key with its text in every locale (in the order of LOCALES):
 * a key's translations side by side, and its name written once (so the bundle carries it once).
 */
export function catalogOf<Key extends string>(texts: Record<Key, readonly [en: string, es: string, ptBR: string]>): Catalog<Key> {
  const catalog = { en: {}, es: {}, 'pt-BR': {} } as Catalog<Key>;
  for (const key in texts) LOCALES.forEach((locale, index) => (catalog[locale][key] = texts[key][index]!));
  return catalog;
}

/**
 * The first candidate whose language we speak wins, by language alone: `pt`, `pt-PT` → `pt-BR` (our
 * only Portuguese), `es-MX`, `es_AR` → `es`, `en-CA` → `en`. Nothing spoken (or not a string) → `en`.
 */
export function negotiateLocale(candidates: readonly unknown[]): Locale {
  for (const candidate of candidates) {
    const language = String(candidate ?? '').trim().toLowerCase().split(/[-_]/)[0];
    if (language === 'pt') return 'pt-BR';
    if (language === 'es' || language === 'en') return language;
  }
  return 'en';
}

/** `"Expires in {time}"` with `{time: "4:59"}`. Unknown placeholders are left as they are. */
export function interpolate(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Text a merchant puts in place of the built-in text, by key (any catalog's). */
export type Messages<Key extends string = string> = Partial<Record<Key, string>>;

/** How an element speaks, handed to the parts drawn inside it (through the checkout context). */
export interface Speech {
  locale: Locale;
  messages?: Messages;
}

/** A translator: a key (and its placeholders' values) → the text. */
export type Translate<Key extends string> = (key: Key, values?: Record<string, string | number>) => string;

/** The page's overrides (`setMessages`), by locale, and who re-renders when they change. */
const page: { messages: Partial<Record<Locale, Messages>>; listeners: Set<() => void> } = { messages: {}, listeners: new Set() };

/** Overrides the built-in text of `locale` for the whole page (merged with earlier calls). */
export function setPageMessages(locale: string, messages: Messages): void {
  const language = negotiateLocale([locale]);
  page.messages[language] = { ...page.messages[language], ...messages };
  rerenderPage();
}

/** Calls every `onPageMessages` listener: the page's words changed (overrides, or a `lang`). */
export function rerenderPage(): void {
  for (const listener of page.listeners) listener();
}

/** Calls `listener` after every `setPageMessages`, until the returned function is called. */
export function onPageMessages(listener: () => void): () => void {
  page.listeners.add(listener);
  return () => page.listeners.delete(listener);
}

/**
 * The one lookup every element uses: the element's own override, the page's for the locale, then
 * the first catalog that has the key (the element's own, then the shared one), in the locale.
 * Every catalog has every key in every locale (a test checks it), so the text is never blank.
 */
export function translator<Key extends string>(locale: Locale, catalogs: readonly Catalog<string>[], own?: Messages): Translate<Key> {
  return (key, values) => {
    let text = own?.[key] ?? page.messages[locale]?.[key];
    for (const catalog of catalogs) text ??= catalog[locale][key];
    return interpolate(text ?? key, values);
  };
}

const ISO_CURRENCY = /^[A-Z]{3}$/;

/**
 * Spanish is written differently per country ("$210.00" in Mexico, "210,00 MXN" in Spain): format a
 * Latin American currency with its home country's conventions. An ISO 4217 code starts with its
 * country's ISO 3166 code: MXN → es-MX.
 */
const LATAM_CURRENCY = /^(MXN|ARS|CLP|COP|PEN|UYU|GTQ|CRC|DOP|BOB|PYG|HNL|NIO)$/;

/** 21000 MXN → "MX$210.00" (en), "$210.00" (es)...; crypto assets Intl does not know → "25.00 USDT". */
export function formatAmount(minor: number, currency: string, locale: Locale, exponent: number): string {
  const major = minor / 10 ** exponent;
  const code = currency.toUpperCase();
  const tag = locale === 'es' && LATAM_CURRENCY.test(code) ? `es-${code.slice(0, 2)}` : locale;
  // Intl takes any three letters as a currency (an unknown one is shown by its code), never throws.
  if (ISO_CURRENCY.test(code)) {
    return new Intl.NumberFormat(tag, {
      style: 'currency',
      currency: code,
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    }).format(major);
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
