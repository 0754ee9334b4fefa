/** Cadence while the session is young: a customer who just paid sees it within 2 s. */
export const POLL_FAST_MS = 2_000;
export const POLL_FAST_UNTIL_MS = 60_000;
export const POLL_MEDIUM_MS = 10_000;
export const POLL_MEDIUM_UNTIL_MS = 180_000;
export const POLL_SLOW_MS = 15_000;
/** A hidden page checks at most this often: nobody is looking, the tab may be one of many. */
export const POLL_HIDDEN_MS = 30_000;
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_MAX_MS = 30_000;

/** Normal cadence: delay before the next check given the session's age (ms since it started). */
export function pollDelay(ageMs: number): number {
  if (ageMs < POLL_FAST_UNTIL_MS) return POLL_FAST_MS;
  if (ageMs < POLL_MEDIUM_UNTIL_MS) return POLL_MEDIUM_MS;
  return POLL_SLOW_MS;
}

/**
 * Delay after the n-th consecutive retryable failure: exponential, capped, with "equal jitter"
 * (half fixed, half random) so delays still grow while clients spread out instead of retrying in step.
 */
export function backoffDelay(failures: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (Math.max(1, failures) - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * A follower tab asks the leading tab for a check and waits this long for its reading before it
 * takes the lead itself (the leader's tab may be frozen): longer than one request may take.
 */
export const LEADER_PATIENCE_MS = 20_000;

/**
 * A status answer we cannot read (not JSON, or not the provider's shape) is most often one bad
 * response from a proxy or a deploy in progress: while polling it counts as transient, until this
 * many in a row or for this long.
 */
export const MALFORMED_LIMIT = 5;
export const MALFORMED_WINDOW_MS = 60_000;
