'use strict';

const assert = require('assert');
const context = require('../helpers/context');
const range = require('../../lib/range');

function request(header, method) {
  const ctx = context();
  Object.assign(ctx.request, range.request);
  Object.assign(ctx.response, range.response);
  ctx.method = method || 'GET';
  if (header) ctx.header.range = header;
  return ctx;
}

describe('ctx.request.range(size)', () => {
  describe('with no Range header', () => {
    it('should return undefined', () => {
      const ctx = request();
      assert.strictEqual(ctx.request.range(1000), undefined);
    });
  });

  describe('with a single range', () => {
    it('should return the range', () => {
      const ctx = request('bytes=0-499');
      assert.deepStrictEqual(Array.from(ctx.request.range(1000)), [{ start: 0, end: 499 }]);
    });

    it('should set the type', () => {
      const ctx = request('bytes=0-499');
      assert.strictEqual(ctx.request.range(1000).type, 'bytes');
    });

    it('should cap the end at size - 1', () => {
      const ctx = request('bytes=500-5000');
      assert.deepStrictEqual(Array.from(ctx.request.range(1000)), [{ start: 500, end: 999 }]);
    });

    it('should support open ranges', () => {
      const ctx = request('bytes=900-');
      assert.deepStrictEqual(Array.from(ctx.request.range(1000)), [{ start: 900, end: 999 }]);
    });

    it('should support suffix ranges', () => {
      const ctx = request('bytes=-100');
      assert.deepStrictEqual(Array.from(ctx.request.range(1000)), [{ start: 900, end: 999 }]);
    });

    it('should clamp a suffix longer than the body', () => {
      const ctx = request('bytes=-5000');
      assert.deepStrictEqual(Array.from(ctx.request.range(1000)), [{ start: 0, end: 999 }]);
    });

    it('should ignore whitespace', () => {
      const ctx = request('bytes= 0 - 9 ');
      assert.deepStrictEqual(Array.from(ctx.request.range(1000)), [{ start: 0, end: 9 }]);
    });
  });

  describe('with multiple ranges', () => {
    it('should return them in order', () => {
      const ctx = request('bytes=0-9, 20-29');
      assert.deepStrictEqual(Array.from(ctx.request.range(100)), [
        { start: 0, end: 9 },
        { start: 20, end: 29 }
      ]);
    });

    it('should drop the ranges that cannot be satisfied', () => {
      const ctx = request('bytes=0-9, 200-300');
      assert.deepStrictEqual(Array.from(ctx.request.range(100)), [{ start: 0, end: 9 }]);
    });

    it('should combine overlapping ranges when asked', () => {
      const ctx = request('bytes=0-4, 3-9, 10-12, 50-60');
      assert.deepStrictEqual(Array.from(ctx.request.range(100, { combine: true })), [
        { start: 0, end: 12 },
        { start: 50, end: 60 }
      ]);
    });

    it('should keep the requested order when combining', () => {
      const ctx = request('bytes=50-60, 0-4, 3-9');
      assert.deepStrictEqual(Array.from(ctx.request.range(100, { combine: true })), [
        { start: 50, end: 60 },
        { start: 0, end: 9 }
      ]);
    });

    it('should refuse more than options.limit ranges', () => {
      const ctx = request('bytes=0-1,2-3,4-5');
      assert.strictEqual(ctx.request.range(100, { limit: 2 }), -2);
    });
  });

  describe('when unsatisfiable', () => {
    it('should return -1', () => {
      const ctx = request('bytes=1000-2000');
      assert.strictEqual(ctx.request.range(1000), -1);
    });

    it('should return -1 for an empty body', () => {
      const ctx = request('bytes=0-');
      assert.strictEqual(ctx.request.range(0), -1);
    });
  });

  describe('when malformed', () => {
    [
      'bytes',
      'bytes=',
      'bytes=-',
      'bytes=abc-def',
      'bytes=1-2-3',
      'bytes=0x10-20',
      'items=0-9'
    ].forEach(header => {
      it(`should return -2 for "${header}"`, () => {
        const ctx = request(header);
        assert.strictEqual(ctx.request.range(1000), -2);
      });
    });
  });

  describe('when the method is not GET or HEAD', () => {
    it('should return undefined', () => {
      const ctx = request('bytes=0-9', 'POST');
      assert.strictEqual(ctx.request.range(100), undefined);
    });

    it('should honour HEAD', () => {
      const ctx = request('bytes=0-9', 'HEAD');
      assert.deepStrictEqual(Array.from(ctx.request.range(100)), [{ start: 0, end: 9 }]);
    });
  });

  describe('with a bad size', () => {
    it('should throw', () => {
      const ctx = request('bytes=0-9');
      assert.throws(() => ctx.request.range(), /size must be a non-negative integer/);
      assert.throws(() => ctx.request.range(-1), /size must be a non-negative integer/);
      assert.throws(() => ctx.request.range(1.5), /size must be a non-negative integer/);
      assert.throws(() => ctx.request.range('100'), /size must be a non-negative integer/);
    });
  });

  describe('with If-Range', () => {
    it('should honour the range when the ETag matches', () => {
      const ctx = request('bytes=0-9');
      ctx.header['if-range'] = '"abc"';
      ctx.response.etag = 'abc';
      assert.deepStrictEqual(Array.from(ctx.request.range(100)), [{ start: 0, end: 9 }]);
    });

    it('should ignore the range when the ETag differs', () => {
      const ctx = request('bytes=0-9');
      ctx.header['if-range'] = '"old"';
      ctx.response.etag = 'new';
      assert.strictEqual(ctx.request.range(100), undefined);
    });

    it('should never match a weak ETag', () => {
      const ctx = request('bytes=0-9');
      ctx.header['if-range'] = 'W/"abc"';
      ctx.response.etag = 'W/"abc"';
      assert.strictEqual(ctx.request.range(100), undefined);
    });

    it('should honour the range when not modified since the date', () => {
      const ctx = request('bytes=0-9');
      ctx.header['if-range'] = new Date(2020, 0, 2).toUTCString();
      ctx.response.lastModified = new Date(2020, 0, 1);
      assert.deepStrictEqual(Array.from(ctx.request.range(100)), [{ start: 0, end: 9 }]);
    });

    it('should ignore the range when modified since the date', () => {
      const ctx = request('bytes=0-9');
      ctx.header['if-range'] = new Date(2020, 0, 1).toUTCString();
      ctx.response.lastModified = new Date(2020, 0, 2);
      assert.strictEqual(ctx.request.range(100), undefined);
    });

    it('should ignore the range when there is nothing to compare', () => {
      const ctx = request('bytes=0-9');
      ctx.header['if-range'] = new Date().toUTCString();
      assert.strictEqual(ctx.request.range(100), undefined);
    });
  });
});
