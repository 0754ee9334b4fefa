// The status poller's public names; the files beside this one are its parts.
export {
  BACKOFF_BASE_MS,
  BACKOFF_MAX_MS,
  LEADER_PATIENCE_MS,
  MALFORMED_LIMIT,
  MALFORMED_WINDOW_MS,
  POLL_FAST_MS,
  POLL_FAST_UNTIL_MS,
  POLL_HIDDEN_MS,
  POLL_MEDIUM_MS,
  POLL_MEDIUM_UNTIL_MS,
  POLL_SLOW_MS,
  backoffDelay,
  pollDelay,
} from './cadence.js';
export { POLL_CHANNEL, browserCrossTab, type CrossTab, type CrossTabMessage, type SharedPollError } from './channel.js';
export {
  PollRegistry,
  pagePollRegistry,
  type PollEnvironment,
  type PollReading,
  type PollSubscription,
  type PollWatcher,
  type WatchOptions,
} from './registry.js';
