import type { ComplexAttributeConverter } from 'lit';
import type { CheckoutFlowOptions } from '../../core/flow.js';
import type { CheckoutOrder } from '../../core/order.js';
import type { ProviderId } from '../../core/status.js';

/** `assets="USDT, USDC"` ⇄ `['USDT', 'USDC']`; an empty or absent attribute is `undefined` (all assets). */
export const assetsConverter: ComplexAttributeConverter<string[] | undefined> = {
  fromAttribute(value: string | null): string[] | undefined {
    const assets = (value ?? '')
      .split(',')
      .map((asset) => asset.trim())
      .filter(Boolean);
    return assets.length ? assets : undefined;
  },
  toAttribute(value: string[] | undefined): string | null {
    return value?.length ? value.join(',') : null;
  },
};

/** What an element knows from its attributes and `order` property (every field optional). */
export interface CheckoutAttributes {
  provider?: string | null;
  tokenUrl?: string | null;
  amount?: number | null;
  currency?: string | null;
  description?: string | null;
  order?: CheckoutOrder | null;
  returnUrl?: string | null;
  assets?: string[] | null;
  storeId?: number | null;
  checkoutId?: number | null;
  expire?: number | null;
}

function present<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined && value !== '';
}

/**
 * The flow options of an element: only what is set is passed (a removed attribute is `null` in
 * Lit). Nothing is validated here: the flow refuses a bad provider, token URL or amount with a
 * `config` error the element shows with a retry, like any other stop.
 */
export function flowOptionsFrom(
  attributes: CheckoutAttributes,
  page: { baseUrl: string; pageUrl: string },
): CheckoutFlowOptions {
  const options: CheckoutFlowOptions = {
    // An unknown provider is the flow's `config` error, reported like any other.
    provider: (attributes.provider ?? '') as ProviderId,
    tokenUrl: attributes.tokenUrl ?? '',
    baseUrl: page.baseUrl,
    pageUrl: page.pageUrl,
  };
  if (present(attributes.amount)) options.amount = attributes.amount;
  if (present(attributes.currency)) options.currency = attributes.currency;
  if (present(attributes.description)) options.description = attributes.description;
  if (present(attributes.order)) options.order = attributes.order;
  if (present(attributes.returnUrl)) options.returnUrl = attributes.returnUrl;
  if (attributes.assets?.length) options.assets = attributes.assets;
  if (present(attributes.storeId)) options.storeId = attributes.storeId;
  if (present(attributes.checkoutId)) options.checkoutId = attributes.checkoutId;
  if (present(attributes.expire)) options.expire = attributes.expire;
  return options;
}

/**
 * A numeric property set to a numeric string (Vue binds `amount="1250"` as the DOM property, not
 * the attribute, so Lit's Number converter never runs) becomes the number the attribute would
 * give. Anything else is left for the flow's own checks to refuse.
 */
export function normalizeNumbers<T extends object>(element: T, changed: ReadonlyMap<PropertyKey, unknown>, keys: readonly (keyof T)[]): void {
  for (const key of keys) {
    const value = element[key] as unknown;
    if (changed.has(key) && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
      (element as Record<keyof T, unknown>)[key] = Number(value);
    }
  }
}
