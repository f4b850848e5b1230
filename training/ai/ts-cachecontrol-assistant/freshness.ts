/**
 * Freshness and age calculations for a shared or private HTTP cache,
 * following RFC 9111 sections 4.2 (freshness) and 4.2.3 (age).
 */

import { parseCacheControl, type CacheControl } from "./cacheControl.js";

/** The parts of a stored response that freshness depends on. */
export interface StoredResponse {
  status: number;
  headers: Headers;
  /** Local clock (ms since epoch) when the request was sent. */
  requestTime: number;
  /** Local clock (ms since epoch) when the response arrived. */
  responseTime: number;
}

export interface FreshnessOptions {
  /** Shared caches (CDNs, proxies) honour `s-maxage` and refuse `private`. */
  shared?: boolean;
  /** Fraction of (Date - Last-Modified) used as a heuristic lifetime. Defaults to 10%. */
  heuristicFraction?: number;
  /** Upper bound for heuristic lifetimes, in seconds. Defaults to one day. */
  maxHeuristicSeconds?: number;
}

export type CacheState = "fresh" | "stale-while-revalidate" | "stale";

/** Statuses that RFC 9110 lets a cache store heuristically (without explicit lifetime). */
const HEURISTICALLY_CACHEABLE = new Set([200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501]);

/** Parse an HTTP-date into milliseconds, or `undefined` if it is missing or invalid. */
function parseHttpDate(value: string | null): number | undefined {
  if (!value) {
    return undefined;
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Decide whether a response may be stored at all.
 *
 * This deliberately covers only the response side; a caller should also
 * check the request (e.g. only cache GET/HEAD, honour request `no-store`).
 */
export function isStorable(res: Pick<StoredResponse, "status" | "headers">, options: FreshnessOptions = {}): boolean {
  const cc = parseCacheControl(res.headers.get("cache-control"));
  if (cc.noStore) {
    return false;
  }
  if (options.shared && cc.private) {
    return false;
  }
  // A response with an explicit lifetime may be stored regardless of status.
  const hasExplicitLifetime =
    cc.maxAge !== undefined || (options.shared && cc.sMaxAge !== undefined) || res.headers.has("expires");
  return hasExplicitLifetime || cc.public === true || HEURISTICALLY_CACHEABLE.has(res.status);
}

/**
 * Compute the freshness lifetime in seconds (RFC 9111 section 4.2.1).
 *
 * Order of precedence: `s-maxage` (shared caches only), `max-age`, `Expires`,
 * then a heuristic based on `Last-Modified`.
 */
export function freshnessLifetime(res: StoredResponse, options: FreshnessOptions = {}): number {
  const cc = parseCacheControl(res.headers.get("cache-control"));

  if (options.shared && cc.sMaxAge !== undefined) {
    return cc.sMaxAge;
  }
  if (cc.maxAge !== undefined) {
    return cc.maxAge;
  }

  const date = parseHttpDate(res.headers.get("date")) ?? res.responseTime;
  const expiresHeader = res.headers.get("expires");
  if (expiresHeader !== null) {
    // An invalid Expires (commonly "0" or "-1") means "already expired".
    const expires = parseHttpDate(expiresHeader);
    return expires === undefined ? 0 : Math.max(0, (expires - date) / 1000);
  }

  const lastModified = parseHttpDate(res.headers.get("last-modified"));
  if (lastModified !== undefined && HEURISTICALLY_CACHEABLE.has(res.status) && !cc.noCache) {
    const fraction = options.heuristicFraction ?? 0.1;
    const cap = options.maxHeuristicSeconds ?? 24 * 60 * 60;
    return Math.min(cap, Math.max(0, ((date - lastModified) / 1000) * fraction));
  }

  return 0;
}

/**
 * Compute the current age in seconds (RFC 9111 section 4.2.3).
 *
 * @param now Current local time in milliseconds; injectable for testing.
 */
export function currentAge(res: StoredResponse, now: number = Date.now()): number {
  const ageHeader = Number.parseInt(res.headers.get("age") ?? "0", 10);
  const ageValue = Number.isFinite(ageHeader) && ageHeader > 0 ? ageHeader : 0;
  const date = parseHttpDate(res.headers.get("date")) ?? res.responseTime;

  // Clock skew between us and the origin must never make the age negative.
  const apparentAge = Math.max(0, (res.responseTime - date) / 1000);
  const responseDelay = (res.responseTime - res.requestTime) / 1000;
  const correctedAgeValue = ageValue + responseDelay;
  const correctedInitialAge = Math.max(apparentAge, correctedAgeValue);
  const residentTime = (now - res.responseTime) / 1000;

  return correctedInitialAge + residentTime;
}

/**
 * Classify a stored response as fresh, usable-while-revalidating, or stale.
 *
 * `no-cache` (without field names) forces revalidation even when the response
 * would otherwise be fresh, so such responses are always reported as stale.
 */
export function cacheState(res: StoredResponse, options: FreshnessOptions = {}, now: number = Date.now()): CacheState {
  const cc: CacheControl = parseCacheControl(res.headers.get("cache-control"));
  if (cc.noCache === true) {
    return "stale";
  }

  const lifetime = freshnessLifetime(res, options);
  const age = currentAge(res, now);
  if (age < lifetime) {
    return "fresh";
  }

  const mustRevalidate = cc.mustRevalidate || (options.shared && cc.proxyRevalidate);
  if (!mustRevalidate && cc.staleWhileRevalidate !== undefined && age < lifetime + cc.staleWhileRevalidate) {
    return "stale-while-revalidate";
  }
  return "stale";
}
