'use strict';
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { LRUCache } = require('../lru');

describe('fetch', () => {
  it('calls the loader on a miss and caches the result', async () => {
    const c = new LRUCache();
    let calls = 0;
    const load = async k => {
      calls++;
      return k.toUpperCase();
    };
    assert.equal(await c.fetch('hi', load), 'HI');
    assert.equal(await c.fetch('hi', load), 'HI');
    assert.equal(calls, 1);
  });

  it('shares one loader call between concurrent misses', async () => {
    const c = new LRUCache();
    let calls = 0;
    const load = k =>
      new Promise(resolve => {
        calls++;
        setTimeout(() => resolve(`v:${k}`), 5);
      });
    const results = await Promise.all([c.fetch('x', load), c.fetch('x', load), c.fetch('y', load)]);
    assert.deepEqual(results, ['v:x', 'v:x', 'v:y']);
    assert.equal(calls, 2);
  });

  it('does not cache undefined', async () => {
    const c = new LRUCache();
    assert.equal(await c.fetch('k', () => undefined), undefined);
    assert.equal(c.size, 0);
  });

  it('propagates loader errors and allows a retry', async () => {
    const c = new LRUCache();
    let fail = true;
    const load = async () => {
      if (fail) throw new Error('backend down');
      return 42;
    };
    await assert.rejects(c.fetch('k', load), /backend down/);
    fail = false;
    assert.equal(await c.fetch('k', load), 42);
  });

  it('turns a synchronous loader throw into a rejection', async () => {
    const c = new LRUCache();
    const p = c.fetch('k', () => {
      throw new Error('sync');
    });
    assert.ok(p instanceof Promise);
    await assert.rejects(p, /sync/);
  });

  it('passes set options through', async () => {
    let t = 0;
    const c = new LRUCache({ now: () => t });
    await c.fetch('k', () => 'v', { ttl: 10 });
    t = 10;
    assert.equal(c.has('k'), false);
  });
});
