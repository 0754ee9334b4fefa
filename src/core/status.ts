/** The one status model every provider's states map onto (docs/status-model.md). */
export type CheckoutStatus = 'pending' | 'processing' | 'succeeded' | 'failed' | 'expired' | 'cancelled';

export type TerminalStatus = Extract<CheckoutStatus, 'succeeded' | 'failed' | 'expired' | 'cancelled'>;

export const TERMINAL_STATUSES: readonly TerminalStatus[] = ['succeeded', 'failed', 'expired', 'cancelled'];

export function isTerminal(status: CheckoutStatus): status is TerminalStatus {
  return (TERMINAL_STATUSES as readonly string[]).includes(status);
}

export type ProviderId = 'kamipay' | 'kaipay' | 'conomy' | 'wewire';

export const PROVIDER_IDS: readonly ProviderId[] = ['kamipay', 'kaipay', 'conomy', 'wewire'];

export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === 'string' && (PROVIDER_IDS as readonly string[]).includes(value);
}

/** What every status event carries (docs/status-model.md#events). */
export interface CheckoutDetail {
  provider: ProviderId;
  sessionId: string;
  status: CheckoutStatus;
  /** Minor units. */
  amount?: number;
  currency?: string;
  /** The provider's last payload. */
  raw?: unknown;
}
