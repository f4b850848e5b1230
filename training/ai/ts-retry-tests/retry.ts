export interface RetryOptions {
  retries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  factor?: number;
  jitter?: boolean;
  signal?: AbortSignal;
  shouldRetry?: (err: unknown, attempt: number) => boolean;
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
  random?: () => number;
}

export class RetryError extends Error {
  constructor(readonly attempts: number, readonly lastError: unknown) {
    super(`gave up after ${attempts} attempts: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
    this.name = "RetryError";
  }
}

export function backoff(attempt: number, o: Required<Pick<RetryOptions, "baseDelayMs" | "maxDelayMs" | "factor">>): number {
  return Math.min(o.maxDelayMs, o.baseDelayMs * o.factor ** (attempt - 1));
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });

export async function retry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const {
    retries = 3,
    baseDelayMs = 100,
    maxDelayMs = 10_000,
    factor = 2,
    jitter = false,
    signal,
    shouldRetry = () => true,
    onRetry,
    random = Math.random,
  } = opts;

  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw signal.reason;
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt > retries || !shouldRetry(err, attempt)) {
        throw attempt > retries ? new RetryError(attempt, err) : err;
      }
      let delay = backoff(attempt, { baseDelayMs, maxDelayMs, factor });
      if (jitter) delay = Math.round(delay * random());
      onRetry?.(err, attempt, delay);
      await sleep(delay, signal);
    }
  }
}

export class HttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/** Retries only on network errors, 429 and 5xx responses. */
export const isTransient = (err: unknown) =>
  err instanceof TypeError || (err instanceof HttpStatusError && (err.status === 429 || err.status >= 500));
