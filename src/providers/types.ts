/**
 * Direct access to one provider API: what the token endpoint returned. The low-level call
 * functions of each provider take this, so the same code serves the browser and a merchant's
 * Node server.
 */
export interface ApiAccess {
  apiBase: string;
  token: string;
  /** Conomy's `x-api-key`. */
  apiKey?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}
