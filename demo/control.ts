/**
 * The demo server's sandbox control API (`/sandbox/_control/`): what the panel uses to play the
 * customer's part and to inject faults. Same origin, JSON in and out.
 */

import { ControlClient, PIX_DOCUMENT_FIELDS, isProvider, type Action, type FaultRequest, type Provider, type SessionSummary } from './sandbox/control-api.js';

export { ACTIONS, PROVIDERS, isProvider, type Action, type FaultRequest, type Provider, type SessionSummary } from './sandbox/control-api.js';

const control = new ControlClient();

/** Newest first (the server lists them in the order they were created). */
export async function listSessions(): Promise<SessionSummary[]> {
  const sessions = await control.sessions();
  return sessions.filter((session) => isProvider(session.provider)).reverse();
}

/** Acts on the newest session of the provider; resolves to that session. */
export function act(provider: Provider, action: Action): Promise<SessionSummary> {
  return control.act(provider, action);
}

export function injectFault(fault: FaultRequest): Promise<{ pending: number }> {
  return control.fault(fault);
}

export function resetSandbox(): Promise<unknown> {
  return control.reset();
}

/** Whether the PIX method of Conomy's next sessions requires the payer's document (`requiredFields`). */
export async function conomyPixRequiresDocument(required?: boolean): Promise<boolean> {
  const fields = required === undefined ? undefined : required ? PIX_DOCUMENT_FIELDS : [];
  const { requiredFields } = await control.conomyPixFields(fields);
  return PIX_DOCUMENT_FIELDS.every((field) => requiredFields.includes(field));
}
