/**
 * The sandbox's memory: sessions of the four simulated providers, the requests they received and
 * the faults to inject. Pure data, no msw in it, so it can live in a page (tests, demo) or a server.
 */
export type SandboxProvider = 'kamipay' | 'kaipay' | 'conomy' | 'wewire' | 'token';

/** Where a simulated session stands; each provider renders this in its own vocabulary. */
export type SandboxOutcome = 'pending' | 'processing' | 'paid' | 'failed' | 'expired' | 'cancelled';

export interface SandboxSession<Data = Record<string, unknown>> {
  provider: SandboxProvider;
  id: string;
  outcome: SandboxOutcome;
  /** Epoch ms. */
  createdAt: number;
  expiresAt?: number;
  /** Provider-specific fields (what its API returns). */
  data: Data;
}

export interface RecordedRequest {
  provider: SandboxProvider;
  method: string;
  url: string;
  /** Path below the provider's base, e.g. `/v2/charge/create_dynamic_pix`. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON, form fields as an object, or undefined. */
  body: unknown;
  at: number;
}

export interface Fault {
  provider?: SandboxProvider;
  method?: string;
  /** Matches the path below the provider's base: exact string or pattern. */
  path?: string | RegExp;
  /** Answer with this status (and `body`, default a provider-style error). */
  status?: number;
  /** Answer body: any JSON, `'malformed-json'` for a truncated body, or `'empty'`. */
  body?: unknown;
  /** `Retry-After` header value. */
  retryAfter?: string;
  /** Wait this long before answering (then answer normally unless something else is set). */
  delayMs?: number;
  /** Drop the connection (fetch rejects). */
  network?: boolean;
  /** How many matching requests it applies to; default 1; Infinity for all. */
  times?: number;
}

export class SandboxState {
  readonly sessions = new Map<string, SandboxSession<any>>();
  readonly requests: RecordedRequest[] = [];
  faults: Fault[] = [];
  /** Tokens the token endpoint handed out and that providers accept. */
  readonly validTokens = new Set<string>();
  /** Extra fields the token endpoint adds to its answer (tests: `sessionId`, `expiresAt`...). */
  tokenExtras: Record<string, unknown> = {};
  /** Seconds a token lives; undefined = no `expiresAt`. */
  tokenLifetimeSeconds?: number;
  private counter = 0;

  constructor(readonly now: () => number = () => Date.now()) {}

  nextId(prefix: string): string {
    this.counter += 1;
    const random = Math.random().toString(36).slice(2, 8);
    return `${prefix}${this.counter.toString(36)}${random}`;
  }

  addSession<Data>(session: Omit<SandboxSession<Data>, 'createdAt'> & { createdAt?: number }): SandboxSession<Data> {
    const full = { createdAt: this.now(), ...session } as SandboxSession<Data>;
    this.sessions.set(full.id, full);
    return full;
  }

  session<Data = Record<string, unknown>>(id: string): SandboxSession<Data> | undefined {
    const session = this.sessions.get(id);
    if (session && session.outcome === 'pending' && session.expiresAt !== undefined && session.expiresAt <= this.now()) {
      session.outcome = 'expired';
    }
    return session;
  }

  /** The newest session of a provider (what a demo control or a test acts on). */
  latest<Data = Record<string, unknown>>(provider: SandboxProvider): SandboxSession<Data> | undefined {
    let found: SandboxSession<any> | undefined;
    for (const session of this.sessions.values()) if (session.provider === provider) found = session;
    return found ? this.session<Data>(found.id) : undefined;
  }

  private settle(id: string, outcome: SandboxOutcome): SandboxSession {
    const session = this.sessions.get(id);
    if (!session) throw new Error(`sandbox: no session ${id}`);
    session.outcome = outcome;
    return session;
  }

  /** The customer paid (kamiPay `done`, Conomy `FINISHED`, WeWire `completed`). */
  pay(id: string) {
    return this.settle(id, 'paid');
  }
  fail(id: string) {
    return this.settle(id, 'failed');
  }
  /** Paid, provider still confirming. */
  process(id: string) {
    return this.settle(id, 'processing');
  }
  expire(id: string) {
    const session = this.settle(id, 'expired');
    session.expiresAt = Math.min(session.expiresAt ?? this.now(), this.now());
    return session;
  }
  cancel(id: string) {
    return this.settle(id, 'cancelled');
  }

  /** Inject a fault for the next matching request(s). */
  fault(fault: Fault): void {
    this.faults.push({ times: 1, ...fault });
  }

  /** The first fault matching a request, consumed. */
  takeFault(provider: SandboxProvider, method: string, path: string): Fault | undefined {
    const index = this.faults.findIndex(
      (fault) =>
        (fault.provider === undefined || fault.provider === provider) &&
        (fault.method === undefined || fault.method.toUpperCase() === method) &&
        (fault.path === undefined || (typeof fault.path === 'string' ? fault.path === path : fault.path.test(path))),
    );
    if (index < 0) return undefined;
    const fault = this.faults[index]!;
    const times = (fault.times ?? 1) - 1;
    if (times <= 0) this.faults.splice(index, 1);
    else this.faults[index] = { ...fault, times };
    return fault;
  }

  /** Requests a provider received, optionally of one method and path. */
  requestsTo(provider: SandboxProvider, method?: string, path?: string | RegExp): RecordedRequest[] {
    return this.requests.filter(
      (r) =>
        r.provider === provider &&
        (method === undefined || r.method === method.toUpperCase()) &&
        (path === undefined || (typeof path === 'string' ? r.path === path : path.test(r.path))),
    );
  }

  /** Makes every token handed out so far invalid: the next provider call answers 401. */
  revokeTokens(): void {
    this.validTokens.clear();
  }

  issueToken(provider: SandboxProvider): string {
    const token = `sbx_${provider}_${this.nextId('tok')}`;
    this.validTokens.add(token);
    return token;
  }
}
