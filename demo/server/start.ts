import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createServer, type Plugin } from 'vite';
import { originOf } from './node-http.js';
import type { SandboxServer } from './sandbox-server.js';
import { DEMO_SERVER_PLUGIN, type DemoServerApi } from './vite-plugin.js';

export interface StartDemoServerOptions {
  /** Default 0: any free port. */
  port?: number;
  /** The project root holding vite.config.ts; default the current directory. */
  root?: string;
  /** Vite's log level; default `warn`. */
  logLevel?: 'info' | 'warn' | 'error' | 'silent';
  /**
   * Watch files (HMR, restart on a config dependency change). Default false: a restart would
   * replace the sandbox under a running test, and a reload would navigate its pages.
   */
  watch?: boolean;
}

export interface DemoServer {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  /** The server's sandbox (its `state`, `reset()`), the same one `/sandbox/_control/` acts on. */
  sandbox: SandboxServer;
  close(): Promise<void>;
}

/** The demo as `npm start` serves it (the project's vite.config.ts), on its own port: for e2e tests. */
export async function startDemoServer(options: StartDemoServerOptions = {}): Promise<DemoServer> {
  const root = resolve(options.root ?? process.cwd());
  const server = await createServer({
    configFile: resolve(root, 'vite.config.ts'),
    server: {
      port: options.port ?? 0,
      strictPort: options.port !== undefined,
      ...(options.watch ? {} : { watch: null, hmr: false }),
    },
    logLevel: options.logLevel ?? 'warn',
    clearScreen: false,
  });
  try {
    await server.listen();
    const plugin = server.config.plugins.find((candidate): candidate is Plugin<DemoServerApi> => candidate.name === DEMO_SERVER_PLUGIN);
    if (!plugin?.api) throw new Error(`vite.config.ts does not use the demo server plugin (${DEMO_SERVER_PLUGIN})`);
    const address = server.httpServer!.address() as AddressInfo;
    return { url: originOf(address.address, address.port), sandbox: plugin.api.sandbox, close: () => server.close() };
  } catch (error) {
    await server.close();
    throw error;
  }
}
