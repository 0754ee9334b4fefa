// wtr serves node_modules as is; CommonJS/UMD-only packages (qrcode, jsqr) have no ES exports.
// This plugin answers an import of such a package with an esbuild bundle of it as an ES module,
// with the CommonJS exports as named exports and the module itself as the default export.
import { build } from 'esbuild';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function cjsToEsmPlugin(specifiers) {
  const cache = new Map();
  const prefix = '/__cjs__/';
  return {
    name: 'cjs-to-esm',
    resolveImport({ source }) {
      if (specifiers.includes(source)) return `${prefix}${encodeURIComponent(source)}.js`;
    },
    async serve(context) {
      if (!context.path.startsWith(prefix)) return;
      const specifier = decodeURIComponent(context.path.slice(prefix.length, -'.js'.length));
      if (!specifiers.includes(specifier)) return;
      if (!cache.has(specifier)) {
        const entry = require.resolve(specifier);
        const exported = require(entry);
        const names = typeof exported === 'object' || typeof exported === 'function'
          ? Object.keys(exported).filter((name) => IDENTIFIER.test(name) && name !== 'default')
          : [];
        const named = names.map((name) => `export const ${name} = m.${name};`).join('\n');
        const result = await build({
          stdin: {
            contents: `import * as ns from ${JSON.stringify(entry)};\nconst m = ns.default ?? ns;\nexport default m;\n${named}`,
            resolveDir: process.cwd(),
          },
          bundle: true,
          format: 'esm',
          platform: 'browser',
          write: false,
          mainFields: ['browser', 'module', 'main'],
        });
        cache.set(specifier, result.outputFiles[0].text);
      }
      return { body: cache.get(specifier), type: 'js' };
    },
  };
}
