// Shared by the browser bench pages (bundled with each by bench/browser.mjs). Benchmark plumbing
// only: nothing here is part of the library.

/** One step the runner can call with `page.evaluate`; it answers with JSON-serializable figures. */
export type BenchStep = (argument?: unknown) => Promise<unknown>;

declare global {
  interface Window {
    /** The page's steps, set once its setup is done (the runner waits for it). */
    __bench?: Record<string, BenchStep>;
  }
}

/** Makes the page's steps callable by the runner. */
export function expose(steps: Record<string, BenchStep>): void {
  window.__bench = steps;
}

/**
 * Resolves in the task after the next frame's rendering, when that frame's paint has run on the
 * main thread: `frame` is when its animation-frame callbacks ran, `painted` the task after.
 */
export function afterNextPaint(): Promise<{ frame: number; painted: number }> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const frame = performance.now();
      // Rendering (style, layout, paint) follows the rAF callbacks in the same task; a message is
      // the first task after it (setTimeout could be clamped, and counts as a timer).
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve({ frame, painted: performance.now() });
      };
      channel.port2.postMessage(null);
    });
  });
}

/** Notes when each animation frame runs, from now until `stop()`. */
export function recordFrames(): { times: number[]; stop(): void } {
  const times: number[] = [];
  let running = true;
  const tick = () => {
    times.push(performance.now());
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return { times, stop: () => (running = false) };
}

/** Waits (in animation frames) until `predicate` holds; throws after `timeoutMs`. */
export async function until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const giveUpAt = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > giveUpAt) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

/** Real time passing, without the page's (possibly instrumented) timers. */
export function pause(ms: number): Promise<void> {
  const start = performance.now();
  return until(() => performance.now() - start >= ms, 'a pause', ms + 10_000);
}

/** The mean interval between animation frames over `frames` frames (the display's frame time here). */
export async function frameInterval(frames = 30): Promise<number> {
  const first = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
  let last = first;
  for (let i = 0; i < frames; i++) last = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
  return (last - first) / frames;
}

/** The last resource-timing entry whose URL contains `part` (fetches to the in-page sandbox included). */
export function lastResource(part: string): PerformanceResourceTiming {
  const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
  const entry = entries.filter((candidate) => candidate.name.includes(part)).at(-1);
  if (!entry) throw new Error(`bench: no resource timing for ${part}`);
  return entry;
}

/** The element's open shadow root, or an error naming it. */
export function shadowOf(element: Element): ShadowRoot {
  if (!element.shadowRoot) throw new Error(`bench: <${element.localName}> has no shadow root`);
  return element.shadowRoot;
}
