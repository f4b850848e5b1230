/**
 * A small in-memory HTTP cache in front of `fetch`, for GET requests only.
 *
 * It serves fresh responses from memory, revalidates stale ones with
 * `If-None-Match` / `If-Modified-Since`, and honours `stale-while-revalidate`
 * by answering from the cache while refreshing in the background.
 *
 * Vary handling is intentionally minimal: responses with `Vary` are not cached,
 * which is always correct, just less efficient.
 */

import { parseCacheControl } from "./cacheControl.js";
import { cacheState, isStorable, type StoredResponse } from "./freshness.js";

interface Entry extends StoredResponse {
  body: ArrayBuffer;
  url: string;
}

export interface HttpCacheOptions {
  /** The underlying fetch; defaults to the global one. */
  fetch?: typeof fetch;
  /** Maximum number of cached URLs; the least recently used entry is evicted first. */
  maxEntries?: number;
  /** Clock in milliseconds, injectable for tests. */
  now?: () => number;
}

export class HttpCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<Response>>();
  private readonly fetchImpl: typeof fetch;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: HttpCacheOptions = {}) {
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.maxEntries = options.maxEntries ?? 500;
    this.now = options.now ?? Date.now;
    if (!Number.isInteger(this.maxEntries) || this.maxEntries < 1) {
      throw new RangeError(`maxEntries must be a positive integer, got ${this.maxEntries}`);
    }
  }

  /** Number of cached responses, mostly useful in tests and metrics. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Fetch `url`, using the cache where the HTTP caching rules allow it.
   * Every call returns a new `Response`, so bodies can be consumed independently.
   */
  async get(url: string, init: RequestInit = {}): Promise<Response> {
    const requestCc = parseCacheControl(new Headers(init.headers).get("cache-control"));
    const entry = this.entries.get(url);

    if (entry && !requestCc.noCache) {
      const state = cacheState(entry, {}, this.now());
      if (state === "fresh") {
        this.touch(url, entry);
        return toResponse(entry, "HIT");
      }
      if (state === "stale-while-revalidate") {
        // Serve the stale copy now; errors in the background refresh are ignored
        // because the next request will simply try again.
        void this.revalidate(url, init, entry).catch(() => undefined);
        return toResponse(entry, "STALE");
      }
    }

    return this.revalidate(url, init, entry);
  }

  /** Remove one URL, or everything when called without arguments. */
  invalidate(url?: string): void {
    if (url === undefined) {
      this.entries.clear();
    } else {
      this.entries.delete(url);
    }
  }

  private revalidate(url: string, init: RequestInit, entry: Entry | undefined): Promise<Response> {
    // Collapse concurrent requests for the same URL into a single network call.
    const pending = this.inFlight.get(url);
    if (pending) {
      return pending.then((res) => res.clone());
    }

    const promise = this.fetchAndStore(url, init, entry).finally(() => this.inFlight.delete(url));
    this.inFlight.set(url, promise);
    return promise.then((res) => res.clone());
  }

  private async fetchAndStore(url: string, init: RequestInit, entry: Entry | undefined): Promise<Response> {
    const headers = new Headers(init.headers);
    if (entry) {
      const etag = entry.headers.get("etag");
      const lastModified = entry.headers.get("last-modified");
      if (etag) headers.set("if-none-match", etag);
      else if (lastModified) headers.set("if-modified-since", lastModified);
    }

    const requestTime = this.now();
    const res = await this.fetchImpl(url, { ...init, method: "GET", headers });
    const responseTime = this.now();

    if (res.status === 304 && entry) {
      // RFC 9111 section 4.3.4: update the stored headers with the new ones.
      const merged = new Headers(entry.headers);
      res.headers.forEach((value, name) => merged.set(name, value));
      const updated: Entry = { ...entry, headers: merged, requestTime, responseTime };
      this.store(url, updated);
      return toResponse(updated, "REVALIDATED");
    }

    if (res.headers.has("vary") || !isStorable(res)) {
      this.entries.delete(url);
      return res;
    }

    const body = await res.arrayBuffer();
    const stored: Entry = { url, status: res.status, headers: res.headers, body, requestTime, responseTime };
    this.store(url, stored);
    return toResponse(stored, "MISS");
  }

  private store(url: string, entry: Entry): void {
    this.entries.delete(url);
    this.entries.set(url, entry);
    // Maps iterate in insertion order, so the first key is the least recently used.
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  private touch(url: string, entry: Entry): void {
    this.entries.delete(url);
    this.entries.set(url, entry);
  }
}

function toResponse(entry: Entry, cacheStatus: string): Response {
  const headers = new Headers(entry.headers);
  headers.set("x-cache", cacheStatus);
  // 204/304 responses must not carry a body.
  const body = entry.status === 204 ? null : entry.body.slice(0);
  return new Response(body, { status: entry.status, headers });
}
