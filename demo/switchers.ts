/**
 * Locale and theme switchers. The locale goes on `<html lang>` and on every element's `locale`
 * attribute (what a merchant would set); the theme is only CSS: `data-theme` on `<html>` picks a
 * set of `--checkout-*` custom properties in demo.css, which reach inside the elements' shadow roots.
 */

const LOCALES = ['en', 'es', 'pt-BR'] as const;
const THEMES = ['light', 'dark', 'brand'] as const;

/** The library's tags that take a `locale`. */
export const ELEMENT_SELECTOR = 'checkout-button, checkout-modal, caja-qr, session-status';

export function setUpSwitchers(locale: HTMLSelectElement, theme: HTMLSelectElement, onLocaleChange: () => void): void {
  const applyLocale = () => {
    const value = pick(locale.value, LOCALES, 'en');
    document.documentElement.lang = value;
    for (const element of document.querySelectorAll(ELEMENT_SELECTOR)) element.setAttribute('locale', value);
    onLocaleChange();
  };
  const applyTheme = () => {
    document.documentElement.dataset.theme = pick(theme.value, THEMES, 'light');
  };
  locale.addEventListener('change', applyLocale);
  theme.addEventListener('change', applyTheme);
  applyLocale();
  applyTheme();
}

/** The locale currently chosen, for elements the page adds later. */
export function currentLocale(): string {
  return document.documentElement.lang || 'en';
}

function pick<T extends string>(value: string, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}
