/**
 * Conomy wire format: the response schemas and request bodies of the calls the browser adapter
 * makes (conomy-api.ts). Kept apart so the calls, the mapping (conomy.ts) and the merchant-server
 * calls (conomy-merchant.ts) share one definition of what Conomy answers.
 * Reference: Conomy's OpenAPI spec (Checkout-sessions, Payment-links); docs/providers/conomy.md.
 */
import { z, nonEmptyString } from '../core/validate.js';
import { textSchema } from './shared.js';

// Require what the elements use, tolerate everything else.

/** Conomy amounts are decimal strings in major units; some answers carry plain (finite) numbers. */
const amountSchema = textSchema.check(
  z.refine(
    (value) => typeof value === 'number' || (value.trim() !== '' && Number.isFinite(Number(value))),
    { message: 'not a decimal amount' },
  ),
);

export type ConomyAmount = z.infer<typeof amountSchema>;

/** Read one by one (conomy-mapping.ts): a malformed method is left out, not the whole session. */
export const paymentMethodSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  enabled: z.boolean(),
  /** Dot paths such as `pix.customer.documentNumber` (spec: required; an absent list asks nothing). */
  requiredFields: z.optional(z.array(z.string())),
  purchaseAmount: amountSchema,
});

const paymentConfigSchema = z.looseObject({
  currency: z.string(),
  paymentMethods: z.array(z.unknown()),
});

const sessionItemSchema = z.looseObject({
  totalAmount: amountSchema,
  description: z.string(),
  preTaxAmount: z.optional(amountSchema),
});

export const checkoutSessionSchema = z.looseObject({
  id: nonEmptyString,
  status: z.string(),
  paymentConfigs: z.array(paymentConfigSchema),
  items: z.array(sessionItemSchema),
  currency: z.string(),
  totalAmount: amountSchema,
  url: nonEmptyString,
  expiresAt: z.string(),
  // Documented and read as any value, so kept as they come like every key not listed here:
  // `checkoutToken` (checkoutTokenOf) and `paymentMethodsAllowed` (offeredMethods).
});

export type ConomyCheckoutSession = z.infer<typeof checkoutSessionSchema>;
export type ConomyPaymentConfig = z.infer<typeof paymentConfigSchema>;
export type ConomyPaymentMethod = z.infer<typeof paymentMethodSchema>;

/**
 * A payment node as Conomy returns it; a PIX node must carry `pix.data` (the code we render). Its
 * `amount` and `currency`, and the Pix object's `qrCode` and `expiredAt`, are any value, kept as
 * they come like every key not listed.
 */
const paymentNodeFields = z.looseObject({
  type: z.string(),
  pix: z.optional(z.nullable(z.looseObject({}))),
});
const paymentNodeSchema = paymentNodeFields.check(
  z.refine(
    (node: z.infer<typeof paymentNodeFields>) =>
      node.type !== 'PIX' || (typeof node.pix?.data === 'string' && node.pix.data.trim() !== ''),
    { message: 'a PIX origin must carry pix.data', path: ['pix', 'data'] },
  ),
);

/** Its `id` and `status` (any value) are kept as they come. */
export const transactionSchema = z.looseObject({
  origins: z.array(paymentNodeSchema),
});

export type ConomyTransaction = z.infer<typeof transactionSchema>;
export type ConomyPaymentNode = z.infer<typeof paymentNodeSchema>;

// ---------------------------------------------------------------------------------------------
// Request bodies.

/** A PIX payer (`pix.customer` in the spec; `firstName` is its one required field). */
export interface ConomyPixCustomer {
  firstName: string;
  lastName?: string;
  email?: string;
  documentType?: string;
  documentNumber?: string;
  /** Without the prefix. */
  phoneNumber?: string;
  /** e.g. `+55`. */
  phoneNumberPrefix?: string;
  [field: string]: unknown;
}

/** One origin of `POST /checkout-sessions/{id}/payments` (a `payment-node`). */
export interface ConomyPaymentOrigin {
  type: string;
  amount: string;
  currency: string;
  pix?: { customer?: ConomyPixCustomer; [field: string]: unknown };
  [field: string]: unknown;
}

export interface ConomyPaymentRequest {
  description?: string;
  origins: ConomyPaymentOrigin[];
}
