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
  /**
   * Answer body: any JSON, `'malformed-json'` for a truncated body, `'empty'`, or `'html'` for a
   * proxy's or gateway's HTML error page (`text/html`).
   */
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

/** Which requests a hold applies to (same matching as a fault). */
export type RequestMatch = Pick<Fault, 'provider' | 'method' | 'path'>;

/**
 * A request the sandbox has answered but not yet delivered: its answer is computed when it
 * arrives (what the provider said at that instant) and reaches the page when the test calls
 * `deliver()`. Tests use it to let timers fire and payments land while a request is on its way.
 */
export interface HeldRequest {
  request: RecordedRequest;
  deliver(): void;
}

export interface Hold {
  /** The held requests in arrival order; `next()` waits for the next one to arrive. */
  readonly held: HeldRequest[];
  next(): Promise<HeldRequest>;
  /** Delivers everything held and stops holding. */
  release(): void;
}

export class SandboxState {
  readonly sessions = new Map<string, SandboxSession<any>>();
  readonly requests: RecordedRequest[] = [];
  faults: Fault[] = [];
  readonly #holds: { match: RequestMatch; arrive(held: HeldRequest): void }[] = [];
  readonly #settled: ((session: SandboxSession) => void)[] = [];
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
    for (const listener of this.#settled) listener(session);
    return session;
  }

  /** Calls `listener` each time a session is settled (paid, failed, processing, expired, cancelled). */
  onSettle(listener: (session: SandboxSession) => void): void {
    this.#settled.push(listener);
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

  /** Holds back the answers of matching requests until the test delivers them (see HeldRequest). */
  hold(match: RequestMatch): Hold {
    const held: HeldRequest[] = [];
    const arrivals: ((request: HeldRequest) => void)[] = [];
    let taken = 0;
    const entry = {
      match,
      arrive(request: HeldRequest) {
        held.push(request);
        arrivals.shift()?.(request);
      },
    };
    this.#holds.push(entry);
    return {
      held,
      next: () => {
        const index = taken++;
        return index < held.length ? Promise.resolve(held[index]!) : new Promise((resolve) => arrivals.push(resolve));
      },
      release: () => {
        this.#holds.splice(this.#holds.indexOf(entry), 1);
        held.forEach((request) => request.deliver());
      },
    };
  }

  /** Resolves when the test delivers the answer to `request`, at once when no hold matches it. */
  delivery(request: RecordedRequest): Promise<void> {
    const hold = this.#holds.find((entry) => matches(entry.match, request.provider, request.method, request.path));
    if (!hold) return Promise.resolve();
    return new Promise((deliver) => hold.arrive({ request, deliver }));
  }

  /** The first fault matching a request, consumed. */
  takeFault(provider: SandboxProvider, method: string, path: string): Fault | undefined {
    const index = this.faults.findIndex((fault) => matches(fault, provider, method, path));
    if (index < 0) return undefined;
    const fault = this.faults[index]!;
    const times = (fault.times ?? 1) - 1;
    if (times <= 0) this.faults.splice(index, 1);
    else this.faults[index] = { ...fault, times };
    return fault;
  }

  /** Requests a provider received, optionally of one method and path. */
  requestsTo(provider: SandboxProvider, method?: string, path?: string | RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.provider === provider && matches({ method, path }, r.provider, r.method, r.path));
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

function matches(match: RequestMatch, provider: SandboxProvider, method: string, path: string): boolean {
  return (
    (match.provider === undefined || match.provider === provider) &&
    (match.method === undefined || match.method.toUpperCase() === method) &&
    (match.path === undefined || (typeof match.path === 'string' ? match.path === path : match.path.test(path)))
  );
}
