import { describe, it, expect } from 'vitest';
import { parseCron, CronError } from '../src/cron';

const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);

describe('parseCron', () => {
  it('expands wildcards to the full range', () => {
    const s = parseCron('* * * * *');
    expect(s.minutes.size).toBe(60);
    expect(s.hours.size).toBe(24);
    expect(s.daysOfMonth.size).toBe(31);
    expect(s.months.size).toBe(12);
    expect(sorted(s.daysOfWeek)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(s.domRestricted).toBe(false);
    expect(s.dowRestricted).toBe(false);
  });

  it('parses lists, ranges and steps', () => {
    const s = parseCron('0,15,30 9-17 1-10/3 */4 1-5');
    expect(sorted(s.minutes)).toEqual([0, 15, 30]);
    expect(sorted(s.hours)).toEqual([9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(sorted(s.daysOfMonth)).toEqual([1, 4, 7, 10]);
    expect(sorted(s.months)).toEqual([1, 5, 9]);
    expect(sorted(s.daysOfWeek)).toEqual([1, 2, 3, 4, 5]);
  });

  it('treats a single value with a step as start/step', () => {
    expect(sorted(parseCron('5/20 * * * *').minutes)).toEqual([5, 25, 45]);
  });

  it('accepts month and weekday names in any case', () => {
    const s = parseCron('0 0 * JAN-mar mon,Fri');
    expect(sorted(s.months)).toEqual([1, 2, 3]);
    expect(sorted(s.daysOfWeek)).toEqual([1, 5]);
  });

  it('maps day-of-week 7 to Sunday', () => {
    expect(sorted(parseCron('0 0 * * 5-7').daysOfWeek)).toEqual([0, 5, 6]);
  });

  it('expands macros', () => {
    const s = parseCron('@weekly');
    expect(sorted(s.minutes)).toEqual([0]);
    expect(sorted(s.hours)).toEqual([0]);
    expect(sorted(s.daysOfWeek)).toEqual([0]);
    expect(parseCron('@hourly').hours.size).toBe(24);
  });

  it('ignores surrounding and repeated whitespace', () => {
    expect(sorted(parseCron('  1   2 3 4   5 ').minutes)).toEqual([1]);
  });

  it('records which day fields are restricted', () => {
    const s = parseCron('0 0 13 * fri');
    expect(s.domRestricted).toBe(true);
    expect(s.dowRestricted).toBe(true);
  });

  describe('errors', () => {
    it.each([
      ['* * * *', /expected 5 fields, got 4/],
      ['* * * * * *', /expected 5 fields, got 6/],
      ['60 * * * *', /minute value 60 out of range 0-59/],
      ['* 24 * * *', /hour value 24 out of range/],
      ['* * 0 * *', /day of month value 0 out of range 1-31/],
      ['* * * 13 *', /month value 13/],
      ['* * * * 8', /day of week value 8/],
      ['*/0 * * * *', /invalid step "0"/],
      ['*/x * * * *', /invalid step "x"/],
      ['10-5 * * * *', /reversed range/],
      ['a * * * *', /invalid minute value "a"/],
      ['1//2 * * * *', /invalid minute/],
      [', * * * *', /invalid minute/],
      ['* * * foo *', /invalid month value "foo"/],
    ])('rejects %s', (expr, msg) => {
      expect(() => parseCron(expr)).toThrow(CronError);
      expect(() => parseCron(expr)).toThrow(msg);
    });
  });
});
