/** The two TokenStores on their own: the in-memory one on a virtual clock, Redis on a real server. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MemoryTokenStore, RedisTokenStore, type TokenStore } from '../../src/server/index.js';
import { eventually, startRedis, type RedisServer } from './support.js';

async function behavesAsAStore(store: TokenStore, now: number): Promise<void> {
  const until = now + 60_000;
  assert.equal(await store.put('k', 'one', until), true);
  assert.equal(await store.get('k'), 'one');
  assert.equal(await store.put('k', 'two', until, { onlyIfAbsent: true }), false, 'a claim of a taken key fails');
  assert.equal(await store.get('k'), 'one');
  assert.equal(await store.put('k', 'three', until), true);
  assert.equal(await store.get('k'), 'three');
  await store.delete('k');
  assert.equal(await store.get('k'), undefined);
  assert.equal(await store.put('k', 'four', until, { onlyIfAbsent: true }), true, 'a free key can be claimed');

  assert.equal(await store.hasMember('set', 'a'), false);
  await store.addMember('set', 'a', until);
  await store.addMember('set', 'b', until);
  assert.equal(await store.hasMember('set', 'a'), true);
  assert.equal(await store.hasMember('set', 'b'), true);
  assert.equal(await store.hasMember('set', 'c'), false);
}

describe('MemoryTokenStore', () => {
  it('stores, claims, deletes and keeps sets', async () => {
    await behavesAsAStore(new MemoryTokenStore(), Date.now());
  });

  it('forgets values and sets at their expiry', async () => {
    let now = 1_000_000;
    const store = new MemoryTokenStore(() => now);
    await store.put('k', 'v', now + 1000);
    await store.addMember('set', 'a', now + 1000);
    now += 999;
    assert.equal(await store.get('k'), 'v');
    assert.equal(await store.hasMember('set', 'a'), true);
    now += 1;
    assert.equal(await store.get('k'), undefined);
    assert.equal(await store.hasMember('set', 'a'), false);
    assert.equal(await store.put('k', 'again', now + 1000, { onlyIfAbsent: true }), true, 'an expired key is free');
  });
});

describe('RedisTokenStore (redis-server)', () => {
  let redis: RedisServer;
  before(async () => {
    redis = await startRedis();
  });
  after(async () => {
    await redis?.stop();
  });

  it('stores, claims, deletes and keeps sets', async () => {
    await behavesAsAStore(new RedisTokenStore({ client: redis.client, prefix: 'test1:' }), Date.now());
  });

  it('puts every key under its prefix, with an expiry Redis enforces', async () => {
    const store = new RedisTokenStore({ client: redis.client, prefix: 'test2:' });
    await store.put('value', 'v', Date.now() + 300);
    await store.addMember('set', 'a', Date.now() + 300);
    const ttl = Number(await redis.client.sendCommand(['PTTL', 'test2:value']));
    assert.ok(ttl > 0 && ttl <= 300, `PTTL ${ttl}`);
    assert.ok(Number(await redis.client.sendCommand(['PTTL', 'test2:set'])) > 0, 'the set expires too');
    await eventually(async () => Number(await redis.client.sendCommand(['EXISTS', 'test2:value', 'test2:set'])) === 0, 'Redis to expire both keys');
    assert.equal(await store.get('value'), undefined);
    assert.equal(await store.hasMember('set', 'a'), false);
  });
});
