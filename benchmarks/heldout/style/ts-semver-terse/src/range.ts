import { Ver, cmp, parse } from './version';

type Op = '<' | '<=' | '>' | '>=' | '=';
type Cmp = { op: Op; v: Ver };
type Set = Cmp[];

const mk = (major: number, minor: number, patch: number, pre: Ver['pre'] = []): Ver =>
  ({ major, minor, patch, pre });

const wild = (s?: string) => s === undefined || s === '' || s === 'x' || s === 'X' || s === '*';

function partial(s: string): { p: (number | null)[]; pre: Ver['pre'] } | null {
  const m = /^v?(\*|x|X|\d+)(?:\.(\*|x|X|\d+))?(?:\.(\*|x|X|\d+))?(?:-([0-9A-Za-z.-]+))?$/.exec(s);
  if (!m) return null;
  const p = [m[1], m[2], m[3]].map(x => (wild(x) ? null : +x!));
  const pre = m[4] ? parse(`0.0.0-${m[4]}`)!.pre : [];
  return { p, pre };
}

function lo(p: (number | null)[], pre: Ver['pre']): Ver {
  return mk(p[0] ?? 0, p[1] ?? 0, p[2] ?? 0, p[2] === null ? [] : pre);
}

function hiExcl(p: (number | null)[]): Ver | null {
  if (p[0] === null) return null;
  if (p[1] === null) return mk(p[0] + 1, 0, 0, [0]);
  if (p[2] === null) return mk(p[0], p[1] + 1, 0, [0]);
  return null;
}

function expand(tok: string): Set {
  const m = /^(\^|~|>=|<=|>|<|=)?\s*(.+)$/.exec(tok);
  if (!m) throw new Error(`bad comparator: ${tok}`);
  const op = m[1] ?? '';
  const pp = partial(m[2]);
  if (!pp) throw new Error(`bad comparator: ${tok}`);
  const { p, pre } = pp;
  const [M, m_, pt] = p;
  const base = lo(p, pre);

  if (op === '^') {
    if (M === null) return [];
    let hi: Ver;
    if (M > 0 || m_ === null) hi = mk(M + 1, 0, 0, [0]);
    else if (m_ > 0 || pt === null) hi = mk(0, m_ + 1, 0, [0]);
    else hi = mk(0, 0, pt + 1, [0]);
    return [{ op: '>=', v: base }, { op: '<', v: hi }];
  }
  if (op === '~') {
    if (M === null) return [];
    const hi = m_ === null ? mk(M + 1, 0, 0, [0]) : mk(M, m_ + 1, 0, [0]);
    return [{ op: '>=', v: base }, { op: '<', v: hi }];
  }

  const h = hiExcl(p);
  if (!h && M !== null && pt !== null) return [{ op: (op || '=') as Op, v: base }];
  if (M === null) return op === '<' || op === '>' ? [{ op: '<', v: mk(0, 0, 0, [0]) }] : [];

  switch (op) {
    case '':
    case '=': return [{ op: '>=', v: base }, { op: '<', v: h! }];
    case '>=': return [{ op: '>=', v: base }];
    case '<': return [{ op: '<', v: base }];
    case '>': return [{ op: '>=', v: h! }];
    case '<=': return [{ op: '<', v: h! }];
  }
  throw new Error(`bad comparator: ${tok}`);
}

function hyphen(a: string, b: string): Set {
  const pa = partial(a), pb = partial(b);
  if (!pa || !pb) throw new Error(`bad hyphen range: ${a} - ${b}`);
  const out: Set = [{ op: '>=', v: lo(pa.p, pa.pre) }];
  const h = hiExcl(pb.p);
  if (h) out.push({ op: '<', v: h });
  else if (pb.p[0] !== null) out.push({ op: '<=', v: lo(pb.p, pb.pre) });
  return out;
}

export function parseRange(r: string): Set[] {
  return r.split('||').map(part => {
    const s = part.trim().replace(/(\^|~|>=|<=|>|<|=)\s+/g, '$1');
    const hm = /^(\S+)\s+-\s+(\S+)$/.exec(s);
    if (hm) return hyphen(hm[1], hm[2]);
    return s ? s.split(/\s+/).flatMap(expand) : [];
  });
}

function test(c: Cmp, x: Ver): boolean {
  const d = cmp(x, c.v);
  switch (c.op) {
    case '<': return d < 0;
    case '<=': return d <= 0;
    case '>': return d > 0;
    case '>=': return d >= 0;
    case '=': return d === 0;
  }
}

function okSet(set: Set, x: Ver, includePre: boolean): boolean {
  if (!set.every(c => test(c, x))) return false;
  if (!x.pre.length || includePre) return true;
  return set.some(c => c.v.pre.length > 0 && !(c.v.pre.length === 1 && c.v.pre[0] === 0 && c.op === '<') &&
    c.v.major === x.major && c.v.minor === x.minor && c.v.patch === x.patch);
}

export function satisfies(ver: string | Ver, range: string, includePre = false): boolean {
  const x = typeof ver === 'string' ? parse(ver) : ver;
  if (!x) return false;
  return parseRange(range).some(s => okSet(s, x, includePre));
}

export function maxSatisfying(vs: string[], range: string): string | null {
  const sets = parseRange(range);
  let best: Ver | null = null, bs: string | null = null;
  for (const s of vs) {
    const x = parse(s);
    if (x && sets.some(st => okSet(st, x, false)) && (!best || cmp(x, best) > 0)) { best = x; bs = s; }
  }
  return bs;
}
