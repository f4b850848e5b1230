'use strict';

/**
 * Module dependencies.
 */

const debug = require('debug')('koa:range');

/**
 * Unit parsed by default.
 */

const UNIT = 'bytes';

/**
 * Parse a "Range" header `str` against a representation of
 * `size` bytes.
 *
 * Returns an array of `{ start, end }` objects (inclusive,
 * sorted and, with `options.combine`, merged), `-1` when the
 * ranges cannot be satisfied and `-2` when the header is malformed.
 *
 *     parse(1000, 'bytes=0-499')
 *     // => [{ start: 0, end: 499 }]
 *
 *     parse(1000, 'bytes=-100')
 *     // => [{ start: 900, end: 999 }]
 *
 * @param {Number} size
 * @param {String} str
 * @param {Object} [options]
 * @return {Array|Number}
 * @api private
 */

function parse(size, str, options) {
  options = options || {};

  const index = str.indexOf('=');
  if (-1 == index) return -2;

  const type = str.slice(0, index).trim().toLowerCase();
  const limit = options.limit || 10;
  const parts = str.slice(index + 1).split(',');
  const ranges = [];

  if (parts.length > limit) return -2;

  for (let i = 0; i < parts.length; i++) {
    const part = parts[i].trim();
    const dash = part.indexOf('-');
    if (-1 == dash) return -2;

    const first = part.slice(0, dash).trim();
    const last = part.slice(dash + 1).trim();
    if (!/^\d*$/.test(first) || !/^\d*$/.test(last)) return -2;
    if (!first && !last) return -2;

    let start;
    let end;

    if (!first) {
      // suffix range: the last `n` bytes
      start = size - Number(last);
      end = size - 1;
    } else {
      start = Number(first);
      end = last ? Number(last) : size - 1;
    }

    if (end > size - 1) end = size - 1;
    if (start < 0) start = 0;

    // skip ranges that cannot be satisfied
    if (start > end) continue;

    ranges.push({ start, end });
  }

  if (!ranges.length) return -1;

  ranges.type = type;

  return options.combine ? combine(ranges) : ranges;
}

/**
 * Merge overlapping and adjacent `ranges`.
 *
 * @param {Array} ranges
 * @return {Array}
 * @api private
 */

function combine(ranges) {
  const sorted = ranges
    .map((range, index) => ({ start: range.start, end: range.end, index }))
    .sort((a, b) => a.start - b.start);

  const merged = [sorted[0]];
  for (let i = 1; i < sorted.length; i++) {
    const prev = merged[merged.length - 1];
    const range = sorted[i];
    if (range.start > prev.end + 1) {
      merged.push(range);
    } else if (range.end > prev.end) {
      prev.end = range.end;
      prev.index = Math.min(prev.index, range.index);
    }
  }

  const out = merged
    .sort((a, b) => a.index - b.index)
    .map(range => ({ start: range.start, end: range.end }));

  out.type = ranges.type;
  return out;
}

/**
 * Request mixin.
 */

exports.request = {

  /**
   * Parse the "Range" header against a body of `size` bytes.
   *
   * Returns `undefined` when there is no header or the request
   * is not a GET, `-1` when unsatisfiable, `-2` when malformed,
   * otherwise an array of ranges.
   *
   * When an "If-Range" header is present and does not match
   * the response ETag or Last-Modified, the range is ignored
   * and `undefined` is returned so the full body is sent.
   *
   *     const ranges = ctx.request.range(stat.size);
   *     if (Array.isArray(ranges)) ...
   *
   * @param {Number} size
   * @param {Object} [options]
   * @return {Array|Number|undefined}
   * @api public
   */

  range(size, options) {
    const header = this.get('Range');
    if (!header) return;
    if ('GET' != this.method && 'HEAD' != this.method) return;

    if ('number' != typeof size || size < 0 || size % 1 != 0) {
      throw new TypeError('size must be a non-negative integer');
    }

    if (!this.ifRangeMatches()) {
      debug('if-range mismatch, ignoring range %s', header);
      return;
    }

    const ranges = parse(size, header, options);
    if (Array.isArray(ranges) && UNIT != ranges.type) return -2;
    return ranges;
  },

  /**
   * Check the "If-Range" header against the response
   * ETag or Last-Modified. Returns true when there is
   * no "If-Range" header.
   *
   * @return {Boolean}
   * @api private
   */

  ifRangeMatches() {
    const ifRange = this.get('If-Range');
    if (!ifRange) return true;

    const res = this.response;

    // an entity tag, weak tags never match
    if (ifRange.includes('"')) {
      const etag = res.get('ETag');
      return !!etag && !/^W\//.test(ifRange) && etag == ifRange;
    }

    const lastModified = res.get('Last-Modified');
    if (!lastModified) return false;
    return Date.parse(lastModified) <= Date.parse(ifRange);
  }
};

/**
 * Response mixin.
 */

exports.response = {

  /**
   * Respond with part of a body of `size` bytes.
   *
   * Sets the status to 206 with "Content-Range" for a single
   * range, or 416 with "Content-Range: bytes *\/size" when the
   * ranges could not be satisfied. Returns the range to send,
   * or `null` when the caller should not send a body.
   *
   * Multiple ranges are not supported as a multipart body;
   * only the first one is honoured.
   *
   *     const range = ctx.response.partial(ctx.request.range(size), size);
   *     if (range) ctx.body = fs.createReadStream(path, range);
   *
   * @param {Array|Number|undefined} ranges
   * @param {Number} size
   * @return {Object|null}
   * @api public
   */

  partial(ranges, size) {
    this.set('Accept-Ranges', UNIT);

    if (undefined === ranges || -2 === ranges) {
      return { start: 0, end: size - 1 };
    }

    if (-1 === ranges) {
      this.status = 416;
      this.set('Content-Range', `${UNIT} */${size}`);
      return null;
    }

    const range = ranges[0];
    this.status = 206;
    this.set('Content-Range', `${UNIT} ${range.start}-${range.end}/${size}`);
    this.length = range.end - range.start + 1;
    return range;
  }
};

/**
 * Expose `parse` for testing.
 */

exports.parse = parse;
