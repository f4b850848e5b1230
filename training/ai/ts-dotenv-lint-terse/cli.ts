#!/usr/bin/env node
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { lint, type Issue } from "./lint";

const { values: o, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    example: { type: "string", short: "e" },
    "no-example": { type: "boolean" },
    quiet: { type: "boolean", short: "q" },
    format: { type: "string", default: "text" },
    ignore: { type: "string", multiple: true, default: [] },
  },
});

const files = positionals.length ? positionals : [".env"];
const tty = process.stdout.isTTY && !process.env.NO_COLOR;
const c = (code: number, s: string) => (tty ? `\x1b[${code}m${s}\x1b[0m` : s);

const all: Issue[] = [];
for (const f of files) {
  if (!existsSync(f)) {
    all.push({ file: f, line: 0, level: "error", rule: "io", msg: "file not found" });
    continue;
  }
  const exPath = o["no-example"] ? undefined : (o.example ?? join(dirname(f), `${basename(f)}.example`));
  const ex = exPath && existsSync(exPath) ? { file: exPath, src: readFileSync(exPath, "utf8") } : undefined;
  all.push(...lint(f, readFileSync(f, "utf8"), ex));
}

const shown = all.filter((i) => !o.ignore!.includes(i.rule) && !(o.quiet && i.level === "warn"));

if (o.format === "json") {
  console.log(JSON.stringify(shown, null, 2));
} else if (o.format === "github") {
  for (const i of shown)
    console.log(`::${i.level === "error" ? "error" : "warning"} file=${i.file},line=${Math.max(i.line, 1)},title=${i.rule}::${i.msg}`);
} else {
  for (const i of shown) {
    const lv = i.level === "error" ? c(31, "error") : c(33, "warn ");
    console.log(`${c(2, `${i.file}:${i.line}`)}  ${lv}  ${i.msg}  ${c(2, i.rule)}`);
  }
  const e = shown.filter((i) => i.level === "error").length;
  const w = shown.length - e;
  if (shown.length) console.log(`\n${e} error(s), ${w} warning(s)`);
}

process.exitCode = shown.some((i) => i.level === "error") ? 1 : 0;
