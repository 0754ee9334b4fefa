import type { HttpHandler } from 'msw';
import type { SandboxContext } from './route.js';

/** Placeholder until the wewire sandbox is written. */
export function wewireHandlers(_ctx: SandboxContext): HttpHandler[] {
  return [];
}
