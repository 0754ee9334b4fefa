import type { ComplexAttributeConverter } from 'lit';
import type { CheckoutFlowOptions } from '../../core/flow.js';
import { paymentParameters, type PaymentInput } from '../../core/session.js';
import type { ProviderId } from '../../core/status.js';

/**
 * `assets="USDT, USDC"` → `['USDT', 'USDC']`; an empty or absent attribute is `undefined` (the
 * default assets). Only read: `assets` is not reflected, so Lit never writes it back.
 */
export const assetsConverter: ComplexAttributeConverter<string[] | undefined> = {
  fromAttribute(value: string | null): string[] | undefined {
    const assets = (value ?? '')
      .split(',')
      .map((asset) => asset.trim())
      .filter(Boolean);
    return assets.length ? assets : undefined;
  },
};

/** What an element knows from its attributes and `order` property (every field optional). */
export type CheckoutAttributes = PaymentInput & {
  provider?: string | null;
  tokenUrl?: string | null;
  returnUrl?: string | null;
};

/**
 * The flow options of an element on this page: only what is set is passed (a removed attribute is
 * `null` in Lit). Nothing is validated here: the flow refuses a bad provider, token URL or amount
 * with a `config` error the element shows with a retry, like any other stop.
 */
export function flowOptionsFrom(attributes: CheckoutAttributes): CheckoutFlowOptions {
  return {
    // An unknown provider is the flow's `config` error, reported like any other.
    provider: (attributes.provider ?? '') as ProviderId,
    tokenUrl: attributes.tokenUrl ?? '',
    baseUrl: document.baseURI,
    pageUrl: location.href,
    ...paymentParameters(attributes),
    // The flow reads an empty or removed return-url as none.
    returnUrl: attributes.returnUrl || undefined,
  };
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
