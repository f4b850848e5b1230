import { useCallback, useEffect, useRef, useSyncExternalStore } from "react";
import { History, type ChangeOptions, type HistoryOptions } from "./history";

/**
 * React binding for {@link History}.
 *
 * The History instance is created once per component and survives re-renders.
 * Keyboard shortcuts (Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z and Ctrl+Y) are wired up
 * when `shortcuts` is true, but are ignored while the user is typing in a
 * native text field, so the browser's own text undo keeps working there.
 *
 * @example
 * ```tsx
 * const { present, set, undo, redo, canUndo } = useHistory({ title: "", tags: [] });
 * <input value={present.title} onChange={e => set(s => ({ ...s, title: e.target.value }), { coalesceKey: "title" })} />
 * ```
 */
export function useHistory<T>(initial: T, options: HistoryOptions<T> & { shortcuts?: boolean } = {}) {
  const { shortcuts = true, ...historyOptions } = options;

  // Lazily create the History so `initial` is only used on the first render.
  const ref = useRef<History<T> | null>(null);
  if (ref.current === null) {
    ref.current = new History(initial, historyOptions);
  }
  const history = ref.current;

  const snapshot = useSyncExternalStore(history.subscribe, history.getSnapshot, history.getSnapshot);

  const set = useCallback(
    (next: T | ((prev: T) => T), changeOptions?: ChangeOptions) => history.set(next, changeOptions),
    [history],
  );
  const undo = useCallback(() => history.undo(), [history]);
  const redo = useCallback(() => history.redo(), [history]);

  useEffect(() => {
    if (!shortcuts) return;

    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const isTextField =
        target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target?.isContentEditable;
      if (isTextField) return;

      const mod = event.metaKey || event.ctrlKey;
      if (!mod) return;

      const key = event.key.toLowerCase();
      if (key === "z" && !event.shiftKey) {
        if (history.undo()) event.preventDefault();
      } else if ((key === "z" && event.shiftKey) || (key === "y" && event.ctrlKey)) {
        if (history.redo()) event.preventDefault();
      }
    };

    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [history, shortcuts]);

  return {
    ...snapshot,
    set,
    undo,
    redo,
    transaction: history.transaction.bind(history),
    clear: history.clear.bind(history),
  };
}
