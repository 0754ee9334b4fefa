import { CheckoutError, toCheckoutError } from '../../core/errors.js';
import { isValidMinorAmount } from '../../core/money.js';
import { absoluteUrl } from '../../core/url.js';
import { isPositiveInteger } from '../../core/validate.js';
import { registeredRegisters } from '../../core/registers.js';
import type { PaymentParameters } from '../../core/session.js';

/** The attributes `<caja-qr>` checks before any request leaves. */
export interface CajaAttributes extends Pick<PaymentParameters, 'storeId' | 'checkoutId' | 'amount'> {
  provider?: string;
  tokenUrl?: string;
  currency: string;
  expire: number;
}

function configError(message: string): CheckoutError {
  return new CheckoutError('config', `<caja-qr>: ${message}`);
}

/** Lit's Number converter turns a removed attribute into `null`: both mean "not set". */
export function isUnset(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

/** Every attribute checked before any request leaves; the message names the attribute. */
export function cajaConfigProblem(el: CajaAttributes): CheckoutError | undefined {
  if (el.provider && el.provider !== 'kamipay') {
    return configError(`the provider is always "kamipay", got ${JSON.stringify(el.provider)}.`);
  }
  if (!el.tokenUrl) return configError('the token-url attribute is required.');
  if (!absoluteUrl(el.tokenUrl, document.baseURI)) {
    return configError(`the token-url ${JSON.stringify(el.tokenUrl)} is not a valid URL.`);
  }
  // A store or register id is a positive safe integer: the same check as a minor-unit amount's.
  if (!isPositiveInteger(el.storeId)) return configError(`store-id must be a positive integer, got ${String(el.storeId ?? 'nothing')}.`);
  if (!isUnset(el.checkoutId) && !isPositiveInteger(el.checkoutId)) {
    return configError(`checkout-id must be a positive integer, got ${String(el.checkoutId)}.`);
  }
  const registers = registeredRegisters();
  if (!registers) return configError('this build has no kamiPay: load one that includes it.');
  try {
    registers.checkCharge({ currency: el.currency, expire: el.expire });
  } catch (error) {
    return toCheckoutError(error, 'config');
  }
  if (!isUnset(el.amount) && !isValidMinorAmount(el.amount)) {
    return configError(`amount must be a positive integer in minor units, got ${String(el.amount)}.`);
  }
  return undefined;
}

