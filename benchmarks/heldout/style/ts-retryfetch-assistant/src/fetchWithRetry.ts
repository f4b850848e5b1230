import { BackoffOptions, computeBackoff, parseRetryAfter, sleep } from './backoff';
import {
  AttemptRecord,
  AttemptTimeoutError,
  RequestAbortedError,
  RetryExhaustedError,
} from './errors';

/** Configuration for {@link fetchWithRetry}. */
export interface RetryOptions extends BackoffOptions {
  /** Total number of attempts, including the first. Default: 3. */
  maxAttempts?: number;
  /** Per-attempt timeout in milliseconds. `0` disables it. Default: 10_000. */
  timeoutMs?: number;
  /**
   * HTTP status codes that should trigger a retry.
   * Default: 408, 425, 429, 500, 502, 503, 504.
   */
  retryOnStatus?: readonly number[];
  /**
   * Whether to retry non-idempotent methods (POST, PATCH). Off by default,
   * because retrying them can cause duplicate side effects on the server.
   */
  retryNonIdempotent?: boolean;
  /** Honour the server's `Retry-After` header when present. Default: true. */
  respectRetryAfter?: boolean;
  /** Called before each retry; handy for logging or metrics. */
  onRetry?: (record: AttemptRecord) => void;
  /** The fetch implementation to use. Default: `globalThis.fetch`. */
  fetchImpl?: typeof fetch;
  /** Source of randomness for jitter; injectable for tests. */
  random?: () => number;
}

const DEFAULT_RETRY_STATUS: readonly number[] = [408, 425, 429, 500, 502, 503, 504];
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/**
 * A drop-in wrapper around `fetch` that retries transient failures with
 * exponential backoff.
 *
 * A request is retried when:
 * - the network call throws (DNS failure, connection reset, ...), or
 * - the attempt exceeds `timeoutMs`, or
 * - the response status is in `retryOnStatus`.
 *
 * It is **not** retried when the caller's `init.signal` aborts, or when the
 * method is non-idempotent and `retryNonIdempotent` is false.
 *
 * Note: if you pass a `ReadableStream` body it can only be consumed once, so
 * retries will fail. Use a string, `Blob`, or `ArrayBuffer` body instead.
 *
 * @example
 * ```ts
 * const res = await fetchWithRetry('https://api.example.com/items', {}, {
 *   maxAttempts: 5,
 *   onRetry: (r) => console.warn(`retry #${r.attempt}`, r.status ?? r.error),
 * });
 * ```
 *
 * @param input - URL or Request, as for `fetch`.
 * @param init - Standard fetch options.
 * @param options - Retry configuration.
 * @returns The first successful (or non-retryable) response.
 * @throws {RetryExhaustedError} When every attempt failed.
 * @throws {RequestAbortedError} When the caller's signal aborted.
 */
export async function fetchWithRetry(
  input: string | URL,
  init: RequestInit = {},
  options: RetryOptions = {},
): Promise<Response> {
  const {
    maxAttempts = 3,
    timeoutMs = 10_000,
    retryOnStatus = DEFAULT_RETRY_STATUS,
    retryNonIdempotent = false,
    respectRetryAfter = true,
    onRetry,
    fetchImpl = globalThis.fetch,
    random = Math.random,
  } = options;

  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be a positive integer, got ${maxAttempts}`);
  }
  if (timeoutMs < 0) {
    throw new RangeError(`timeoutMs must not be negative, got ${timeoutMs}`);
  }
  if (typeof fetchImpl !== 'function') {
    throw new TypeError('No fetch implementation available; pass options.fetchImpl');
  }

  const url = String(input);
  const method = (init.method ?? 'GET').toUpperCase();
  const canRetry = retryNonIdempotent || IDEMPOTENT_METHODS.has(method);
  const callerSignal = init.signal ?? undefined;
  const attempts: AttemptRecord[] = [];

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (callerSignal?.aborted) {
      throw new RequestAbortedError(callerSignal.reason);
    }

    const record: AttemptRecord = { attempt };
    let response: Response | undefined;

    try {
      response = await attemptOnce(fetchImpl, url, init, timeoutMs, callerSignal);
    } catch (err) {
      // The caller cancelled: stop immediately, don't dress it up as a retry failure.
      if (callerSignal?.aborted) {
        throw new RequestAbortedError(callerSignal.reason);
      }
      record.error = err instanceof Error ? err : new Error(String(err));
    }

    if (response !== undefined) {
      if (!retryOnStatus.includes(response.status)) {
        return response;
      }
      record.status = response.status;
    }

    attempts.push(record);

    const isLast = attempt === maxAttempts;
    if (isLast || !canRetry) {
      // For a non-retryable method, hand back the server's response so the
      // caller can inspect it, rather than hiding it behind an exception.
      if (!canRetry && response !== undefined) return response;
      break;
    }

    let delay = computeBackoff(attempt - 1, options, random);
    if (respectRetryAfter && response !== undefined) {
      const hinted = parseRetryAfter(response.headers.get('retry-after'));
      if (hinted !== undefined) {
        // Respect the server, but never wait longer than maxDelayMs.
        delay = Math.min(hinted, options.maxDelayMs ?? 10_000);
      }
    }
    record.delayMs = delay;

    // Free the connection; we're not going to read this body.
    await response?.body?.cancel().catch(() => undefined);

    onRetry?.(record);

    try {
      await sleep(delay, callerSignal);
    } catch {
      throw new RequestAbortedError(callerSignal?.reason);
    }
  }

  throw new RetryExhaustedError(url, attempts);
}

/**
 * Performs a single fetch with its own timeout, linked to the caller's signal
 * so that either source can cancel it.
 */
async function attemptOnce(
  fetchImpl: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
): Promise<Response> {
  const controller = new AbortController();
  let timedOut = false;

  const timer =
    timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          controller.abort(new AttemptTimeoutError(timeoutMs));
        }, timeoutMs)
      : undefined;

  const forwardAbort = () => controller.abort(callerSignal?.reason);
  callerSignal?.addEventListener('abort', forwardAbort, { once: true });

  try {
    return await fetchImpl(url, { ...init, signal: controller.signal });
  } catch (err) {
    // fetch rejects with a generic AbortError; replace it with something clearer.
    if (timedOut) throw new AttemptTimeoutError(timeoutMs);
    throw err;
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    callerSignal?.removeEventListener('abort', forwardAbort);
  }
}
