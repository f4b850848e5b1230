import { useDeferredValue, useMemo, useState, type ReactNode } from "react";
import { useVirtual } from "./useVirtual";

export type Col<R> = {
  key: string;
  title: string;
  width?: number;
  get: (r: R) => string | number | Date | null;
  cell?: (r: R) => ReactNode;
  align?: "left" | "right";
};

type Sort = { key: string; dir: 1 | -1 } | null;

const cmp = (a: unknown, b: unknown) => {
  if (a == null) return b == null ? 0 : 1;
  if (b == null) return -1;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: "base" });
};

export function DataGrid<R>({
  rows,
  cols,
  rowKey,
  rowH = 32,
  height = 480,
  onRowClick,
}: {
  rows: R[];
  cols: Col<R>[];
  rowKey: (r: R) => string;
  rowH?: number;
  height?: number;
  onRowClick?: (r: R) => void;
}) {
  const [sort, setSort] = useState<Sort>(null);
  const [filter, setFilter] = useState("");
  const [sel, setSel] = useState<string | null>(null);
  const f = useDeferredValue(filter.trim().toLowerCase());

  const view = useMemo(() => {
    let out = f
      ? rows.filter((r) => cols.some((c) => String(c.get(r) ?? "").toLowerCase().includes(f)))
      : rows.slice();
    if (sort) {
      const c = cols.find((c) => c.key === sort.key);
      if (c) out.sort((a, b) => cmp(c.get(a), c.get(b)) * sort.dir);
    }
    return out;
  }, [rows, cols, f, sort]);

  const v = useVirtual(view.length, rowH);
  const tpl = cols.map((c) => (c.width ? `${c.width}px` : "minmax(80px,1fr)")).join(" ");

  const toggle = (key: string) =>
    setSort((s) => (s?.key !== key ? { key, dir: 1 } : s.dir === 1 ? { key, dir: -1 } : null));

  const move = (d: number) => {
    const i = Math.max(0, Math.min(view.length - 1, view.findIndex((r) => rowKey(r) === sel) + d));
    const r = view[i];
    if (!r) return;
    setSel(rowKey(r));
    v.scrollTo(i);
  };

  return (
    <div className="dg" role="grid" aria-rowcount={view.length}>
      <input
        className="dg-filter"
        type="search"
        placeholder={`Filter ${rows.length} rows`}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <div className="dg-head" role="row" style={{ display: "grid", gridTemplateColumns: tpl }}>
        {cols.map((c) => (
          <button
            key={c.key}
            role="columnheader"
            aria-sort={sort?.key === c.key ? (sort.dir === 1 ? "ascending" : "descending") : "none"}
            onClick={() => toggle(c.key)}
            style={{ textAlign: c.align ?? "left" }}
          >
            {c.title}
            {sort?.key === c.key && (sort.dir === 1 ? " ▲" : " ▼")}
          </button>
        ))}
      </div>
      <div
        ref={v.ref}
        onScroll={v.onScroll}
        tabIndex={0}
        style={{ height, overflowY: "auto", position: "relative" }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") move(1);
          else if (e.key === "ArrowUp") move(-1);
          else if (e.key === "Enter" && sel) {
            const r = view.find((r) => rowKey(r) === sel);
            if (r) onRowClick?.(r);
          } else return;
          e.preventDefault();
        }}
      >
        <div style={{ height: v.total }}>
          <div style={{ transform: `translateY(${v.offset}px)` }}>
            {view.slice(v.start, v.end).map((r, i) => {
              const k = rowKey(r);
              return (
                <div
                  key={k}
                  role="row"
                  aria-rowindex={v.start + i + 1}
                  aria-selected={k === sel}
                  className={k === sel ? "dg-row sel" : "dg-row"}
                  style={{ display: "grid", gridTemplateColumns: tpl, height: rowH }}
                  onClick={() => {
                    setSel(k);
                    onRowClick?.(r);
                  }}
                >
                  {cols.map((c) => (
                    <div key={c.key} role="gridcell" style={{ textAlign: c.align ?? "left" }}>
                      {c.cell ? c.cell(r) : fmt(c.get(r))}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      </div>
      {!view.length && <p className="dg-empty">Nothing matches “{filter}”.</p>}
    </div>
  );
}

const fmt = (v: unknown) =>
  v == null ? "—" : v instanceof Date ? v.toLocaleDateString() : typeof v === "number" ? v.toLocaleString() : String(v);
