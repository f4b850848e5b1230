const sleep = (ms, signal) =>
  new Promise((res, rej) => {
    if (signal?.aborted) return rej(signal.reason);
    const t = setTimeout(res, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        rej(signal.reason);
      },
      { once: true },
    );
  });

export function bucket({ rate, burst = rate, now = () => performance.now() }) {
  let tokens = burst;
  let last = now();
  let chain = Promise.resolve();
  const refill = () => {
    const t = now();
    tokens = Math.min(burst, tokens + ((t - last) / 1000) * rate);
    last = t;
  };
  const take = async (cost, signal) => {
    for (;;) {
      refill();
      if (tokens >= cost) {
        tokens -= cost;
        return;
      }
      await sleep(((cost - tokens) / rate) * 1000, signal);
    }
  };
  return {
    take(cost = 1, signal) {
      if (cost > burst) return Promise.reject(new RangeError(`cost ${cost} > burst ${burst}`));
      const p = chain.then(() => take(cost, signal));
      chain = p.catch(() => {});
      return p;
    },
    tryTake(cost = 1) {
      refill();
      if (tokens < cost) return false;
      tokens -= cost;
      return true;
    },
    get tokens() {
      refill();
      return tokens;
    },
  };
}

export function throttled(fn, opts) {
  const b = bucket(opts);
  return async (...a) => {
    await b.take();
    return fn(...a);
  };
}

export async function retry(fn, { tries = 5, base = 100, cap = 10_000, when = () => true, signal } = {}) {
  for (let n = 1; ; n++) {
    try {
      return await fn(n);
    } catch (e) {
      if (n >= tries || !when(e, n)) throw e;
      const ra = e?.retryAfter;
      const d = ra != null ? ra * 1000 : Math.random() * Math.min(cap, base * 2 ** n);
      await sleep(d, signal);
    }
  }
}
