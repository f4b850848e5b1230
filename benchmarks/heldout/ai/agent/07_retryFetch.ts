export interface RetryOptions {
  retries?: number;
  minDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
  retryOn?: (res: Response | undefined, err: unknown) => boolean;
  onRetry?: (attempt: number, delayMs: number, reason: string) => void;
  signal?: AbortSignal;
}

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
    readonly body: string,
  ) {
    super(`HTTP ${status} for ${url}`);
    this.name = 'HttpError';
  }
}

function defaultRetryOn(res: Response | undefined, err: unknown): boolean {
  if (err) {
    // aborts from the caller are final; our own timeouts are retryable
    return !(err instanceof DOMException && err.name === 'AbortError');
  }
  return res !== undefined && RETRYABLE_STATUS.has(res.status);
}

function parseRetryAfter(res: Response | undefined): number | undefined {
  const h = res?.headers.get('retry-after');
  if (!h) return undefined;
  const secs = Number(h);
  if (Number.isFinite(secs)) return secs * 1000;
  const at = Date.parse(h);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export async function retryFetch(
  input: string | URL,
  init: RequestInit = {},
  opts: RetryOptions = {},
): Promise<Response> {
  const {
    retries = 3,
    minDelayMs = 200,
    maxDelayMs = 5_000,
    timeoutMs = 10_000,
    retryOn = defaultRetryOn,
    onRetry,
    signal,
  } = opts;
  const url = String(input);

  for (let attempt = 0; ; attempt++) {
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;

    let res: Response | undefined;
    let err: unknown;
    try {
      res = await fetch(input, { ...init, signal: combined });
      if (res.ok) return res;
    } catch (e) {
      err = e;
      if (signal?.aborted) throw e;
    }

    if (attempt >= retries || !retryOn(res, err)) {
      if (err) throw err;
      throw new HttpError(res!.status, url, await res!.text().catch(() => ''));
    }

    const backoff = Math.min(maxDelayMs, minDelayMs * 2 ** attempt);
    const delay = parseRetryAfter(res) ?? Math.random() * backoff;
    onRetry?.(attempt + 1, delay, err ? String(err) : `status ${res?.status}`);
    // drain the body so the connection can be reused
    await res?.body?.cancel().catch(() => undefined);
    await sleep(Math.min(delay, maxDelayMs), signal);
  }
}

export async function retryJson<T>(
  input: string | URL,
  init?: RequestInit,
  opts?: RetryOptions,
): Promise<T> {
  const res = await retryFetch(input, init, opts);
  return (await res.json()) as T;
}
