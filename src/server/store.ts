/**
 * The server entry's one piece of shared state: a small key/value store with expiry, and sets.
 * The proxy's tokens live in it (so every instance of the merchant's server honours a token
 * another instance issued), and so do the webhook deliveries already handled (so a delivery
 * Conomy repeats is not acted on twice). One process: `MemoryTokenStore`; several instances or
 * serverless functions: `RedisTokenStore` (redis-store.ts), or any store implementing this.
 */
export interface TokenStore {
  /**
   * Stores `value` under `key` until `expiresAt` (epoch ms). With `onlyIfAbsent`, an existing
   * key is left alone and the answer is false (an atomic claim); otherwise the answer is true.
   */
  put(key: string, value: string, expiresAt: number, options?: { onlyIfAbsent?: boolean }): Promise<boolean>;
  /** The value under `key`, or undefined when there is none or it expired. */
  get(key: string): Promise<string | undefined>;
  delete(key: string): Promise<void>;
  /** Adds `member` to the set under `key`; the set then lives until `expiresAt` (epoch ms). */
  addMember(key: string, member: string, expiresAt: number): Promise<void>;
  hasMember(key: string, member: string): Promise<boolean>;
}

interface Entry {
  value?: string;
  members?: Set<string>;
  expiresAt: number;
}

/** Expired entries are swept at most this often (each read checks expiry itself). */
const SWEEP_INTERVAL_MS = 60_000;

/** The in-memory store: one process, nothing shared. `now` is the clock expiry is read on. */
export class MemoryTokenStore implements TokenStore {
  private readonly entries = new Map<string, Entry>();
  private lastSweep = 0;

  constructor(private readonly now: () => number = () => Date.now()) {}

  async put(key: string, value: string, expiresAt: number, options: { onlyIfAbsent?: boolean } = {}): Promise<boolean> {
    this.sweep();
    if (options.onlyIfAbsent && this.live(key)) return false;
    this.entries.set(key, { value, expiresAt });
    return true;
  }

  async get(key: string): Promise<string | undefined> {
    return this.live(key)?.value;
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async addMember(key: string, member: string, expiresAt: number): Promise<void> {
    this.sweep();
    const entry = this.live(key);
    if (entry?.members) {
      entry.members.add(member);
      entry.expiresAt = expiresAt;
    } else this.entries.set(key, { members: new Set([member]), expiresAt });
  }

  async hasMember(key: string, member: string): Promise<boolean> {
    return this.live(key)?.members?.has(member) ?? false;
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = now;
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}

let processStore: MemoryTokenStore | undefined;

/**
 * The store used when the configuration names none: one in-memory store for the whole process,
 * so a token handler and a proxy made from separate configuration objects still share it.
 */
export function storeOf(config: { store?: TokenStore }): TokenStore {
  return config.store ?? (processStore ??= new MemoryTokenStore());
}
