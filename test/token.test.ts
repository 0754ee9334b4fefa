import * as z from 'zod/mini';
import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import { TokenClient, TOKEN_REFRESH_MARGIN_MS, tokenGrantSchema } from '../src/core/token.js';
import { CheckoutError } from '../src/core/errors.js';
import { request } from '../src/core/http.js';

import { startSandbox } from './support/sandbox.js';
import type { Sandbox } from '../demo/sandbox/index.js';

describe('token client', () => {
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await startSandbox();
  });

  const tokenRequests = () => sandbox.state.requestsTo('token', 'POST');

  it('posts the token request body and returns the grant', async () => {
    const order = { customer: { name: 'Ana', email: 'ana@example.com' }, externalId: 'order-7' };
    const client = new TokenClient({
      url: sandbox.tokenUrl,
      body: { provider: 'kamipay', amount: 1250, currency: 'BRL', storeId: 1, checkoutId: 2, order },
    });
    const grant = await client.get();
    expect(grant.apiBase).to.equal(`${location.origin}/sandbox/kamipay`);
    expect(sandbox.state.validTokens.has(grant.token)).to.be.true;
    const [sent] = tokenRequests();
    expect(sent!.headers['content-type']).to.equal('application/json');
    expect(sent!.body).to.deep.equal({
      provider: 'kamipay', amount: 1250, currency: 'BRL', storeId: 1, checkoutId: 2, order,
    });
  });

  it('shares one request between concurrent callers', async () => {
    sandbox.state.fault({ provider: 'token', delayMs: 50 });
    const client = new TokenClient({ url: sandbox.tokenUrl, body: { provider: 'kaipay' } });
    const grants = await Promise.all([client.get(), client.get(), client.get(), client.get(), client.get()]);
    expect(tokenRequests()).to.have.length(1);
    expect(new Set(grants.map((g) => g.token)).size).to.equal(1);
    await client.get();
    expect(tokenRequests()).to.have.length(1);
  });

  it('one caller aborting does not fail the others', async () => {
    sandbox.state.fault({ provider: 'token', delayMs: 50 });
    const client = new TokenClient({ url: sandbox.tokenUrl, body: { provider: 'kaipay' } });
    const controller = new AbortController();
    const first = client.get(controller.signal);
    const second = client.get();
    controller.abort(new DOMException('left', 'AbortError'));
    const [a, b] = await Promise.allSettled([first, second]);
    expect(a.status).to.equal('rejected');
    expect(b.status).to.equal('fulfilled');
  });

  for (const [label, fault] of [
    ['HTTP 500', { status: 500 }],
    ['a body that is not JSON', { body: 'malformed-json' }],
    ['a body without token', { body: { apiBase: 'https://api.example.com' } }],
    ['an apiBase that is not http(s)', { body: { token: 't', apiBase: 'javascript:alert(1)' } }],
    ['a dropped connection', { network: true }],
  ] as const) {
    it(`${label} → token_failed`, async () => {
      sandbox.state.fault({ provider: 'token', ...fault });
      const client = new TokenClient({ url: sandbox.tokenUrl, body: { provider: 'conomy' } });
      const error = await client.get().catch((e: unknown) => e);
      expect(error).to.be.instanceOf(CheckoutError);
      expect((error as CheckoutError).code).to.equal('token_failed');
      // The next call asks again and succeeds: failures are not cached.
      const grant = await client.get();
      expect(grant.token).to.match(/^sbx_conomy_/);
    });
  }

  it('keeps the status of a failed token call and marks 5xx retryable', async () => {
    sandbox.state.fault({ provider: 'token', status: 503, retryAfter: '2' });
    const client = new TokenClient({ url: sandbox.tokenUrl, body: { provider: 'conomy' } });
    const error = (await client.get().catch((e: unknown) => e)) as CheckoutError;
    expect(error.httpStatus).to.equal(503);
    expect(error.retryable).to.be.true;
    expect(error.retryAfter).to.equal(2000);
    expect(error.toDetail()).to.deep.equal({
      code: 'token_failed', message: error.message, retryable: true, httpStatus: 503,
    });
  });

  it('asks again with sessionId before expiresAt', async () => {
    let now = Date.parse('2026-11-21T12:00:00Z');
    sandbox.state.tokenExtras = { expiresAt: new Date(now + 120_000).toISOString() };
    const client = new TokenClient({
      url: sandbox.tokenUrl,
      body: { provider: 'wewire' },
      clock: { now: () => now, setTimeout, clearTimeout },
    });
    const first = await client.get();
    client.setSessionId('sess_42');
    now += 120_000 - TOKEN_REFRESH_MARGIN_MS - 1;
    expect(await client.get()).to.equal(first);
    now += 2;
    const second = await client.get();
    expect(second.token).to.not.equal(first.token);
    const bodies = tokenRequests().map((r) => r.body as Record<string, unknown>);
    expect(bodies[0]!.sessionId).to.be.undefined;
    expect(bodies[1]!.sessionId).to.equal('sess_42');
  });

  it('on a provider 401 asks again once, with sessionId, then retries the call', async () => {
    const client = new TokenClient({ url: sandbox.tokenUrl, body: { provider: 'kamipay', sessionId: 'op_1' } });
    let calls = 0;
    const result = await client.call(async (grant) => {
      calls++;
      if (calls === 1) sandbox.state.revokeTokens();
      if (!sandbox.state.validTokens.has(grant.token)) {
        throw new CheckoutError('provider_error', 'Unauthorized', { httpStatus: 401 });
      }
      return grant.token;
    });
    expect(calls).to.equal(2);
    expect(sandbox.state.validTokens.has(result)).to.be.true;
    expect(tokenRequests()).to.have.length(2);
    expect((tokenRequests()[1]!.body as { sessionId: string }).sessionId).to.equal('op_1');
  });

  it('a second 401 is surfaced, not retried forever', async () => {
    const client = new TokenClient({ url: sandbox.tokenUrl, body: { provider: 'kamipay' } });
    let calls = 0;
    const error = await client
      .call(async () => {
        calls++;
        throw new CheckoutError('provider_error', 'Unauthorized', { httpStatus: 401 });
      })
      .catch((e: unknown) => e);
    expect(calls).to.equal(2);
    expect((error as CheckoutError).httpStatus).to.equal(401);
  });
});

describe('http helper', () => {
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await startSandbox();
  });
  const schema = z.looseObject({ token: z.string() });

  it('times out into a retryable network error', async () => {
    sandbox.state.fault({ provider: 'token', delayMs: 500 });
    const error = (await request({
      method: 'POST', url: sandbox.tokenUrl, json: { provider: 'kamipay' }, schema, timeoutMs: 50,
    }).catch((e: unknown) => e)) as CheckoutError;
    expect(error.code).to.equal('network');
    expect(error.retryable).to.be.true;
    expect(error.message).to.contain('timed out');
  });

  it('re-throws the caller abort as is', async () => {
    sandbox.state.fault({ provider: 'token', delayMs: 500 });
    const controller = new AbortController();
    const pending = request({ method: 'POST', url: sandbox.tokenUrl, json: { provider: 'kamipay' }, schema, signal: controller.signal });
    // Abort only once the sandbox has the request, or it would arrive in the next test's sandbox.
    await waitUntil(() => sandbox.state.requests.length === 1);
    controller.abort(new DOMException('stop', 'AbortError'));
    const error = (await pending.catch((e: unknown) => e)) as DOMException;
    expect(error.name).to.equal('AbortError');
  });

  it('reads provider error messages and Retry-After dates', async () => {
    const when = new Date(Date.now() + 5_000).toUTCString();
    sandbox.state.fault({ provider: 'token', status: 429, retryAfter: when, body: { detail: 'Slow down' } });
    const error = (await request({ method: 'POST', url: sandbox.tokenUrl, json: {}, schema }).catch((e: unknown) => e)) as CheckoutError;
    expect(error.code).to.equal('provider_error');
    expect(error.httpStatus).to.equal(429);
    expect(error.message).to.contain('Slow down');
    expect(error.retryAfter).to.be.within(3_000, 5_000);
  });

  it('names the failing field of a schema violation', async () => {
    sandbox.state.fault({ provider: 'token', body: { token: 42 } });
    const error = (await request({ method: 'POST', url: sandbox.tokenUrl, json: {}, schema }).catch((e: unknown) => e)) as CheckoutError;
    expect(error.code).to.equal('invalid_response');
    expect(error.message).to.contain('token');
  });
});

describe('token grant schema', () => {
  const grant = { token: 't', apiBase: 'https://api.example' };
  const acceptsExpiry = (expiresAt: string) => tokenGrantSchema.safeParse({ ...grant, expiresAt }).success;

  it('needs a token and an absolute http(s) apiBase, keeping other fields', () => {
    const parsed = tokenGrantSchema.safeParse({ ...grant, extra: 1 });
    expect(parsed.success && parsed.data).to.deep.equal({ ...grant, extra: 1 });
    for (const bad of [{ ...grant, token: '' }, { ...grant, apiBase: '/relative' }, { ...grant, apiBase: 'ftp://host' }]) {
      expect(tokenGrantSchema.safeParse(bad).success, JSON.stringify(bad)).to.be.false;
    }
  });

  it('takes an ISO expiresAt with seconds and Z or an offset', () => {
    for (const ok of ['2030-01-01T00:00:00Z', '2030-12-31T23:59:59.123+03:00', '2030-06-15T12:30:45-05:30']) {
      expect(acceptsExpiry(ok), ok).to.be.true;
    }
    for (const bad of ['2030-01-01T00:00Z', '2030-01-01T00:00:00', '2030-01-01 00:00:00Z', '2030-01-01T24:00:00Z',
      '2030-01-01T00:00:00+0300', '2030-13-01T00:00:00Z', '1893456000']) {
      expect(acceptsExpiry(bad), bad).to.be.false;
    }
  });

  it('takes only real calendar days: 29 February in leap years alone', () => {
    for (const ok of ['2024-02-29', '2000-02-29', '0000-02-29', '0004-02-29', '2030-04-30', '2030-01-31']) {
      expect(acceptsExpiry(`${ok}T00:00:00Z`), ok).to.be.true;
    }
    for (const bad of ['2023-02-29', '1900-02-29', '2100-02-29', '0100-02-29', '2024-02-30', '2030-04-31', '2030-01-00', '2030-01-32']) {
      expect(acceptsExpiry(`${bad}T00:00:00Z`), bad).to.be.false;
    }
  });
});

describe('token client on a browser clock ahead of the merchant server', () => {
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await startSandbox();
  });

  it('a grant already due by the browser clock when it arrives serves calls until a 401, not one token request per call', async () => {
    // The merchant's server says its token lives 10 minutes; this browser's clock is an hour ahead.
    sandbox.state.tokenLifetimeSeconds = 600;
    const client = new TokenClient({
      url: sandbox.tokenUrl,
      body: { provider: 'kamipay' },
      clock: { now: () => Date.now() + 3_600_000, setTimeout, clearTimeout },
    });
    for (let i = 0; i < 3; i++) await client.call(async (grant) => grant.token);
    expect(sandbox.state.requestsTo('token', 'POST')).to.have.length(1);
    // A provider 401 still asks again.
    let calls = 0;
    await client.call(async (grant) => {
      if (calls++ === 0) throw new CheckoutError('provider_error', 'Unauthorized', { httpStatus: 401 });
      return grant.token;
    });
    expect(sandbox.state.requestsTo('token', 'POST')).to.have.length(2);
  });
});
