#!/usr/bin/env node
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { inject, toc } from "./toc.mjs";

const { values: o, positionals: files } = parseArgs({
  allowPositionals: true,
  options: {
    min: { type: "string", default: "2" },
    max: { type: "string", default: "4" },
    write: { type: "boolean", short: "w", default: false },
    check: { type: "boolean", short: "c", default: false },
    bullet: { type: "string", default: "-" },
  },
});

if (!files.length) {
  console.error("usage: mdtoc [-w|-c] [--min N] [--max N] FILE...");
  process.exit(2);
}

const opts = { min: +o.min, max: +o.max, bullet: o.bullet };
let stale = 0;

for (const f of files) {
  const src = await readFile(f, "utf8");
  if (!o.write && !o.check) {
    process.stdout.write(toc(src, opts) + "\n");
    continue;
  }
  const next = inject(src, opts);
  if (next == null) {
    console.error(`${f}: no <!-- toc --> marker`);
    stale++;
    continue;
  }
  if (next === src) continue;
  if (o.check) {
    console.error(`${f}: toc out of date`);
    stale++;
  } else {
    await writeFile(f, next);
    console.log(`updated ${f}`);
  }
}

process.exitCode = stale ? 1 : 0;
