import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import {
  BACKOFF_MAX_MS,
  LEADER_PATIENCE_MS,
  MALFORMED_LIMIT,
  MALFORMED_WINDOW_MS,
  POLL_FAST_MS,
  POLL_HIDDEN_MS,
  POLL_MEDIUM_MS,
  POLL_SLOW_MS,
  PollRegistry,
  backoffDelay,
  browserCrossTab,
  pagePollRegistry,
  pollDelay,
  type PollEnvironment,
  type PollReading,
  type PollSubscription,
  type PollWatcher,
} from '../src/core/poll/index.js';
import { sleep } from '../src/core/clock.js';
import { CheckoutError, isAbortError } from '../src/core/errors.js';
import type { CheckoutStatus } from '../src/core/status.js';
import { FakeClock } from './support/fake-clock.js';

interface Reading extends PollReading {
  raw: { n: number };
}

/** The provider as the poller sees it: an injected check that counts and times every call. */
class FakeServer {
  status: CheckoutStatus = 'pending';
  latencyMs = 0;
  /** Thrown by the next checks, one per check. */
  failures: unknown[] = [];
  readonly starts: number[] = [];
  readonly signals: AbortSignal[] = [];
  inFlight = 0;
  maxInFlight = 0;

  constructor(private readonly clock: FakeClock) {}

  readonly check = async (signal: AbortSignal): Promise<Reading> => {
    const n = this.starts.push(this.clock.now());
    this.signals.push(signal);
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    try {
      if (this.latencyMs) await sleep(this.clock, this.latencyMs, signal);
      if (this.failures.length) throw this.failures.shift();
      return { status: this.status, raw: { n } };
    } finally {
      this.inFlight--;
    }
  };

  /** Gaps between consecutive check starts. */
  gaps(from = 0): number[] {
    return this.starts.slice(from + 1).map((at, i) => at - this.starts[from + i]!);
  }
}

/** The page's visibility and wake events, under the test's control (injected, not mocked). */
class FakePage {
  hidden = false;
  private readonly wakeListeners = new Set<() => void>();
  private readonly hiddenListeners = new Set<() => void>();

  env(clock: FakeClock, extra: Partial<PollEnvironment> = {}): Partial<PollEnvironment> {
    return {
      clock,
      random: () => 0.5,
      isHidden: () => this.hidden,
      onWake: (listener) => this.subscribe(this.wakeListeners, listener),
      onHiddenChange: (listener) => this.subscribe(this.hiddenListeners, listener),
      crossTab: null,
      ...extra,
    };
  }

  setHidden(hidden: boolean): void {
    this.hidden = hidden;
    this.hiddenListeners.forEach((listener) => listener());
    if (!hidden) this.wake();
  }

  wake(): void {
    this.wakeListeners.forEach((listener) => listener());
  }

  get listening(): number {
    return this.wakeListeners.size + this.hiddenListeners.size;
  }

  private subscribe(set: Set<() => void>, listener: () => void): () => void {
    set.add(listener);
    return () => set.delete(listener);
  }
}

/** A watcher that writes down everything it hears. */
function recorder() {
  const events: string[] = [];
  const readings: Reading[] = [];
  const errors: CheckoutError[] = [];
  const watcher: PollWatcher<Reading> = {
    onReading: (reading) => {
      readings.push(reading);
      events.push(`reading:${reading.status}`);
    },
    onTransientError: (error) => {
      errors.push(error);
      events.push(`transient:${error.code}`);
    },
    onRecovered: () => events.push('recovered'),
    onFatalError: (error) => {
      errors.push(error);
      events.push(`fatal:${error.code}`);
    },
  };
  return { events, readings, errors, watcher };
}

const SECOND = 1_000;
const MINUTE = 60_000;
let keys = 0;
const uniqueKey = () => `kamipay:poll-${Date.now()}-${++keys}`;

function tooManyRequests(retryAfter: number): CheckoutError {
  return new CheckoutError('provider_error', 'Too many requests', { retryable: true, httpStatus: 429, retryAfter });
}

function unavailable(): CheckoutError {
  return new CheckoutError('provider_error', 'Service unavailable', { retryable: true, httpStatus: 503 });
}

describe('poller', () => {
  let clock: FakeClock;
  let server: FakeServer;
  let page: FakePage;
  let registry: PollRegistry;
  let start: number;

  beforeEach(() => {
    clock = new FakeClock();
    start = clock.now();
    server = new FakeServer(clock);
    page = new FakePage();
    registry = new PollRegistry(page.env(clock));
  });

  describe('cadence', () => {
    it('waits 2 s in the first minute, 10 s until minute 3, 15 s after', () => {
      expect([0, 59_999, 60_000, 179_999, 180_000, 3_600_000].map(pollDelay)).to.deep.equal([
        POLL_FAST_MS, POLL_FAST_MS, POLL_MEDIUM_MS, POLL_MEDIUM_MS, POLL_SLOW_MS, POLL_SLOW_MS,
      ]);
      expect([POLL_FAST_MS, POLL_MEDIUM_MS, POLL_SLOW_MS]).to.deep.equal([2_000, 10_000, 15_000]);
    });

    it('a 10-minute pending session: every gap within its stage bound, 70 requests', async () => {
      const { readings, watcher } = recorder();
      const subscription = registry.watch('kamipay:ten', server.check, watcher, { startedAt: start });
      await clock.advance(POLL_FAST_MS - 1);
      expect(server.starts, 'not immediately').to.have.length(0);
      await clock.advance(10 * MINUTE - (POLL_FAST_MS - 1));

      expect(server.starts[0]! - start).to.equal(POLL_FAST_MS);
      server.starts.forEach((at, i) => {
        if (i === 0) return;
        const age = server.starts[i - 1]! - start;
        const bound = age < MINUTE ? 2 * SECOND : age < 3 * MINUTE ? 10 * SECOND : 15 * SECOND;
        expect(at - server.starts[i - 1]!, `gap after the check at ${age} ms`).to.be.at.most(bound);
      });
      const stageCounts = [
        server.starts.filter((at) => at - start <= MINUTE).length,
        server.starts.filter((at) => at - start > MINUTE && at - start <= 3 * MINUTE).length,
        server.starts.filter((at) => at - start > 3 * MINUTE).length,
      ];
      expect(stageCounts).to.deep.equal([30, 12, 28]);
      expect(server.starts.length).to.be.at.most(70);
      expect(server.starts.length).to.equal(70);
      expect(server.starts.at(-1)! - start).to.equal(10 * MINUTE);
      expect(readings.map((r) => r.raw.n)).to.deep.equal(server.starts.map((_, i) => i + 1));
      subscription.unsubscribe();
      expect(clock.pending).to.equal(0);
    });

    it('a session resumed at minute 5 polls every 15 s, first check after 15 s', async () => {
      registry.watch('kaipay:resumed', server.check, recorder().watcher, { startedAt: start - 5 * MINUTE });
      await clock.advance(MINUTE);
      expect(server.starts.map((at) => at - start)).to.deep.equal([15, 30, 45, 60].map((s) => s * SECOND));
    });
  });

  describe('sharing', () => {
    it('5 watchers: one request in flight, every watcher gets every reading', async () => {
      server.latencyMs = 500;
      const watchers = Array.from({ length: 5 }, () => recorder());
      const subscriptions = watchers.map((w) => registry.watch('conomy:five', server.check, w.watcher));
      expect(registry.activeKeys).to.deep.equal(['conomy:five']);

      const answers = Promise.all(subscriptions.map((s) => s.checkNow()));
      await clock.advance(500);
      const readings = await answers;
      expect(server.starts).to.have.length(1);
      expect(new Set(readings).size, 'one shared reading').to.equal(1);

      await clock.advance(3 * MINUTE);
      expect(server.maxInFlight).to.equal(1);
      expect(server.starts.length).to.be.greaterThan(40);
      for (const { readings: heard } of watchers) {
        expect(heard.map((r) => r.raw.n)).to.deep.equal(server.starts.map((_, i) => i + 1));
      }
    });

    it('a watcher joining later gets the last reading at once, after watch() returned', async () => {
      registry.watch('wewire:join', server.check, recorder().watcher);
      await clock.advance(3 * POLL_FAST_MS);
      const late = recorder();
      registry.watch('wewire:join', server.check, late.watcher);
      expect(late.readings, 'not synchronously').to.have.length(0);
      await clock.settle();
      expect(late.readings.map((r) => r.raw.n)).to.deep.equal([3]);
      expect(server.starts).to.have.length(3);
    });

    it('checkNow({ since }): a reading from a check that started then or later answers at once; an older one does not', async () => {
      const first = registry.watch('kamipay:since', server.check, recorder().watcher);
      await clock.advance(POLL_FAST_MS);
      expect(server.starts.map((at) => at - start)).to.deep.equal([POLL_FAST_MS]);
      const joining = registry.watch('kamipay:since', server.check, recorder().watcher);
      expect((await joining.checkNow({ since: -Infinity })).raw.n, 'any reading will do').to.equal(1);
      expect((await first.checkNow({ since: start + POLL_FAST_MS })).raw.n, 'one that started then').to.equal(1);
      expect(server.starts).to.have.length(1);
      await clock.advance(1);
      const later = joining.checkNow({ since: start + POLL_FAST_MS + 1 });
      await clock.settle();
      expect((await later).raw.n, 'asked after the last check started: a new one').to.equal(2);
      expect(server.starts.map((at) => at - start)).to.deep.equal([POLL_FAST_MS, POLL_FAST_MS + 1]);
    });

    it('a terminal status reaches every watcher once and stops the loop', async () => {
      const watchers = [recorder(), recorder(), recorder()];
      watchers.forEach((w) => registry.watch('kamipay:paid', server.check, w.watcher));
      await clock.advance(2 * POLL_FAST_MS);
      server.status = 'succeeded';
      await clock.advance(POLL_FAST_MS);
      for (const { events } of watchers) {
        expect(events).to.deep.equal(['reading:pending', 'reading:pending', 'reading:succeeded']);
      }
      expect(clock.pending).to.equal(0);
      expect(registry.activeKeys).to.deep.equal([]);
      expect(page.listening, 'page listeners removed').to.equal(0);
      await clock.advance(10 * MINUTE);
      expect(server.starts).to.have.length(3);
    });

    it('the last watcher leaving aborts the check in flight; its result reaches nobody', async () => {
      let settle: (reading: Reading) => void = () => undefined;
      const signals: AbortSignal[] = [];
      const check = (signal: AbortSignal) => {
        signals.push(signal);
        return new Promise<Reading>((resolve) => (settle = resolve)); // ignores the signal on purpose
      };
      const first = recorder();
      const second = recorder();
      const a = registry.watch('kaipay:leave', check, first.watcher);
      const b = registry.watch('kaipay:leave', check, second.watcher);
      await clock.advance(POLL_FAST_MS);
      expect(signals).to.have.length(1);
      const answer = b.checkNow().catch((error: unknown) => error);

      a.unsubscribe();
      expect(signals[0]!.aborted, 'a watcher remains').to.be.false;
      b.unsubscribe();
      expect(signals[0]!.aborted).to.be.true;
      expect(isAbortError(await answer)).to.be.true;

      settle({ status: 'succeeded', raw: { n: 1 } });
      await clock.settle();
      expect(first.events).to.deep.equal([]);
      expect(second.events).to.deep.equal([]);
      expect(clock.pending).to.equal(0);
      expect(registry.activeKeys).to.deep.equal([]);
      await clock.advance(5 * MINUTE);
      expect(signals).to.have.length(1);
    });

    it('the loop goes on with the check of a remaining watcher', async () => {
      const other = new FakeServer(clock);
      const first = registry.watch('wewire:handoff', server.check, recorder().watcher);
      const second = recorder();
      registry.watch('wewire:handoff', other.check, second.watcher);
      await clock.advance(POLL_FAST_MS);
      first.unsubscribe();
      await clock.advance(POLL_FAST_MS);
      expect([server.starts.length, other.starts.length]).to.deep.equal([1, 1]);
      expect(second.readings).to.have.length(2);
    });
  });

  describe('errors', () => {
    it('honours Retry-After: no check, wake or checkNow before 20 s', async () => {
      const { events, errors, watcher } = recorder();
      const subscription = registry.watch('conomy:busy', server.check, watcher, { startedAt: start });
      server.failures = [tooManyRequests(20 * SECOND)];
      await clock.advance(POLL_FAST_MS);
      expect(errors.map((e) => [e.code, e.httpStatus, e.retryable])).to.deep.equal([['provider_error', 429, true]]);

      await clock.advance(5 * SECOND);
      page.wake();
      const answer = subscription.checkNow();
      await clock.advance(15 * SECOND - 1);
      expect(server.starts, 'nothing before the 20 s').to.have.length(1);
      await clock.advance(1);
      expect(server.starts.map((at) => at - start)).to.deep.equal([2 * SECOND, 22 * SECOND]);
      expect((await answer).raw.n).to.equal(2);
      expect(events).to.deep.equal(['transient:provider_error', 'recovered', 'reading:pending']);
    });

    for (const [random, gaps] of [
      [0, [2_000, 2_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000]],
      [0.5, [2_000, 2_000, 3_000, 6_000, 12_000, 22_500, 22_500, 22_500]],
      [1, [2_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]],
    ] as const) {
      it(`backs off on 503 with jitter (random ${random}), capped at 30 s, then recovers`, async () => {
        registry = new PollRegistry(page.env(clock, { random: () => random }));
        const { events, watcher } = recorder();
        registry.watch('kaipay:down', server.check, watcher, { startedAt: start });
        server.failures = Array.from({ length: 8 }, unavailable);
        await clock.advance(3 * MINUTE);
        // The first two stay at the 2 s cadence: a backoff never makes polling faster than normal.
        expect(server.gaps().slice(0, 8)).to.deep.equal(gaps);
        expect(Math.max(...server.gaps().slice(0, 8))).to.be.at.most(BACKOFF_MAX_MS);
        expect(events.slice(0, 10)).to.deep.equal([
          ...Array.from({ length: 8 }, () => 'transient:provider_error'), 'recovered', 'reading:pending',
        ]);
        expect(events.filter((e) => e === 'recovered')).to.have.length(1);
        // Back to the normal cadence after recovery.
        const after = server.starts.slice(8);
        expect(after.length).to.be.greaterThan(3);
        after.slice(1).forEach((at, i) => expect(at - after[i]!).to.equal(pollDelay(after[i]! - start)));
      });
    }

    it('backoff delays grow, stay within [half, whole] of the step, and cap', () => {
      const steps = [1, 2, 3, 4, 5, 6, 7, 20].map((n) => [backoffDelay(n, () => 0), backoffDelay(n, () => 1)]);
      expect(steps).to.deep.equal([
        [500, 1_000], [1_000, 2_000], [2_000, 4_000], [4_000, 8_000], [8_000, 16_000],
        [15_000, 30_000], [15_000, 30_000], [15_000, 30_000],
      ]);
    });

    it('a non-retryable error pauses polling until checkNow resumes it', async () => {
      const { events, watcher } = recorder();
      const subscription = registry.watch('wewire:bad', server.check, watcher, { startedAt: start });
      server.failures = [new CheckoutError('provider_error', 'Bad request', { httpStatus: 400 })];
      await clock.advance(POLL_FAST_MS);
      expect(events).to.deep.equal(['fatal:provider_error']);
      expect(clock.pending).to.equal(0);
      page.wake();
      await clock.advance(5 * MINUTE);
      expect(server.starts, 'paused').to.have.length(1);

      const answer = subscription.checkNow();
      await clock.settle();
      expect(server.starts.map((at) => at - start)).to.deep.equal([2 * SECOND, 302 * SECOND]);
      expect((await answer).status).to.equal('pending');
      await clock.advance(POLL_SLOW_MS);
      expect(server.starts).to.have.length(3);
      expect(events).to.deep.equal(['fatal:provider_error', 'recovered', 'reading:pending', 'reading:pending']);
    });

    it('an answer it cannot read is transient (backoff) until MALFORMED_LIMIT in a row, then fatal', async () => {
      const { events, errors, watcher } = recorder();
      const subscription = registry.watch('kamipay:odd', server.check, watcher, { startedAt: start });
      server.failures = [new TypeError('cannot read status')];
      const error = await subscription.checkNow().catch((e: unknown) => e);
      expect(error).to.be.instanceOf(CheckoutError);
      expect([(error as CheckoutError).code, (error as CheckoutError).retryable]).to.deep.equal(['invalid_response', true]);
      expect(errors).to.deep.equal([error]);

      // A good answer ends the streak; then MALFORMED_LIMIT bad ones in a row stop the loop.
      await clock.advance(BACKOFF_MAX_MS);
      const malformed = () => new CheckoutError('invalid_response', 'Unexpected body');
      server.failures = Array.from({ length: MALFORMED_LIMIT }, malformed);
      await clock.advance(5 * MINUTE);
      const afterRecovery = events.lastIndexOf('reading:pending') + 1;
      expect(events.slice(0, 3)).to.deep.equal(['transient:invalid_response', 'recovered', 'reading:pending']);
      expect(events.slice(afterRecovery)).to.deep.equal([
        ...Array(MALFORMED_LIMIT - 1).fill('transient:invalid_response'),
        'fatal:invalid_response',
      ]);
      const checks = server.starts.length;
      await clock.advance(5 * MINUTE);
      expect(server.starts.length, 'paused after the streak').to.equal(checks);
      expect(clock.pending).to.equal(0);
    });

    it('a streak of unreadable answers lasting MALFORMED_WINDOW_MS is fatal before the count', async () => {
      const { events, watcher } = recorder();
      registry = new PollRegistry(page.env(clock, { random: () => 1 }));
      registry.watch('kamipay:slow-odd', server.check, watcher, { startedAt: start });
      server.latencyMs = 20 * SECOND;
      server.failures = Array.from({ length: MALFORMED_LIMIT }, () => new CheckoutError('invalid_response', 'Unexpected body'));
      await clock.advance(10 * MINUTE);
      // Checks start at 2, 23, 45 and 69 s (20 s each, backoff 1, 2, 4 s): the fourth starts 67 s into the streak.
      expect(server.starts.map((at) => (at - start) / SECOND)).to.deep.equal([2, 23, 45, 69]);
      expect(MALFORMED_WINDOW_MS).to.equal(MINUTE);
      expect(events).to.deep.equal([...Array(3).fill('transient:invalid_response'), 'fatal:invalid_response']);
    });
  });

  describe('page visibility', () => {
    it('hidden: at most one check per 30 s; visible again: a check at once', async () => {
      page.hidden = true;
      registry.watch('conomy:hidden', server.check, recorder().watcher, { startedAt: start });
      await clock.advance(5 * MINUTE);
      expect(server.starts).to.have.length(10);
      expect(server.gaps().every((gap) => gap >= POLL_HIDDEN_MS)).to.be.true;

      await clock.advance(10 * SECOND);
      page.setHidden(false);
      await clock.settle();
      expect(server.starts.at(-1)! - start).to.equal(5 * MINUTE + 10 * SECOND);
      await clock.advance(POLL_SLOW_MS);
      expect(server.starts.at(-1)! - start, 'the chain goes on from there').to.equal(5 * MINUTE + 25 * SECOND);
    });

    it('becoming hidden stretches the timer already set', async () => {
      registry.watch('kaipay:tab', server.check, recorder().watcher, { startedAt: start });
      await clock.advance(2 * POLL_FAST_MS + 500);
      page.setHidden(true);
      await clock.advance(POLL_HIDDEN_MS - 500);
      expect(server.starts.map((at) => at - start)).to.deep.equal([2_000, 4_000, 34_000]);
    });

    it('a timer set while visible does not fire early if nobody reported the page hidden', async () => {
      registry = new PollRegistry(page.env(clock, { onHiddenChange: undefined }));
      registry.watch('kaipay:quiet', server.check, recorder().watcher, { startedAt: start });
      await clock.advance(POLL_FAST_MS + 500);
      page.hidden = true;
      await clock.advance(MINUTE);
      expect(server.starts.map((at) => at - start)).to.deep.equal([2_000, 32_000, 62_000]);
    });

    it('wake checks at once, sharing a check already in flight', async () => {
      server.latencyMs = 1_000;
      registry.watch('wewire:wake', server.check, recorder().watcher, { startedAt: start - 5 * MINUTE });
      await clock.advance(POLL_SLOW_MS + 500);
      page.wake();
      await clock.advance(3 * SECOND);
      expect(server.starts.map((at) => at - start)).to.deep.equal([15_000], 'in flight: shared');
      page.wake();
      await clock.advance(POLL_SLOW_MS);
      expect(server.starts.map((at) => at - start)).to.deep.equal([15_000, 18_500, 33_500]);
      expect(server.maxInFlight).to.equal(1);
    });

    it('online while hidden still waits for the hidden interval', async () => {
      page.hidden = true;
      registry.watch('kamipay:night', server.check, recorder().watcher, { startedAt: start });
      await clock.advance(POLL_HIDDEN_MS + 5 * SECOND);
      page.wake();
      await clock.settle();
      expect(server.starts.map((at) => at - start)).to.deep.equal([30_000]);
    });
  });

  describe('default page environment', () => {
    it('a real online event on window checks at once', async () => {
      const pageRegistry = new PollRegistry();
      const key = uniqueKey();
      let checks = 0;
      const subscription = pageRegistry.watch(key, async () => {
        checks++;
        return { status: 'pending' as const };
      }, { onReading: () => undefined });
      await waitUntil(() => pageRegistry.isLeading(key), 'this tab takes the Web Lock');
      const before = Date.now();
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => checks === 1, 'online → a check', { timeout: POLL_FAST_MS / 2 });
      expect(Date.now() - before).to.be.below(POLL_FAST_MS);
      subscription.unsubscribe();
      expect(pageRegistry.activeKeys).to.deep.equal([]);
    });

    it('pagePollRegistry is one registry per page', () => {
      expect(pagePollRegistry()).to.equal(pagePollRegistry());
      expect(pagePollRegistry()).to.be.instanceOf(PollRegistry);
    });
  });

  describe('across tabs (two registries on one channel)', () => {
    let pageA: FakePage;
    let pageB: FakePage;
    let tabA: PollRegistry;
    let tabB: PollRegistry;
    let key: string;

    beforeEach(() => {
      const channel = `checkout-elements:poll-test-${Date.now()}-${++keys}`;
      pageA = new FakePage();
      pageB = new FakePage();
      tabA = new PollRegistry(pageA.env(clock, { crossTab: browserCrossTab(channel) }));
      tabB = new PollRegistry(pageB.env(clock, { crossTab: browserCrossTab(channel) }));
      key = uniqueKey();
    });

    // A failed test must not leave a loop holding the lock or polling into the next test.
    let opened: PollSubscription<Reading>[] = [];
    afterEach(() => {
      opened.forEach((subscription) => subscription.unsubscribe());
      opened = [];
    });
    const watchIn = (tab: PollRegistry, watcher: PollWatcher<Reading>, startedAt = start) => {
      const subscription = tab.watch(key, server.check, watcher, { startedAt });
      opened.push(subscription);
      return subscription;
    };

    const readingNumbers = (readings: Reading[]) => readings.map((r) => r.raw.n);
    const allChecks = () => server.starts.map((_, i) => i + 1);

    it('one loop, one request in flight, both get every reading, handover when the leader leaves', async () => {
      const a = recorder();
      const b = recorder();
      const subA = watchIn(tabA, a.watcher);
      await waitUntil(() => tabA.isLeading(key));
      await clock.advance(POLL_FAST_MS);

      // B joins: A (visible) keeps the lead, B hears A's last reading at once, without a request.
      const subB = watchIn(tabB, b.watcher);
      await waitUntil(() => b.readings.length === 1, 'B gets the last reading');
      expect([tabA.isLeading(key), tabB.isLeading(key)]).to.deep.equal([true, false]);
      expect(server.starts).to.have.length(1);

      server.latencyMs = 500;
      await clock.advance(3 * MINUTE);
      expect(server.maxInFlight).to.equal(1);
      expect(server.starts.length).to.be.within(40, 43);
      await waitUntil(() => a.readings.length === server.starts.length, 'A hears every reading');
      expect(readingNumbers(a.readings)).to.deep.equal(allChecks());
      expect(readingNumbers(b.readings)).to.deep.equal(allChecks());

      const beforeHandover = server.starts.length;
      subA.unsubscribe();
      await waitUntil(() => tabB.isLeading(key), 'the lock passes to B');
      await clock.advance(MINUTE);
      expect(server.starts.length - beforeHandover).to.be.within(4, 5);
      expect(server.gaps(beforeHandover - 1).every((gap) => gap <= POLL_SLOW_MS)).to.be.true;
      expect(server.maxInFlight).to.equal(1);
      expect(readingNumbers(b.readings)).to.deep.equal(allChecks());
      expect(a.readings.length).to.equal(beforeHandover);
      subB.unsubscribe();
      expect([...tabA.activeKeys, ...tabB.activeKeys]).to.deep.equal([]);
      expect(clock.pending).to.equal(0);
    });

    it('the leader leaving with its check in flight: the follower checks at once and hears the payment, once', async () => {
      const a = recorder();
      const b = recorder();
      const subA = watchIn(tabA, a.watcher);
      await waitUntil(() => tabA.isLeading(key));
      const subB = watchIn(tabB, b.watcher);
      await clock.advance(POLL_FAST_MS);
      await waitUntil(() => b.readings.length === 1, 'B hears the first reading');

      // The payment lands while A's second check is on the wire; then A's tab goes, and the check with it.
      server.latencyMs = 500;
      server.status = 'succeeded';
      await clock.advance(POLL_FAST_MS + 100);
      expect(server.inFlight, "A's check is in flight").to.equal(1);
      subA.unsubscribe();
      expect(server.signals.at(-1)!.aborted, "A's check goes with its tab").to.be.true;
      await waitUntil(() => tabB.isLeading(key), 'the lock passes to B');
      const leftAt = clock.now();

      await clock.advance(500);
      await waitUntil(() => b.events.includes('reading:succeeded'), 'B hears the payment');
      expect(server.starts.at(-1)! - leftAt, 'B checks at once: its turn was already due').to.equal(0);
      expect(server.starts).to.have.length(3);
      expect(b.events).to.deep.equal(['reading:pending', 'reading:succeeded']);
      expect(a.events, 'A hears nothing after it left').to.deep.equal(['reading:pending']);
      expect(server.maxInFlight).to.equal(1);
      await waitUntil(() => tabB.activeKeys.length === 0, 'the terminal status ends the loop');
      subB.unsubscribe();
      expect(clock.pending).to.equal(0);
    });

    it('a tab that is hidden hands the lead to a visible one', async () => {
      const b = recorder();
      const subA = watchIn(tabA, recorder().watcher, start - 5 * MINUTE);
      await waitUntil(() => tabA.isLeading(key));
      pageB.hidden = true;
      const subB = watchIn(tabB, b.watcher, start - 5 * MINUTE);
      await clock.advance(POLL_SLOW_MS);
      await waitUntil(() => b.readings.length === 1);
      expect(tabB.isLeading(key), 'a hidden tab does not take the lead').to.be.false;

      pageB.setHidden(false);
      pageA.setHidden(true);
      await waitUntil(() => tabB.isLeading(key) && !tabA.isLeading(key), 'B leads');
      await clock.advance(MINUTE);
      expect(server.gaps().every((gap) => gap <= POLL_SLOW_MS)).to.be.true;
      expect(server.maxInFlight).to.equal(1);
      subA.unsubscribe();
      subB.unsubscribe();
    });

    it("a follower's checkNow is answered by the leader's check: one request, none of its own", async () => {
      const a = recorder();
      const subA = watchIn(tabA, a.watcher);
      await waitUntil(() => tabA.isLeading(key));
      pageB.hidden = true;
      const subB = watchIn(tabB, recorder().watcher);
      const reading = await subB.checkNow();
      expect(reading.raw.n).to.equal(1);
      expect(server.starts).to.deep.equal([start]);
      expect(tabA.isLeading(key), 'A still leads').to.be.true;
      await waitUntil(() => a.readings.length === 1, 'A hears it');
      subA.unsubscribe();
      subB.unsubscribe();
    });

    it("a follower's checkNow({ since }) takes the leader's last reading when it answers: no request", async () => {
      const subA = watchIn(tabA, recorder().watcher);
      await waitUntil(() => tabA.isLeading(key));
      await clock.advance(POLL_FAST_MS);
      expect(server.starts).to.have.length(1);
      // Asked at once on joining, before the leader's hello answer can have arrived.
      const subB = watchIn(tabB, recorder().watcher);
      expect((await subB.checkNow({ since: start })).raw.n).to.equal(1);
      expect(server.starts).to.have.length(1);
      await clock.advance(1);
      const later = subB.checkNow({ since: clock.now() });
      await waitUntil(() => server.starts.length === 2, 'a since after its last check: the leader checks');
      await clock.settle();
      expect((await later).raw.n).to.equal(2);
      expect([tabA.isLeading(key), tabB.isLeading(key)]).to.deep.equal([true, false]);
      subA.unsubscribe();
      subB.unsubscribe();
    });

    it('a fresh checkNow from a follower waits out the check in flight and gets the next one', async () => {
      const subA = watchIn(tabA, recorder().watcher);
      await waitUntil(() => tabA.isLeading(key));
      const subB = watchIn(tabB, recorder().watcher);
      server.latencyMs = 500;
      await clock.advance(POLL_FAST_MS + 100); // A's check is in flight
      expect(server.inFlight).to.equal(1);
      const reading = subB.checkNow({ fresh: true });
      await clock.advance(1_000);
      expect((await reading).raw.n).to.equal(2);
      expect(server.starts.map((at) => at - start)).to.deep.equal([POLL_FAST_MS, POLL_FAST_MS + 500]);
      expect(server.maxInFlight).to.equal(1);
      subA.unsubscribe();
      subB.unsubscribe();
    });

    it('a follower whose leader does not answer takes the lead after LEADER_PATIENCE_MS', async () => {
      const subA = watchIn(tabA, recorder().watcher);
      await waitUntil(() => tabA.isLeading(key));
      const subB = watchIn(tabB, recorder().watcher);
      server.latencyMs = 2 * LEADER_PATIENCE_MS; // A's check hangs
      await clock.advance(POLL_FAST_MS);
      const reading = subB.checkNow({ fresh: true });
      server.latencyMs = 0;
      await clock.advance(LEADER_PATIENCE_MS);
      await waitUntil(() => tabB.isLeading(key), 'B took the lead');
      expect((await reading).raw.n).to.equal(2);
      subA.unsubscribe();
      subB.unsubscribe();
    });

    it('a terminal status stops every tab', async () => {
      const a = recorder();
      const b = recorder();
      watchIn(tabA, a.watcher);
      await waitUntil(() => tabA.isLeading(key));
      pageB.hidden = true;
      watchIn(tabB, b.watcher);
      await clock.advance(POLL_FAST_MS);
      server.status = 'expired';
      await clock.advance(POLL_FAST_MS);
      await waitUntil(() => tabB.activeKeys.length === 0, 'B stops on the broadcast');
      expect(a.events).to.deep.equal(['reading:pending', 'reading:expired']);
      expect(b.events).to.deep.equal(['reading:pending', 'reading:expired']);
      expect(tabA.activeKeys).to.deep.equal([]);
      expect(clock.pending).to.equal(0);
      await clock.advance(MINUTE);
      expect(server.starts).to.have.length(2);
    });
  });
});
