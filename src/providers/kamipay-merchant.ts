/**
 * The kamiPay call for the merchant's server, never the browser: `/auth/token` takes the merchant's
 * credentials. A module of its own (kamipay.ts re-exports it for the public `kamipay` namespace) so
 * the script-tag bundle, which never authenticates, does not carry its token schema.
 * Endpoint and fields: docs/providers/kamipay.md.
 */
import { z, lenient, nonEmptyString } from '../core/validate.js';
import { callApi } from './shared.js';
import type { ApiAccess } from './types.js';

export const kamipayTokenSchema = z.looseObject({
  access_token: nonEmptyString,
  token_type: lenient(z.string()),
});

export type KamipayToken = z.infer<typeof kamipayTokenSchema>;

/** Exchanges the merchant's credentials for a bearer token (a JWT). */
export async function authenticate(
  api: Omit<ApiAccess, 'token'>,
  username: string,
  password: string,
  signal?: AbortSignal,
): Promise<KamipayToken> {
  // No bearer yet: only the fetch and timeout of the access apply.
  return callApi(
    api,
    { method: 'POST', path: '/auth/token', form: { username, password }, schema: kamipayTokenSchema },
    signal,
  );
}
