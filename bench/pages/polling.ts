// Status requests during a 10-minute pending kamiPay session, on a virtual clock, as the provider
// (the in-page sandbox) sees them: real `<session-status>` elements, real flows and poller, real
// HTTP through msw; only time is simulated (the poller's and flow's injectable clock).
import '../../src/define.js';
import { PollRegistry, browserCrossTab, type PollEnvironment } from '../../src/core/poll/index.js';
import type { SessionStatusElement } from '../../src/elements/session-status/session-status.js';
import { createCharge } from '../../src/providers/kamipay.js';
import { accessFrom } from '../../src/providers/shared.js';
import { SandboxState, type Sandbox } from '../../demo/sandbox/index.js';
import { FakeClock } from '../../test/support/fake-clock.js';
import { trackFetch } from '../../test/support/fetch-tracker.js';
import { sandboxToken, startSandbox } from '../../test/support/sandbox.js';
import { expose, until } from './support.js';

const SESSION_MS = 10 * 60_000;
const STATUS_PATH = '/v2/status/tx_status';

type Scenario = 'one' | 'five' | 'tabs';

/** A page's poll environment: visible, steady jitter, no wake events; `crossTab` as given. */
function environment(clock: FakeClock, crossTab: PollEnvironment['crossTab']): Partial<PollEnvironment> {
  return { clock, crossTab, random: () => 0.5, isHidden: () => false, onWake: () => () => undefined };
}

/** A charge the merchant's server made, pending for an hour (so it stays pending for the 10 minutes). */
async function pendingCharge(sandbox: Sandbox): Promise<string> {
  const grant = await sandboxToken(sandbox, 'kamipay').get();
  const charge = await createCharge(accessFrom(grant, {}), {
    store_id: 1, checkout_id: 1, amount: 1250, currency: 'BRL', expire: 3_600,
  });
  return charge.operation_id;
}

async function session(scenario: Scenario) {
  const tracker = trackFetch();
  const clock = new FakeClock(Date.now(), tracker.idle);
  const sandbox = await startSandbox(new SandboxState(() => clock.now()));
  const id = await pendingCharge(sandbox);
  const start = clock.now();
  const container = document.createElement('div');
  document.body.append(container);

  const follow = async (registry: PollRegistry): Promise<SessionStatusElement> => {
    const el = document.createElement('session-status');
    el.setAttribute('provider', 'kamipay');
    el.setAttribute('session-id', id);
    el.setAttribute('token-url', sandbox.tokenUrl);
    el.flowOverrides = { clock, registry, fetch: tracker.fetch };
    container.append(el);
    await until(() => el.status === 'pending', 'the session shown pending');
    return el;
  };

  const key = `kamipay:${id}`;
  if (scenario === 'tabs') {
    // Two tabs: two registries on one cross-tab channel (Web Locks + BroadcastChannel, for real).
    const channel = `checkout-elements:bench-${Date.now()}-${Math.random()}`;
    const tabA = new PollRegistry(environment(clock, browserCrossTab(channel)));
    const tabB = new PollRegistry(environment(clock, browserCrossTab(channel)));
    await follow(tabA);
    await until(() => tabA.isLeading(key), 'tab A leading');
    // The second tab joins as a follower: the leader replays its last reading to it (no request)
    // and keeps the lead; a joining tab never steals it.
    await follow(tabB);
    await until(() => tabA.isLeading(key) && !tabB.isLeading(key), 'tab A leading, tab B following');
  } else {
    const registry = new PollRegistry(environment(clock, null));
    const elements = scenario === 'five' ? 5 : 1;
    for (let i = 0; i < elements; i++) await follow(registry);
  }
  await clock.settle();

  await clock.advance(SESSION_MS);
  const gets = sandbox.state.requestsTo('kamipay', 'GET', STATUS_PATH).filter((request) => request.query.id === id);
  const stillPending = sandbox.state.session(id)?.outcome === 'pending';
  container.remove();
  await clock.settle();

  // Reads when an element attaches happen at the start (virtual time has not moved yet); every
  // later request is a check of the poll loop.
  const checks = gets.filter((request) => request.at > start);
  const instants = new Set(checks.map((request) => request.at));
  return {
    checks: checks.length,
    attachReads: gets.length - checks.length,
    total: gets.length,
    sameInstant: checks.length - instants.size,
    lastCheckAt: checks.length ? checks.at(-1)!.at - start : 0,
    stillPending,
    timersLeft: clock.pending,
  };
}

expose({
  run: (scenario) => session(scenario as Scenario),
});
