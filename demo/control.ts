/**
 * The demo server's sandbox control API (`/sandbox/_control/`): what the panel uses to play the
 * customer's part and to inject faults. Same origin, JSON in and out.
 */

export const PROVIDERS = ['kamipay', 'kaipay', 'conomy', 'wewire'] as const;
export type Provider = (typeof PROVIDERS)[number];

export const ACTIONS = ['pay', 'process', 'fail', 'expire', 'cancel'] as const;
export type Action = (typeof ACTIONS)[number];

/** A session as `GET /sandbox/_control/sessions` lists it. */
export interface SessionSummary {
  provider: Provider;
  id: string;
  outcome: string;
  createdAt: string;
  expiresAt?: string;
  hostedUrl?: string;
}

/** The body of `POST /sandbox/_control/fault`. */
export interface FaultRequest {
  provider?: Provider;
  /** A RegExp source matched against the path below the provider's API base. */
  pathPattern?: string;
  status?: number;
  retryAfter?: number;
  delayMs?: number;
  body?: 'malformed-json';
  offline?: true;
  times?: number | 'always';
}

const BASE = '/sandbox/_control/';

export function isProvider(value: unknown): value is Provider {
  return PROVIDERS.includes(value as Provider);
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: object): Promise<T> {
  const response = await fetch(BASE + path, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const data: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const reason = (data as { error?: unknown } | undefined)?.error;
    throw new Error(typeof reason === 'string' ? reason : `${method} ${path}: HTTP ${response.status}`);
  }
  return data as T;
}

/** Newest first (the server lists them in the order they were created). */
export async function listSessions(): Promise<SessionSummary[]> {
  const sessions = await call<SessionSummary[]>('GET', 'sessions');
  return sessions.filter((session) => isProvider(session.provider)).reverse();
}

/** Acts on the newest session of the provider; resolves to that session. */
export function act(provider: Provider, action: Action): Promise<SessionSummary> {
  return call('POST', 'act', { provider, action });
}

export function injectFault(fault: FaultRequest): Promise<{ pending: number }> {
  return call('POST', 'fault', fault);
}

export function resetSandbox(): Promise<unknown> {
  return call('POST', 'reset');
}
