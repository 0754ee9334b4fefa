/**
 * The sandbox control API of the demo server (`/sandbox/_control/`): its types, and one client the
 * demo page (same origin) and the end-to-end tests (from Node) both use. The server side is
 * demo/server/sandbox-server.ts.
 */
export const CONTROL_PATH = '/sandbox/_control/';

export const PROVIDERS = ['kamipay', 'kaipay', 'conomy', 'wewire'] as const;
export type Provider = (typeof PROVIDERS)[number];

export const ACTIONS = ['pay', 'process', 'fail', 'expire', 'cancel'] as const;
export type Action = (typeof ACTIONS)[number];

export function isProvider(value: unknown): value is Provider {
  return PROVIDERS.includes(value as Provider);
}

/** The payer's document, as Conomy asks for it in Brazil: the panel's "Pix requires the payer's CPF or CNPJ". */
export const PIX_DOCUMENT_FIELDS = ['pix.customer.documentNumber', 'pix.customer.documentType'];

/** A session as `GET sessions` lists it. */
export interface SessionSummary {
  provider: Provider;
  id: string;
  outcome: string;
  createdAt: string;
  expiresAt?: string;
  /** The provider's hosted page for this session (KaiPay, WeWire, Conomy). */
  hostedUrl?: string;
}

/** The body of `POST fault`: a sandbox Fault, JSON-shaped. */
export interface FaultRequest {
  provider?: Provider;
  method?: string;
  path?: string;
  /** A RegExp source matched against the path below the provider's API base. */
  pathPattern?: string;
  status?: number;
  retryAfter?: number | string;
  delayMs?: number;
  body?: unknown;
  offline?: true;
  times?: number | 'always';
}

/** A request the sandbox received, as `GET requests` lists it. */
export interface RecordedRequestSummary {
  provider: string;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}

export class ControlClient {
  /** @param origin `''` for the page's own origin, or the server's origin from Node. */
  constructor(private readonly origin: () => string = () => '') {}

  reset(): Promise<unknown> {
    return this.call('POST', 'reset');
  }

  /** In creation order. */
  sessions(provider?: Provider): Promise<SessionSummary[]> {
    return this.call<SessionSummary[]>('GET', 'sessions').then((all) => all.filter((s) => !provider || s.provider === provider));
  }

  /** Acts on a session (without `id`: the newest of the provider); resolves to that session. */
  act(provider: Provider, action: Action, id?: string): Promise<SessionSummary> {
    return this.call('POST', 'act', id ? { provider, id, action } : { provider, action });
  }

  fault(fault: FaultRequest): Promise<{ pending: number }> {
    return this.call('POST', 'fault', fault);
  }

  /** The `requiredFields` of the PIX method of Conomy sessions opened from now on. */
  conomyPixFields(requiredFields?: string[]): Promise<{ requiredFields: string[] }> {
    return requiredFields ? this.call('POST', 'conomy-pix-fields', { requiredFields }) : this.call('GET', 'conomy-pix-fields');
  }

  requests(filter: { provider?: string; method?: string; path?: string } = {}): Promise<RecordedRequestSummary[]> {
    const query = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => !!entry[1]));
    return this.call('GET', `requests?${query}`);
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: object): Promise<T> {
    const response = await fetch(`${this.origin()}${CONTROL_PATH}${path}`, {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : {},
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const data: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const reason = (data as { error?: unknown } | undefined)?.error;
      throw new Error(typeof reason === 'string' ? reason : `${method} ${CONTROL_PATH}${path}: HTTP ${response.status}`);
    }
    return data as T;
  }
}
