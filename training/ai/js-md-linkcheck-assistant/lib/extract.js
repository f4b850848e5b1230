/**
 * Extract links from Markdown source.
 *
 * This is intentionally not a full CommonMark parser. It recognises the
 * link forms that appear in real READMEs and docs folders:
 *
 *   - inline links and images:   [text](url "title")   ![alt](img.png)
 *   - reference definitions:     [label]: https://example.com
 *   - autolinks:                 <https://example.com>
 *   - HTML attributes:           <a href="..."> and <img src="...">
 *
 * Fenced code blocks and inline code spans are skipped, so example URLs in
 * code don't produce false reports.
 *
 * @module extract
 */

/**
 * @typedef {Object} Link
 * @property {string} url     The raw link target, as written.
 * @property {number} line    1-based line number in the source.
 * @property {number} column  1-based column of the link target.
 * @property {"inline" | "image" | "reference" | "autolink" | "html"} kind
 */

const INLINE_LINK = /(!?)\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+["'(][^)]*["')])?\s*\)/g;
const REFERENCE_DEF = /^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+["'(].*["')])?\s*$/;
const AUTOLINK = /<((?:https?|mailto|ftp):[^>\s]+)>/g;
const HTML_ATTR = /<(?:a|img)\b[^>]*?\s(?:href|src)\s*=\s*["']([^"']+)["']/gi;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Replace inline code spans with spaces of the same length so that column
 * numbers of the remaining text stay correct.
 *
 * @param {string} line
 * @returns {string}
 */
function blankCodeSpans(line) {
  return line.replace(/(`+)(?:(?!\1).)+?\1/g, (span) => " ".repeat(span.length));
}

/**
 * Find every link in a Markdown document.
 *
 * @param {string} markdown
 * @returns {Link[]}
 */
export function extractLinks(markdown) {
  if (typeof markdown !== "string") {
    throw new TypeError(`extractLinks expects a string, got ${typeof markdown}`);
  }

  /** @type {Link[]} */
  const links = [];
  const lines = markdown.split(/\r?\n/);
  /** @type {string | null} The opening fence while inside a code block. */
  let openFence = null;

  lines.forEach((rawLine, index) => {
    const lineNo = index + 1;

    const fence = FENCE.exec(rawLine);
    if (fence) {
      const marker = fence[1];
      if (openFence === null) {
        openFence = marker;
      } else if (marker[0] === openFence[0] && marker.length >= openFence.length) {
        // A closing fence must use the same character and be at least as long.
        openFence = null;
      }
      return;
    }
    if (openFence !== null) return;

    // Indented code blocks (4+ spaces) are skipped too, unless inside a list,
    // which we can't tell without a real parser; skipping is the safer choice.
    if (/^( {4}|\t)/.test(rawLine) && !/^\s*([-*+]|\d+\.)\s/.test(rawLine)) return;

    const line = blankCodeSpans(rawLine);

    const ref = REFERENCE_DEF.exec(line);
    if (ref) {
      links.push({ url: ref[2], line: lineNo, column: line.indexOf(ref[2]) + 1, kind: "reference" });
      return;
    }

    for (const m of line.matchAll(INLINE_LINK)) {
      const url = m[2];
      links.push({
        url,
        line: lineNo,
        column: (m.index ?? 0) + m[0].indexOf(url) + 1,
        kind: m[1] === "!" ? "image" : "inline",
      });
    }
    for (const m of line.matchAll(AUTOLINK)) {
      links.push({ url: m[1], line: lineNo, column: (m.index ?? 0) + 2, kind: "autolink" });
    }
    for (const m of line.matchAll(HTML_ATTR)) {
      links.push({ url: m[1], line: lineNo, column: (m.index ?? 0) + m[0].indexOf(m[1]) + 1, kind: "html" });
    }
  });

  return links;
}

/**
 * Compute the anchors GitHub generates for the headings of a document, so
 * that links like `#installation` can be verified.
 *
 * Duplicate headings get `-1`, `-2` suffixes, matching GitHub's behaviour.
 *
 * @param {string} markdown
 * @returns {Set<string>}
 */
export function headingAnchors(markdown) {
  const anchors = new Set();
  /** @type {Map<string, number>} */
  const seen = new Map();
  let inFence = false;

  for (const line of markdown.split(/\r?\n/)) {
    if (FENCE.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;

    const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;

    const base = slugify(heading[1]);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }

  // Explicit HTML anchors: <a name="x"></a> or id="x".
  for (const m of markdown.matchAll(/<a\s+(?:name|id)=["']([^"']+)["']/gi)) {
    anchors.add(m[1]);
  }
  return anchors;
}

/**
 * GitHub-style heading slug: lowercase, drop punctuation, spaces to hyphens.
 *
 * @param {string} text
 * @returns {string}
 */
export function slugify(text) {
  return text
    .replace(/<[^>]+>/g, "") // inline HTML
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1") // links keep their text
    .replace(/[`*_~]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .replace(/\s/g, "-");
}
