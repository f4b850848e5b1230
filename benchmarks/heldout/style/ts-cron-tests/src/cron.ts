export interface CronSchedule {
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
  domRestricted: boolean;
  dowRestricted: boolean;
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  aliases?: Record<string, number>;
}

const MONTHS = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

const FIELDS: FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, aliases: MONTHS },
  { name: 'day of week', min: 0, max: 7, aliases: DAYS },
];

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export class CronError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CronError';
  }
}

function toNumber(token: string, spec: FieldSpec): number {
  const alias = spec.aliases?.[token.toLowerCase()];
  if (alias !== undefined) return alias;
  if (!/^\d+$/.test(token)) throw new CronError(`invalid ${spec.name} value "${token}"`);
  const n = Number(token);
  if (n < spec.min || n > spec.max) {
    throw new CronError(`${spec.name} value ${n} out of range ${spec.min}-${spec.max}`);
  }
  return n;
}

function parseField(field: string, spec: FieldSpec): Set<number> {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const [rangePart, stepPart, ...rest] = part.split('/');
    if (rest.length > 0 || rangePart === '') throw new CronError(`invalid ${spec.name} "${part}"`);
    let step = 1;
    if (stepPart !== undefined) {
      if (!/^\d+$/.test(stepPart) || Number(stepPart) === 0) {
        throw new CronError(`invalid step "${stepPart}" in ${spec.name}`);
      }
      step = Number(stepPart);
    }

    let lo: number;
    let hi: number;
    if (rangePart === '*') {
      lo = spec.min;
      hi = spec.max;
    } else if (rangePart.includes('-')) {
      const [a, b] = rangePart.split('-');
      lo = toNumber(a, spec);
      hi = toNumber(b, spec);
      if (lo > hi) throw new CronError(`reversed range "${rangePart}" in ${spec.name}`);
    } else {
      lo = toNumber(rangePart, spec);
      hi = stepPart !== undefined ? spec.max : lo;
    }
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

export function parseCron(expr: string): CronSchedule {
  const trimmed = expr.trim();
  const source = MACROS[trimmed.toLowerCase()] ?? trimmed;
  const parts = source.split(/\s+/);
  if (parts.length !== 5) throw new CronError(`expected 5 fields, got ${parts.length}`);

  const sets = parts.map((p, i) => parseField(p, FIELDS[i]));
  const dow = sets[4];
  if (dow.has(7)) {
    dow.delete(7);
    dow.add(0);
  }
  return {
    minutes: sets[0],
    hours: sets[1],
    daysOfMonth: sets[2],
    months: sets[3],
    daysOfWeek: dow,
    domRestricted: parts[2] !== '*',
    dowRestricted: parts[4] !== '*',
  };
}

function dayMatches(s: CronSchedule, d: Date): boolean {
  const dom = s.daysOfMonth.has(d.getUTCDate());
  const dow = s.daysOfWeek.has(d.getUTCDay());
  // Classic cron: if both fields are restricted, either one may match.
  if (s.domRestricted && s.dowRestricted) return dom || dow;
  return dom && dow;
}

export function matches(s: CronSchedule, d: Date): boolean {
  return (
    s.minutes.has(d.getUTCMinutes()) &&
    s.hours.has(d.getUTCHours()) &&
    s.months.has(d.getUTCMonth() + 1) &&
    dayMatches(s, d)
  );
}

/** Next matching time strictly after `from`, in UTC. */
export function nextRun(s: CronSchedule, from: Date, limitYears = 5): Date {
  const d = new Date(from.getTime());
  d.setUTCSeconds(0, 0);
  d.setUTCMinutes(d.getUTCMinutes() + 1);
  const stop = from.getUTCFullYear() + limitYears;

  while (d.getUTCFullYear() <= stop) {
    if (!s.months.has(d.getUTCMonth() + 1)) {
      d.setUTCMonth(d.getUTCMonth() + 1, 1);
      d.setUTCHours(0, 0);
      continue;
    }
    if (!dayMatches(s, d)) {
      d.setUTCDate(d.getUTCDate() + 1);
      d.setUTCHours(0, 0);
      continue;
    }
    if (!s.hours.has(d.getUTCHours())) {
      d.setUTCHours(d.getUTCHours() + 1, 0);
      continue;
    }
    if (!s.minutes.has(d.getUTCMinutes())) {
      d.setUTCMinutes(d.getUTCMinutes() + 1);
      continue;
    }
    return d;
  }
  throw new CronError(`no matching time within ${limitYears} years`);
}

export function nextRuns(s: CronSchedule, from: Date, count: number): Date[] {
  const out: Date[] = [];
  let cur = from;
  for (let i = 0; i < count; i++) {
    cur = nextRun(s, cur);
    out.push(cur);
  }
  return out;
}
