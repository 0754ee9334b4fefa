import { CheckoutError } from '../core/errors.js';
import { toMinor } from '../core/money.js';
import type { CheckoutStatus, ProviderId } from '../core/status.js';
import { getCheckoutSession } from '../providers/conomy-api.js';
import { minor, requireStatus } from '../providers/conomy-mapping.js';
import { getChargeStatus, mapKamipayStatus } from '../providers/kamipay.js';
import { mapWewireStatus } from '../providers/wewire.js';
import { getCheckoutSession as getWewireSession } from '../providers/wewire-api.js';
import { conomyBearer, kamipayBearer } from './bearer.js';
import { redact, transportOf, type CheckoutServerConfig } from './config.js';

/**
 * `confirmPayment`: the provider's own word on a session, asked with the merchant's credentials,
 * for the server to decide whether to fulfil. The status mapping is each provider's, the same
 * function its browser adapter uses; amount and currency are the provider's, for the merchant to
 * compare with the cart.
 */

export type ConfirmedStatus = CheckoutStatus | 'unknown';

export interface PaymentConfirmation {
  provider: ProviderId;
  sessionId: string;
  status: ConfirmedStatus;
  /** Why the status is `unknown`, and what to do instead. */
  reason?: string;
  /** Minor units, as the provider reports the session; absent when it reports none. */
  amount?: number;
  currency?: string;
  /** The provider's reference for the payment: kamiPay's Pix `txid`, Conomy's `checkoutToken`. */
  reference?: string;
  /** The provider's answer, as it came. */
  raw: unknown;
}

export type ConfirmErrorCode = 'network' | 'auth' | 'not_found' | 'invalid_response' | 'rate_limited' | 'provider_error' | 'config';

/** Why the provider could not be asked, or answered nothing usable. Its message never holds a secret. */
export class ConfirmError extends Error {
  override readonly name = 'ConfirmError';
  readonly retryable: boolean;
  readonly httpStatus?: number;
  /** Milliseconds the provider asked to wait (`Retry-After`), with `rate_limited`. */
  readonly retryAfter?: number;

  constructor(
    readonly code: ConfirmErrorCode,
    message: string,
    options: { retryable?: boolean; httpStatus?: number; retryAfter?: number } = {},
  ) {
    super(message);
    this.retryable = options.retryable ?? false;
    if (options.httpStatus !== undefined) this.httpStatus = options.httpStatus;
    if (options.retryAfter !== undefined) this.retryAfter = options.retryAfter;
  }
}

export const KAIPAY_UNCONFIRMABLE =
  'KaiPay publishes no payment status API: confirm the payment in your KaiPay dashboard (or from what KaiPay sends your server) before fulfilling; the return page is for the customer only';

export async function confirmPayment(
  config: CheckoutServerConfig,
  request: { provider: ProviderId; sessionId: string },
): Promise<PaymentConfirmation> {
  const { provider, sessionId } = request;
  if (!sessionId) throw new ConfirmError('config', 'confirmPayment needs a sessionId');
  try {
    switch (provider) {
      case 'kamipay':
        return await confirmKamipay(config, sessionId);
      case 'conomy':
        return await confirmConomy(config, sessionId);
      case 'wewire':
        return await confirmWewire(config, sessionId);
      case 'kaipay':
        need(config, 'kaipay');
        return { provider, sessionId, status: 'unknown', reason: KAIPAY_UNCONFIRMABLE, raw: undefined };
      default:
        throw new ConfirmError('config', `unknown provider "${String(provider)}"`);
    }
  } catch (error) {
    throw confirmErrorOf(config, provider, error);
  }
}

function need<P extends 'kamipay' | 'conomy' | 'kaipay' | 'wewire'>(config: CheckoutServerConfig, provider: P): NonNullable<CheckoutServerConfig[P]> {
  const settings = config[provider];
  if (!settings) throw new ConfirmError('config', `provider ${provider} is not configured`);
  return settings as NonNullable<CheckoutServerConfig[P]>;
}

async function confirmKamipay(config: CheckoutServerConfig, sessionId: string): Promise<PaymentConfirmation> {
  const settings = need(config, 'kamipay');
  const raw = await kamipayBearer(config, settings).use((token) =>
    getChargeStatus({ apiBase: settings.apiBase, token, ...transportOf(config) }, sessionId),
  );
  // kamiPay's status answer carries no amount: the charge's amount is the one it was created with.
  const txid = raw.data?.txid;
  return {
    provider: 'kamipay',
    sessionId,
    status: mapKamipayStatus(raw),
    ...(txid === undefined ? {} : { reference: String(txid) }),
    raw,
  };
}

async function confirmConomy(config: CheckoutServerConfig, sessionId: string): Promise<PaymentConfirmation> {
  const settings = need(config, 'conomy');
  const session = await conomyBearer(config, settings).use((token) =>
    getCheckoutSession({ apiBase: settings.apiBase, apiKey: settings.apiKey, token, ...transportOf(config) }, sessionId),
  );
  return {
    provider: 'conomy',
    sessionId,
    status: requireStatus(session),
    amount: minor(session.totalAmount, session.currency),
    currency: session.currency,
    ...(typeof session.checkoutToken === 'string' ? { reference: session.checkoutToken } : {}),
    raw: session,
  };
}

async function confirmWewire(config: CheckoutServerConfig, sessionId: string): Promise<PaymentConfirmation> {
  const settings = need(config, 'wewire');
  const session = await getWewireSession({ apiBase: settings.apiBase, token: settings.apiKey, ...transportOf(config) }, sessionId);
  const currency = session.currency?.toUpperCase();
  const amount = currency && session.amount !== undefined ? toMinor(session.amount, currency) : undefined;
  const status = mapWewireStatus(session.status);
  const confirmation: PaymentConfirmation = {
    provider: 'wewire',
    sessionId,
    status: status ?? 'unknown',
    ...(amount === undefined ? {} : { amount }),
    ...(currency ? { currency } : {}),
    raw: session,
  };
  if (!status) {
    // Never a guess from the clock or the return page: without a status, WeWire has not said.
    confirmation.reason =
      session.status === undefined
        ? "WeWire's session carries no status (its published API has none): confirm the payment in your WeWire dashboard before fulfilling"
        : `WeWire answered a status this package does not know ("${session.status}"): confirm the payment in your WeWire dashboard`;
  }
  return confirmation;
}

function confirmErrorOf(config: CheckoutServerConfig, provider: ProviderId, error: unknown): ConfirmError {
  if (error instanceof ConfirmError) return error;
  if (!(error instanceof CheckoutError)) {
    return new ConfirmError('network', redact(config, `${provider}: ${error instanceof Error ? error.message : String(error)}`), { retryable: true });
  }
  const message = redact(config, `${provider}: ${error.message}`);
  const status = error.httpStatus;
  const http = status === undefined ? {} : { httpStatus: status };
  if (error.code === 'network') return new ConfirmError('network', message, { retryable: true });
  if (error.code === 'invalid_response') return new ConfirmError('invalid_response', message);
  if (error.code === 'config') return new ConfirmError('config', message);
  if (status === 401 || status === 403) return new ConfirmError('auth', message, http);
  if (status === 404) return new ConfirmError('not_found', message, http);
  if (status === 429) {
    return new ConfirmError('rate_limited', message, { ...http, retryable: true, ...(error.retryAfter === undefined ? {} : { retryAfter: error.retryAfter }) });
  }
  return new ConfirmError('provider_error', message, { ...http, retryable: error.retryable });
}
