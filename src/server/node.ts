/**
 * `toNodeListener(handler)`: a web-standard handler as a `node:http` listener or an Express /
 * Connect middleware. Typed structurally, so this entry needs no Node type definitions.
 */

/** What the listener reads of `http.IncomingMessage` (and of Express's request). */
export interface NodeRequest extends AsyncIterable<Uint8Array | string> {
  method?: string | undefined;
  url?: string | undefined;
  /** Express keeps the full path here when a router strips its mount path from `url`. */
  originalUrl?: string;
  headers: Record<string, string | string[] | undefined>;
  socket?: unknown;
  /** A body a parser already read (`express.json()`): sent on as JSON. */
  body?: unknown;
  readableEnded?: boolean;
}

/** What the listener writes of `http.ServerResponse`. */
export interface NodeResponse {
  headersSent: boolean;
  writeHead(status: number, headers: Record<string, string | string[]>): unknown;
  end(body?: Uint8Array): unknown;
  destroy(error?: Error): unknown;
}

export interface NodeListenerOptions {
  /** The origin of the Request URLs (`https://shop.example`); default from the `Host` header and the socket. */
  origin?: string;
}

export type WebHandler = (request: Request) => Promise<Response> | Response;

export type NodeListener = (req: NodeRequest, res: NodeResponse, next?: (error?: unknown) => void) => void;

export function toNodeListener(handler: WebHandler, options: NodeListenerOptions = {}): NodeListener {
  return (req, res, next) => {
    run(handler, options, req, res).catch((error: unknown) => {
      if (next) return next(error);
      if (res.headersSent) return res.destroy();
      res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(new TextEncoder().encode(JSON.stringify({ error: 'internal error' })));
    });
  };
}

async function run(handler: WebHandler, options: NodeListenerOptions, req: NodeRequest, res: NodeResponse): Promise<void> {
  const response = await handler(toRequest(req, options));
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  const body = new Uint8Array(await response.arrayBuffer());
  headers['content-length'] = String(body.byteLength);
  res.writeHead(response.status, headers);
  res.end(body);
}

export function toRequest(req: NodeRequest, options: NodeListenerOptions = {}): Request {
  const method = (req.method ?? 'GET').toUpperCase();
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const url = new URL(req.originalUrl ?? req.url ?? '/', options.origin ?? originOf(req));
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (method !== 'GET' && method !== 'HEAD') {
    if (req.body !== undefined && req.readableEnded !== false) {
      // A body parser consumed the stream: its result is all there is.
      // A raw parser (express.raw(), as webhooks need) leaves the bytes; a JSON one, an object.
      const body = req.body;
      init.body = typeof body === 'string' ? body : body instanceof Uint8Array ? new Uint8Array(body) : JSON.stringify(body);
      headers.delete('content-length');
    } else {
      init.body = streamOf(req);
      init.duplex = 'half';
    }
  }
  return new Request(url, init);
}

function originOf(req: NodeRequest): string {
  const encrypted = (req.socket as { encrypted?: unknown } | undefined)?.encrypted === true;
  const host = req.headers.host;
  return `${encrypted ? 'https' : 'http'}://${typeof host === 'string' && host ? host : 'localhost'}`;
}

function streamOf(req: NodeRequest): ReadableStream<Uint8Array> {
  const iterator = req[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : new Uint8Array(value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
