/* global test expect */
import { DateTime, Interval } from "../../src/luxon";
import BusinessCalendar from "../../src/businessCalendar";

const dt = (s) => DateTime.fromISO(s);
const interval = (a, b) => Interval.fromDateTimes(dt(a), dt(b));
const standard = BusinessCalendar.create();

// counts one day at a time, to check the week-skipping shortcut against
function slowCount(cal, i) {
  let n = 0;
  for (let d = i.start.startOf("day"); d < i.end.startOf("day"); d = d.plus({ days: 1 })) {
    if (cal.isBusinessDay(d)) n++;
  }
  return n;
}

test("BusinessCalendar#count() counts the days in a week", () => {
  expect(standard.count(interval("2022-11-07", "2022-11-14"))).toBe(5);
});

test("BusinessCalendar#count() is half-open", () => {
  expect(standard.count(interval("2022-11-07", "2022-11-08"))).toBe(1);
  expect(standard.count(interval("2022-11-07", "2022-11-07"))).toBe(0);
});

test("BusinessCalendar#count() ignores the time of day", () => {
  expect(standard.count(interval("2022-11-07T23:00", "2022-11-08T01:00"))).toBe(1);
});

test("BusinessCalendar#count() counts a month", () => {
  expect(standard.count(interval("2022-12-01", "2023-01-01"))).toBe(22);
});

test("BusinessCalendar#count() subtracts holidays", () => {
  const cal = standard.withHolidays("2022-12-26", "2023-01-02");
  expect(cal.count(interval("2022-12-01", "2023-01-01"))).toBe(21);
  expect(cal.count(interval("2022-12-01", "2023-01-03"))).toBe(21);
});

test("BusinessCalendar#count() does not subtract holidays that fall on the weekend", () => {
  const cal = standard.withHolidays("2022-12-25");
  expect(cal.count(interval("2022-12-01", "2023-01-01"))).toBe(22);
});

test("BusinessCalendar#count() does not subtract holidays outside the interval", () => {
  const cal = standard.withHolidays("2022-11-30", "2023-01-01", "2023-01-02");
  expect(cal.count(interval("2022-12-01", "2023-01-02"))).toBe(22);
});

test("BusinessCalendar#count() accepts a plain { start, end } object", () => {
  expect(standard.count({ start: dt("2022-11-07"), end: dt("2022-11-14") })).toBe(5);
});

test("BusinessCalendar#count() returns NaN for an invalid interval", () => {
  expect(standard.count(interval("2022-11-14", "2022-11-07"))).toBeNaN();
  expect(standard.count(Interval.invalid("because"))).toBeNaN();
});

test("BusinessCalendar#count() agrees with a day-by-day count", () => {
  const calendars = [
    standard,
    BusinessCalendar.create({ weekend: [5, 6] }),
    BusinessCalendar.create({ weekend: [7], holidays: ["2022-03-08", "2022-05-01"] }),
    BusinessCalendar.create({ weekend: [] }),
  ];
  const starts = ["2022-01-01", "2022-02-27", "2022-03-08", "2022-04-15"];
  const lengths = [0, 1, 6, 7, 8, 13, 14, 30, 95];

  for (const cal of calendars) {
    for (const s of starts) {
      for (const len of lengths) {
        const i = Interval.after(dt(s), { days: len });
        expect(cal.count(i)).toBe(slowCount(cal, i));
      }
    }
  }
});

test("BusinessCalendar#count() matches plus()", () => {
  const start = dt("2022-11-02");
  for (let n = 1; n < 30; n++) {
    const end = standard.plus(start, n);
    expect(standard.count(Interval.fromDateTimes(start, end))).toBe(n);
  }
});
