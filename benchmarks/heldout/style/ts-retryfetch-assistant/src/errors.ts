/**
 * Error types raised by {@link fetchWithRetry}.
 *
 * Keeping these in their own module lets callers import them for `instanceof`
 * checks without pulling in the rest of the retry machinery.
 */

/**
 * Thrown when every attempt has been used up and the request still failed.
 *
 * The `attempts` array records what happened on each try, which is usually
 * the first thing you want to log when diagnosing a flaky upstream.
 */
export class RetryExhaustedError extends Error {
  /** Details of each failed attempt, in order. */
  public readonly attempts: ReadonlyArray<AttemptRecord>;

  constructor(url: string, attempts: AttemptRecord[]) {
    const last = attempts[attempts.length - 1];
    const reason = last?.status !== undefined ? `HTTP ${last.status}` : last?.error?.message ?? 'unknown error';
    super(`Request to ${url} failed after ${attempts.length} attempt(s); last error: ${reason}`);
    this.name = 'RetryExhaustedError';
    this.attempts = attempts;
  }
}

/**
 * Thrown when a single attempt takes longer than the configured per-attempt
 * timeout. This is retryable by default.
 */
export class AttemptTimeoutError extends Error {
  constructor(public readonly timeoutMs: number) {
    super(`Attempt timed out after ${timeoutMs} ms`);
    this.name = 'AttemptTimeoutError';
  }
}

/**
 * Thrown when the caller's own AbortSignal fires. We never retry in this case:
 * the caller has explicitly said they no longer want the result.
 */
export class RequestAbortedError extends Error {
  constructor(reason?: unknown) {
    super(
      reason instanceof Error
        ? `Request was aborted by the caller: ${reason.message}`
        : 'Request was aborted by the caller',
    );
    this.name = 'RequestAbortedError';
  }
}

/** One entry in {@link RetryExhaustedError.attempts}. */
export interface AttemptRecord {
  /** 1-based attempt number. */
  attempt: number;
  /** HTTP status if a response was received. */
  status?: number;
  /** The thrown error if no response was received (network failure, timeout). */
  error?: Error;
  /** How long we waited before the *next* attempt, in milliseconds. */
  delayMs?: number;
}
