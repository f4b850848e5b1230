import { Graph, type Id } from "./graph";

export type Task = (ctx: { id: Id; signal: AbortSignal; results: ReadonlyMap<Id, unknown> }) => Promise<unknown>;

export type Outcome =
  | { id: Id; status: "ok"; value: unknown; ms: number }
  | { id: Id; status: "failed"; error: unknown; ms: number }
  | { id: Id; status: "skipped"; cause: Id };

export interface RunOpts {
  concurrency?: number;
  only?: Id[];
  bail?: boolean;
  onEvent?: (o: Outcome) => void;
}

export async function run(g: Graph<Task>, opts: RunOpts = {}): Promise<Map<Id, Outcome>> {
  const { concurrency = 4, bail = false, onEvent } = opts;
  const want = opts.only ? g.closure(opts.only) : new Set(g.ids());
  const miss = g.missing().filter((k) => want.has(k));
  if (miss.length) throw new Error(`undefined tasks: ${miss.join(", ")}`);
  g.order();

  const ac = new AbortController();
  const done = new Map<Id, Outcome>();
  const results = new Map<Id, unknown>();
  const left = new Map<Id, number>();
  const ready: Id[] = [];
  for (const k of want) {
    const n = g.deps(k).filter((d) => want.has(d)).length;
    left.set(k, n);
    if (!n) ready.push(k);
  }
  ready.sort();

  const finish = (o: Outcome) => {
    done.set(o.id, o);
    onEvent?.(o);
    for (const n of g.dependents(o.id)) {
      if (!want.has(n) || done.has(n)) continue;
      if (o.status !== "ok") {
        finish({ id: n, status: "skipped", cause: o.status === "skipped" ? o.cause : o.id });
        continue;
      }
      const r = left.get(n)! - 1;
      left.set(n, r);
      if (!r) ready.push(n);
    }
  };

  let active = 0;
  await new Promise<void>((resolve) => {
    const pump = () => {
      if (ac.signal.aborted) {
        for (const k of ready.splice(0)) finish({ id: k, status: "skipped", cause: "<bail>" });
      }
      while (active < concurrency && ready.length) {
        const id = ready.shift()!;
        active++;
        const t0 = performance.now();
        g.get(id)({ id, signal: ac.signal, results })
          .then(
            (value) => {
              results.set(id, value);
              finish({ id, status: "ok", value, ms: performance.now() - t0 });
            },
            (error) => {
              finish({ id, status: "failed", error, ms: performance.now() - t0 });
              if (bail) ac.abort();
            },
          )
          .finally(() => {
            active--;
            pump();
          });
      }
      if (!active && !ready.length) resolve();
    };
    pump();
  });

  for (const k of want) if (!done.has(k)) done.set(k, { id: k, status: "skipped", cause: "<bail>" });
  return done;
}

export function summary(res: Map<Id, Outcome>): string {
  const c = { ok: 0, failed: 0, skipped: 0 };
  for (const o of res.values()) c[o.status]++;
  const slow = [...res.values()]
    .filter((o): o is Extract<Outcome, { ms: number }> => "ms" in o)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3)
    .map((o) => `${o.id} ${o.ms.toFixed(0)}ms`);
  return `${c.ok} ok, ${c.failed} failed, ${c.skipped} skipped${slow.length ? ` | slowest: ${slow.join(", ")}` : ""}`;
}
