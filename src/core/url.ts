import { CheckoutError } from './errors.js';

const LOOPBACK_V4 = /^127(\.\d{1,3}){3}$/;

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || LOOPBACK_V4.test(hostname);
}

/** `url` made absolute against `base`, or undefined when it is no URL at all. */
export function absoluteUrl(url: string, base?: string): string | undefined {
  try {
    return new URL(url, base).href;
  } catch {
    return undefined;
  }
}

/**
 * docs/security.md: only `https:` URLs, and `http:` on loopback hosts, are opened, redirected to,
 * or put in a QR of a link.
 */
export function isSafeUrl(url: string, base?: string): boolean {
  try {
    const parsed = new URL(url, base);
    return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname));
  } catch {
    return false;
  }
}

/** The absolute URL, or a `config` error naming what it was for. */
export function safeUrl(url: string, what: string, base?: string): string {
  if (!isSafeUrl(url, base)) {
    throw new CheckoutError('config', `Refused to use ${what}: only https URLs (or http on localhost) are allowed.`);
  }
  return new URL(url, base).toString();
}
