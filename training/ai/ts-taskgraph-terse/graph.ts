export type Id = string;

export class CycleError extends Error {
  constructor(readonly path: Id[]) {
    super(`cycle: ${path.join(" -> ")}`);
  }
}

export class Graph<T> {
  private nodes = new Map<Id, T>();
  private out = new Map<Id, Set<Id>>();
  private inc = new Map<Id, Set<Id>>();

  add(id: Id, v: T, deps: Id[] = []): this {
    this.nodes.set(id, v);
    if (!this.out.has(id)) this.out.set(id, new Set());
    if (!this.inc.has(id)) this.inc.set(id, new Set());
    for (const d of deps) this.edge(d, id);
    return this;
  }

  edge(from: Id, to: Id): this {
    for (const k of [from, to]) {
      if (!this.out.has(k)) this.out.set(k, new Set());
      if (!this.inc.has(k)) this.inc.set(k, new Set());
    }
    this.out.get(from)!.add(to);
    this.inc.get(to)!.add(from);
    return this;
  }

  get(id: Id): T {
    const v = this.nodes.get(id);
    if (v === undefined) throw new Error(`unknown node ${id}`);
    return v;
  }

  has = (id: Id) => this.nodes.has(id);
  ids = () => [...this.out.keys()];
  deps = (id: Id) => [...(this.inc.get(id) ?? [])];
  dependents = (id: Id) => [...(this.out.get(id) ?? [])];

  missing(): Id[] {
    return this.ids().filter((k) => !this.nodes.has(k));
  }

  order(): Id[] {
    const deg = new Map<Id, number>();
    for (const [k, s] of this.inc) deg.set(k, s.size);
    const q = this.ids().filter((k) => deg.get(k) === 0).sort();
    const res: Id[] = [];
    while (q.length) {
      const k = q.shift()!;
      res.push(k);
      for (const n of [...this.out.get(k)!].sort()) {
        const d = deg.get(n)! - 1;
        deg.set(n, d);
        if (d === 0) q.push(n);
      }
    }
    if (res.length !== deg.size) throw new CycleError(this.findCycle());
    return res;
  }

  layers(): Id[][] {
    const lvl = new Map<Id, number>();
    for (const k of this.order()) {
      const ds = this.deps(k);
      lvl.set(k, ds.length ? Math.max(...ds.map((d) => lvl.get(d)!)) + 1 : 0);
    }
    const out: Id[][] = [];
    for (const [k, l] of lvl) (out[l] ??= []).push(k);
    return out;
  }

  closure(roots: Id[]): Set<Id> {
    const seen = new Set<Id>();
    const st = [...roots];
    while (st.length) {
      const k = st.pop()!;
      if (seen.has(k)) continue;
      seen.add(k);
      st.push(...this.deps(k));
    }
    return seen;
  }

  private findCycle(): Id[] {
    const state = new Map<Id, 1 | 2>();
    const stack: Id[] = [];
    const visit = (k: Id): Id[] | null => {
      state.set(k, 1);
      stack.push(k);
      for (const n of this.out.get(k)!) {
        const s = state.get(n);
        if (s === 1) return [...stack.slice(stack.indexOf(n)), n];
        if (!s) {
          const c = visit(n);
          if (c) return c;
        }
      }
      stack.pop();
      state.set(k, 2);
      return null;
    };
    for (const k of this.ids()) {
      if (!state.has(k)) {
        const c = visit(k);
        if (c) return c;
      }
    }
    return [];
  }
}
