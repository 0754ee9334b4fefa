import type { IncomingMessage, ServerResponse } from 'node:http';

/** A Connect/Express-style middleware: what Vite's dev server, Express and plain `node:http` all accept. */
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** A request whose JSON body a body parser already read (Express `express.json()`, the Vite plugin). */
export type RequestWithBody = IncomingMessage & { body?: unknown };

/** Bodies above this size are refused: nothing here needs more than a cart. */
export const MAX_BODY_BYTES = 256 * 1024;

export class BodyTooLargeError extends Error {}

/** The raw body, refused past `limit` bytes (then the socket is left to close). */
export async function readRawBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLargeError(`body larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The JSON body (or `req.body` if a parser ran already); undefined when empty; throws SyntaxError when not JSON. */
export async function readJsonBody(req: RequestWithBody): Promise<unknown> {
  if (req.body !== undefined) return req.body;
  const text = (await readRawBody(req)).toString('utf8');
  return text.trim() ? JSON.parse(text) : undefined;
}

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

/** Node request → fetch `Request` (body read in full; no streaming needed for these APIs). */
export async function toFetchRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const method = (req.method ?? 'GET').toUpperCase();
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readRawBody(req);
  const { pathname, search } = requestPath(req);
  return new Request(`${origin}${pathname}${search}`, {
    method,
    headers,
    ...(body && body.length ? { body: new Uint8Array(body) } : {}),
  });
}

/** fetch `Response` → Node response; a network-error Response (`Response.error()`) drops the connection. */
export async function writeFetchResponse(
  res: ServerResponse,
  response: Response,
  extraHeaders: Record<string, string> = {},
): Promise<void> {
  if (response.type === 'error') {
    res.socket?.destroy();
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

/** Connect middleware: parses a JSON body into `req.body` (what `express.json()` does), refusing bad JSON with 400. */
export function jsonBody(): Middleware {
  return (req, res, next) => {
    readJsonBody(req as RequestWithBody).then(
      (body) => {
        (req as RequestWithBody).body = body;
        next();
      },
      (error: unknown) => {
        if (error instanceof SyntaxError) return sendJson(res, 400, { error: 'body is not JSON' });
        if (error instanceof BodyTooLargeError) return sendJson(res, 413, { error: error.message });
        next(error);
      },
    );
  };
}
