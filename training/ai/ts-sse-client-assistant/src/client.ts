/**
 * A small `fetch`-based Server-Sent Events client.
 *
 * Compared with the browser's built-in `EventSource`, this client:
 * - works anywhere `fetch` and `ReadableStream` exist (browsers, Node.js 18+, Deno, workers),
 * - supports custom request headers (e.g. `Authorization`) and POST bodies,
 * - uses exponential backoff with jitter instead of a fixed retry delay,
 * - exposes an async iterator as well as callbacks.
 */

import { SSEParser, type SSEEvent } from "./parser";

/** Options accepted by {@link connectSSE}. */
export interface SSEClientOptions {
  /** Extra request headers. `Accept` and `Last-Event-ID` are managed by the client. */
  headers?: Record<string, string>;
  /** HTTP method; defaults to `GET`. */
  method?: "GET" | "POST";
  /** Request body for `POST` streams. */
  body?: string;
  /** Initial reconnection delay in milliseconds. Overridden by the server's `retry:` field. */
  initialRetryMs?: number;
  /** Upper bound for the reconnection delay. */
  maxRetryMs?: number;
  /** Give up after this many consecutive failed attempts. `Infinity` retries forever. */
  maxAttempts?: number;
  /** Abort the stream (and stop reconnecting) when this signal fires. */
  signal?: AbortSignal;
  /** Injected for testing; defaults to the global `fetch`. */
  fetchImpl?: typeof fetch;
  /** Called whenever a connection is (re-)established. */
  onOpen?: (response: Response) => void;
  /** Called for every error; the client reconnects afterwards unless it is fatal. */
  onError?: (error: unknown, willRetry: boolean) => void;
}

/** An HTTP response that means retrying would be pointless (e.g. 401, 404, wrong content type). */
export class FatalSSEError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "FatalSSEError";
  }
}

/** Resolve after `ms` milliseconds, or reject early if the signal aborts. */
function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Decide whether a failed response should stop the client for good.
 * 5xx and 429 are treated as transient; other non-2xx statuses are fatal.
 */
function isFatalStatus(status: number): boolean {
  return status !== 429 && status < 500;
}

/**
 * Open an SSE stream and yield events as they arrive, reconnecting on network
 * errors until `signal` is aborted or `maxAttempts` consecutive failures occur.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * for await (const ev of connectSSE("/api/updates", { signal: controller.signal })) {
 *   console.log(ev.type, JSON.parse(ev.data));
 * }
 * ```
 */
export async function* connectSSE(url: string | URL, options: SSEClientOptions = {}): AsyncGenerator<SSEEvent> {
  const {
    headers = {},
    method = "GET",
    body,
    initialRetryMs = 1_000,
    maxRetryMs = 30_000,
    maxAttempts = Infinity,
    signal,
    fetchImpl = globalThis.fetch,
    onOpen,
    onError,
  } = options;

  if (typeof fetchImpl !== "function") {
    throw new TypeError("No fetch implementation available; pass `fetchImpl`.");
  }
  if (initialRetryMs <= 0 || maxRetryMs < initialRetryMs) {
    throw new RangeError("Expected 0 < initialRetryMs <= maxRetryMs");
  }

  let baseRetryMs = initialRetryMs;
  let failures = 0;
  let lastEventId = "";

  while (!signal?.aborted) {
    // Events parsed from the current chunk are queued here and yielded in order.
    const queue: SSEEvent[] = [];
    const parser = new SSEParser({
      onEvent: (event) => queue.push(event),
      onRetry: (ms) => {
        baseRetryMs = Math.min(Math.max(ms, 1), maxRetryMs);
      },
    });

    try {
      const requestHeaders: Record<string, string> = {
        ...headers,
        Accept: "text/event-stream",
        "Cache-Control": "no-cache",
      };
      if (lastEventId) requestHeaders["Last-Event-ID"] = lastEventId;

      const response = await fetchImpl(url, { method, body, headers: requestHeaders, signal });

      if (!response.ok) {
        const message = `SSE request failed with HTTP ${response.status}`;
        if (isFatalStatus(response.status)) throw new FatalSSEError(message, response.status);
        throw new Error(message);
      }
      const contentType = response.headers.get("content-type") ?? "";
      if (!contentType.toLowerCase().startsWith("text/event-stream")) {
        throw new FatalSSEError(`Unexpected content type "${contentType}"`, response.status);
      }
      if (!response.body) {
        throw new FatalSSEError("Response has no body to stream");
      }

      onOpen?.(response);
      failures = 0;

      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          parser.push(value);
          while (queue.length > 0) {
            const event = queue.shift()!;
            lastEventId = event.lastEventId;
            yield event;
          }
        }
      } finally {
        // Release the connection if the consumer stops iterating early.
        reader.cancel().catch(() => undefined);
      }
      parser.end();
      // The server closed the stream cleanly; fall through and reconnect.
    } catch (error) {
      if (signal?.aborted) return;

      const fatal = error instanceof FatalSSEError;
      failures += 1;
      const willRetry = !fatal && failures < maxAttempts;
      onError?.(error, willRetry);
      if (!willRetry) throw error;
    }

    // Exponential backoff with "full jitter" to avoid thundering herds.
    const backoff = Math.min(maxRetryMs, baseRetryMs * 2 ** Math.max(0, failures - 1));
    const wait = failures === 0 ? baseRetryMs : Math.random() * backoff;
    try {
      await delay(wait, signal);
    } catch {
      return; // aborted while waiting
    }
  }
}
