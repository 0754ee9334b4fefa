// wtr serves node_modules as is; CommonJS-only packages (qrcode) have no named ES exports.
// This plugin answers an import of such a package with an esbuild bundle of it as an ES module.
import { build } from 'esbuild';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function cjsToEsmPlugin(packages) {
  const cache = new Map();
  const prefix = '/__cjs__/';
  return {
    name: 'cjs-to-esm',
    resolveImport({ source }) {
      if (packages.includes(source)) return `${prefix}${source}.js`;
    },
    async serve(context) {
      if (!context.path.startsWith(prefix)) return;
      const name = context.path.slice(prefix.length, -'.js'.length);
      if (!cache.has(name)) {
        const entry = require.resolve(name);
        const result = await build({
          stdin: {
            contents: `import * as m from ${JSON.stringify(entry)}; export default m.default ?? m; export const toString = (m.default ?? m).toString, create = (m.default ?? m).create, toCanvas = (m.default ?? m).toCanvas, toDataURL = (m.default ?? m).toDataURL;`,
            resolveDir: process.cwd(),
          },
          bundle: true,
          format: 'esm',
          platform: 'browser',
          write: false,
          mainFields: ['browser', 'module', 'main'],
        });
        cache.set(name, result.outputFiles[0].text);
      }
      return { body: cache.get(name), type: 'js' };
    },
  };
}
