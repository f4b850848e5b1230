const FENCE = /^(\s{0,3})(`{3,}|~{3,})/;
const ATX = /^ {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;

export function slugger() {
  const seen = new Map();
  return (text) => {
    let base = text
      .toLowerCase()
      .replace(/<[^>]*>/g, "")
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .trim()
      .replace(/\s+/g, "-");
    if (!base) base = "section";
    const n = seen.get(base);
    if (n === undefined) {
      seen.set(base, 0);
      return base;
    }
    let id;
    let i = n;
    do id = `${base}-${++i}`;
    while (seen.has(id));
    seen.set(base, i);
    seen.set(id, 0);
    return id;
  };
}

const strip = (s) =>
  s
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/(\*\*|__)(.*?)\1/g, "$2")
    .replace(/(\*|_)(.*?)\1/g, "$2")
    .trim();

export function headings(src) {
  const out = [];
  const lines = src.split(/\r?\n/);
  let fence = null;
  for (let i = 0; i < lines.length; i++) {
    const ln = lines[i];
    const f = ln.match(FENCE);
    if (f) {
      if (!fence) fence = f[2];
      else if (f[2][0] === fence[0] && f[2].length >= fence.length) fence = null;
      continue;
    }
    if (fence) continue;
    const m = ln.match(ATX);
    if (m) {
      out.push({ depth: m[1].length, text: strip(m[2]), line: i + 1 });
      continue;
    }
    const nx = lines[i + 1];
    if (nx && ln.trim() && !/^\s{4}/.test(ln) && SETEXT.test(nx)) {
      out.push({ depth: nx.trim()[0] === "=" ? 1 : 2, text: strip(ln), line: i + 1 });
      i++;
    }
  }
  return out;
}

export function toc(src, { min = 2, max = 4, bullet = "-", indent = 2 } = {}) {
  const slug = slugger();
  const hs = headings(src)
    .map((h) => ({ ...h, id: slug(h.text) }))
    .filter((h) => h.depth >= min && h.depth <= max);
  if (!hs.length) return "";
  const top = Math.min(...hs.map((h) => h.depth));
  return hs
    .map((h) => `${" ".repeat((h.depth - top) * indent)}${bullet} [${h.text}](#${h.id})`)
    .join("\n");
}

const START = "<!-- toc -->";
const END = "<!-- tocstop -->";

export function inject(src, opts) {
  const a = src.indexOf(START);
  if (a < 0) return null;
  const b = src.indexOf(END, a);
  const body = toc(b < 0 ? src : src.slice(0, a) + src.slice(b + END.length), opts);
  const tail = b < 0 ? src.slice(a + START.length) : src.slice(b + END.length);
  return `${src.slice(0, a)}${START}\n\n${body}\n\n${END}${tail}`;
}
