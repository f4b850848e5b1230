import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { backoff, HttpStatusError, isTransient, retry, RetryError } from "./retry";

describe("backoff", () => {
  const opts = { baseDelayMs: 100, maxDelayMs: 1_000, factor: 2 };

  it.each([
    [1, 100],
    [2, 200],
    [3, 400],
    [4, 800],
    [5, 1_000], // capped
    [10, 1_000],
  ])("attempt %i waits %i ms", (attempt, expected) => {
    expect(backoff(attempt, opts)).toBe(expected);
  });

  it("supports a constant delay with factor 1", () => {
    expect(backoff(7, { ...opts, factor: 1 })).toBe(100);
  });
});

describe("isTransient", () => {
  it.each([
    [new TypeError("fetch failed"), true],
    [new HttpStatusError(429), true],
    [new HttpStatusError(500), true],
    [new HttpStatusError(503), true],
    [new HttpStatusError(400), false],
    [new HttpStatusError(404), false],
    [new Error("boom"), false],
    ["string error", false],
  ])("%s -> %s", (err, expected) => {
    expect(isTransient(err)).toBe(expected);
  });
});

describe("retry", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("resolves immediately when the first attempt succeeds", async () => {
    const fn = vi.fn().mockResolvedValue("ok");

    await expect(retry(fn)).resolves.toBe("ok");
    expect(fn).toHaveBeenCalledTimes(1);
    expect(fn).toHaveBeenCalledWith(1);
  });

  it("retries until the function succeeds", async () => {
    const fn = vi
      .fn()
      .mockRejectedValueOnce(new Error("fail 1"))
      .mockRejectedValueOnce(new Error("fail 2"))
      .mockResolvedValue("third time lucky");

    const promise = retry(fn, { baseDelayMs: 50 });
    await vi.runAllTimersAsync();

    await expect(promise).resolves.toBe("third time lucky");
    expect(fn.mock.calls.map(([attempt]) => attempt)).toEqual([1, 2, 3]);
  });

  it("waits with exponential backoff between attempts", async () => {
    const fn = vi.fn().mockRejectedValueOnce(new Error("a")).mockRejectedValueOnce(new Error("b")).mockResolvedValue(1);

    const promise = retry(fn, { baseDelayMs: 100, factor: 3 });

    await vi.advanceTimersByTimeAsync(0);
    expect(fn).toHaveBeenCalledTimes(1);

    await vi.advanceTimersByTimeAsync(99);
    expect(fn).toHaveBeenCalledTimes(1); // not yet
    await vi.advanceTimersByTimeAsync(1);
    expect(fn).toHaveBeenCalledTimes(2);

    await vi.advanceTimersByTimeAsync(299);
    expect(fn).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(fn).toHaveBeenCalledTimes(3);

    await expect(promise).resolves.toBe(1);
  });

  it("throws a RetryError with the last error after exhausting retries", async () => {
    const lastError = new Error("still down");
    const fn = vi.fn().mockRejectedValue(lastError);

    const promise = retry(fn, { retries: 2, baseDelayMs: 10 });
    const assertion = expect(promise).rejects.toThrow(RetryError);
    await vi.runAllTimersAsync();
    await assertion;

    const err = await promise.catch((e) => e);
    expect(err).toMatchObject({ attempts: 3, lastError, message: "gave up after 3 attempts: still down" });
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it("does not retry at all when retries is 0", async () => {
    const fn = vi.fn().mockRejectedValue(new Error("nope"));

    await expect(retry(fn, { retries: 0 })).rejects.toBeInstanceOf(RetryError);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it("rethrows the original error when shouldRetry returns false", async () => {
    const notFound = new HttpStatusError(404);
    const fn = vi.fn().mockRejectedValue(notFound);

    await expect(retry(fn, { shouldRetry: isTransient })).rejects.toBe(notFound);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it("passes the error and attempt number to shouldRetry", async () => {
    const shouldRetry = vi.fn().mockReturnValueOnce(true).mockReturnValueOnce(false);
    const errors = [new Error("first"), new Error("second")];
    const fn = vi.fn().mockRejectedValueOnce(errors[0]).mockRejectedValueOnce(errors[1]);

    const promise = retry(fn, { shouldRetry, baseDelayMs: 1 });
    const assertion = expect(promise).rejects.toBe(errors[1]);
    await vi.runAllTimersAsync();
    await assertion;

    expect(shouldRetry.mock.calls).toEqual([
      [errors[0], 1],
      [errors[1], 2],
    ]);
  });

  it("calls onRetry before each wait with the computed delay", async () => {
    const onRetry = vi.fn();
    const fn = vi.fn().mockRejectedValueOnce("e1").mockRejectedValueOnce("e2").mockResolvedValue("done");

    const promise = retry(fn, { onRetry, baseDelayMs: 100 });
    await vi.runAllTimersAsync();
    await promise;

    expect(onRetry).toHaveBeenNthCalledWith(1, "e1", 1, 100);
    expect(onRetry).toHaveBeenNthCalledWith(2, "e2", 2, 200);
  });

  it("applies full jitter using the injected random source", async () => {
    const onRetry = vi.fn();
    const fn = vi.fn().mockRejectedValueOnce(new Error("x")).mockResolvedValue("ok");

    const promise = retry(fn, { onRetry, jitter: true, baseDelayMs: 1_000, random: () => 0.25 });
    await vi.runAllTimersAsync();
    await promise;

    expect(onRetry).toHaveBeenCalledWith(expect.any(Error), 1, 250);
  });

  describe("cancellation", () => {
    it("rejects without calling fn when the signal is already aborted", async () => {
      const controller = new AbortController();
      controller.abort(new Error("cancelled"));
      const fn = vi.fn();

      await expect(retry(fn, { signal: controller.signal })).rejects.toThrow("cancelled");
      expect(fn).not.toHaveBeenCalled();
    });

    it("stops waiting and rejects when aborted during the backoff delay", async () => {
      const controller = new AbortController();
      const fn = vi.fn().mockRejectedValue(new Error("down"));

      const promise = retry(fn, { signal: controller.signal, baseDelayMs: 5_000 });
      const assertion = expect(promise).rejects.toThrow("user navigated away");

      await vi.advanceTimersByTimeAsync(1_000);
      controller.abort(new Error("user navigated away"));
      await assertion;

      expect(fn).toHaveBeenCalledTimes(1);
      expect(vi.getTimerCount()).toBe(0); // the pending sleep timer was cleared
    });
  });
});
