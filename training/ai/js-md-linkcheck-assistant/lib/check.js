/**
 * Verify links found by {@link module:extract}.
 *
 * Local links are checked against the file system (including `#anchor`
 * fragments against the target document's headings). Remote links are
 * checked over HTTP with a concurrency limit, a per-request timeout, and a
 * cache so a URL that appears in twenty files is requested once.
 *
 * @module check
 */

import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { headingAnchors } from "./extract.js";

/**
 * @typedef {import("./extract.js").Link} Link
 *
 * @typedef {Object} CheckResult
 * @property {Link} link
 * @property {string} file        Markdown file the link came from.
 * @property {"ok" | "broken" | "skipped" | "warning"} status
 * @property {string} [reason]    Human-readable explanation for non-ok results.
 *
 * @typedef {Object} CheckOptions
 * @property {boolean} [remote=true]      Check http(s) links.
 * @property {number} [timeoutMs=10000]   Per-request timeout.
 * @property {number} [concurrency=8]     Simultaneous HTTP requests.
 * @property {RegExp[]} [ignore=[]]       URLs matching any of these are skipped.
 * @property {typeof fetch} [fetchImpl]   Injected for tests.
 */

const SKIPPED_SCHEMES = /^(mailto|tel|ftp|data|javascript):/i;

/**
 * Runs async tasks with at most `limit` in flight.
 *
 * @param {number} limit
 */
function createLimiter(limit) {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
  }
  let active = 0;
  /** @type {Array<() => void>} */
  const waiting = [];

  /**
   * @template T
   * @param {() => Promise<T>} task
   * @returns {Promise<T>}
   */
  return async function run(task) {
    if (active >= limit) {
      await new Promise((resolve) => waiting.push(resolve));
    }
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

export class LinkChecker {
  /** @param {CheckOptions} [options] */
  constructor(options = {}) {
    this.remote = options.remote ?? true;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.ignore = options.ignore ?? [];
    this.fetch = options.fetchImpl ?? globalThis.fetch;
    this.limit = createLimiter(options.concurrency ?? 8);

    /** @type {Map<string, Promise<{ ok: boolean, reason?: string }>>} */
    this.urlCache = new Map();
    /** @type {Map<string, Promise<Set<string>>>} */
    this.anchorCache = new Map();

    if (this.remote && typeof this.fetch !== "function") {
      throw new Error("global fetch is not available; use Node 18+ or pass fetchImpl");
    }
  }

  /**
   * Check one link that appears in `file`.
   *
   * @param {Link} link
   * @param {string} file
   * @returns {Promise<CheckResult>}
   */
  async check(link, file) {
    const { url } = link;
    if (this.ignore.some((re) => re.test(url))) {
      return { link, file, status: "skipped", reason: "ignored by pattern" };
    }
    if (SKIPPED_SCHEMES.test(url)) {
      return { link, file, status: "skipped", reason: "scheme not checked" };
    }
    if (/^https?:\/\//i.test(url)) {
      if (!this.remote) return { link, file, status: "skipped", reason: "remote checks disabled" };
      const res = await this.checkRemote(url);
      return { link, file, status: res.ok ? "ok" : "broken", reason: res.reason };
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
      return { link, file, status: "warning", reason: "unknown URL scheme" };
    }
    return this.checkLocal(link, file);
  }

  /**
   * @param {Link} link
   * @param {string} file
   * @returns {Promise<CheckResult>}
   */
  async checkLocal(link, file) {
    const [rawPath, fragment] = link.url.split("#", 2);
    let decoded;
    try {
      decoded = decodeURIComponent(rawPath);
    } catch {
      return { link, file, status: "broken", reason: "invalid percent-encoding" };
    }

    // "#section" on its own refers to the current file.
    const target = decoded === "" ? file : path.resolve(path.dirname(file), decoded);

    let info;
    try {
      info = await stat(target);
    } catch {
      return { link, file, status: "broken", reason: `file not found: ${path.relative(process.cwd(), target)}` };
    }

    if (fragment && info.isFile() && /\.(md|markdown)$/i.test(target)) {
      const anchors = await this.anchorsOf(target);
      if (!anchors.has(fragment.toLowerCase())) {
        return { link, file, status: "broken", reason: `no heading for #${fragment}` };
      }
    }
    return { link, file, status: "ok" };
  }

  /**
   * @param {string} file
   * @returns {Promise<Set<string>>}
   */
  anchorsOf(file) {
    let cached = this.anchorCache.get(file);
    if (!cached) {
      cached = readFile(file, "utf8").then(headingAnchors);
      this.anchorCache.set(file, cached);
    }
    return cached;
  }

  /**
   * @param {string} url
   * @returns {Promise<{ ok: boolean, reason?: string }>}
   */
  checkRemote(url) {
    const key = url.split("#")[0];
    let cached = this.urlCache.get(key);
    if (!cached) {
      cached = this.limit(() => this.request(key));
      this.urlCache.set(key, cached);
    }
    return cached;
  }

  /**
   * HEAD first (cheap); some servers reject HEAD, so retry those with GET.
   *
   * @param {string} url
   * @returns {Promise<{ ok: boolean, reason?: string }>}
   */
  async request(url) {
    for (const method of ["HEAD", "GET"]) {
      try {
        const res = await this.fetch(url, {
          method,
          redirect: "follow",
          signal: AbortSignal.timeout(this.timeoutMs),
          headers: { "User-Agent": "md-linkcheck/1.0 (+https://example.invalid/md-linkcheck)" },
        });
        // Don't download bodies of GET fallbacks.
        await res.body?.cancel();

        if (res.ok) return { ok: true };
        if (method === "HEAD" && [403, 405, 501].includes(res.status)) continue;
        if (res.status === 429) return { ok: true, reason: "rate limited (429), assumed fine" };
        return { ok: false, reason: `HTTP ${res.status}` };
      } catch (err) {
        const e = /** @type {Error} */ (err);
        if (e.name === "TimeoutError") return { ok: false, reason: `timed out after ${this.timeoutMs} ms` };
        if (method === "HEAD") continue;
        return { ok: false, reason: e.cause instanceof Error ? e.cause.message : e.message };
      }
    }
    return { ok: false, reason: "request failed" };
  }
}
