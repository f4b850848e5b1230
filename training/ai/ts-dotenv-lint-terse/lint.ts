export type Level = "error" | "warn";
export type Issue = { file: string; line: number; level: Level; rule: string; msg: string };
export type Entry = { key: string; value: string; line: number; quoted: boolean };

const KEY = /^[A-Z_][A-Z0-9_]*$/;
const SECRETISH = /(SECRET|TOKEN|PASSWORD|PRIVATE_KEY|API_KEY)$/;

export function parse(src: string, file: string, issues: Issue[]): Entry[] {
  const out: Entry[] = [];
  const add = (line: number, level: Level, rule: string, msg: string) => issues.push({ file, line, level, rule, msg });
  const lines = src.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const raw = lines[i];
    const t = raw.trim();
    if (!t || t.startsWith("#")) continue;
    if (raw !== raw.trimEnd()) add(n, "warn", "trailing-space", "trailing whitespace");
    const s = t.replace(/^export\s+/, "");
    const eq = s.indexOf("=");
    if (eq < 0) {
      add(n, "error", "syntax", `expected KEY=value`);
      continue;
    }
    const key = s.slice(0, eq);
    let v = s.slice(eq + 1);
    if (key !== key.trim() || v !== v.trimStart()) add(n, "warn", "space-around-eq", "spaces around '='");
    const k = key.trim();
    v = v.trim();
    if (!KEY.test(k)) add(n, "warn", "key-case", `${k}: use UPPER_SNAKE_CASE`);
    let quoted = false;
    const q = v[0];
    if (q === '"' || q === "'" || q === "`") {
      let end = v.indexOf(q, 1);
      while (q === '"' && end > 0 && v[end - 1] === "\\") end = v.indexOf(q, end + 1);
      if (end < 0) {
        // multi-line double-quoted value
        if (q !== '"') {
          add(n, "error", "unterminated", `${k}: unterminated ${q} quote`);
          continue;
        }
        let j = i + 1;
        while (j < lines.length && !lines[j].trimEnd().endsWith('"')) j++;
        if (j >= lines.length) {
          add(n, "error", "unterminated", `${k}: unterminated " quote`);
          break;
        }
        v = [v.slice(1), ...lines.slice(i + 1, j), lines[j].trimEnd().slice(0, -1)].join("\n");
        i = j;
      } else {
        if (v.slice(end + 1).trim() && !v.slice(end + 1).trim().startsWith("#"))
          add(n, "error", "after-quote", `${k}: text after closing quote`);
        v = v.slice(1, end);
      }
      quoted = true;
    } else {
      const h = v.search(/\s#/);
      if (h >= 0) v = v.slice(0, h).trimEnd();
      if (/\s/.test(v)) add(n, "warn", "unquoted-space", `${k}: value with spaces should be quoted`);
    }
    out.push({ key: k, value: v, line: n, quoted });
  }
  return out;
}

export function lint(file: string, src: string, example?: { file: string; src: string }): Issue[] {
  const iss: Issue[] = [];
  const es = parse(src, file, iss);
  const seen = new Map<string, number>();
  let prev = "";
  for (const e of es) {
    const p = seen.get(e.key);
    if (p) iss.push({ file, line: e.line, level: "error", rule: "duplicate", msg: `${e.key} already set on line ${p}` });
    else seen.set(e.key, e.line);
    if (prev && e.key < prev)
      iss.push({ file, line: e.line, level: "warn", rule: "order", msg: `${e.key} should come before ${prev}` });
    prev = e.key;
    if (!e.value && SECRETISH.test(e.key))
      iss.push({ file, line: e.line, level: "warn", rule: "empty-secret", msg: `${e.key} is empty` });
  }
  if (example) {
    const ex = parse(example.src, example.file, iss);
    const have = new Set(es.map((e) => e.key));
    for (const e of ex)
      if (!have.has(e.key))
        iss.push({ file, line: 0, level: "error", rule: "missing", msg: `${e.key} is in ${example.file} but not here` });
    const want = new Set(ex.map((e) => e.key));
    for (const e of es)
      if (!want.has(e.key))
        iss.push({ file, line: e.line, level: "warn", rule: "extra", msg: `${e.key} is not in ${example.file}` });
  }
  return iss.sort((a, b) => a.line - b.line);
}
