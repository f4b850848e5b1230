export type Ver = { major: number; minor: number; patch: number; pre: (string | number)[] };

const RE = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

export function parse(s: string): Ver | null {
  const m = RE.exec(s.trim());
  if (!m) return null;
  const pre = m[4] ? m[4].split('.').map(p => (/^\d+$/.test(p) ? +p : p)) : [];
  return { major: +m[1], minor: +m[2], patch: +m[3], pre };
}

function cmpPre(a: Ver['pre'], b: Ver['pre']): number {
  if (!a.length || !b.length) return b.length - a.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i], y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const nx = typeof x === 'number', ny = typeof y === 'number';
    if (nx && ny) return (x as number) - (y as number) < 0 ? -1 : 1;
    if (nx) return -1;
    if (ny) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

export function cmp(a: Ver, b: Ver): number {
  return Math.sign(a.major - b.major) || Math.sign(a.minor - b.minor) ||
    Math.sign(a.patch - b.patch) || Math.sign(cmpPre(a.pre, b.pre));
}

export const fmt = (v: Ver) =>
  `${v.major}.${v.minor}.${v.patch}${v.pre.length ? '-' + v.pre.join('.') : ''}`;

export const v = (s: string): Ver => {
  const r = parse(s);
  if (!r) throw new Error(`bad version: ${s}`);
  return r;
};
