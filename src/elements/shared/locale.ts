import { negotiateLocale, type Locale } from '../../core/i18n.js';

/** The nearest `lang` attribute, looking through shadow roots to their hosts. */
function nearestLang(element: Element): string | null {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang');
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return null;
}

/** The `locale` attribute, else the nearest `lang`, else the browser's languages, else `en`. */
export function resolveLocale(element: Element, attribute?: string | null): Locale {
  return negotiateLocale([attribute, nearestLang(element), ...(globalThis.navigator?.languages ?? [])]);
}
