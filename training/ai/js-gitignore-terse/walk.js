import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { Ignore } from './ignore.js';

const posix = (p) => (sep === '/' ? p : p.split(sep).join('/'));

async function read(f) {
  try { return await readFile(f, 'utf8'); } catch (e) { if (e.code === 'ENOENT') return null; throw e; }
}

export async function load(root, { global = [] } = {}) {
  const ig = new Ignore();
  if (global.length) ig.add('', global.join('\n'));
  const ex = await read(join(root, '.git', 'info', 'exclude'));
  if (ex) ig.add('', ex);
  return ig;
}

export async function* walk(root, opts = {}) {
  const ig = opts.ignore ?? (await load(root, opts));
  const dirs = opts.dirs ?? false;
  const stack = [root];
  while (stack.length) {
    const d = stack.pop();
    const rd = posix(relative(root, d));
    const gi = await read(join(d, '.gitignore'));
    if (gi) ig.add(rd, gi);
    let ents;
    try { ents = await readdir(d, { withFileTypes: true }); } catch (e) {
      if (e.code === 'EACCES' || e.code === 'EPERM') continue;
      throw e;
    }
    ents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const sub = [];
    for (const e of ents) {
      if (e.name === '.git') continue;
      const p = join(d, e.name);
      const rp = rd ? `${rd}/${e.name}` : e.name;
      let isDir = e.isDirectory();
      if (e.isSymbolicLink() && opts.follow) {
        try { isDir = (await stat(p)).isDirectory(); } catch { continue; }
      }
      const h = ig.test(rp, isDir);
      if (h && !h.neg) {
        if (opts.onIgnored) opts.onIgnored(rp, h);
        continue;
      }
      if (isDir) {
        if (dirs) yield rp + '/';
        sub.push(p);
      } else yield rp;
    }
    for (let i = sub.length - 1; i >= 0; i--) stack.push(sub[i]);
  }
}
