// `npm test`: every check the project has, one total at the end.
//   1. tsc (strict) over src, tests, demo, bench
//   2. the library build (dist/, custom-elements.json)
//   3. the browser tests (web-test-runner, headless Chromium), after building the framework apps
//   4. Node checks: SSR imports of every entry, the README's script-tag integrity, docs/elements.md
//      current and no reference outside the repository in README/docs/src; the size budget
//   5. the server entry's Node tests (test/node/*.node.ts: sandbox providers over HTTP, redis-server)
//   6. end-to-end tests (playwright-core driving Chromium through the demo server), when present
// Prints "N passed, N failed" as its last line and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { integrityCheck, ssrChecks } from '../test/node/ssr.mjs';
import { docsChecks } from '../test/node/docs.mjs';

const totals = { passed: 0, failed: 0 };
const failures = [];

function step(name, command, args) {
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  return result.status === 0;
}

function check(name, ok) {
  if (ok) totals.passed++;
  else {
    totals.failed++;
    failures.push(name);
  }
}

check('typecheck (tsc strict)', step('typecheck', 'npm', ['run', '--silent', 'typecheck']));
const built = step('build', 'npm', ['run', '--silent', 'build']);
check('build', built);

// The React 18, React 19 and Vue apps the framework checks load (built with Vite, in the run).
if (existsSync('scripts/build-framework-apps.mjs')) {
  check('framework apps build', step('framework apps build', 'node', ['scripts/build-framework-apps.mjs']));
}

const wtrResults = 'test-results/wtr.json';
rmSync(wtrResults, { force: true });
const wtrOk = step('browser tests', 'npx', ['wtr', '--config', 'web-test-runner.config.mjs']);
if (existsSync(wtrResults)) {
  const counts = JSON.parse(readFileSync(wtrResults, 'utf8'));
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  if (counts.failed) failures.push(`${counts.failed} browser test(s)`);
  if (!wtrOk && !counts.failed) check('browser test run', false);
} else check('browser test run', false);

console.log('\n▶ node checks');
// The docs checks read only files in the repository: they run (and count) even when the build failed.
const nodeChecks = [...(built ? [...ssrChecks(), integrityCheck()] : []), ...docsChecks()];
for (const { name, run } of nodeChecks) {
  try {
    await run();
    console.log(`  ✓ ${name}`);
    check(name, true);
  } catch (error) {
    console.log(`  ✗ ${name}\n${String(error.stderr ?? error.message ?? error).trim()}`);
    check(name, false);
  }
}
// The size budget: `npm run size` fails when dist/checkout-elements.js is over its gzip budget (BUDGET_GZIP_KIB).
if (built) check('size budget (npm run size)', step('size budget', 'npm', ['run', '--silent', 'size']));

/** A runner that writes its counts to `results` (node:test runs): they join the total. */
function countedStep(name, script, results, what) {
  rmSync(results, { force: true });
  const ok = step(name, 'node', [script]);
  if (existsSync(results)) {
    const counts = JSON.parse(readFileSync(results, 'utf8'));
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    if (counts.failed) failures.push(`${counts.failed} ${what}(s)`);
    if (!ok && !counts.failed) check(`${name} run`, false);
  } else check(`${name} run`, false);
}

countedStep('server tests (Node)', 'test/node/run.mjs', 'test-results/node.json', 'server test');
if (existsSync('e2e/run.mjs')) countedStep('end-to-end tests', 'e2e/run.mjs', 'test-results/e2e.json', 'end-to-end test');

if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed ? 1 : 0);
