import { describe, it, expect } from 'vitest';
import { parseCron, nextRun, matches } from '../src/cron';

// Reference implementation: walk forward one minute at a time.
function slowNext(expr: string, from: Date): Date {
  const s = parseCron(expr);
  const d = new Date(from.getTime());
  d.setUTCSeconds(0, 0);
  for (let i = 0; i < 60 * 24 * 400; i++) {
    d.setUTCMinutes(d.getUTCMinutes() + 1);
    if (matches(s, d)) return d;
  }
  throw new Error(`no match for ${expr}`);
}

const EXPRS = [
  '*/7 * * * *',
  '0 */5 * * *',
  '30 2 1,15 * *',
  '45 23 * * 0',
  '0 0 13 * 5',
  '10-20/5 8-9 * 2,6 *',
  '0 12 28-31 * *',
  '@monthly',
];

const STARTS = [
  '2024-01-01T00:00:00Z',
  '2024-02-28T23:59:30Z',
  '2023-12-31T23:45:00Z',
  '2024-06-15T08:19:00Z',
];

describe('nextRun agrees with a minute-by-minute scan', () => {
  for (const expr of EXPRS) {
    for (const start of STARTS) {
      it(`${expr} from ${start}`, () => {
        const from = new Date(start);
        expect(nextRun(parseCron(expr), from).toISOString()).toBe(slowNext(expr, from).toISOString());
      });
    }
  }

  it('every result actually matches the schedule', () => {
    const s = parseCron('5,35 */3 * * 1-5');
    let cur = new Date('2024-03-01T00:00:00Z');
    for (let i = 0; i < 50; i++) {
      cur = nextRun(s, cur);
      expect(matches(s, cur)).toBe(true);
    }
  });
});
