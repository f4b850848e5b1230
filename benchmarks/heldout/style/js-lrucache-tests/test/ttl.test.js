'use strict';
const { describe, it, beforeEach } = require('node:test');
const assert = require('node:assert/strict');
const { LRUCache } = require('../lru');

describe('TTL', () => {
  let t;
  const clock = () => t;
  beforeEach(() => {
    t = 1000;
  });

  it('expires entries after the default ttl', () => {
    const c = new LRUCache({ ttl: 50, now: clock });
    c.set('a', 1);
    t += 49;
    assert.equal(c.get('a'), 1);
    t += 1;
    assert.equal(c.get('a'), undefined);
    assert.equal(c.size, 0);
  });

  it('per-entry ttl overrides the default', () => {
    const c = new LRUCache({ ttl: 50, now: clock });
    c.set('short', 1, { ttl: 10 });
    c.set('forever', 2, { ttl: 0 });
    t += 20;
    assert.equal(c.has('short'), false);
    t += 1e9;
    assert.equal(c.get('forever'), 2);
  });

  it('peek and keys hide expired entries without removing them', () => {
    const c = new LRUCache({ ttl: 10, now: clock });
    c.set('a', 1);
    c.set('b', 2, { ttl: 100 });
    t += 10;
    assert.equal(c.peek('a'), undefined);
    assert.deepEqual(c.keys(), ['b']);
    assert.equal(c.size, 2);
  });

  it('prune removes everything that has expired', () => {
    const c = new LRUCache({ ttl: 10, now: clock });
    c.set('a', 1);
    c.set('b', 2);
    c.set('c', 3, { ttl: 0 });
    t += 11;
    assert.equal(c.prune(), 2);
    assert.deepEqual(c.keys(), ['c']);
  });

  it('get does not extend the ttl', () => {
    const c = new LRUCache({ ttl: 10, now: clock });
    c.set('a', 1);
    t += 5;
    c.get('a');
    t += 5;
    assert.equal(c.get('a'), undefined);
  });
});

describe('onEvict', () => {
  it('reports the reason for every removal', () => {
    let t = 0;
    const events = [];
    const c = new LRUCache({
      max: 2,
      now: () => t,
      onEvict: (k, v, why) => events.push(`${k}=${v}:${why}`),
    });
    c.set('a', 1);
    c.set('b', 2);
    c.set('c', 3);
    c.set('b', 20);
    c.set('b', 20);
    c.delete('c');
    c.set('d', 4, { ttl: 5 });
    t = 10;
    c.get('d');
    c.clear();
    assert.deepEqual(events, [
      'a=1:evicted',
      'b=2:replaced',
      'c=3:deleted',
      'd=4:expired',
      'b=20:deleted',
    ]);
  });
});
