// Node tests of `checkout-elements/server` (test/node/*.node.ts): its handlers against the sandbox
// providers served over HTTP, and the Redis store against a real redis-server. The counts go to
// test-results/node.json for scripts/test.mjs. NODE_GREP=pattern runs only the matching tests.
import { runNodeTests } from '../../scripts/node-tests.mjs';

await runNodeTests({
  dir: 'test/node',
  suffix: '.node.ts',
  outdir: 'test-results/node-build',
  results: 'test-results/node.json',
  label: 'server, Node',
  grep: process.env.NODE_GREP,
});
