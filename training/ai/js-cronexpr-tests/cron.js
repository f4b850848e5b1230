'use strict';

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'dayOfMonth', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'dayOfWeek', min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

const MACROS = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

class CronError extends Error {
  constructor(message) {
    super(message);
    this.name = 'CronError';
  }
}

function parseValue(raw, field) {
  const lower = raw.toLowerCase();
  if (field.names) {
    const idx = field.names.indexOf(lower);
    if (idx !== -1) return idx + field.min;
  }
  if (!/^\d+$/.test(raw)) {
    throw new CronError(`Invalid ${field.name} value: "${raw}"`);
  }
  let n = Number(raw);
  if (field.name === 'dayOfWeek' && n === 7) n = 0;
  if (n < field.min || n > field.max) {
    throw new CronError(`${field.name} value ${n} out of range ${field.min}-${field.max}`);
  }
  return n;
}

function parseField(text, field) {
  const values = new Set();
  for (const part of text.split(',')) {
    if (part === '') throw new CronError(`Empty list item in ${field.name}`);
    const [rangePart, stepPart] = part.split('/');
    let step = 1;
    if (stepPart !== undefined) {
      if (!/^\d+$/.test(stepPart) || Number(stepPart) === 0) {
        throw new CronError(`Invalid step "${stepPart}" in ${field.name}`);
      }
      step = Number(stepPart);
    }
    let lo;
    let hi;
    if (rangePart === '*') {
      lo = field.min;
      hi = field.max;
    } else if (rangePart.includes('-')) {
      const [a, b] = rangePart.split('-');
      lo = parseValue(a, field);
      hi = parseValue(b, field);
      if (lo > hi) throw new CronError(`Range ${rangePart} is reversed in ${field.name}`);
    } else {
      lo = parseValue(rangePart, field);
      hi = stepPart !== undefined ? field.max : lo;
    }
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return values;
}

function parse(expression) {
  if (typeof expression !== 'string') {
    throw new TypeError('Cron expression must be a string');
  }
  const trimmed = expression.trim();
  const source = MACROS[trimmed.toLowerCase()] || trimmed;
  const parts = source.split(/\s+/);
  if (parts.length !== 5) {
    throw new CronError(`Expected 5 fields, got ${parts.length}`);
  }
  const schedule = {};
  FIELDS.forEach((field, i) => {
    schedule[field.name] = parseField(parts[i], field);
  });
  schedule.domRestricted = parts[2] !== '*';
  schedule.dowRestricted = parts[4] !== '*';
  return schedule;
}

function dayMatches(schedule, date) {
  const dom = schedule.dayOfMonth.has(date.getDate());
  const dow = schedule.dayOfWeek.has(date.getDay());
  // Vixie cron semantics: when both fields are restricted, either may match.
  if (schedule.domRestricted && schedule.dowRestricted) return dom || dow;
  return dom && dow;
}

function matches(schedule, date) {
  return (
    schedule.minute.has(date.getMinutes()) &&
    schedule.hour.has(date.getHours()) &&
    schedule.month.has(date.getMonth() + 1) &&
    dayMatches(schedule, date)
  );
}

function next(expression, from = new Date()) {
  const schedule = typeof expression === 'string' ? parse(expression) : expression;
  const d = new Date(from.getTime());
  d.setSeconds(0, 0);
  d.setMinutes(d.getMinutes() + 1);
  const limit = from.getTime() + 5 * 366 * 24 * 60 * 60 * 1000;

  while (d.getTime() <= limit) {
    if (!schedule.month.has(d.getMonth() + 1)) {
      d.setMonth(d.getMonth() + 1, 1);
      d.setHours(0, 0, 0, 0);
      continue;
    }
    if (!dayMatches(schedule, d)) {
      d.setDate(d.getDate() + 1);
      d.setHours(0, 0, 0, 0);
      continue;
    }
    if (!schedule.hour.has(d.getHours())) {
      d.setHours(d.getHours() + 1, 0, 0, 0);
      continue;
    }
    if (!schedule.minute.has(d.getMinutes())) {
      d.setMinutes(d.getMinutes() + 1, 0, 0);
      continue;
    }
    return d;
  }
  return null;
}

function upcoming(expression, count, from = new Date()) {
  const schedule = parse(expression);
  const out = [];
  let cursor = from;
  while (out.length < count) {
    const n = next(schedule, cursor);
    if (!n) break;
    out.push(n);
    cursor = n;
  }
  return out;
}

module.exports = { parse, matches, next, upcoming, CronError };
