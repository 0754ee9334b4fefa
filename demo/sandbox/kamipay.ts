import type { HttpHandler } from 'msw';
import type { SandboxContext } from './route.js';

/** Placeholder until the kamipay sandbox is written. */
export function kamipayHandlers(_ctx: SandboxContext): HttpHandler[] {
  return [];
}
