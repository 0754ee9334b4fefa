import { toMajorString } from '../core/money.js';
import { conomyCustomer } from '../providers/conomy-mapping.js';
import type { ConomyCreateCheckoutSession, ConomyItem } from '../providers/conomy-merchant.js';
import type { ConomyConfig } from './config.js';
import { randomToken } from './crypto.js';
import { HttpError } from './http.js';
import type { TokenRequestBody } from './token-request.js';

/**
 * `POST /checkout-sessions` for a token request: items in major-unit strings (quantity folded
 * into the line: Conomy items have none), the merchant's account as the one destination, the
 * success / failed URLs resolved against `origin`.
 */
export function conomySessionBody(config: ConomyConfig, body: TokenRequestBody, origin: string): ConomyCreateCheckoutSession {
  const currency = (body.currency ?? 'BRL').toUpperCase();
  const items = conomyItems(body, currency);
  const itemsTotal = (body.order?.items ?? []).reduce((sum, item) => sum + item.amount * item.quantity, 0);
  // Items priced by the page cannot undercut the amount `authorize` took from the cart.
  if (itemsTotal && body.amount !== undefined && itemsTotal !== body.amount) {
    throw new HttpError(400, `amount ${body.amount} is not the total of order.items (${itemsTotal})`);
  }
  const total = toMajorString(itemsTotal || body.amount!, currency);
  const session: ConomyCreateCheckoutSession = {
    checkoutToken: `chk_${randomToken(12)}`,
    items,
    currency,
    paymentMethodsAllowed: config.paymentMethods ?? ['PIX', 'CARD'],
    destinations: [
      { type: 'ACCOUNT', amount: total, account: { type: config.account.type ?? 'CHECKING', currency, ...config.account } },
    ],
    duration: config.sessionSeconds ?? 900,
    owner: config.owner,
  };
  // The same mapping as the Pix node's customer: one way to write a customer for Conomy.
  const customer = conomyCustomer(body.order?.customer);
  if (customer) session.customer = customer;
  if (config.successUrl) session.successUrl = new URL(config.successUrl, origin).toString();
  if (config.failedUrl) session.failedUrl = new URL(config.failedUrl, origin).toString();
  return session;
}

function conomyItems(body: TokenRequestBody, currency: string): ConomyItem[] {
  const lines = body.order?.items ?? [];
  if (lines.length) {
    return lines.map((item) => {
      const total = toMajorString(item.amount * item.quantity, currency);
      const description = item.quantity > 1 ? `${item.description} × ${item.quantity}` : item.description;
      return { preTaxAmount: total, totalAmount: total, description };
    });
  }
  if (body.amount === undefined) throw new HttpError(400, 'conomy needs an amount or order.items');
  const amount = toMajorString(body.amount, currency);
  return [{ preTaxAmount: amount, totalAmount: amount, description: body.description || 'Payment' }];
}
