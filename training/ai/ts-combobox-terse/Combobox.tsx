import { useRef, type ReactNode } from "react";
import { useCombobox, type Opts } from "./useCombobox";

type Props<T> = Opts<T> & {
  label: string;
  placeholder?: string;
  render?: (t: T, q: string) => ReactNode;
  empty?: ReactNode;
};

function Mark({ text, q }: { text: string; q: string }) {
  const i = q ? text.toLowerCase().indexOf(q.toLowerCase()) : -1;
  if (i < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, i)}
      <mark>{text.slice(i, i + q.length)}</mark>
      {text.slice(i + q.length)}
    </>
  );
}

export function Combobox<T>({ label, placeholder, render, empty = "No matches", ...opts }: Props<T>) {
  const cb = useCombobox(opts);
  const box = useRef<HTMLDivElement>(null);

  return (
    <div
      ref={box}
      className="cbx"
      onBlur={(e) => {
        if (!box.current?.contains(e.relatedTarget as Node)) cb.close();
      }}
    >
      <label htmlFor={`${cb.listId}-in`}>{label}</label>
      <input id={`${cb.listId}-in`} placeholder={placeholder} autoComplete="off" {...cb.input} />
      {cb.loading && <span className="cbx-spin" aria-hidden />}
      {cb.open && (
        <ul id={cb.listId} role="listbox" className="cbx-list">
          {cb.results.length === 0 && !cb.loading && <li className="cbx-empty">{empty}</li>}
          {cb.results.map((t, i) => (
            <li
              key={opts.toLabel(t)}
              id={cb.optId(i)}
              role="option"
              aria-selected={i === cb.active}
              className={i === cb.active ? "cbx-opt on" : "cbx-opt"}
              onMouseEnter={() => cb.setActive(i)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => cb.pick(i)}
            >
              {render ? render(t, cb.q) : <Mark text={opts.toLabel(t)} q={cb.q} />}
            </li>
          ))}
        </ul>
      )}
      {cb.err != null && <p role="alert">Search failed</p>}
    </div>
  );
}
