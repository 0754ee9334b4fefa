import { http, HttpResponse, delay, type HttpHandler } from 'msw';
import type { SandboxProvider, SandboxState, Fault, RecordedRequest } from './state.js';

export interface RouteArgs {
  request: Request;
  params: Record<string, string>;
  /** Parsed JSON body (or form fields as an object); undefined when empty. */
  body: unknown;
  query: URLSearchParams;
}

export type RouteResolver = (args: RouteArgs) => Response | Promise<Response>;

/** What each provider's handler file gets: the state, its base URL and the route wrapper. */
export interface SandboxContext {
  state: SandboxState;
  /** e.g. `http://localhost:8000/sandbox/kamipay` */
  base: string;
  /** Declares one endpoint of the provider, with request recording and fault injection. */
  route(method: 'get' | 'post' | 'delete' | 'patch', path: string, resolver: RouteResolver): HttpHandler;
}

/** Default error bodies, in each provider's own shape (docs/providers/). */
export function providerErrorBody(provider: SandboxProvider, status: number, message: string): unknown {
  switch (provider) {
    case 'kamipay':
      return status === 401
        ? { message: 'Unauthorized', request_id: '30e87ab5c1d2e3f4a5b6c7d8f8249f594cfb' }
        : { detail: message };
    case 'conomy':
      return { statusCode: status, error: httpReason(status), message };
    case 'wewire':
      return { statusCode: status, message };
    default:
      return { message, error: httpReason(status) };
  }
}

function httpReason(status: number): string {
  const reasons: Record<number, string> = {
    400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
    422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error',
    502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
  };
  return reasons[status] ?? 'Error';
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return HttpResponse.json(body as never, { status, headers });
}

export function errorResponse(provider: SandboxProvider, status: number, message: string): Response {
  return json(providerErrorBody(provider, status, message), status);
}

/** What a reverse proxy or CDN answers in front of a provider that is down (nginx's 502 page). */
export const HTML_ERROR_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

function faultResponse(provider: SandboxProvider, fault: Fault): Response | undefined {
  if (fault.network) return HttpResponse.error();
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers['Retry-After'] = fault.retryAfter;
  if (fault.body === 'malformed-json') {
    return new HttpResponse('{"status": "ok", "data": {', {
      status: fault.status ?? 200,
      headers: { ...headers, 'Content-Type': 'application/json' },
    });
  }
  if (fault.body === 'html') {
    return new HttpResponse(HTML_ERROR_PAGE, { status: fault.status ?? 200, headers: { ...headers, 'Content-Type': 'text/html' } });
  }
  if (fault.body === 'empty') return new HttpResponse(null, { status: fault.status ?? 200, headers });
  if (fault.body !== undefined) return json(fault.body, fault.status ?? 200, headers);
  if (fault.status !== undefined) {
    return json(providerErrorBody(provider, fault.status, 'Injected fault'), fault.status, headers);
  }
  return undefined;
}

async function readBody(request: Request): Promise<unknown> {
  const text = await request.clone().text();
  if (!text) return undefined;
  const type = request.headers.get('Content-Type') ?? '';
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function createContext(state: SandboxState, provider: SandboxProvider, base: string): SandboxContext {
  return {
    state,
    base,
    route(method, path, resolver) {
      return http[method](`${base}${path}`, async ({ request, params }) => {
        const url = new URL(request.url);
        const relative = url.pathname.slice(new URL(base).pathname.length) || '/';
        const body = await readBody(request);
        const headers: Record<string, string> = {};
        request.headers.forEach((value, key) => {
          headers[key] = value;
        });
        const recorded: RecordedRequest = {
          provider,
          method: request.method,
          url: request.url,
          path: relative,
          query: Object.fromEntries(url.searchParams),
          headers,
          body,
          at: state.now(),
        };
        state.requests.push(recorded);
        const fault = state.takeFault(provider, request.method, relative);
        if (fault?.delayMs) await delay(fault.delayMs);
        // The answer is what the provider says now; a test's hold decides when it reaches the page.
        const response =
          (fault && faultResponse(provider, fault)) ??
          (await resolver({ request, params: params as Record<string, string>, body, query: url.searchParams }));
        await state.delivery(recorded);
        return response;
      });
    },
  };
}

/** The bearer token of a request if the sandbox issued it, else undefined. */
export function bearer(request: Request, state: SandboxState): string | undefined {
  const header = request.headers.get('Authorization') ?? '';
  const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  return state.validTokens.has(token) ? token : undefined;
}
