export class Semaphore {
  #n;
  #q = [];

  constructor(n) {
    if (!(n >= 1)) throw new RangeError("n must be >= 1");
    this.#n = n;
  }

  get free() {
    return this.#n;
  }

  get waiting() {
    return this.#q.length;
  }

  acquire(signal) {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#n > 0) {
      this.#n--;
      return Promise.resolve(this.#release());
    }
    return new Promise((res, rej) => {
      const w = { res, rej };
      this.#q.push(w);
      signal?.addEventListener(
        "abort",
        () => {
          const i = this.#q.indexOf(w);
          if (i >= 0) {
            this.#q.splice(i, 1);
            rej(signal.reason);
          }
        },
        { once: true },
      );
    });
  }

  #release() {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const w = this.#q.shift();
      if (w) w.res(this.#release());
      else this.#n++;
    };
  }

  async use(fn, signal) {
    const rel = await this.acquire(signal);
    try {
      return await fn();
    } finally {
      rel();
    }
  }
}

export async function pmap(xs, fn, { concurrency = 8, signal, settle = false } = {}) {
  const arr = Array.from(xs);
  const out = new Array(arr.length);
  let i = 0;
  let err;
  const worker = async () => {
    while (i < arr.length && !err) {
      const k = i++;
      signal?.throwIfAborted();
      try {
        const v = await fn(arr[k], k);
        out[k] = settle ? { ok: true, v } : v;
      } catch (e) {
        if (!settle) {
          err ??= e;
          return;
        }
        out[k] = { ok: false, e };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, arr.length) }, worker));
  if (err) throw err;
  return out;
}

export class Mutex extends Semaphore {
  constructor() {
    super(1);
  }
}

export function keyed(n = 1) {
  const m = new Map();
  return async (key, fn) => {
    let e = m.get(key);
    if (!e) m.set(key, (e = { s: new Semaphore(n), refs: 0 }));
    e.refs++;
    try {
      return await e.s.use(fn);
    } finally {
      if (--e.refs === 0) m.delete(key);
    }
  };
}
