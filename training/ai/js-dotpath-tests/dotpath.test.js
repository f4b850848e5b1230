import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';

import { get, has, set, unset, PathError } from './dotpath.js';

let doc;

beforeEach(() => {
  doc = {
    user: {
      name: 'Ada',
      tags: ['admin', 'ops'],
      address: { city: 'London', zip: null },
      nickname: undefined,
    },
    'dotted.key': 1,
    count: 0,
    enabled: false,
  };
});

describe('get', () => {
  it('reads nested values', () => {
    assert.equal(get(doc, 'user.name'), 'Ada');
    assert.equal(get(doc, 'user.address.city'), 'London');
    assert.equal(get(doc, 'user.tags[1]'), 'ops');
    assert.equal(get(doc, ['user', 'tags', 0]), 'admin');
  });

  it('returns the whole object for an empty path', () => {
    assert.equal(get(doc, ''), doc);
  });

  it('returns the fallback for missing paths', () => {
    assert.equal(get(doc, 'user.age'), undefined);
    assert.equal(get(doc, 'user.age', 42), 42);
    assert.equal(get(doc, 'nope.deeper.still', 'x'), 'x');
    assert.equal(get(doc, 'user.tags[5]', 'none'), 'none');
  });

  it('keeps falsy values that exist', () => {
    assert.equal(get(doc, 'count', 99), 0);
    assert.equal(get(doc, 'enabled', true), false);
    assert.equal(get(doc, 'user.address.zip', 'fallback'), null);
  });

  it('uses the fallback for a present key holding undefined', () => {
    assert.equal(get(doc, 'user.nickname', 'anon'), 'anon');
  });

  it('does not walk into primitives', () => {
    assert.equal(get(doc, 'user.name.length'), undefined);
    assert.equal(get(null, 'a'), undefined);
  });

  it('ignores inherited properties', () => {
    assert.equal(get(doc, 'user.toString'), undefined);
    assert.equal(get(doc, '__proto__'), undefined);
  });

  it('reads keys that contain dots', () => {
    assert.equal(get(doc, '["dotted.key"]'), 1);
    assert.equal(get(doc, 'dotted\\.key'), 1);
  });
});

describe('has', () => {
  it('is true for present keys, even with undefined values', () => {
    assert.equal(has(doc, 'user.nickname'), true);
    assert.equal(has(doc, 'user.address.zip'), true);
    assert.equal(has(doc, 'user.tags[0]'), true);
  });

  it('is false for missing keys', () => {
    assert.equal(has(doc, 'user.age'), false);
    assert.equal(has(doc, 'user.tags[2]'), false);
    assert.equal(has(doc, 'user.name.first'), false);
  });
});

describe('set', () => {
  it('overwrites existing values', () => {
    set(doc, 'user.name', 'Grace');
    assert.equal(doc.user.name, 'Grace');
  });

  it('creates missing objects on the way', () => {
    set(doc, 'settings.theme.dark', true);
    assert.deepEqual(doc.settings, { theme: { dark: true } });
  });

  it('creates arrays when the next segment is an index', () => {
    const target = {};
    set(target, 'rows[1].id', 7);
    assert.ok(Array.isArray(target.rows));
    assert.equal(target.rows.length, 2);
    assert.deepEqual(target.rows[1], { id: 7 });
  });

  it('replaces primitives that are in the way', () => {
    set(doc, 'user.name.first', 'Ada');
    assert.deepEqual(doc.user.name, { first: 'Ada' });
  });

  it('returns the same object', () => {
    assert.equal(set(doc, 'a', 1), doc);
  });

  it('refuses prototype pollution', () => {
    for (const path of ['__proto__.polluted', 'a.constructor.prototype.polluted', ['__proto__']]) {
      assert.throws(() => set({}, path, true), PathError);
    }
    assert.equal({}.polluted, undefined);
  });

  it('rejects an empty path and non-object targets', () => {
    assert.throws(() => set(doc, '', 1), /cannot set the root/);
    assert.throws(() => set('str', 'a', 1), /not an object/);
    assert.throws(() => set(null, 'a', 1), /not an object/);
  });
});

describe('unset', () => {
  it('deletes object keys', () => {
    assert.equal(unset(doc, 'user.address.city'), true);
    assert.equal('city' in doc.user.address, false);
  });

  it('splices array items instead of leaving holes', () => {
    assert.equal(unset(doc, 'user.tags[0]'), true);
    assert.deepEqual(doc.user.tags, ['ops']);
  });

  it('returns false when nothing was removed', () => {
    assert.equal(unset(doc, 'user.age'), false);
    assert.equal(unset(doc, 'missing.deep'), false);
    assert.equal(unset(doc, ''), false);
    assert.equal(unset(doc, 'user.name.length'), false);
  });

  it('removes top-level keys', () => {
    assert.equal(unset(doc, 'count'), true);
    assert.equal(has(doc, 'count'), false);
  });
});
