// Runs after `vite build`: what the build writes besides the bundles.
// - dist/checkout-elements.js.integrity: the sha384 Subresource Integrity value of the script-tag
//   file, and the README's script-tag snippet (between the integrity markers) updated to it;
// - dist/vscode.html-custom-data.json: VS Code HTML custom data generated from custom-elements.json.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

export function integrityOf(file) {
  return `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;
}

export function scriptTagSnippet(integrity) {
  return [
    '```html',
    `<!-- checkout-elements ${pkg.version}: node_modules/checkout-elements/dist/checkout-elements.js, served by you -->`,
    `<script type="module" src="/assets/checkout-elements.js"`,
    `  integrity="${integrity}" crossorigin="anonymous"></script>`,
    '```',
  ].join('\n');
}

const START = '<!-- integrity:start -->';
const END = '<!-- integrity:end -->';

export function readmeWithIntegrity(readme, integrity) {
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from < 0 || to < from) throw new Error('README.md has no integrity markers');
  return `${readme.slice(0, from + START.length)}\n${scriptTagSnippet(integrity)}\n${readme.slice(to)}`;
}

function vscodeCustomData(manifest) {
  const tags = [];
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (!declaration.customElement || !declaration.tagName || declaration.tagName === 'checkout-qr') continue;
      tags.push({
        name: declaration.tagName,
        description: [declaration.summary, declaration.description].filter(Boolean).join('\n\n'),
        attributes: (declaration.attributes ?? []).map((attribute) => {
          const values = (attribute.type?.text ?? '')
            .split('|')
            .map((part) => part.trim())
            .filter((part) => /^'[^']*'$/.test(part))
            .map((part) => ({ name: part.slice(1, -1) }));
          return {
            name: attribute.name,
            description: attribute.description ?? '',
            ...(values.length ? { values } : {}),
            ...(attribute.type?.text === 'boolean' ? { valueSet: 'v' } : {}),
          };
        }),
        references: [{ name: 'README', url: 'https://www.npmjs.com/package/checkout-elements' }],
      });
    }
  }
  return { version: 1.1, tags };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const integrity = integrityOf('dist/checkout-elements.js');
  writeFileSync('dist/checkout-elements.js.integrity', `${integrity}\n`);
  // Locally the build keeps the README's snippet current; in CI a check compares them instead, so
  // a stale README fails rather than being fixed in a throwaway clone.
  if (!process.env.CI) writeFileSync('README.md', readmeWithIntegrity(readFileSync('README.md', 'utf8'), integrity));
  const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
  writeFileSync('dist/vscode.html-custom-data.json', `${JSON.stringify(vscodeCustomData(manifest), null, 2)}\n`);
  console.log(`checkout-elements.js integrity ${integrity}`);
}
