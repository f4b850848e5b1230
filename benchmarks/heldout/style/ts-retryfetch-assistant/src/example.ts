/**
 * Self-contained demonstration of fetchWithRetry using a fake fetch, so it
 * can be run without network access:
 *
 *   npx tsc && node dist/example.js
 */
import { fetchWithRetry } from './fetchWithRetry';
import { RequestAbortedError, RetryExhaustedError } from './errors';

/**
 * Builds a fake fetch that replays a script of outcomes. Each entry is either
 * an HTTP status, the string "throw" for a network error, or "hang" for a
 * request that never completes (until aborted).
 */
function scriptedFetch(script: Array<number | 'throw' | 'hang'>): { fetch: typeof fetch; calls: () => number } {
  let i = 0;
  const fake = (async (_url: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const step = script[Math.min(i, script.length - 1)];
    i++;
    if (step === 'throw') throw new TypeError('fetch failed: ECONNRESET');
    if (step === 'hang') {
      return new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
      });
    }
    const headers = step === 429 ? { 'retry-after': '0' } : undefined;
    return new Response(step === 200 ? 'ok' : 'error', { status: step, headers });
  }) as typeof fetch;
  return { fetch: fake, calls: () => i };
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`Check failed: ${message}`);
  console.log(`  ✓ ${message}`);
}

async function main(): Promise<void> {
  const fast = { baseDelayMs: 1, maxDelayMs: 5, random: () => 0.5 };

  console.log('Transient failures then success');
  {
    const f = scriptedFetch(['throw', 503, 200]);
    const seen: string[] = [];
    const res = await fetchWithRetry('https://example.test/a', {}, {
      ...fast,
      fetchImpl: f.fetch,
      onRetry: (r) => seen.push(r.status !== undefined ? String(r.status) : 'error'),
    });
    check(res.status === 200, 'eventually returns 200');
    check(f.calls() === 3, 'made three attempts');
    check(seen.join(',') === 'error,503', 'onRetry saw the network error and the 503');
  }

  console.log('Giving up');
  {
    const f = scriptedFetch([500]);
    try {
      await fetchWithRetry('https://example.test/b', {}, { ...fast, maxAttempts: 4, fetchImpl: f.fetch });
      check(false, 'should have thrown');
    } catch (err) {
      check(err instanceof RetryExhaustedError, 'throws RetryExhaustedError');
      check((err as RetryExhaustedError).attempts.length === 4, 'records all four attempts');
      check(/HTTP 500/.test((err as Error).message), 'message mentions the last status');
    }
  }

  console.log('Non-retryable cases');
  {
    const f = scriptedFetch([404]);
    const res = await fetchWithRetry('https://example.test/c', {}, { ...fast, fetchImpl: f.fetch });
    check(res.status === 404 && f.calls() === 1, '404 is returned immediately');

    const g = scriptedFetch([503, 200]);
    const post = await fetchWithRetry('https://example.test/d', { method: 'post', body: 'x' }, { ...fast, fetchImpl: g.fetch });
    check(post.status === 503 && g.calls() === 1, 'POST is not retried by default');

    const h = scriptedFetch([429, 200]);
    const retried = await fetchWithRetry(
      'https://example.test/e',
      { method: 'POST' },
      { ...fast, fetchImpl: h.fetch, retryNonIdempotent: true },
    );
    check(retried.status === 200 && h.calls() === 2, 'POST retries when explicitly allowed');
  }

  console.log('Timeouts and cancellation');
  {
    const f = scriptedFetch(['hang', 200]);
    const res = await fetchWithRetry('https://example.test/f', {}, { ...fast, timeoutMs: 20, fetchImpl: f.fetch });
    check(res.status === 200 && f.calls() === 2, 'a hung attempt times out and is retried');

    const g = scriptedFetch(['hang']);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user navigated away')), 20);
    try {
      await fetchWithRetry('https://example.test/g', { signal: controller.signal }, { ...fast, timeoutMs: 0, fetchImpl: g.fetch });
      check(false, 'should have thrown');
    } catch (err) {
      check(err instanceof RequestAbortedError, 'caller abort raises RequestAbortedError');
      check(g.calls() === 1, 'caller abort is never retried');
    }
  }

  console.log('All checks passed.');
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
