#!/usr/bin/env node
'use strict';

const fs = require('fs');
const zlib = require('zlib');
const readline = require('readline');
const { parse } = require('./parse');
const { Agg } = require('./agg');

const argv = process.argv.slice(2);
const flag = (f) => argv.includes(f);
const opt = (f, d) => {
  const i = argv.indexOf(f);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : d;
};
const files = argv.filter((a, i) => !a.startsWith('-') && !['-n', '-b'].includes(argv[i - 1]));

function open(f) {
  if (f === '-') return process.stdin;
  const s = fs.createReadStream(f);
  return f.endsWith('.gz') ? s.pipe(zlib.createGunzip()) : s;
}

function table(rows) {
  const keys = Object.keys(rows[0] || {});
  const w = keys.map((k) => Math.max(k.length, ...rows.map((r) => fmt(r[k]).length)));
  const line = (vals) => vals.map((v, i) => v.padEnd(w[i])).join('  ').trimEnd();
  console.log(line(keys));
  for (const r of rows) console.log(line(keys.map((k) => fmt(r[k]))));
}

function fmt(v) {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(3);
  return String(v);
}

async function main() {
  const a = new Agg({ bots: flag('--bots'), bucket: +opt('-b', 60) * 1000 });
  for (const f of files.length ? files : ['-']) {
    const rl = readline.createInterface({ input: open(f), crlfDelay: Infinity });
    for await (const l of rl) if (l) a.add(parse(l));
  }
  const s = a.summary(+opt('-n', 10));
  if (flag('--json')) return void console.log(JSON.stringify(s, null, 2));
  console.log(`${s.total} requests, ${s.mb} MB, ${s.unparsed} unparsed, ${s.bots} bots`);
  console.log(Object.entries(s.status).map(([k, v]) => `${k}=${v}`).join(' '));
  console.log();
  table(s.routes);
  console.log();
  table(s.ips.map(([ip, n]) => ({ ip, n })));
  if (s.spikes.length) {
    console.log('\nerror spikes:');
    table(s.spikes);
  }
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
