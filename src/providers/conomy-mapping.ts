/**
 * Conomy's answers in the elements' model: session status, amounts, the payment options on
 * offer, line items and the session snapshot; and the other way, the Pix payment origin built from
 * the order. Pure functions, kept apart from the adapter (conomy.ts) that sequences the calls.
 */
import { CheckoutError } from '../core/errors.js';
import { toMinor } from '../core/money.js';
import type { CheckoutStatus } from '../core/status.js';
import { parseTime } from './shared.js';
import type { AdapterContext } from '../core/adapter.js';
import type { LineItem, PaymentOption, SessionSnapshot } from '../core/session.js';
import {
  checkoutSessionSchema,
  type ConomyAmount,
  type ConomyCheckoutSession,
  type ConomyPaymentConfig,
  type ConomyPaymentMethod,
  type ConomyPaymentOrigin,
  type ConomyPixCustomer,
  type ConomyTransaction,
} from './conomy-schemas.js';

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
  // The schema only lets finite decimals through, so this is a guard against absurd magnitudes.
  if (value === undefined || !Number.isSafeInteger(value)) {
    throw new CheckoutError('invalid_response', `Conomy answered with an unusable amount "${String(amount)}"`);
  }
  return value;
}

/** Amounts go back to Conomy as the decimal string it gave (a number is stringified as is). */
function amountString(amount: ConomyAmount): string {
  return typeof amount === 'string' ? amount : String(amount);
}

const LABELS: Record<string, string> = { PIX: 'Pix', CARD: 'Card' };

/** `BANK_ACCOUNT` → "Bank Account". */
function methodLabel(type: string): string {
  return (
    LABELS[type] ??
    type
      .toLowerCase()
      .split(/[_\s-]+/)
      .filter(Boolean)
      .map((word) => word[0]!.toUpperCase() + word.slice(1))
      .join(' ')
  );
}

function optionId(config: ConomyPaymentConfig, method: ConomyPaymentMethod): string {
  return `${config.currency}:${method.id}`;
}

function allowedTypes(session: ConomyCheckoutSession): Set<string> | undefined {
  const allowed = session.paymentMethodsAllowed;
  if (!Array.isArray(allowed)) return undefined;
  return new Set(allowed.filter((type): type is string => typeof type === 'string'));
}

export interface OfferedMethod {
  config: ConomyPaymentConfig;
  method: ConomyPaymentMethod;
  id: string;
}

/** Enabled methods of every paymentConfig, limited to `paymentMethodsAllowed`, first id wins. */
export function offeredMethods(session: ConomyCheckoutSession): OfferedMethod[] {
  const allowed = allowedTypes(session);
  const offered = new Map<string, OfferedMethod>();
  for (const config of session.paymentConfigs) {
    for (const method of config.paymentMethods) {
      if (!method.enabled || (allowed && !allowed.has(method.type))) continue;
      const id = optionId(config, method);
      if (!offered.has(id)) offered.set(id, { config, method, id });
    }
  }
  return [...offered.values()];
}

/** The payment methods the customer may choose from. */
export function sessionOptions(session: ConomyCheckoutSession): PaymentOption[] {
  return offeredMethods(session).map(({ config, method, id }) => ({
    id,
    type: method.type,
    label: methodLabel(method.type),
    amount: minor(method.purchaseAmount, config.currency),
    currency: config.currency,
    presentation: method.type === 'PIX' ? 'qr' : 'hosted',
  }));
}

function lineItems(session: ConomyCheckoutSession): LineItem[] {
  return session.items.map((item) => {
    const amount = minor(item.totalAmount, session.currency);
    return { description: item.description, amount, quantity: 1, total: amount };
  });
}

export function snapshotOf(session: ConomyCheckoutSession): SessionSnapshot {
  const snapshot: SessionSnapshot = {
    provider: 'conomy',
    id: session.id,
    status: requireStatus(session),
    amount: minor(session.totalAmount, session.currency),
    currency: session.currency,
    items: lineItems(session),
    options: sessionOptions(session),
    pollable: true,
    raw: session,
  };
  const expiresAt = parseTime(session.expiresAt);
  if (expiresAt !== undefined) snapshot.expiresAt = expiresAt;
  return snapshot;
}

/** The Conomy session behind a snapshot (kept in `raw`). */
export function conomySessionOf(session: SessionSnapshot): ConomyCheckoutSession {
  const parsed = checkoutSessionSchema.safeParse(session.raw);
  if (!parsed.success) throw new CheckoutError('config', `No Conomy checkout session behind "${session.id}"`);
  return parsed.data;
}

export function checkoutTokenOf(raw: unknown): string | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const token = (raw as { checkoutToken?: unknown }).checkoutToken;
  return typeof token === 'string' && token ? token : undefined;
}

/** The order's customer → Conomy's `pix.customer` (firstName required, lastName optional). */
function pixCustomer(ctx: AdapterContext): ConomyPixCustomer | undefined {
  const customer = ctx.order?.customer;
  const name = customer?.name?.trim();
  if (!customer || !name) return undefined;
  const [firstName, ...rest] = name.split(/\s+/);
  const pix: ConomyPixCustomer = { firstName: firstName! };
  if (rest.length) pix.lastName = rest.join(' ');
  if (customer.email) pix.email = customer.email;
  return pix;
}

export function pixOrigin(
  ctx: AdapterContext,
  config: ConomyPaymentConfig,
  method: ConomyPaymentMethod,
): ConomyPaymentOrigin {
  const customer = pixCustomer(ctx);
  return {
    type: 'PIX',
    amount: amountString(method.purchaseAmount),
    currency: config.currency,
    pix: customer ? { customer } : {},
  };
}

export function pixCode(transaction: ConomyTransaction): { data: string; expiredAt?: unknown } {
  const origin = transaction.origins.find((node) => node.type === 'PIX');
  const data = origin?.pix?.data;
  if (typeof data !== 'string' || !data) {
    throw new CheckoutError('invalid_response', 'Conomy answered the Pix payment without pix.data');
  }
  return { data, expiredAt: origin?.pix?.expiredAt };
}
