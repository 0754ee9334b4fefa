import type { TokenStore } from './store.js';

/**
 * What the Redis store needs of a client: node-redis's `sendCommand` (v4, v5 and v6 alike). The
 * merchant creates and connects the client (`createClient({ url }).connect()`), so the `redis`
 * package stays an optional peer dependency this entry never imports. For ioredis, pass
 * `{ sendCommand: (args) => redis.call(args[0], ...args.slice(1)) }`.
 */
export interface RedisCommandClient {
  sendCommand(args: string[]): Promise<unknown>;
}

export interface RedisTokenStoreOptions {
  client: RedisCommandClient;
  /** Put before every key, so the store can share a database; default `checkout-elements:`. */
  prefix?: string;
}

/** Adds a member and sets the set's expiry in one step, so no set is left without one. */
const ADD_MEMBER = "redis.call('SADD', KEYS[1], ARGV[1]); return redis.call('PEXPIREAT', KEYS[1], ARGV[2])";

/**
 * `TokenStore` on Redis (6.2 or later, for `SET ... PXAT`): what every instance of the merchant's
 * server shares. Expiry is Redis's own (`PXAT` / `PEXPIREAT`), so nothing is left behind.
 */
export class RedisTokenStore implements TokenStore {
  private readonly client: RedisCommandClient;
  private readonly prefix: string;

  constructor(options: RedisTokenStoreOptions) {
    this.client = options.client;
    this.prefix = options.prefix ?? 'checkout-elements:';
  }

  async put(key: string, value: string, expiresAt: number, options: { onlyIfAbsent?: boolean } = {}): Promise<boolean> {
    const args = ['SET', this.prefix + key, value, 'PXAT', String(Math.ceil(expiresAt))];
    if (options.onlyIfAbsent) args.push('NX');
    // SET answers OK, or nil when NX found the key.
    return (await this.client.sendCommand(args)) !== null;
  }

  async get(key: string): Promise<string | undefined> {
    const value = await this.client.sendCommand(['GET', this.prefix + key]);
    return value === null || value === undefined ? undefined : String(value);
  }

  async delete(key: string): Promise<void> {
    await this.client.sendCommand(['DEL', this.prefix + key]);
  }

  async addMember(key: string, member: string, expiresAt: number): Promise<void> {
    await this.client.sendCommand(['EVAL', ADD_MEMBER, '1', this.prefix + key, member, String(Math.ceil(expiresAt))]);
  }

  async hasMember(key: string, member: string): Promise<boolean> {
    // An integer reply (1 / 0) in every client version.
    return Number(await this.client.sendCommand(['SISMEMBER', this.prefix + key, member])) === 1;
  }
}
