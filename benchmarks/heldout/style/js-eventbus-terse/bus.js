'use strict';

const split = t => t.split('.');

function match(pat, topic) {
  const p = split(pat), t = split(topic);
  let i = 0;
  for (; i < p.length; i++) {
    if (p[i] === '#') return true;
    if (i >= t.length) return false;
    if (p[i] !== '*' && p[i] !== t[i]) return false;
  }
  return i === t.length;
}

class Bus {
  constructor() {
    this.subs = [];
    this.seq = 0;
    this.onError = e => { queueMicrotask(() => { throw e; }); };
  }

  on(pat, fn, { once = false, prio = 0 } = {}) {
    const s = { pat, fn, once, prio, id: this.seq++, live: true };
    const i = this.subs.findIndex(x => x.prio < prio);
    i < 0 ? this.subs.push(s) : this.subs.splice(i, 0, s);
    return () => this.#drop(s);
  }

  once(pat, fn, opts) {
    return this.on(pat, fn, { ...opts, once: true });
  }

  off(pat, fn) {
    for (const s of [...this.subs]) if (s.pat === pat && (!fn || s.fn === fn)) this.#drop(s);
  }

  #drop(s) {
    s.live = false;
    const i = this.subs.indexOf(s);
    if (i >= 0) this.subs.splice(i, 1);
  }

  emit(topic, payload) {
    let n = 0;
    for (const s of this.subs.slice()) {
      if (!s.live || !match(s.pat, topic)) continue;
      if (s.once) this.#drop(s);
      n++;
      try {
        const r = s.fn(payload, topic);
        if (r && typeof r.then === 'function') r.then(null, this.onError);
      } catch (e) {
        this.onError(e);
      }
    }
    return n;
  }

  async emitAsync(topic, payload) {
    const hits = this.subs.filter(s => s.live && match(s.pat, topic));
    for (const s of hits) if (s.once) this.#drop(s);
    const rs = await Promise.allSettled(hits.map(s => s.fn(payload, topic)));
    const errs = rs.filter(r => r.status === 'rejected').map(r => r.reason);
    if (errs.length) throw new AggregateError(errs, `${errs.length} handler(s) failed for ${topic}`);
    return rs.map(r => r.value);
  }

  wait(pat, ms) {
    return new Promise((res, rej) => {
      let t;
      const un = this.once(pat, (p, topic) => { clearTimeout(t); res({ topic, payload: p }); });
      if (ms != null) t = setTimeout(() => { un(); rej(new Error(`timeout waiting for ${pat}`)); }, ms);
    });
  }

  count(pat) {
    return pat == null ? this.subs.length : this.subs.filter(s => s.pat === pat).length;
  }
}

module.exports = { Bus, match };
