import { setupWorker, type SetupWorker } from 'msw/browser';
import { createSandbox, type Sandbox, type SandboxState } from '../../demo/sandbox/index.js';
import { TokenClient, type TokenRequest } from '../../src/core/token.js';
import type { ProviderId } from '../../src/core/status.js';

let worker: SetupWorker | undefined;

/**
 * Starts the msw worker once per test page and installs a fresh sandbox (empty state).
 * Call it in `beforeEach`: each test gets its own sessions, faults and request log. Pass a state
 * built on a FakeClock (`new SandboxState(() => clock.now())`) to share virtual time with the flow.
 */
export async function startSandbox(state?: SandboxState): Promise<Sandbox> {
  const sandbox = createSandbox(location.origin, state);
  if (!worker) {
    worker = setupWorker(...sandbox.handlers);
    await worker.start({
      quiet: true,
      onUnhandledRequest(request, print) {
        // Only calls meant for the sandbox must be handled; the test runner's own files pass through.
        if (new URL(request.url).pathname.startsWith('/sandbox/')) print.error();
      },
    });
  } else {
    worker.resetHandlers(...sandbox.handlers);
  }
  return sandbox;
}

/** A token client for the sandbox's merchant endpoint. */
export function sandboxToken(sandbox: Sandbox, provider: ProviderId, body: Partial<TokenRequest> = {}): TokenClient {
  return new TokenClient({ url: sandbox.tokenUrl, body: { provider, ...body } });
}
