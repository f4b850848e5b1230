#!/usr/bin/env node
/**
 * md-linkcheck: report broken links in Markdown files.
 *
 *   md-linkcheck [options] <file-or-directory>...
 *
 * Exit status: 0 when every link is fine, 1 when any is broken,
 * 2 for usage errors.
 */

import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { LinkChecker } from "../lib/check.js";
import { extractLinks } from "../lib/extract.js";

const USAGE = `Usage: md-linkcheck [options] <file-or-directory>...

Options:
  --offline              only check local files and anchors
  --ignore <regex>       skip URLs matching the pattern (repeatable)
  --timeout <ms>         per-request timeout (default 10000)
  --concurrency <n>      simultaneous HTTP requests (default 8)
  --json                 print results as JSON
  -q, --quiet            only print broken links
  -h, --help             show this help`;

const SKIP_DIRS = new Set(["node_modules", ".git", "vendor", "dist", "build"]);

/**
 * Recursively collect Markdown files under the given paths.
 *
 * @param {string[]} inputs
 * @returns {Promise<string[]>}
 */
async function collectMarkdown(inputs) {
  /** @type {string[]} */
  const files = [];

  /** @param {string} dir */
  async function walk(dir) {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith(".")) await walk(full);
      } else if (/\.(md|markdown)$/i.test(entry.name)) {
        files.push(full);
      }
    }
  }

  for (const input of inputs) {
    let info;
    try {
      info = await stat(input);
    } catch {
      throw new Error(`no such file or directory: ${input}`);
    }
    if (info.isDirectory()) await walk(input);
    else files.push(input);
  }
  return [...new Set(files.map((f) => path.resolve(f)))].sort();
}

/**
 * @param {string} value
 * @param {string} flag
 * @returns {number}
 */
function positiveInt(value, flag) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`${flag} must be a positive integer, got "${value}"`);
  }
  return n;
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        offline: { type: "boolean", default: false },
        ignore: { type: "string", multiple: true, default: [] },
        timeout: { type: "string", default: "10000" },
        concurrency: { type: "string", default: "8" },
        json: { type: "boolean", default: false },
        quiet: { type: "boolean", short: "q", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (err) {
    console.error(`${/** @type {Error} */ (err).message}\n\n${USAGE}`);
    return 2;
  }

  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length === 0) {
    console.error(USAGE);
    return 2;
  }

  let checker;
  let files;
  try {
    checker = new LinkChecker({
      remote: !values.offline,
      timeoutMs: positiveInt(values.timeout, "--timeout"),
      concurrency: positiveInt(values.concurrency, "--concurrency"),
      ignore: values.ignore.map((pattern) => {
        try {
          return new RegExp(pattern);
        } catch {
          throw new Error(`invalid --ignore pattern: ${pattern}`);
        }
      }),
    });
    files = await collectMarkdown(positionals);
  } catch (err) {
    console.error(`md-linkcheck: ${/** @type {Error} */ (err).message}`);
    return 2;
  }

  // Check all files concurrently; the checker itself limits HTTP concurrency.
  const perFile = await Promise.all(
    files.map(async (file) => {
      const links = extractLinks(await readFile(file, "utf8"));
      return Promise.all(links.map((link) => checker.check(link, file)));
    }),
  );
  const results = perFile.flat();
  const broken = results.filter((r) => r.status === "broken");

  if (values.json) {
    console.log(JSON.stringify(results.map((r) => ({ ...r, file: path.relative(process.cwd(), r.file) })), null, 2));
  } else {
    for (const r of results) {
      // Keep the output focused on problems; --quiet hides warnings and skips too.
      if (r.status === "ok" || (values.quiet && r.status !== "broken")) continue;
      const where = `${path.relative(process.cwd(), r.file)}:${r.link.line}:${r.link.column}`;
      const label = r.status === "broken" ? "BROKEN " : r.status === "warning" ? "WARNING" : "skipped";
      console.log(`${where}  ${label}  ${r.link.url}${r.reason ? `  (${r.reason})` : ""}`);
    }
    const ok = results.filter((r) => r.status === "ok").length;
    console.log(`\n${files.length} file(s), ${results.length} link(s): ${ok} ok, ${broken.length} broken`);
  }

  return broken.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err);
    process.exitCode = 2;
  },
);
