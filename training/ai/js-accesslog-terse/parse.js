'use strict';

const RE = /^(\S+) \S+ (\S+) \[([^\]]+)\] "(\S+) (\S+)(?: (\S+))?" (\d{3}) (\d+|-)(?: "([^"]*)" "([^"]*)")?(?: (\d+(?:\.\d+)?))?$/;

const MON = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

function ts(s) {
  const m = /^(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(s);
  if (!m) return NaN;
  const off = (m[7] === '-' ? -1 : 1) * (+m[8] * 60 + +m[9]);
  return Date.UTC(+m[3], MON[m[2]], +m[1], +m[4], +m[5], +m[6]) - off * 60000;
}

function parse(line) {
  const m = RE.exec(line);
  if (!m) return null;
  const [path, qs = ''] = m[5].split('?', 2);
  return {
    ip: m[1],
    user: m[2] === '-' ? null : m[2],
    t: ts(m[3]),
    method: m[4],
    path,
    qs,
    status: +m[7],
    bytes: m[8] === '-' ? 0 : +m[8],
    ref: m[9] && m[9] !== '-' ? m[9] : null,
    ua: m[10] || null,
    rt: m[11] ? +m[11] : null,
  };
}

const ID = /^(?:\d+|[0-9a-f]{8}-[0-9a-f-]{27}|[0-9a-f]{24,})$/i;

function route(p) {
  return p.split('/').map((s) => (ID.test(s) ? ':id' : s)).join('/') || '/';
}

function isBot(ua) {
  return !!ua && /bot|crawl|spider|slurp|curl|wget|python-requests/i.test(ua);
}

module.exports = { parse, route, isBot, ts };
