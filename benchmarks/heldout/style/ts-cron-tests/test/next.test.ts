import { describe, it, expect } from 'vitest';
import { parseCron, nextRun, nextRuns, matches, CronError } from '../src/cron';

const utc = (s: string) => new Date(`${s}Z`);
const iso = (d: Date) => d.toISOString().slice(0, 16);

describe('matches', () => {
  it('checks every field', () => {
    const s = parseCron('30 14 * * *');
    expect(matches(s, utc('2024-05-01T14:30'))).toBe(true);
    expect(matches(s, utc('2024-05-01T14:31'))).toBe(false);
    expect(matches(s, utc('2024-05-01T15:30'))).toBe(false);
  });

  it('ORs day-of-month and day-of-week when both are restricted', () => {
    const s = parseCron('0 0 13 * 5');
    expect(matches(s, utc('2024-09-13T00:00'))).toBe(true); // Friday the 13th
    expect(matches(s, utc('2024-09-06T00:00'))).toBe(true); // a Friday
    expect(matches(s, utc('2024-10-13T00:00'))).toBe(true); // a Sunday, but the 13th
    expect(matches(s, utc('2024-09-07T00:00'))).toBe(false);
  });

  it('ANDs them when only one is restricted', () => {
    const s = parseCron('0 0 * * 1');
    expect(matches(s, utc('2024-09-09T00:00'))).toBe(true);
    expect(matches(s, utc('2024-09-10T00:00'))).toBe(false);
  });
});

describe('nextRun', () => {
  it('is strictly after the start time', () => {
    const s = parseCron('* * * * *');
    expect(iso(nextRun(s, utc('2024-01-01T10:00')))).toBe('2024-01-01T10:01');
  });

  it('drops seconds before advancing', () => {
    const s = parseCron('* * * * *');
    expect(iso(nextRun(s, new Date('2024-01-01T10:00:59.999Z')))).toBe('2024-01-01T10:01');
  });

  it('rolls over hours, days and months', () => {
    const s = parseCron('15 3 * * *');
    expect(iso(nextRun(s, utc('2024-01-31T03:15')))).toBe('2024-02-01T03:15');
    expect(iso(nextRun(s, utc('2024-12-31T23:59')))).toBe('2025-01-01T03:15');
  });

  it('finds Feb 29 in a leap year', () => {
    const s = parseCron('0 12 29 2 *');
    expect(iso(nextRun(s, utc('2023-03-01T00:00')))).toBe('2024-02-29T12:00');
    expect(iso(nextRun(s, utc('2024-02-29T12:00')))).toBe('2028-02-29T12:00');
  });

  it('skips months that lack the requested day', () => {
    const s = parseCron('0 0 31 * *');
    expect(nextRuns(s, utc('2024-01-31T00:00'), 3).map(iso)).toEqual([
      '2024-03-31T00:00',
      '2024-05-31T00:00',
      '2024-07-31T00:00',
    ]);
  });

  it('handles weekday schedules', () => {
    const s = parseCron('0 9 * * mon-fri');
    // 2024-06-07 is a Friday
    expect(nextRuns(s, utc('2024-06-07T09:00'), 3).map(iso)).toEqual([
      '2024-06-10T09:00',
      '2024-06-11T09:00',
      '2024-06-12T09:00',
    ]);
  });

  it('handles steps within an hour', () => {
    const s = parseCron('*/20 * * * *');
    expect(nextRuns(s, utc('2024-01-01T10:41'), 4).map(iso)).toEqual([
      '2024-01-01T11:00',
      '2024-01-01T11:20',
      '2024-01-01T11:40',
      '2024-01-01T12:00',
    ]);
  });

  it('honours a macro', () => {
    expect(iso(nextRun(parseCron('@yearly'), utc('2024-07-04T12:00')))).toBe('2025-01-01T00:00');
  });

  it('does not mutate its input date', () => {
    const from = utc('2024-01-01T00:00');
    const before = from.getTime();
    nextRun(parseCron('0 * * * *'), from);
    expect(from.getTime()).toBe(before);
  });

  it('gives up on impossible schedules', () => {
    expect(() => nextRun(parseCron('0 0 30 2 *'), utc('2024-01-01T00:00'))).toThrow(CronError);
    expect(() => nextRun(parseCron('0 0 31 4 *'), utc('2024-01-01T00:00'), 2)).toThrow(
      /within 2 years/,
    );
  });
});
