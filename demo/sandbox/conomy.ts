import type { HttpHandler } from 'msw';
import type { SandboxContext } from './route.js';
import type { SandboxState } from './state.js';

/** Placeholder until the conomy sandbox is written. */
export function conomyHandlers(_ctx: SandboxContext): HttpHandler[] {
  return [];
}

export function createPaymentLinkToken(state: SandboxState, _body: Record<string, unknown>): string {
  return state.nextId('plt_');
}
