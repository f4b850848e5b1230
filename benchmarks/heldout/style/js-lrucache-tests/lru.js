'use strict';

/**
 * Least-recently-used cache with optional per-entry TTL and a size budget.
 * Backed by a Map, whose insertion order doubles as the recency order.
 */
class LRUCache {
  #pending = new Map();

  constructor({ max = 100, maxSize = Infinity, ttl = 0, sizeOf = () => 1, onEvict, now = Date.now } = {}) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError('max must be a positive integer');
    if (!(maxSize > 0)) throw new RangeError('maxSize must be positive');
    this.max = max;
    this.maxSize = maxSize;
    this.ttl = ttl;
    this.sizeOf = sizeOf;
    this.onEvict = onEvict;
    this.now = now;
    this.map = new Map();
    this.totalSize = 0;
  }

  get size() {
    return this.map.size;
  }

  #expired(entry) {
    return entry.expires !== 0 && entry.expires <= this.now();
  }

  #remove(key, entry, reason) {
    this.map.delete(key);
    this.totalSize -= entry.size;
    if (this.onEvict) this.onEvict(key, entry.value, reason);
  }

  get(key) {
    const entry = this.map.get(key);
    if (!entry) return undefined;
    if (this.#expired(entry)) {
      this.#remove(key, entry, 'expired');
      return undefined;
    }
    this.map.delete(key);
    this.map.set(key, entry);
    return entry.value;
  }

  peek(key) {
    const entry = this.map.get(key);
    if (!entry || this.#expired(entry)) return undefined;
    return entry.value;
  }

  has(key) {
    const entry = this.map.get(key);
    return entry !== undefined && !this.#expired(entry);
  }

  set(key, value, { ttl = this.ttl } = {}) {
    const size = this.sizeOf(value, key);
    if (!(size >= 0)) throw new RangeError(`sizeOf returned invalid size ${size}`);
    if (size > this.maxSize) {
      const old = this.map.get(key);
      if (old) this.#remove(key, old, 'replaced');
      return false;
    }
    const old = this.map.get(key);
    if (old) {
      this.map.delete(key);
      this.totalSize -= old.size;
      if (this.onEvict && old.value !== value) this.onEvict(key, old.value, 'replaced');
    }
    this.map.set(key, { value, size, expires: ttl > 0 ? this.now() + ttl : 0 });
    this.totalSize += size;
    this.#trim();
    return true;
  }

  #trim() {
    for (const [key, entry] of this.map) {
      if (this.map.size <= this.max && this.totalSize <= this.maxSize) break;
      this.#remove(key, entry, 'evicted');
    }
  }

  delete(key) {
    const entry = this.map.get(key);
    if (!entry) return false;
    this.#remove(key, entry, 'deleted');
    return true;
  }

  clear() {
    for (const [key, entry] of [...this.map]) this.#remove(key, entry, 'deleted');
  }

  prune() {
    let n = 0;
    for (const [key, entry] of [...this.map]) {
      if (this.#expired(entry)) {
        this.#remove(key, entry, 'expired');
        n++;
      }
    }
    return n;
  }

  keys() {
    return [...this.map].filter(([, e]) => !this.#expired(e)).map(([k]) => k).reverse();
  }

  // Concurrent fetches for the same missing key share one loader call.
  fetch(key, loader, opts) {
    const hit = this.get(key);
    if (hit !== undefined) return Promise.resolve(hit);
    const inflight = this.#pending.get(key);
    if (inflight) return inflight;
    const p = Promise.resolve()
      .then(() => loader(key))
      .then(value => {
        if (value !== undefined) this.set(key, value, opts);
        return value;
      })
      .finally(() => this.#pending.delete(key));
    this.#pending.set(key, p);
    return p;
  }
}

module.exports = { LRUCache };
