import type { SessionSnapshot } from './session.js';

/**
 * Keeps the flow's session (never a secret: no token) in sessionStorage so a reload during payment
 * resumes the same session instead of creating another one (docs/security.md: a resumable session
 * id may be kept in sessionStorage; no secret in localStorage).
 */
export interface ResumeRecord {
  session: Omit<SessionSnapshot, 'raw'>;
  ref: string;
  startedAt: number;
}

const PREFIX = 'checkout-elements:flow:';

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The page's sessionStorage, or undefined where there is none (Node, sandboxed iframes). */
export function pageSessionStorage(): KeyValueStorage | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    return undefined; // access throws in some sandboxed/opaque-origin frames
  }
}

export class ResumeStore {
  readonly #storage: KeyValueStorage | undefined;
  readonly #key: string;

  constructor(storage: KeyValueStorage | undefined, key: string) {
    this.#storage = storage;
    this.#key = PREFIX + key;
  }

  /**
   * The stored record if it is whole and its session has not run out (or it is the one the return
   * page names: the customer may come back after the end, and its outcome still counts);
   * otherwise it is dropped.
   */
  load(now: number, returnedRef?: string): ResumeRecord | undefined {
    try {
      const text = this.#storage?.getItem(this.#key);
      if (!text) return undefined;
      const record = JSON.parse(text) as ResumeRecord;
      const expiresAt = record.session?.expiresAt;
      if (record.session?.id && typeof record.ref === 'string' && (record.ref === returnedRef || !(expiresAt !== undefined && expiresAt <= now))) return record;
    } catch {
      // Not JSON, or storage blocked (then clearing fails quietly too).
    }
    this.clear();
    return undefined;
  }

  save(record: ResumeRecord): void {
    const { raw: _raw, ...session } = record.session as SessionSnapshot;
    try {
      this.#storage?.setItem(this.#key, JSON.stringify({ ...record, session }));
    } catch {
      // Storage full or blocked: resuming is a convenience, the flow goes on without it.
    }
  }

  clear(): void {
    try {
      this.#storage?.removeItem(this.#key);
    } catch {
      // see save()
    }
  }
}
