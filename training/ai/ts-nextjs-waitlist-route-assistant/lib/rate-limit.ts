/**
 * A simple fixed-window rate limiter kept in memory.
 *
 * ⚠️ Caveat: serverless and multi-instance deployments do not share memory, so
 * each instance enforces its own limit. For production, back this interface with
 * Redis (e.g. Upstash) or your platform's rate limiting. The interface is kept
 * small on purpose so swapping the implementation does not touch the route.
 */

export interface RateLimitResult {
  allowed: boolean;
  /** Requests left in the current window. */
  remaining: number;
  /** Unix epoch milliseconds when the window resets. */
  resetAt: number;
}

export interface RateLimiter {
  check(key: string): Promise<RateLimitResult>;
}

export function createMemoryRateLimiter(options: { limit: number; windowMs: number }): RateLimiter {
  const { limit, windowMs } = options;
  if (limit < 1 || windowMs < 1) {
    throw new RangeError("limit and windowMs must both be at least 1");
  }

  const windows = new Map<string, { count: number; resetAt: number }>();
  let lastSweep = Date.now();

  return {
    async check(key: string): Promise<RateLimitResult> {
      const now = Date.now();

      // Periodically drop expired windows so the map cannot grow without bound.
      if (now - lastSweep > windowMs) {
        for (const [k, w] of windows) {
          if (w.resetAt <= now) windows.delete(k);
        }
        lastSweep = now;
      }

      let window = windows.get(key);
      if (!window || window.resetAt <= now) {
        window = { count: 0, resetAt: now + windowMs };
        windows.set(key, window);
      }

      window.count += 1;
      return {
        allowed: window.count <= limit,
        remaining: Math.max(0, limit - window.count),
        resetAt: window.resetAt,
      };
    },
  };
}
