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
