#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { readFile, stat } from 'node:fs/promises';
import { walk, load } from './walk.js';

const { values: o, positionals: pos } = parseArgs({
  allowPositionals: true,
  options: {
    check: { type: 'boolean', short: 'c' },
    verbose: { type: 'boolean', short: 'v' },
    dirs: { type: 'boolean', short: 'd' },
    exclude: { type: 'string', short: 'x', multiple: true, default: [] },
    null: { type: 'boolean', short: 'z' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (o.help) {
  console.log(`usage: lsignore [-d] [-x pat]... [-z] [dir]
       lsignore -c [-v] path...`);
  process.exit(0);
}

const eol = o.null ? '\0' : '\n';
const out = (s) => process.stdout.write(s + eol);

async function check(paths) {
  const root = process.cwd();
  const ig = await load(root, { global: o.exclude });
  const seen = new Set();
  let any = false;
  for (const p of paths) {
    const parts = p.replace(/^\.\/|\/+$/g, '').split('/');
    for (let i = 0; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (seen.has(dir)) continue;
      seen.add(dir);
      const t = await readFile(resolve(root, dir, '.gitignore'), 'utf8').catch(() => null);
      if (t) ig.add(dir, t);
    }
    let h = null;
    for (let i = 1; i <= parts.length && !(h && !h.neg); i++) {
      const sub = parts.slice(0, i).join('/');
      const isDir = i < parts.length || (await stat(resolve(root, sub)).then((s) => s.isDirectory(), () => p.endsWith('/')));
      h = ig.test(sub, isDir);
    }
    if (h && !h.neg) {
      any = true;
      out(o.verbose ? `${h.src}\t${p}` : p);
    }
  }
  return any ? 0 : 1;
}

async function list(dir) {
  const root = resolve(dir ?? '.');
  let n = 0;
  for await (const f of walk(root, { dirs: o.dirs, global: o.exclude })) {
    out(f);
    n++;
  }
  if (o.verbose) console.error(`${n} entries`);
  return 0;
}

try {
  process.exitCode = o.check ? await check(pos) : await list(pos[0]);
} catch (e) {
  console.error(`lsignore: ${e.message}`);
  process.exitCode = 128;
}
