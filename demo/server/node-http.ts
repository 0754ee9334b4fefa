import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Node helpers of the demo's own sandbox server (sandbox-server.ts). The merchant side (token
 * endpoint, proxy, webhook) is the shipped `checkout-elements/server`, mounted with `toNodeListener`.
 */

/** A Connect/Express-style middleware: what Vite's dev server, Express and plain `node:http` all accept. */
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** Path and query of a request, whatever router mounted the handler (Connect strips its mount path from `req.url`). */
export function requestPath(req: IncomingMessage): { pathname: string; search: string; query: URLSearchParams } {
  const original = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  const url = new URL(original, 'http://local');
  return { pathname: url.pathname, search: url.search, query: url.searchParams };
}

/**
 * The origin the browser used to reach this server (its `Host` header). Only for URLs handed back
 * to that same browser; server-side calls never go to a host a request named.
 */
export function publicOrigin(req: IncomingMessage): string {
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const host = req.headers.host;
  return host ? `${encrypted ? 'https' : 'http'}://${host}` : localOrigin(req);
}

/** This server's own address (the socket it answered on): a safe target for server-to-self calls. */
export function localOrigin(req: IncomingMessage): string {
  const { localAddress, localPort } = req.socket;
  return originOf(localAddress ?? '127.0.0.1', localPort ?? 80);
}

export function originOf(address: string, port: number): string {
  const host = address.replace(/^::ffff:/, '');
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * fetch `Response` → Node response; a network-error Response (`Response.error()`) drops the
 * connection in the middle of an answer. Dropped before any answer, a browser quietly sends a GET
 * again on a new connection (the kept-alive one may just have been closed), so the page would
 * never see the fault.
 */
export async function writeFetchResponse(
  res: ServerResponse,
  response: Response,
  extraHeaders: Record<string, string> = {},
): Promise<void> {
  if (response.type === 'error') {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '64' });
    res.write('{', () => res.socket?.destroy());
    return;
  }
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    // The body is sent decoded and whole: its own length, no transfer or content encoding.
    if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name)) headers[name] = value;
  });
  res.writeHead(response.status, { ...headers, ...extraHeaders, 'Content-Length': body.length });
  res.end(body);
}
