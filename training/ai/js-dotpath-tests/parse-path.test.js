import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { parsePath, stringifyPath, PathError } from './dotpath.js';

describe('parsePath', () => {
  const cases = [
    ['', []],
    ['a', ['a']],
    ['a.b.c', ['a', 'b', 'c']],
    ['items[0]', ['items', 0]],
    ['items[0].name', ['items', 0, 'name']],
    ['matrix[1][2]', ['matrix', 1, 2]],
    ['[3]', [3]],
    ['a["b.c"]', ['a', 'b.c']],
    ["a['weird key']", ['a', 'weird key']],
    ['a\\.b', ['a.b']],
    ['a\\[0]', ['a[0]']],
    ['0.1', ['0', '1']],
    ['héllo.wörld', ['héllo', 'wörld']],
  ];

  for (const [input, expected] of cases) {
    it(`parses ${JSON.stringify(input)}`, () => {
      assert.deepEqual(parsePath(input), expected);
    });
  }

  it('keeps numeric dot segments as strings and bracket indices as numbers', () => {
    const [a, b] = parsePath('list.0');
    const [, c] = parsePath('list[0]');
    assert.equal(typeof b, 'string');
    assert.equal(typeof c, 'number');
    assert.equal(a, 'list');
  });

  it('returns a copy of an array path', () => {
    const input = ['a', 0];
    const out = parsePath(input);
    assert.deepEqual(out, input);
    assert.notEqual(out, input);
  });

  const invalid = [
    ['.a', /empty segment at 0/],
    ['a..b', /empty segment at 2/],
    ['a.', /ends with "\."/],
    ['a[0', /unclosed "\["/],
    ['a[x]', /bad index "x"/],
    ['a[-1]', /bad index "-1"/],
    ['a["x\']', /bad index/],
  ];

  for (const [input, pattern] of invalid) {
    it(`rejects ${JSON.stringify(input)}`, () => {
      assert.throws(() => parsePath(input), (error) => {
        assert.ok(error instanceof PathError);
        assert.match(error.message, pattern);
        assert.equal(error.path, input);
        return true;
      });
    });
  }

  it('rejects non-string, non-array paths', () => {
    for (const bad of [42, null, undefined, {}]) {
      assert.throws(() => parsePath(bad), PathError);
    }
  });
});

describe('stringifyPath', () => {
  it('joins keys with dots and indices with brackets', () => {
    assert.equal(stringifyPath(['a', 'b', 0, 'c']), 'a.b[0].c');
  });

  it('escapes separators inside keys', () => {
    assert.equal(stringifyPath(['a.b', 'c[d]']), 'a\\.b.c\\[d\\]');
  });

  it('handles a leading index and an empty path', () => {
    assert.equal(stringifyPath([0, 'x']), '[0].x');
    assert.equal(stringifyPath([]), '');
  });

  const roundTrips = [
    ['a', 'b', 'c'],
    ['users', 12, 'email'],
    ['dots.in.key', 0, 'back\\slash'],
    [[1], [2]].flat(),
  ];

  for (const segments of roundTrips) {
    it(`round-trips ${JSON.stringify(segments)}`, () => {
      assert.deepEqual(parsePath(stringifyPath(segments)), segments);
    });
  }
});
