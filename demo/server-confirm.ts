import type { CheckoutDetail } from '../src/index.js';
import type { LogEntry } from './event-log.js';

/**
 * What a merchant's page does after a browser outcome: ask its own server, which asks the
 * provider (`confirmPayment`) or has Conomy's signed webhook. The answer goes to the event log as
 * "confirmed by your server"; a real shop fulfils there, on the server, never from the event.
 */
export function logServerConfirmations(add: LogEntry, confirmUrl: string): void {
  // Several elements can report one session (a button and a status line in it): ask once.
  const asked = new Set<string>();
  const confirm = async (event: { detail: CheckoutDetail }) => {
    const { provider, sessionId, status } = event.detail;
    const key = `${provider} ${sessionId} ${status}`;
    if (asked.has(key)) return;
    asked.add(key);
    const answer = await fetch(confirmUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ provider, sessionId }),
    }).catch(() => undefined);
    const body = ((await answer?.json().catch(() => undefined)) ?? { error: 'no answer' }) as { source?: string; status?: string };
    const tone = !answer?.ok ? 'bad' : body.status === 'succeeded' ? 'good' : body.status === 'failed' ? 'bad' : 'warn';
    add('confirmed by your server', body.source ?? 'server', body, tone);
  };
  document.addEventListener('checkout-success', (event) => void confirm(event));
  document.addEventListener('checkout-failure', (event) => void confirm(event));
}
