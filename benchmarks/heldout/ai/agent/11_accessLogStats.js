#!/usr/bin/env node
// accesslog-stats: summarize nginx/apache "combined" access logs.
//   accesslog-stats [--top N] [--since ISO] [--json] [file ...]
// Reads stdin when no files are given. Gzipped files (.gz) are fine.

'use strict';

const fs = require('fs');
const zlib = require('zlib');
const readline = require('readline');

const LINE_RE = /^(\S+) \S+ (\S+) \[([^\]]+)\] "(\S+) (\S+) [^"]*" (\d{3}) (\d+|-)(?: "([^"]*)" "([^"]*)")?/;
const MONTHS = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

function parseArgs(argv) {
  const opts = { top: 10, since: null, json: false, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--top') opts.top = parseInt(argv[++i], 10);
    else if (a === '--since') opts.since = new Date(argv[++i]);
    else if (a === '--json') opts.json = true;
    else if (a === '-h' || a === '--help') {
      console.log('usage: accesslog-stats [--top N] [--since ISO] [--json] [file ...]');
      process.exit(0);
    } else opts.files.push(a);
  }
  if (!Number.isInteger(opts.top) || opts.top < 1) throw new Error('--top must be a positive integer');
  if (opts.since && Number.isNaN(opts.since.getTime())) throw new Error('--since: invalid date');
  return opts;
}

// 10/Oct/2023:13:55:36 +0200
function parseTime(s) {
  const m = /^(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const utc = Date.UTC(+m[3], MONTHS[m[2]], +m[1], +m[4], +m[5], +m[6]);
  const off = (+m[8] * 60 + +m[9]) * 60000 * (m[7] === '+' ? 1 : -1);
  return new Date(utc - off);
}

function bump(map, key, n = 1) {
  map.set(key, (map.get(key) || 0) + n);
}

function top(map, n) {
  return [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
}

function openInput(file) {
  if (file === '-') return process.stdin;
  const s = fs.createReadStream(file);
  return file.endsWith('.gz') ? s.pipe(zlib.createGunzip()) : s;
}

async function scan(stream, st, since) {
  const rl = readline.createInterface({ input: stream, crlfDelay: Infinity });
  for await (const line of rl) {
    st.lines++;
    const m = LINE_RE.exec(line);
    if (!m) {
      st.unparsed++;
      continue;
    }
    const [, ip, , ts, method, path, status, bytes, , ua] = m;
    const when = parseTime(ts);
    if (since && when && when < since) continue;
    st.requests++;
    if (when) {
      if (!st.first || when < st.first) st.first = when;
      if (!st.last || when > st.last) st.last = when;
    }
    bump(st.ips, ip);
    bump(st.paths, `${method} ${path.split('?')[0]}`);
    bump(st.statuses, status[0] + 'xx');
    if (status >= '500') bump(st.errors, path.split('?')[0]);
    if (ua) bump(st.agents, ua.slice(0, 80));
    if (bytes !== '-') st.bytes += Number(bytes);
  }
}

function report(st, n) {
  const pad = (s, w) => String(s).padStart(w);
  console.log(`requests: ${st.requests}  (lines ${st.lines}, unparsed ${st.unparsed})`);
  if (st.first) console.log(`range:    ${st.first.toISOString()} .. ${st.last.toISOString()}`);
  console.log(`bytes:    ${(st.bytes / 1048576).toFixed(1)} MiB`);
  console.log('\nstatus:');
  for (const [k, v] of [...st.statuses].sort()) console.log(`  ${k} ${pad(v, 10)}`);
  for (const [title, map] of [['top paths', st.paths], ['top clients', st.ips], ['5xx paths', st.errors], ['user agents', st.agents]]) {
    if (!map.size) continue;
    console.log(`\n${title}:`);
    for (const [k, v] of top(map, n)) console.log(`  ${pad(v, 8)}  ${k}`);
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const st = {
    lines: 0, unparsed: 0, requests: 0, bytes: 0, first: null, last: null,
    ips: new Map(), paths: new Map(), statuses: new Map(), errors: new Map(), agents: new Map(),
  };
  const files = opts.files.length ? opts.files : ['-'];
  for (const f of files) await scan(openInput(f), st, opts.since);

  if (opts.json) {
    const obj = (m) => Object.fromEntries(top(m, opts.top));
    console.log(JSON.stringify({
      requests: st.requests, lines: st.lines, unparsed: st.unparsed, bytes: st.bytes,
      first: st.first, last: st.last, statuses: Object.fromEntries(st.statuses),
      paths: obj(st.paths), clients: obj(st.ips), errors: obj(st.errors),
    }, null, 2));
  } else {
    report(st, opts.top);
  }
}

main().catch((err) => {
  console.error(`accesslog-stats: ${err.message}`);
  process.exit(1);
});
