import type { HttpHandler } from 'msw';
import type { SandboxContext } from './route.js';

/** Placeholder until the kaipay sandbox is written. */
export function kaipayHandlers(_ctx: SandboxContext): HttpHandler[] {
  return [];
}
