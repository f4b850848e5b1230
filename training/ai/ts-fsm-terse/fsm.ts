type Tx<S extends string, E extends string, C> = {
  to: S;
  guard?: (c: C, p: any) => boolean;
  act?: (c: C, p: any) => C | void;
};

export type Def<S extends string, E extends string, C> = {
  init: S;
  ctx: C;
  final?: S[];
  states: { [K in S]?: { on?: { [X in E]?: S | Tx<S, E, C> | Tx<S, E, C>[] }; enter?: (c: C) => void; exit?: (c: C) => void; after?: [number, E] } };
};

type Ev<E> = { type: E; payload?: any };
type L<S, C> = (s: S, c: C, e: string) => void;

export class Machine<S extends string, E extends string, C> {
  state: S;
  ctx: C;
  hist: { from: S; to: S; ev: E; at: number }[] = [];
  private ls = new Set<L<S, C>>();
  private q: Ev<E>[] = [];
  private busy = false;
  private tm?: ReturnType<typeof setTimeout>;

  constructor(private d: Def<S, E, C>, snap?: { state: S; ctx: C }) {
    this.state = snap?.state ?? d.init;
    this.ctx = structuredClone(snap?.ctx ?? d.ctx);
    if (!snap) d.states[this.state]?.enter?.(this.ctx);
    this.arm();
  }

  get done() {
    return this.d.final?.includes(this.state) ?? false;
  }

  can(e: E, p?: any) {
    return !!this.pick(e, p);
  }

  events() {
    return Object.keys(this.d.states[this.state]?.on ?? {}).filter((e) => this.can(e as E)) as E[];
  }

  subscribe(f: L<S, C>) {
    this.ls.add(f);
    return () => void this.ls.delete(f);
  }

  private pick(e: E, p: any) {
    const t = this.d.states[this.state]?.on?.[e];
    if (!t) return;
    const ts = typeof t === "string" ? [{ to: t }] : Array.isArray(t) ? t : [t];
    return ts.find((x) => !("guard" in x) || !x.guard || x.guard(this.ctx, p)) as Tx<S, E, C> | undefined;
  }

  send(type: E, payload?: any) {
    this.q.push({ type, payload });
    if (this.busy) return this.state;
    this.busy = true;
    try {
      while (this.q.length) this.step(this.q.shift()!);
    } finally {
      this.busy = false;
    }
    return this.state;
  }

  private step({ type, payload }: Ev<E>) {
    if (this.done) return;
    const t = this.pick(type, payload);
    if (!t) return;
    const from = this.state;
    clearTimeout(this.tm);
    if (t.to !== from) this.d.states[from]?.exit?.(this.ctx);
    if (t.act) {
      const n = t.act(this.ctx, payload);
      if (n) this.ctx = n;
    }
    this.state = t.to;
    this.hist.push({ from, to: t.to, ev: type, at: Date.now() });
    if (t.to !== from) this.d.states[t.to]?.enter?.(this.ctx);
    this.arm();
    for (const f of this.ls) f(this.state, this.ctx, type);
  }

  private arm() {
    const a = this.d.states[this.state]?.after;
    if (a) this.tm = setTimeout(() => this.send(a[1]), a[0]);
  }

  snapshot() {
    return { state: this.state, ctx: structuredClone(this.ctx) };
  }

  stop() {
    clearTimeout(this.tm);
    this.ls.clear();
  }
}
