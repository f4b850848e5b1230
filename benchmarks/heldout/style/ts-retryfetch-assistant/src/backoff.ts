/**
 * Backoff helpers for retrying operations.
 */

/** Options controlling how long to wait between attempts. */
export interface BackoffOptions {
  /** Delay before the first retry, in milliseconds. Default: 200. */
  baseDelayMs?: number;
  /** Upper bound for any single delay, in milliseconds. Default: 10_000. */
  maxDelayMs?: number;
  /** Multiplier applied per attempt. Default: 2. */
  factor?: number;
  /**
   * Jitter strategy:
   * - `"none"`: deterministic exponential delay
   * - `"full"`: uniform random value in `[0, delay]` (AWS "full jitter")
   * - `"equal"`: half fixed, half random, i.e. `[delay/2, delay]`
   *
   * Default: `"full"`, which spreads out retries from many clients best.
   */
  jitter?: 'none' | 'full' | 'equal';
}

/**
 * Computes the delay before retry number `retry` (0-based: 0 is the delay
 * before the second attempt).
 *
 * @param retry - Zero-based retry index.
 * @param options - Backoff configuration.
 * @param random - Source of randomness in `[0, 1)`; injectable for tests.
 * @returns The delay in whole milliseconds.
 * @throws {RangeError} If any option is negative or otherwise invalid.
 */
export function computeBackoff(
  retry: number,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const { baseDelayMs = 200, maxDelayMs = 10_000, factor = 2, jitter = 'full' } = options;

  if (!Number.isInteger(retry) || retry < 0) {
    throw new RangeError(`retry must be a non-negative integer, got ${retry}`);
  }
  if (baseDelayMs < 0 || maxDelayMs < 0) {
    throw new RangeError('baseDelayMs and maxDelayMs must not be negative');
  }
  if (factor < 1) {
    throw new RangeError(`factor must be >= 1, got ${factor}`);
  }

  // Cap before applying jitter so the random range never exceeds maxDelayMs.
  // Math.min also protects us from Infinity when retry is large.
  const exp = Math.min(maxDelayMs, baseDelayMs * Math.pow(factor, retry));

  switch (jitter) {
    case 'none':
      return Math.round(exp);
    case 'full':
      return Math.round(random() * exp);
    case 'equal':
      return Math.round(exp / 2 + random() * (exp / 2));
    default: {
      // Exhaustiveness check: TypeScript will complain here if a new jitter
      // mode is added to the union but not handled above.
      const unreachable: never = jitter;
      throw new RangeError(`Unknown jitter mode: ${String(unreachable)}`);
    }
  }
}

/**
 * Parses an HTTP `Retry-After` header value into milliseconds.
 *
 * The header may be either a number of seconds or an HTTP date. Returns
 * `undefined` if the header is missing or cannot be understood, so callers
 * can fall back to their normal backoff.
 *
 * @param value - Raw header value, or `null` if absent.
 * @param now - Current time in ms since epoch; injectable for tests.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;

  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed) * 1000;
  }

  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;

  // A date in the past means "retry now", not a negative delay.
  return Math.max(0, date - now);
}

/**
 * Resolves after `ms` milliseconds, or rejects early if `signal` aborts.
 *
 * @param ms - How long to wait.
 * @param signal - Optional signal that cancels the wait.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
