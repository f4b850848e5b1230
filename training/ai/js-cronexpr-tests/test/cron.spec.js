'use strict';

const { expect } = require('chai');
const { parse, matches, next, upcoming, CronError } = require('../cron');

// Helper: build a local Date without month off-by-one surprises.
function at(y, mo, d, h = 0, mi = 0) {
  return new Date(y, mo - 1, d, h, mi, 0, 0);
}

describe('cron', () => {
  describe('parse()', () => {
    it('expands a wildcard to the full range of each field', () => {
      const s = parse('* * * * *');
      expect(s.minute.size).to.equal(60);
      expect(s.hour.size).to.equal(24);
      expect(s.dayOfMonth.size).to.equal(31);
      expect(s.month.size).to.equal(12);
      expect(s.dayOfWeek.size).to.equal(7);
    });

    it('parses single values, lists and ranges', () => {
      const s = parse('5 1,13 10-12 * *');
      expect([...s.minute]).to.deep.equal([5]);
      expect([...s.hour]).to.deep.equal([1, 13]);
      expect([...s.dayOfMonth]).to.deep.equal([10, 11, 12]);
    });

    it('applies steps to wildcards and ranges', () => {
      const s = parse('*/15 0-10/5 * * *');
      expect([...s.minute]).to.deep.equal([0, 15, 30, 45]);
      expect([...s.hour]).to.deep.equal([0, 5, 10]);
    });

    it('treats "N/step" as N through the end of the range', () => {
      const s = parse('50/5 * * * *');
      expect([...s.minute]).to.deep.equal([50, 55]);
    });

    it('accepts month and weekday names case-insensitively', () => {
      const s = parse('0 0 * JAN,mar mon-Fri');
      expect([...s.month]).to.deep.equal([1, 3]);
      expect([...s.dayOfWeek]).to.deep.equal([1, 2, 3, 4, 5]);
    });

    it('maps weekday 7 to Sunday (0)', () => {
      const s = parse('0 0 * * 7');
      expect([...s.dayOfWeek]).to.deep.equal([0]);
    });

    it('tolerates extra whitespace between fields', () => {
      expect(() => parse('  0   12  *  *   * ')).not.to.throw();
    });

    [
      ['@yearly', '0 0 1 1 *'],
      ['@monthly', '0 0 1 * *'],
      ['@weekly', '0 0 * * 0'],
      ['@daily', '0 0 * * *'],
      ['@hourly', '0 * * * *'],
    ].forEach(([macro, expanded]) => {
      it(`expands ${macro} the same as "${expanded}"`, () => {
        const a = parse(macro);
        const b = parse(expanded);
        for (const key of ['minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek']) {
          expect([...a[key]]).to.deep.equal([...b[key]]);
        }
      });
    });

    it('records whether the day fields are restricted', () => {
      expect(parse('0 0 1 * *')).to.include({ domRestricted: true, dowRestricted: false });
      expect(parse('0 0 * * 1')).to.include({ domRestricted: false, dowRestricted: true });
    });

    describe('invalid input', () => {
      const cases = [
        ['too few fields', '* * * *', /Expected 5 fields, got 4/],
        ['too many fields', '* * * * * *', /Expected 5 fields, got 6/],
        ['minute out of range', '60 * * * *', /minute value 60 out of range/],
        ['hour out of range', '0 24 * * *', /hour value 24/],
        ['day of month zero', '0 0 0 * *', /dayOfMonth value 0/],
        ['month 13', '0 0 1 13 *', /month value 13/],
        ['reversed range', '0 0 * * 5-1', /reversed/],
        ['zero step', '*/0 * * * *', /Invalid step "0"/],
        ['non-numeric step', '*/x * * * *', /Invalid step "x"/],
        ['garbage value', 'abc * * * *', /Invalid minute value: "abc"/],
        ['empty list item', '1,,2 * * * *', /Empty list item/],
        ['unknown name', '0 0 * foo *', /Invalid month value/],
      ];

      cases.forEach(([label, expr, pattern]) => {
        it(`rejects ${label}`, () => {
          expect(() => parse(expr)).to.throw(CronError, pattern);
        });
      });

      it('throws a TypeError for non-string input', () => {
        expect(() => parse(42)).to.throw(TypeError);
        expect(() => parse(null)).to.throw(TypeError);
      });

      it('exposes a named error class', () => {
        try {
          parse('bad');
          expect.fail('should have thrown');
        } catch (err) {
          expect(err).to.be.instanceOf(Error);
          expect(err.name).to.equal('CronError');
        }
      });
    });
  });

  describe('matches()', () => {
    it('matches a date that satisfies every field', () => {
      const s = parse('30 9 * * 1-5');
      expect(matches(s, at(2024, 3, 4, 9, 30))).to.equal(true); // Monday
    });

    it('does not match on the weekend', () => {
      const s = parse('30 9 * * 1-5');
      expect(matches(s, at(2024, 3, 3, 9, 30))).to.equal(false); // Sunday
    });

    it('uses OR semantics when both day fields are restricted', () => {
      const s = parse('0 0 13 * 5'); // the 13th OR any Friday
      expect(matches(s, at(2024, 9, 13))).to.equal(true); // Friday 13th
      expect(matches(s, at(2024, 9, 6))).to.equal(true); // a Friday
      expect(matches(s, at(2024, 11, 13))).to.equal(true); // a Wednesday the 13th
      expect(matches(s, at(2024, 9, 10))).to.equal(false);
    });
  });

  describe('next()', () => {
    it('returns the following minute for "* * * * *"', () => {
      expect(next('* * * * *', at(2024, 1, 1, 10, 15))).to.deep.equal(at(2024, 1, 1, 10, 16));
    });

    it('never returns the start instant itself', () => {
      const from = at(2024, 1, 1, 12, 0);
      expect(next('0 12 * * *', from)).to.deep.equal(at(2024, 1, 2, 12, 0));
    });

    it('ignores seconds and milliseconds on the start date', () => {
      const from = new Date(2024, 0, 1, 10, 15, 42, 500);
      expect(next('* * * * *', from)).to.deep.equal(at(2024, 1, 1, 10, 16));
    });

    it('rolls over the hour, day, month and year', () => {
      expect(next('0 * * * *', at(2024, 1, 1, 23, 30))).to.deep.equal(at(2024, 1, 2, 0, 0));
      expect(next('0 0 1 * *', at(2024, 1, 15))).to.deep.equal(at(2024, 2, 1));
      expect(next('0 0 1 1 *', at(2024, 6, 1))).to.deep.equal(at(2025, 1, 1));
    });

    it('finds February 29th in the next leap year', () => {
      expect(next('0 0 29 2 *', at(2025, 3, 1))).to.deep.equal(at(2028, 2, 29));
    });

    it('returns null for a date that never occurs', () => {
      expect(next('0 0 31 2 *', at(2024, 1, 1))).to.equal(null);
    });

    it('accepts a pre-parsed schedule', () => {
      const s = parse('15 8 * * *');
      expect(next(s, at(2024, 5, 5, 9))).to.deep.equal(at(2024, 5, 6, 8, 15));
    });

    it('does not mutate the "from" date', () => {
      const from = at(2024, 1, 1, 10, 0);
      const before = from.getTime();
      next('*/5 * * * *', from);
      expect(from.getTime()).to.equal(before);
    });
  });

  describe('upcoming()', () => {
    it('returns the requested number of strictly increasing dates', () => {
      const dates = upcoming('*/20 * * * *', 4, at(2024, 1, 1, 10, 5));
      expect(dates.map((d) => d.getMinutes())).to.deep.equal([20, 40, 0, 20]);
      for (let i = 1; i < dates.length; i++) {
        expect(dates[i].getTime()).to.be.greaterThan(dates[i - 1].getTime());
      }
    });

    it('returns an empty array when count is 0', () => {
      expect(upcoming('* * * * *', 0)).to.deep.equal([]);
    });

    it('stops early when the schedule cannot fire', () => {
      expect(upcoming('0 0 30 2 *', 3, at(2024, 1, 1))).to.have.lengthOf(0);
    });

    it('lists weekday mornings skipping the weekend', () => {
      const dates = upcoming('0 9 * * mon-fri', 3, at(2024, 3, 8, 10)); // Friday after 9
      expect(dates.map((d) => d.getDay())).to.deep.equal([1, 2, 3]);
    });
  });
});
