const esc = (c) => (/[\\^$.|?*+()[\]{}]/.test(c) ? '\\' + c : c);

function glob(p) {
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*') {
      if (p[i + 1] === '*') {
        const pre = i === 0 || p[i - 1] === '/';
        const post = i + 2 === p.length || p[i + 2] === '/';
        if (pre && post) {
          if (i + 2 === p.length) re += '.*';
          else { re += '(?:.*/)?'; i++; }
          i++;
          continue;
        }
      }
      re += '[^/]*';
      while (p[i + 1] === '*') i++;
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const j = p.indexOf(']', i + 2);
      if (j < 0) { re += '\\['; continue; }
      let cls = p.slice(i + 1, j).replace(/\\/g, '\\\\');
      if (cls[0] === '!') cls = '^' + cls.slice(1);
      re += `[${cls}]`;
      i = j;
    } else if (c === '\\' && i + 1 < p.length) re += esc(p[++i]);
    else re += esc(c);
  }
  return re;
}

export function compile(line) {
  let s = line.replace(/(?<!\\)\s+$/, '');
  if (!s || s[0] === '#') return null;
  let neg = false;
  if (s[0] === '!') { neg = true; s = s.slice(1); }
  else if (s.startsWith('\\!') || s.startsWith('\\#')) s = s.slice(1);
  let dir = false;
  if (s.endsWith('/')) { dir = true; s = s.slice(0, -1); }
  if (!s) return null;
  const anchored = s.includes('/');
  if (s[0] === '/') s = s.slice(1);
  const body = glob(s);
  const re = new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}$`);
  return { src: line, neg, dir, re };
}

export function parse(text) {
  return text.split(/\r?\n/).map(compile).filter(Boolean);
}

export class Ignore {
  constructor() { this.sets = []; }

  add(base, text) {
    const rules = typeof text === 'string' ? parse(text) : text;
    if (rules.length) this.sets.push({ base: base.replace(/^\/+|\/+$/g, ''), rules });
    return this;
  }

  test(path, isDir = false) {
    path = path.replace(/^\.?\/+/, '');
    let hit = null;
    for (const { base, rules } of this.sets) {
      let rel = path;
      if (base) {
        if (!path.startsWith(base + '/')) continue;
        rel = path.slice(base.length + 1);
      }
      for (const r of rules) if ((!r.dir || isDir) && r.re.test(rel)) hit = r;
    }
    return hit;
  }

  ignores(path, isDir = false) {
    const parts = path.replace(/^\.?\/+/, '').split('/');
    for (let i = 1; i < parts.length; i++) {
      const h = this.test(parts.slice(0, i).join('/'), true);
      if (h && !h.neg) return true;
    }
    const h = this.test(path, isDir);
    return !!h && !h.neg;
  }
}
