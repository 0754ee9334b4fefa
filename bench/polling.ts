// `npm run bench:polling`: a 10-minute pending session on a virtual clock, counting the status
// requests and measuring the worst detection delay of each stage of the cadence.
import { sleep } from '../src/core/clock.js';
import {
  POLL_FAST_MS,
  POLL_FAST_UNTIL_MS,
  POLL_HIDDEN_MS,
  POLL_MEDIUM_MS,
  POLL_MEDIUM_UNTIL_MS,
  POLL_SLOW_MS,
  PollRegistry,
  type PollReading,
} from '../src/core/poll/index.js';
import { FakeClock } from '../test/support/fake-clock.js';

const SESSION_MS = 10 * 60_000;
const REQUEST_GOAL = 70;
/** Each status request takes this long, so overlapping requests would show. */
const LATENCY_MS = 300;

interface Outcome {
  /** Start of every check, ms since the session started, including one after the 10 minutes. */
  checks: number[];
  maxInFlight: number;
}

async function pendingSession(watchers: number, hidden = false): Promise<Outcome> {
  const clock = new FakeClock();
  const start = clock.now();
  const registry = new PollRegistry({
    clock,
    random: Math.random,
    isHidden: () => hidden,
    onWake: () => () => undefined,
    crossTab: null,
  });
  const checks: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const check = async (signal: AbortSignal): Promise<PollReading> => {
    checks.push(clock.now() - start);
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    try {
      await sleep(clock, LATENCY_MS, signal);
      return { status: 'pending' };
    } finally {
      inFlight--;
    }
  };
  const subscriptions = Array.from({ length: watchers }, () =>
    registry.watch('bench:pending', check, { onReading: () => undefined }, { startedAt: start }),
  );
  // Run past the end so the check that would see a change in the last seconds is known too.
  await clock.advance(SESSION_MS + POLL_HIDDEN_MS);
  subscriptions.forEach((subscription) => subscription.unsubscribe());
  return { checks, maxInFlight };
}

/** Worst wait, for a status change at any moment in [from, to), until the next check sees it. */
function maxDetectionDelay(checks: number[], from: number, to: number): number {
  let worst = 0;
  let previous = 0;
  for (const at of checks) {
    if (previous < to && at > from) worst = Math.max(worst, at - Math.max(previous, from));
    previous = at;
  }
  return worst;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
let failed = false;

function report(label: string, outcome: Outcome, goal: number): void {
  const count = outcome.checks.filter((at) => at <= SESSION_MS).length;
  failed ||= count > goal || outcome.maxInFlight > 1;
  console.log(`10-minute pending session, ${label}: ${count} status requests (goal ≤ ${goal}), `
    + `at most ${outcome.maxInFlight} in flight`);
}

for (const watchers of [1, 5]) {
  const outcome = await pendingSession(watchers);
  report(plural(watchers, 'watcher'), outcome, REQUEST_GOAL);
  const stages = [
    ['first minute', 0, POLL_FAST_UNTIL_MS, POLL_FAST_MS],
    ['until minute 3', POLL_FAST_UNTIL_MS, POLL_MEDIUM_UNTIL_MS, POLL_MEDIUM_MS],
    ['after minute 3', POLL_MEDIUM_UNTIL_MS, SESSION_MS, POLL_SLOW_MS],
  ] as const;
  for (const [name, from, to, goal] of stages) {
    const delay = maxDetectionDelay(outcome.checks, from, to);
    failed ||= delay > goal;
    console.log(`  max detection delay ${name}: ${seconds(delay)} (goal ≤ ${seconds(goal)})`);
  }
}

const hidden = await pendingSession(1, true);
report('page hidden', hidden, Math.floor(SESSION_MS / POLL_HIDDEN_MS));
const hiddenGap = Math.min(...hidden.checks.slice(1).map((at, i) => at - hidden.checks[i]!));
failed ||= hiddenGap < POLL_HIDDEN_MS;
console.log(`  shortest gap between checks while hidden: ${seconds(hiddenGap)} (goal ≥ ${seconds(POLL_HIDDEN_MS)})`);

if (failed) {
  console.log('goal missed');
  (globalThis as { process?: { exitCode?: number } }).process!.exitCode = 1;
}
