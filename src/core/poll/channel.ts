import { CheckoutError, type CheckoutErrorCode } from '../errors.js';
import type { PollReading } from './registry.js';

/** BroadcastChannel name; the Web Lock of a key is `${POLL_CHANNEL}:${key}`. */
export const POLL_CHANNEL = 'checkout-elements:poll';

/** The error fields that cross tabs (a CheckoutError itself is not structured-cloneable as one). */
export interface SharedPollError {
  code: CheckoutErrorCode;
  message: string;
  retryable: boolean;
  httpStatus?: number;
  retryAfter?: number;
}

/**
 * What tabs tell each other about a key. `at` orders readings: the clock time the check started
 * (for errors: when it failed, and `startedAt` when it started). `replay` marks a reading re-sent
 * for a tab that just joined. Only the leader sends checks to the provider; the others ask it.
 */
export type CrossTabMessage =
  | { type: 'reading'; key: string; reading: PollReading; at: number; replay?: boolean }
  | { type: 'error'; key: string; error: SharedPollError; at: number; startedAt?: number }
  /** A tab joined the key (`from` is its id): the leader re-sends its last reading. */
  | { type: 'hello'; key: string; from?: string; visible?: boolean }
  /**
   * A follower wants a reading from a check that starts at `after` or later, or from one that
   * started at `since` or later (the leader re-sends its last reading when that one answers).
   */
  | { type: 'check'; key: string; from?: string; visible?: boolean; after?: number; since?: number }
  /** The leader, hidden, gives the lead to the visible tab `to` between two checks. */
  | { type: 'handover'; key: string; to: string };

/** The cross-tab transport: a Web Lock per key (who polls) and a broadcast channel (what was read). */
export interface CrossTab {
  /**
   * Like `navigator.locks.request`: waits for the key's lock (or takes it from its holder when
   * `steal`), runs `hold` while holding it and releases it when hold's promise settles. Rejects with
   * an AbortError when `signal` aborts the wait or another tab steals the lock.
   */
  lock(key: string, options: { steal: boolean; signal: AbortSignal }, hold: () => Promise<void>): Promise<void>;
  post(message: CrossTabMessage): void;
  listen(listener: (message: CrossTabMessage) => void): () => void;
}

export function toShared({ code, message, retryable, httpStatus, retryAfter }: CheckoutError): SharedPollError {
  return { code, message, retryable, httpStatus, retryAfter };
}

export function fromShared({ code, message, ...options }: SharedPollError): CheckoutError {
  return new CheckoutError(code, message, options);
}

/**
 * BroadcastChannel + Web Locks, or null where either is missing (Node, old browsers): then each
 * tab polls on its own. The channel is open only while something listens, so an idle page holds none.
 */
export function browserCrossTab(channelName: string = POLL_CHANNEL): CrossTab | null {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks || typeof BroadcastChannel !== 'function') return null;
  const listeners = new Set<(message: CrossTabMessage) => void>();
  let channel: BroadcastChannel | null = null;
  const onMessage = (event: MessageEvent<unknown>) => {
    if (!isCrossTabMessage(event.data)) return;
    for (const listener of [...listeners]) listener(event.data);
  };
  return {
    // Web Locks refuse `steal` together with `signal`; a steal is granted at once, nothing to abort.
    lock: (key, { steal, signal }, hold) =>
      locks.request(`${channelName}:${key}`, steal ? { steal: true } : { signal }, hold),
    post(message) {
      try {
        channel?.postMessage(message);
      } catch {
        // A reading that is not structured-cloneable stays in this tab; other tabs poll on handover.
      }
    },
    listen(listener) {
      listeners.add(listener);
      if (!channel) {
        channel = new BroadcastChannel(channelName);
        channel.addEventListener('message', onMessage);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0 || !channel) return;
        channel.removeEventListener('message', onMessage);
        channel.close();
        channel = null;
      };
    },
  };
}

function isCrossTabMessage(data: unknown): data is CrossTabMessage {
  // Anything may be posted on the channel: a field of a non-object (or of a missing one) reads as undefined.
  const message = data as { [field: string]: { [field: string]: unknown } | undefined } | null | undefined;
  if (typeof message?.key !== 'string') return false;
  switch (message.type as unknown) {
    case 'hello':
    case 'check':
      return true;
    case 'handover':
      return typeof message.to === 'string';
    case 'reading':
      return typeof message.at === 'number' && typeof message.reading?.status === 'string';
    case 'error': {
      const error = message.error;
      return typeof message.at === 'number' && typeof error?.code === 'string'
        && typeof error.message === 'string' && typeof error.retryable === 'boolean';
    }
  }
  return false;
}
