/**
 * Conomy's answers in the elements' model: session status, amounts, the payment options on
 * offer (with the customer details a Pix payment still needs), line items and the session snapshot;
 * and the other way, the Pix payment origin built from the order and the details the customer gave.
 * Pure functions, kept apart from the adapter (conomy.ts) that sequences the calls.
 */
import { CheckoutError } from '../core/errors.js';
import { toMinor } from '../core/money.js';
import type { CheckoutStatus } from '../core/status.js';
import { knownExpiry, parseTime } from './shared.js';
import { taxId, type CustomerField, type CustomerInput } from '../core/customer.js';
import type { LineItem, PaymentOption, SessionSnapshot } from '../core/session.js';
import {
  paymentMethodSchema,
  type ConomyAmount,
  type ConomyCheckoutSession,
  type ConomyPaymentConfig,
  type ConomyPaymentMethod,
  type ConomyPaymentOrigin,
  type ConomyPixCustomer,
  type ConomyTransaction,
} from './conomy-schemas.js';

/**
 * The statuses are the spec's enum; what each means is [inferred] from their names (the spec does
 * not describe them): ATTEMPT is a session with a payment submitted and not yet paid.
 */
const STATUS_MAP: Record<string, CheckoutStatus> = {
  ATTEMPT: 'pending',
  ACTIVE: 'pending',
  PROCESSING_PAYMENT: 'processing',
  FINISHED: 'succeeded',
  FAILED: 'failed',
  EXPIRED: 'expired',
};

/** Conomy's session status in the elements' model; undefined for a status the spec does not list. */
export function mapConomyStatus(status: string): CheckoutStatus | undefined {
  return Object.hasOwn(STATUS_MAP, status) ? STATUS_MAP[status] : undefined;
}

export function requireStatus(session: ConomyCheckoutSession): CheckoutStatus {
  const status = mapConomyStatus(session.status);
  if (!status) {
    throw new CheckoutError('invalid_response', `Conomy answered with an unknown session status "${session.status}"`);
  }
  return status;
}

export function minor(amount: ConomyAmount, currency: string): number {
  const value = toMinor(amount, currency);
  // The schema only lets finite decimals through, so this is a guard against absurd magnitudes
  // (an undefined value is no safe integer either).
  if (!Number.isSafeInteger(value)) {
    throw new CheckoutError('invalid_response', `Conomy answered with an unusable amount "${String(amount)}"`);
  }
  return value!;
}

/** `BANK_ACCOUNT` → "Bank Account", `PIX` → "Pix", `CARD` → "Card". */
function methodLabel(type: string): string {
  return type
    .toLowerCase()
    .split(/[_\s-]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');
}

function optionId(config: ConomyPaymentConfig, method: ConomyPaymentMethod): string {
  return `${config.currency}:${method.id}`;
}

export interface OfferedMethod {
  config: ConomyPaymentConfig;
  method: ConomyPaymentMethod;
  id: string;
  /** `purchaseAmount` in minor units of the config's currency. */
  amount: number;
}

/**
 * Enabled methods of every paymentConfig, limited to `paymentMethodsAllowed`, first id wins. Each
 * method is checked on its own: a malformed one (a disabled method with `purchaseAmount: ""` or
 * `null`, an amount out of range) is left out and the others are offered; the session's `raw`
 * keeps it as Conomy sent it.
 */
export function offeredMethods(session: ConomyCheckoutSession): OfferedMethod[] {
  // When it is a list (an entry that is not a string matches no method's type).
  const allowed = Array.isArray(session.paymentMethodsAllowed) ? new Set<unknown>(session.paymentMethodsAllowed) : undefined;
  const offered = new Map<string, OfferedMethod>();
  for (const config of session.paymentConfigs) {
    for (const entry of config.paymentMethods) {
      const parsed = paymentMethodSchema.safeParse(entry);
      if (!parsed.success) continue;
      const method = parsed.data;
      const amount = toMinor(method.purchaseAmount, config.currency);
      const id = optionId(config, method);
      if (!method.enabled || (allowed && !allowed.has(method.type)) || !Number.isSafeInteger(amount) || offered.has(id)) continue;
      offered.set(id, { config, method, id, amount: amount! });
    }
  }
  return [...offered.values()];
}

/**
 * Conomy's `pix.customer` fields and the customer detail that gives each. The document's type is
 * not asked: it follows from the number (CPF or CNPJ).
 */
const PIX_CUSTOMER: Record<string, CustomerField> = {
  firstName: 'name',
  lastName: 'name',
  email: 'email',
  documentNumber: 'documentNumber',
  documentType: 'documentNumber',
  phoneNumber: 'phone',
  phoneNumberPrefix: 'phonePrefix',
};

/** The details a Pix payment needs: the name (the spec's PIX node requires `customer.firstName`) and what `requiredFields` names. */
export function pixFields(method: ConomyPaymentMethod): CustomerField[] {
  const fields = new Set<CustomerField>(['name']);
  for (const path of method.requiredFields ?? []) {
    const key = /^pix\.customer\.(\w+)$/.exec(path)?.[1];
    if (key && Object.hasOwn(PIX_CUSTOMER, key)) fields.add(PIX_CUSTOMER[key]!);
  }
  return [...fields];
}

/**
 * A 400 whose message names a `pix.customer` field (`origins[0].pix.customer.documentNumber is
 * required` [inferred: the spec gives the error's shape, not its words]): the same error, marked
 * with the customer field, so the details form shows it there. Any other error as it is.
 */
export function withRefusedField(error: unknown): unknown {
  if (!(error instanceof CheckoutError) || error.httpStatus !== 400) return error;
  const key = new RegExp(`\\b(${Object.keys(PIX_CUSTOMER).join('|')})\\b`).exec(error.message)?.[1];
  return key ? new CheckoutError(error.code, error.message, { httpStatus: 400, cause: error.cause, field: PIX_CUSTOMER[key]! }) : error;
}

function text(customer: CustomerInput | undefined, field: keyof CustomerInput): string {
  return String(customer?.[field] ?? '').trim();
}

/**
 * The payment methods the customer may choose from; a Pix one lists the details `customer` (the
 * order's) does not give, which the modal then asks for. Hosted methods ask on Conomy's page.
 */
export function sessionOptions(session: ConomyCheckoutSession, customer?: CustomerInput): PaymentOption[] {
  return offeredMethods(session).map(({ config, method, id, amount }) => {
    const option: PaymentOption = {
      id,
      type: method.type,
      label: methodLabel(method.type),
      amount,
      currency: config.currency,
      presentation: method.type === 'PIX' ? 'qr' : 'hosted',
    };
    const fields = method.type === 'PIX' ? pixFields(method).filter((field) => !text(customer, field)) : [];
    if (fields.length) option.fields = fields;
    return option;
  });
}

function lineItems(session: ConomyCheckoutSession): LineItem[] {
  return session.items.map((item) => {
    const amount = minor(item.totalAmount, session.currency);
    return { description: item.description, amount, quantity: 1, total: amount };
  });
}

export function snapshotOf(session: ConomyCheckoutSession, customer?: CustomerInput): SessionSnapshot {
  const snapshot: SessionSnapshot = {
    provider: 'conomy',
    id: session.id,
    status: requireStatus(session),
    amount: minor(session.totalAmount, session.currency),
    currency: session.currency,
    items: lineItems(session),
    options: sessionOptions(session, customer),
    pollable: true,
    raw: session,
    ...knownExpiry(parseTime(session.expiresAt)),
  };
  return snapshot;
}

/**
 * The Conomy session behind a snapshot: its `raw`, which only this adapter's reads set, each one
 * validated by checkoutSessionSchema as it arrived. A resumed snapshot has none until it is read.
 */
export function conomySessionOf(session: SessionSnapshot): ConomyCheckoutSession {
  if (!session.raw) throw new CheckoutError('config', `No Conomy checkout session behind "${session.id}"`);
  return session.raw as ConomyCheckoutSession;
}

export function checkoutTokenOf(raw: unknown): string | undefined {
  // Any raw but null or undefined has properties to read (a primitive's are never `checkoutToken`).
  const token = (raw as { checkoutToken?: unknown } | null | undefined)?.checkoutToken;
  return typeof token === 'string' && token ? token : undefined;
}

/**
 * The order's customer with the typed details over it, as Conomy's customer object (the session's
 * `customer` and a Pix origin's `pix.customer`): every detail there is, numbers without
 * punctuation [inferred: the spec gives no format]; undefined without a name (`firstName` is
 * required).
 */
export function conomyCustomer(customer: CustomerInput | undefined): ConomyPixCustomer | undefined {
  const [firstName, ...rest] = text(customer, 'name').split(/\s+/);
  if (!firstName) return undefined;
  const document = text(customer, 'documentNumber');
  const id = taxId(document);
  const prefix = text(customer, 'phonePrefix').replace(/\D/g, '');
  const fields: Record<string, string> = {
    firstName,
    lastName: rest.join(' '),
    email: text(customer, 'email'),
    documentType: id?.type ?? text(customer, 'documentType'),
    documentNumber: id?.number ?? document,
    phoneNumber: text(customer, 'phone').replace(/\D/g, ''),
    phoneNumberPrefix: prefix && `+${prefix}`,
  };
  for (const key in fields) if (!fields[key]) delete fields[key];
  return fields as ConomyPixCustomer;
}

/**
 * The Pix node's customer. A field the method requires that is empty, or a document that is not a
 * valid CPF or CNPJ, is a `config` error naming the field, so a payment Conomy would refuse is
 * never sent.
 */
function pixCustomer(customer: CustomerInput, method: ConomyPaymentMethod): ConomyPixCustomer {
  const document = text(customer, 'documentNumber');
  const type = text(customer, 'documentType');
  const badDocument = document && !taxId(document) && (!type || type === 'CPF' || type === 'CNPJ');
  const field = pixFields(method).find((name) => !text(customer, name)) ?? (badDocument ? 'documentNumber' : undefined);
  if (field) throw new CheckoutError('config', `Conomy Pix needs a valid customer ${field}`, { field });
  return conomyCustomer(customer)!;
}

export function pixOrigin(offered: OfferedMethod, customer: CustomerInput): ConomyPaymentOrigin {
  return {
    type: 'PIX',
    // Back to Conomy as the decimal string it gave (a number is stringified as is).
    amount: String(offered.method.purchaseAmount),
    currency: offered.config.currency,
    pix: { customer: pixCustomer(customer, offered.method) },
  };
}

/**
 * The Pix node of a payment as it came (its code and expiry, no copy); the schema makes a PIX
 * origin carry a non-empty `pix.data`, so only its absence is left.
 */
export function pixCode(transaction: ConomyTransaction): { data: string; expiredAt?: unknown } {
  const pix = transaction.origins.find((node) => node.type === 'PIX')?.pix;
  if (!pix) throw new CheckoutError('invalid_response', 'Conomy answered the Pix payment without pix.data');
  return pix as { data: string; expiredAt?: unknown };
}
