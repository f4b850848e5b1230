'use strict';

const { route, isBot } = require('./parse');

function pct(a, p) {
  if (!a.length) return 0;
  const i = Math.min(a.length - 1, Math.ceil((p / 100) * a.length) - 1);
  return a[Math.max(0, i)];
}

class Agg {
  constructor(o = {}) {
    this.bucket = o.bucket || 60000;
    this.bots = !!o.bots;
    this.routes = new Map();
    this.status = new Map();
    this.ips = new Map();
    this.series = new Map();
    this.n = 0;
    this.bad = 0;
    this.skipped = 0;
    this.bytes = 0;
  }

  add(r) {
    if (!r) return void this.bad++;
    if (!this.bots && isBot(r.ua)) return void this.skipped++;
    this.n++;
    this.bytes += r.bytes;
    const k = `${r.method} ${route(r.path)}`;
    let e = this.routes.get(k);
    if (!e) this.routes.set(k, (e = { n: 0, err: 0, rt: [], bytes: 0 }));
    e.n++;
    e.bytes += r.bytes;
    if (r.status >= 500) e.err++;
    if (r.rt != null) e.rt.push(r.rt);
    const sc = `${(r.status / 100) | 0}xx`;
    this.status.set(sc, (this.status.get(sc) || 0) + 1);
    this.ips.set(r.ip, (this.ips.get(r.ip) || 0) + 1);
    if (!Number.isNaN(r.t)) {
      const b = r.t - (r.t % this.bucket);
      const s = this.series.get(b) || { n: 0, err: 0 };
      s.n++;
      if (r.status >= 500) s.err++;
      this.series.set(b, s);
    }
  }

  top(m, n) {
    return [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  }

  summary(n = 10) {
    const routes = [...this.routes].map(([k, e]) => {
      const rt = e.rt.sort((a, b) => a - b);
      return { route: k, n: e.n, errRate: e.err / e.n, p50: pct(rt, 50), p95: pct(rt, 95), p99: pct(rt, 99), kb: e.bytes / 1024 };
    });
    routes.sort((a, b) => b.n - a.n);
    const spikes = [...this.series]
      .filter(([, s]) => s.n >= 20 && s.err / s.n > 0.05)
      .map(([t, s]) => ({ at: new Date(t).toISOString(), n: s.n, err: s.err }));
    return {
      total: this.n,
      unparsed: this.bad,
      bots: this.skipped,
      mb: +(this.bytes / 1048576).toFixed(2),
      status: Object.fromEntries([...this.status].sort()),
      routes: routes.slice(0, n),
      ips: this.top(this.ips, n),
      spikes,
    };
  }
}

module.exports = { Agg, pct };
