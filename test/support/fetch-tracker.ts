/**
 * The real fetch, counted: tests hand it to the flow so a FakeClock can wait until every request
 * has been answered, read and acted on before moving virtual time on. Nothing is faked.
 */
export function trackFetch() {
  let inFlight = 0;
  const done = () => {
    // A macrotask later: the caller's parse and everything it chains (all microtasks) has run.
    setTimeout(() => inFlight--, 0);
  };
  const tracked: typeof fetch = async (input, init) => {
    inFlight++;
    let response: Response;
    try {
      response = await fetch(input, init);
    } catch (error) {
      done();
      throw error;
    }
    // The http helper reads every body with text(): the request counts as running until then.
    const read = response.text.bind(response);
    response.text = () => read().finally(done);
    return response;
  };
  return { fetch: tracked, idle: () => inFlight === 0 };
}

/**
 * Counts requests in flight as the browser sees them (overlapping fetches), for the URLs `counts`
 * picks: `max` is the most at once, `started` how many began. A request ends when its body is read.
 */
export function countInFlight(inner: typeof fetch, counts: (url: string) => boolean) {
  const tally = { now: 0, max: 0, started: 0 };
  const counted: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!counts(url)) return inner(input, init);
    tally.started++;
    tally.max = Math.max(tally.max, ++tally.now);
    let ended = false;
    const end = () => {
      if (!ended) tally.now--;
      ended = true;
    };
    try {
      const response = await inner(input, init);
      const read = response.text.bind(response);
      response.text = () => read().finally(end);
      return response;
    } catch (error) {
      end();
      throw error;
    }
  };
  return {
    fetch: counted,
    get max() {
      return tally.max;
    },
    get started() {
      return tally.started;
    },
  };
}
