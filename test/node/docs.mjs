// The docs a merchant reads stay true and self-contained:
// - docs/elements.md is what scripts/docs.mjs makes of custom-elements.json (the build writes it
//   locally; in CI it is not rewritten, so a page committed stale fails here);
// - README.md, docs/ and the code (src/, demo/, test/, e2e/, scripts/, bench/) point nowhere outside the repository (no private spec, provider
//   notes or seed files a user who installs the package does not have);
// - public/mockServiceWorker.js is the worker of the installed msw (package.json denies msw's
//   postinstall, which would copy it, so a bump of msw must be followed by `npx msw init public`).
// `node test/node/docs.mjs` runs these checks alone; `npm test` counts them in its totals.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ELEMENTS_DOC, MANIFEST, elementsMarkdown } from '../../scripts/docs.mjs';

const THIS_FILE = fileURLToPath(import.meta.url);

/** Text that names a file outside the repository, or the private documents it came from. */
const OUTSIDE_REFERENCES = [
  // `../shared/` is fine where it is a folder of the repository (src/elements/shared).
  { pattern: /\.\.\/shared\b/, what: '../shared', unless: (file) => insideRepository(join(dirname(file), '../shared')) },
  { pattern: /\/work\/shared\b/, what: '/work/shared' },
  { pattern: /\bSPEC\.md\b/, what: 'SPEC.md' },
  { pattern: /\bSPEC\b/, what: 'the SPEC document' },
  { pattern: /\bproviders\.md\b/, what: 'providers.md' },
  { pattern: /\bseeds?\/|\[seed\]|\bseed 00\d|\bthe seed\b|\bseed's\b/i, what: 'the seed files' },
  { pattern: /\breference\/conomy-payment-api/, what: 'reference/conomy-payment-api.yaml' },
  { pattern: /\b(STYLE|TOOLCHAIN)\.md\b|\bhouse\.json\b/, what: 'the team notes' },
];

/** A folder of this repository (not a path that climbs out of it). */
function insideRepository(path) {
  const fromRoot = relative(process.cwd(), resolve(path));
  return !fromRoot.startsWith('..') && existsSync(path) && statSync(path).isDirectory();
}

const TEXT_FILE = /\.(md|ts|mts|js|mjs|css|html|json)$/;

function filesUnder(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...filesUnder(path));
    else if (TEXT_FILE.test(entry.name)) files.push(path);
  }
  return files;
}

/** Every line of `files` naming something outside the repository, as `file:line: what`. */
export function outsideReferences(files, read = (file) => readFileSync(file, 'utf8')) {
  const found = [];
  for (const file of files) {
    read(file)
      .split('\n')
      .forEach((line, index) => {
        for (const { pattern, what, unless } of OUTSIDE_REFERENCES) {
          if (pattern.test(line) && !unless?.(file)) found.push(`${file}:${index + 1}: ${what}: ${line.trim()}`);
        }
      });
  }
  return found;
}

export function docsChecks() {
  return [
    {
      name: 'docs/elements.md matches custom-elements.json',
      run() {
        const expected = elementsMarkdown(JSON.parse(readFileSync(MANIFEST, 'utf8')));
        const actual = readFileSync(ELEMENTS_DOC, 'utf8');
        if (actual === expected) return;
        const lines = actual.split('\n');
        const at = expected.split('\n').findIndex((line, index) => line !== lines[index]);
        throw new Error(
          `${ELEMENTS_DOC} is stale (first difference at line ${at + 1}): run npm run build (or npm run docs) and commit it`,
        );
      },
    },
    {
      name: 'README.md, docs/ and the code (src, demo, tests, scripts, benches) reference nothing outside the repository',
      run() {
        const code = ['src', 'demo', 'test', 'e2e', 'scripts', 'bench'].flatMap(filesUnder);
        // This file names the references it looks for.
        const files = ['README.md', ...filesUnder('docs'), ...code.filter((file) => resolve(file) !== THIS_FILE)];
        const found = outsideReferences(files);
        if (found.length) throw new Error(`say the fact, or point into docs/:\n${found.join('\n')}`);
      },
    },
    {
      name: 'custom-elements.json: every event has a name (the manifest schema requires one)',
      run() {
        const nameless = JSON.parse(readFileSync(MANIFEST, 'utf8')).modules.flatMap((module) =>
          (module.declarations ?? []).flatMap((declaration) =>
            (declaration.events ?? []).filter((event) => !event.name).map(() => `${module.path}: ${declaration.name}`),
          ),
        );
        if (nameless.length) throw new Error(`events without a name: ${nameless.join(', ')}`);
      },
    },
    {
      name: "public/mockServiceWorker.js is the installed msw's worker",
      run() {
        const installed = readFileSync('node_modules/msw/lib/mockServiceWorker.js', 'utf8');
        if (readFileSync('public/mockServiceWorker.js', 'utf8') !== installed) {
          throw new Error('the sandbox worker is stale: run npx msw init public and commit it');
        }
      },
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let failed = 0;
  for (const { name, run } of docsChecks()) {
    try {
      run();
      console.log(`  ✓ ${name}`);
    } catch (error) {
      failed++;
      console.log(`  ✗ ${name}\n${error.message}`);
    }
  }
  process.exit(failed ? 1 : 0);
}
