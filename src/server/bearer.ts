import * as conomy from '../providers/conomy-merchant.js';
import * as kamipay from '../providers/kamipay.js';
import { nowOf, transportOf, type CheckoutServerConfig, type ConomyConfig, type KamipayConfig } from './config.js';

/** The merchant's own bearer tokens: kamiPay `POST /auth/token`, Conomy `POST /auth`. */

export interface Bearer {
  token: string;
  /** Epoch ms. */
  expiresAt: number;
}

export async function kamipayToken(config: CheckoutServerConfig, settings: KamipayConfig): Promise<Bearer> {
  const api = { apiBase: settings.apiBase, ...transportOf(config) };
  const { access_token } = await kamipay.authenticate(api, settings.username, settings.password);
  const expiresAt = jwtExpiry(access_token) ?? nowOf(config)() + (settings.tokenLifetimeSeconds ?? 3600) * 1000;
  return { token: access_token, expiresAt };
}

export async function conomyToken(config: CheckoutServerConfig, settings: ConomyConfig): Promise<Bearer> {
  const api = { apiBase: settings.apiBase, apiKey: settings.apiKey, ...transportOf(config) };
  const auth = await conomy.authenticate(api, settings.clientId, settings.clientSecret);
  return { token: auth.accessToken, expiresAt: nowOf(config)() + auth.expiresIn * 1000 };
}

/** The `exp` of a JWT, in epoch ms; undefined for any other token. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '=');
    const exp = (JSON.parse(atob(base64)) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
