// Bundles the browser bench pages with esbuild (in memory) and serves them, with the project root
// and msw's worker, from a tiny static server on 127.0.0.1 (a free port).
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * One ES module per page, as the library ships: Lit's production build (the `production` export
 * condition) and `process.env.NODE_ENV` set for any dependency that reads it.
 */
export async function bundlePages(root, pages) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(pages.map((page) => [page, join(root, 'bench', 'pages', `${page}.ts`)])),
    outdir: join(root, 'bench', '.out'),
    write: false,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    tsconfig: join(root, 'tsconfig.json'),
    logLevel: 'warning',
  });
  const bundles = new Map();
  for (const file of result.outputFiles) bundles.set(file.path.slice(file.path.lastIndexOf(sep) + 1), file.text);
  return bundles;
}

function pageHtml(page) {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>bench: ${page}</title></head>
<body><script type="module" src="/bench/${page}.js"></script></body>
</html>
`;
}

/** Starts the server; resolves with its origin and a `close()`. */
export async function serve(root, bundles) {
  const rootDir = resolve(root);
  const server = createServer(async (request, response) => {
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      response.end(body);
    };
    try {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
      const page = /^\/bench\/([a-z-]+)\.(html|js)$/.exec(path);
      if (page && bundles.has(`${page[1]}.js`)) {
        return page[2] === 'html' ? send(200, pageHtml(page[1]), TYPES['.html']) : send(200, bundles.get(`${page[1]}.js`), TYPES['.js']);
      }
      // msw's worker, from the root so its scope covers the pages (as the tests serve it).
      if (path === '/mockServiceWorker.js') {
        return send(200, await readFile(join(rootDir, 'public', 'mockServiceWorker.js')), TYPES['.js']);
      }
      // A hosted checkout opened for real would navigate here, which msw cannot answer.
      if (/^\/sandbox\/[a-z]+\/hosted\//.test(path)) return send(200, '<!doctype html><title>Sandbox hosted checkout</title>', TYPES['.html']);
      const file = normalize(join(rootDir, path));
      if (!file.startsWith(rootDir + sep) || file.includes(`${sep}.`)) return send(404, 'not found');
      return send(200, await readFile(file), TYPES[extname(file)] ?? 'application/octet-stream');
    } catch {
      return send(404, 'not found');
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => {
      server.closeAllConnections();
      server.close(() => done());
    }),
  };
}
