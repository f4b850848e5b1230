'use strict';
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { LRUCache } = require('../lru');

describe('LRUCache basics', () => {
  it('stores and retrieves values', () => {
    const c = new LRUCache({ max: 3 });
    c.set('a', 1);
    c.set('b', 2);
    assert.equal(c.get('a'), 1);
    assert.equal(c.get('b'), 2);
    assert.equal(c.get('zzz'), undefined);
    assert.equal(c.size, 2);
  });

  it('evicts the least recently used entry', () => {
    const c = new LRUCache({ max: 2 });
    c.set('a', 1);
    c.set('b', 2);
    c.get('a');
    c.set('c', 3);
    assert.equal(c.has('b'), false);
    assert.deepEqual(c.keys(), ['c', 'a']);
  });

  it('peek does not change recency', () => {
    const c = new LRUCache({ max: 2 });
    c.set('a', 1);
    c.set('b', 2);
    assert.equal(c.peek('a'), 1);
    c.set('c', 3);
    assert.equal(c.has('a'), false);
    assert.equal(c.has('b'), true);
  });

  it('overwriting a key refreshes its position', () => {
    const c = new LRUCache({ max: 2 });
    c.set('a', 1);
    c.set('b', 2);
    c.set('a', 10);
    c.set('c', 3);
    assert.deepEqual(c.keys(), ['c', 'a']);
    assert.equal(c.get('a'), 10);
  });

  it('has() is true for stored falsy values', () => {
    const c = new LRUCache();
    c.set('zero', 0);
    c.set('null', null);
    assert.equal(c.has('zero'), true);
    assert.equal(c.has('null'), true);
    assert.equal(c.has('nope'), false);
  });

  it('delete and clear', () => {
    const c = new LRUCache();
    c.set('a', 1);
    c.set('b', 2);
    assert.equal(c.delete('a'), true);
    assert.equal(c.delete('a'), false);
    c.clear();
    assert.equal(c.size, 0);
    assert.equal(c.totalSize, 0);
  });

  it('rejects bad options', () => {
    assert.throws(() => new LRUCache({ max: 0 }), RangeError);
    assert.throws(() => new LRUCache({ max: 1.5 }), RangeError);
    assert.throws(() => new LRUCache({ maxSize: -1 }), RangeError);
  });
});

describe('size budget', () => {
  const byLength = v => v.length;

  it('evicts until total size fits', () => {
    const c = new LRUCache({ max: 100, maxSize: 10, sizeOf: byLength });
    c.set('a', 'xxxx');
    c.set('b', 'xxxx');
    c.set('c', 'xxxx');
    assert.deepEqual(c.keys(), ['c', 'b']);
    assert.equal(c.totalSize, 8);
  });

  it('refuses values larger than the whole budget', () => {
    const c = new LRUCache({ maxSize: 5, sizeOf: byLength });
    c.set('a', 'abc');
    assert.equal(c.set('big', 'abcdefgh'), false);
    assert.equal(c.has('big'), false);
    assert.equal(c.get('a'), 'abc');
  });

  it('drops the old value when an oversized replacement is refused', () => {
    const c = new LRUCache({ maxSize: 5, sizeOf: byLength });
    c.set('a', 'abc');
    c.set('a', 'abcdefgh');
    assert.equal(c.has('a'), false);
    assert.equal(c.totalSize, 0);
  });

  it('tracks size correctly on replacement', () => {
    const c = new LRUCache({ maxSize: 10, sizeOf: byLength });
    c.set('a', 'xxxxxx');
    c.set('a', 'xx');
    assert.equal(c.totalSize, 2);
  });

  it('throws when sizeOf returns nonsense', () => {
    const c = new LRUCache({ sizeOf: () => NaN });
    assert.throws(() => c.set('a', 1), /invalid size NaN/);
  });
});
