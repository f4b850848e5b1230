import { configure, promise, toast } from "./toast.js";

configure({ pos: "top-right", max: 3 });

const $ = (s) => document.querySelector(s);

$("#save")?.addEventListener("click", () =>
  promise(
    fetch("/api/save", { method: "POST", body: new FormData($("#form")) }).then((r) => {
      if (!r.ok) throw new Error(r.statusText);
      return r.json();
    }),
    {
      loading: "Saving…",
      success: (d) => `Saved ${d.name ?? "draft"}`,
      error: (e) => `Save failed: ${e.message}`,
    },
  ).catch(() => {}),
);

$("#delete")?.addEventListener("click", (e) => {
  const row = e.target.closest("tr");
  row.hidden = true;
  toast("Row deleted", {
    ttl: 6000,
    action: { label: "Undo", run: () => (row.hidden = false) },
  });
  setTimeout(() => row.hidden && row.remove(), 6100);
});

addEventListener("offline", () => toast.warn("You are offline", { id: "net", ttl: 0 }));
addEventListener("online", () => toast.success("Back online", { id: "net" }));

document.addEventListener("copy", () => {
  const s = getSelection()?.toString();
  if (s) toast(`Copied ${s.length} chars`, { id: "copy", ttl: 1500 });
});

$("#pos")?.addEventListener("change", (e) => {
  configure({ pos: e.target.value });
  toast(`Toasts now appear ${e.target.value.replace("-", " ")}`);
});

window.addEventListener("unhandledrejection", (e) => {
  toast.error(e.reason?.message ?? "Something went wrong");
});
