// The Provenance view's logic, without vscode: what provmark.listUnreviewed answers,
// checked; the labels of its files and records; ages; the status bar's text; the
// argument of provmark.resolveUnreviewed.

export interface UnreviewedRecord {
  id: string;
  lines: [number, number] | null; // 1-based, inclusive, as found now; null: not found in the text
  recorded: [number, number]; // where the record was written
  score: number | null;
  tool: string | null;
  signals: string[];
  created: string | null; // ISO 8601, UTC
}

export interface UnreviewedFile {
  path: string; // relative to the workspace folder, with /
  uri: string;
  open: boolean;
  records: UnreviewedRecord[];
}

export interface UnreviewedListing {
  files: UnreviewedFile[];
  total: number;
  problems: string[];
}

export type Decision = "ai" | "human";

function str(x: unknown): string | null {
  return typeof x === "string" ? x : null;
}

function span(x: unknown): [number, number] | null {
  return Array.isArray(x) && x.length === 2 && x.every((n) => Number.isInteger(n) && (n as number) >= 1)
    ? [x[0] as number, x[1] as number] : null;
}

function record(x: unknown): UnreviewedRecord | null {
  const r = x as Record<string, unknown> | null;
  const id = str(r?.id);
  const recorded = span(r?.recorded);
  if (!r || !id || !recorded) {
    return null;
  }
  return {
    id,
    lines: span(r.lines),
    recorded,
    score: typeof r.score === "number" ? r.score : null,
    tool: str(r.tool),
    signals: Array.isArray(r.signals) ? r.signals.filter((s): s is string => typeof s === "string") : [],
    created: str(r.created),
  };
}

// The server's answer, read as untrusted: malformed files and records are left out.
export function parseListing(x: unknown): UnreviewedListing {
  const o = x as Record<string, unknown> | null;
  const files: UnreviewedFile[] = [];
  for (const f of Array.isArray(o?.files) ? o.files as unknown[] : []) {
    const g = f as Record<string, unknown> | null;
    const path = str(g?.path), uri = str(g?.uri);
    if (!g || !path || !uri) {
      continue;
    }
    const records = (Array.isArray(g.records) ? g.records as unknown[] : []).map(record)
      .filter((r): r is UnreviewedRecord => r !== null);
    if (records.length) {
      files.push({ path, uri, open: g.open === true, records });
    }
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  const problems = Array.isArray(o?.problems) ? (o.problems as unknown[]).filter((p): p is string => typeof p === "string") : [];
  return { files, total: files.reduce((n, f) => n + f.records.length, 0), problems };
}

// "just now", "5 min ago", "2 h ago", "3 d ago"; "" when unknown.
export function formatAge(created: string | null, now: Date): string {
  const t = created ? Date.parse(created) : NaN;
  if (Number.isNaN(t)) {
    return "";
  }
  const s = Math.max(0, (now.getTime() - t) / 1000);
  if (s < 60) {
    return "just now";
  }
  if (s < 3600) {
    return `${Math.floor(s / 60)} min ago`;
  }
  if (s < 86400) {
    return `${Math.floor(s / 3600)} h ago`;
  }
  return `${Math.floor(s / 86400)} d ago`;
}

// "lines 31–43 · 0.93 · claude-code · 2 h ago"
export function recordLabel(r: UnreviewedRecord, now: Date): string {
  const [a, b] = r.lines ?? r.recorded;
  const where = r.lines ? (a === b ? `line ${a}` : `lines ${a}–${b}`) : `lines ${a}–${b} (not found now)`;
  const parts = [where];
  if (r.score !== null) {
    parts.push(r.score.toFixed(2));
  }
  parts.push(r.tool ?? "unknown tool");
  const age = formatAge(r.created, now);
  if (age) {
    parts.push(age);
  }
  return parts.join(" · ");
}

export function recordTooltip(r: UnreviewedRecord): string {
  const signals = r.signals.length ? r.signals.join(", ") : "none recorded";
  const when = r.created ? `, flagged ${r.created.replace("T", " ").replace("Z", " UTC")}` : "";
  return `Unreviewed: left out of training until someone decides${when}. Signals: ${signals}.`;
}

// The file's row: its name, and its folder and count beside it.
export function fileLabel(f: UnreviewedFile): { label: string; description: string } {
  const cut = f.path.lastIndexOf("/");
  const dir = cut >= 0 ? f.path.slice(0, cut) : "";
  const n = `${f.records.length} unreviewed`;
  return { label: f.path.slice(cut + 1), description: dir ? `${dir} · ${n}` : n };
}

// The status bar's text, or undefined (hidden) when nothing waits for review.
export function statusText(total: number): string | undefined {
  return total > 0 ? `$(eye) ${total} unreviewed` : undefined;
}

// 0-based first and last line to select for a record.
export function selectionOf(r: UnreviewedRecord): { start: number; end: number } {
  const [a, b] = r.lines ?? r.recorded;
  return { start: a - 1, end: b - 1 };
}

// provmark.resolveUnreviewed's argument for records, grouped per file. Files are named
// by URI: with several workspace folders a relative path may name a file in each.
export function resolveArgument(kind: Decision, picks: { uri: string; id: string }[]): {
  as: Decision; files: { uri: string; ids: string[] }[];
} {
  const byUri = new Map<string, string[]>();
  for (const p of picks) {
    const ids = byUri.get(p.uri) ?? [];
    if (!ids.includes(p.id)) {
      ids.push(p.id);
    }
    byUri.set(p.uri, ids);
  }
  return { as: kind, files: [...byUri].map(([uri, ids]) => ({ uri, ids })) };
}
