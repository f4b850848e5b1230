/**
 * Small, regex-based SVG helpers for the icon build.
 *
 * These are deliberately conservative: icons in this repository are simple,
 * hand-drawn 24×24 glyphs exported from a design tool. For arbitrary SVGs a
 * real parser (or SVGO) is the right tool; here we avoid the dependency.
 */

/** Attributes that design tools add but that have no effect in a sprite. */
const NOISE_ATTRIBUTES = ["xmlns:xlink", "xml:space", "version", "data-name", "class"];

/**
 * Clean up an SVG document and collect warnings about things that will not
 * work well inside a sprite.
 *
 * @param {string} source - The full SVG file contents.
 * @returns {{ svg: string, warnings: string[] }}
 */
export function optimizeSvg(source) {
  const warnings = [];
  let svg = source;

  // Drop the XML prolog, doctype, comments and editor metadata.
  svg = svg
    .replace(/<\?xml[\s\S]*?\?>/g, "")
    .replace(/<!DOCTYPE[\s\S]*?>/gi, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<metadata[\s\S]*?<\/metadata>/gi, "")
    .replace(/<title>[\s\S]*?<\/title>/gi, "")
    .replace(/<desc>[\s\S]*?<\/desc>/gi, "");

  for (const attr of NOISE_ATTRIBUTES) {
    svg = svg.replace(new RegExp(`\\s${attr.replace(":", "\\:")}="[^"]*"`, "g"), "");
  }

  // Hard-coded colours prevent theming via `currentColor`; replace the common ones.
  const colorPattern = /\s(fill|stroke)="(#000|#000000|black)"/gi;
  if (colorPattern.test(svg)) {
    svg = svg.replace(colorPattern, ' $1="currentColor"');
  }
  const otherColors = svg.match(/\s(?:fill|stroke)="#[0-9a-f]{3,8}"/gi);
  if (otherColors) {
    warnings.push(`contains hard-coded colour(s) ${[...new Set(otherColors.map((c) => c.trim()))].join(", ")}`);
  }

  // IDs inside symbols are global to the page and collide between icons.
  if (/\sid="/.test(svg.replace(/^<svg[^>]*>/, ""))) {
    warnings.push("contains id attributes, which may clash with other icons in the sprite");
  }

  if (!/viewBox="/.test(svg)) {
    warnings.push("has no viewBox; it will not scale correctly");
  }

  // Collapse whitespace between tags to keep the sprite small.
  svg = svg.replace(/>\s+</g, "><").trim();

  return { svg, warnings };
}

/**
 * Convert a cleaned `<svg>` element into a `<symbol>` with the given id,
 * keeping the viewBox and dropping sizing attributes (the <use> site sets size).
 *
 * @param {string} svg
 * @param {string} id
 * @returns {string}
 */
export function toSymbol(svg, id) {
  const open = svg.match(/^<svg\b([^>]*)>/i);
  if (!open) {
    throw new Error(`Expected the file to start with an <svg> element (symbol "${id}")`);
  }
  const viewBox = open[1].match(/viewBox="([^"]*)"/)?.[1] ?? "0 0 24 24";
  const inner = svg.slice(open[0].length).replace(/<\/svg>\s*$/i, "");
  return `<symbol id="${id}" viewBox="${viewBox}">${inner}</symbol>`;
}
