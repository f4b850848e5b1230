import { useCallback, useLayoutEffect, useRef, useState } from "react";

export function useVirtual(count: number, rowH: number, overscan = 6) {
  const ref = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [h, setH] = useState(0);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setH(el.clientHeight);
    const ro = new ResizeObserver(([e]) => setH(e.contentRect.height));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const onScroll = useCallback((e: React.UIEvent<HTMLDivElement>) => setTop(e.currentTarget.scrollTop), []);

  const start = Math.max(0, Math.floor(top / rowH) - overscan);
  const end = Math.min(count, Math.ceil((top + h) / rowH) + overscan);

  const scrollTo = useCallback(
    (i: number) => {
      const el = ref.current;
      if (!el) return;
      const y = i * rowH;
      if (y < el.scrollTop) el.scrollTop = y;
      else if (y + rowH > el.scrollTop + el.clientHeight) el.scrollTop = y + rowH - el.clientHeight;
    },
    [rowH],
  );

  return { ref, onScroll, start, end, total: count * rowH, offset: start * rowH, scrollTo };
}

export function useColumnWidths(keys: string[], init: Record<string, number> = {}, min = 48) {
  const [w, setW] = useState<Record<string, number>>(init);
  const drag = useRef<{ key: string; x: number; w0: number } | null>(null);

  useLayoutEffect(() => {
    const move = (e: PointerEvent) => {
      const d = drag.current;
      if (!d) return;
      setW((p) => ({ ...p, [d.key]: Math.max(min, d.w0 + e.clientX - d.x) }));
    };
    const up = () => {
      drag.current = null;
      document.body.style.cursor = "";
    };
    addEventListener("pointermove", move);
    addEventListener("pointerup", up);
    return () => {
      removeEventListener("pointermove", move);
      removeEventListener("pointerup", up);
    };
  }, [min]);

  const handle = (key: string) => ({
    onPointerDown: (e: React.PointerEvent<HTMLElement>) => {
      e.preventDefault();
      const th = e.currentTarget.parentElement!;
      drag.current = { key, x: e.clientX, w0: th.getBoundingClientRect().width };
      document.body.style.cursor = "col-resize";
    },
    onDoubleClick: () => setW(({ [key]: _, ...rest }) => rest),
  });

  return { widths: keys.map((k) => w[k]), handle };
}
