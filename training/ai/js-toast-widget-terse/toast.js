const ICONS = { info: "ℹ", success: "✓", warn: "!", error: "✕" };
const POS = ["top-left", "top-right", "bottom-left", "bottom-right", "top-center", "bottom-center"];

let root;
const live = new Map();
let seq = 0;
const defaults = { pos: "bottom-right", ttl: 4000, max: 4 };

const css = `
.tst-root{position:fixed;z-index:9999;display:flex;flex-direction:column;gap:8px;pointer-events:none;padding:16px}
.tst-root[data-pos^=top]{top:0}.tst-root[data-pos^=bottom]{bottom:0;flex-direction:column-reverse}
.tst-root[data-pos$=left]{left:0}.tst-root[data-pos$=right]{right:0}
.tst-root[data-pos$=center]{left:50%;transform:translateX(-50%)}
.tst{pointer-events:auto;display:flex;gap:10px;align-items:flex-start;min-width:240px;max-width:380px;padding:10px 12px;border-radius:8px;background:#1f2328;color:#fff;font:14px/1.4 system-ui,sans-serif;box-shadow:0 4px 16px #0003;opacity:0;translate:0 8px;transition:opacity .18s,translate .18s}
.tst.in{opacity:1;translate:0 0}
.tst[data-kind=success]{background:#1a7f37}.tst[data-kind=warn]{background:#9a6700}.tst[data-kind=error]{background:#cf222e}
.tst b{flex:none;width:18px;text-align:center}.tst p{margin:0;flex:1}
.tst button{all:unset;cursor:pointer;opacity:.7;padding:0 2px}.tst button:hover,.tst button:focus-visible{opacity:1;outline:1px solid #fff8}
.tst .act{text-decoration:underline;opacity:1}
.tst i{position:absolute;left:0;bottom:0;height:2px;background:#fff8;transform-origin:left}
@media (prefers-reduced-motion:reduce){.tst{transition:none}}`;

function mount() {
  if (root?.isConnected) return root;
  if (!document.getElementById("tst-css")) {
    const s = document.createElement("style");
    s.id = "tst-css";
    s.textContent = css;
    document.head.append(s);
  }
  root = document.createElement("section");
  root.className = "tst-root";
  root.dataset.pos = defaults.pos;
  root.setAttribute("aria-live", "polite");
  root.setAttribute("aria-label", "Notifications");
  document.body.append(root);
  return root;
}

export function configure(o = {}) {
  if (o.pos && !POS.includes(o.pos)) throw new Error(`bad pos: ${o.pos}`);
  Object.assign(defaults, o);
  if (root) root.dataset.pos = defaults.pos;
}

export function toast(msg, o = {}) {
  const { kind = "info", ttl = kind === "error" ? 0 : defaults.ttl, action, id = `t${++seq}` } = o;
  const r = mount();
  if (live.has(id)) dismiss(id);

  const el = document.createElement("div");
  el.className = "tst";
  el.dataset.kind = kind;
  el.setAttribute("role", kind === "error" ? "alert" : "status");
  el.style.position = "relative";

  const ic = document.createElement("b");
  ic.textContent = ICONS[kind] ?? "";
  ic.setAttribute("aria-hidden", "true");
  const p = document.createElement("p");
  p.textContent = msg;
  el.append(ic, p);

  if (action) {
    const a = document.createElement("button");
    a.className = "act";
    a.textContent = action.label;
    a.onclick = () => {
      action.run?.();
      dismiss(id);
    };
    el.append(a);
  }

  const x = document.createElement("button");
  x.textContent = "×";
  x.setAttribute("aria-label", "Dismiss");
  x.onclick = () => dismiss(id);
  el.append(x);

  const t = { el, timer: 0, left: ttl, start: 0 };
  live.set(id, t);

  if (ttl > 0) {
    const bar = document.createElement("i");
    el.append(bar);
    const run = () => {
      t.start = performance.now();
      t.timer = setTimeout(() => dismiss(id), t.left);
      bar.animate([{ transform: `scaleX(${t.left / ttl})` }, { transform: "scaleX(0)" }], {
        duration: t.left,
        fill: "forwards",
      });
    };
    const pause = () => {
      clearTimeout(t.timer);
      t.left -= performance.now() - t.start;
      bar.getAnimations().forEach((a) => a.pause());
    };
    el.addEventListener("mouseenter", pause);
    el.addEventListener("focusin", pause);
    el.addEventListener("mouseleave", run);
    el.addEventListener("focusout", (e) => !el.contains(e.relatedTarget) && run());
    run();
  }

  r.append(el);
  requestAnimationFrame(() => el.classList.add("in"));

  const ids = [...live.keys()];
  while (ids.length > defaults.max) dismiss(ids.shift());

  return { id, dismiss: () => dismiss(id), update: (m) => (p.textContent = m) };
}

export function dismiss(id) {
  const t = live.get(id);
  if (!t) return;
  live.delete(id);
  clearTimeout(t.timer);
  t.el.classList.remove("in");
  const gone = () => t.el.remove();
  if (matchMedia("(prefers-reduced-motion: reduce)").matches) gone();
  else {
    t.el.addEventListener("transitionend", gone, { once: true });
    setTimeout(gone, 300);
  }
}

export const clear = () => [...live.keys()].forEach(dismiss);

toast.success = (m, o) => toast(m, { ...o, kind: "success" });
toast.error = (m, o) => toast(m, { ...o, kind: "error" });
toast.warn = (m, o) => toast(m, { ...o, kind: "warn" });

export async function promise(p, { loading, success, error }) {
  const h = toast(loading, { ttl: 0 });
  try {
    const v = await p;
    toast(typeof success === "function" ? success(v) : success, { id: h.id, kind: "success" });
    return v;
  } catch (e) {
    toast(typeof error === "function" ? error(e) : error, { id: h.id, kind: "error" });
    throw e;
  }
}
