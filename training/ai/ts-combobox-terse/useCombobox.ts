import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";

export interface Opts<T> {
  items: T[] | ((q: string, signal: AbortSignal) => Promise<T[]>);
  toLabel: (t: T) => string;
  onSelect: (t: T) => void;
  debounce?: number;
  minChars?: number;
}

const rank = (label: string, q: string) => {
  const l = label.toLowerCase();
  const i = l.indexOf(q);
  if (i < 0) return -1;
  return (i === 0 ? 0 : l[i - 1] === " " ? 1 : 2) * 1000 + l.length;
};

export function useCombobox<T>({ items, toLabel, onSelect, debounce = 150, minChars = 0 }: Opts<T>) {
  const id = useId();
  const [q, setQ] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [remote, setRemote] = useState<T[]>([]);
  const [loading, setLoading] = useState(false);
  const [err, setErr] = useState<unknown>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => {
    if (typeof items !== "function" || q.length < minChars) return;
    const ac = new AbortController();
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setLoading(true);
      items(q, ac.signal)
        .then((r) => {
          setRemote(r);
          setErr(null);
        })
        .catch((e) => !ac.signal.aborted && setErr(e))
        .finally(() => !ac.signal.aborted && setLoading(false));
    }, debounce);
    return () => {
      ac.abort();
      clearTimeout(timer.current);
    };
  }, [q, items, debounce, minChars]);

  const results = useMemo(() => {
    if (typeof items === "function") return remote;
    const n = q.trim().toLowerCase();
    if (!n) return items;
    return items
      .map((t) => [t, rank(toLabel(t), n)] as const)
      .filter(([, r]) => r >= 0)
      .sort((a, b) => a[1] - b[1])
      .map(([t]) => t);
  }, [items, remote, q, toLabel]);

  useEffect(() => setActive(results.length ? 0 : -1), [results]);

  const pick = useCallback(
    (i: number) => {
      const t = results[i];
      if (t === undefined) return;
      onSelect(t);
      setQ(toLabel(t));
      setOpen(false);
    },
    [results, onSelect, toLabel],
  );

  const onKeyDown = (e: React.KeyboardEvent) => {
    const n = results.length;
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        if (!open) return setOpen(true);
        setActive((a) => (n ? (a + 1) % n : -1));
        break;
      case "ArrowUp":
        e.preventDefault();
        setActive((a) => (n ? (a - 1 + n) % n : -1));
        break;
      case "Enter":
        if (open && active >= 0) {
          e.preventDefault();
          pick(active);
        }
        break;
      case "Escape":
        if (open) setOpen(false);
        else setQ("");
        break;
    }
  };

  const optId = (i: number) => `${id}-opt-${i}`;

  return {
    q,
    open: open && (results.length > 0 || loading),
    active,
    results,
    loading,
    err,
    setActive,
    pick,
    close: () => setOpen(false),
    input: {
      role: "combobox" as const,
      value: q,
      "aria-expanded": open,
      "aria-controls": `${id}-list`,
      "aria-autocomplete": "list" as const,
      "aria-activedescendant": open && active >= 0 ? optId(active) : undefined,
      onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
        setQ(e.target.value);
        setOpen(true);
      },
      onFocus: () => setOpen(true),
      onKeyDown,
    },
    listId: `${id}-list`,
    optId,
  };
}
