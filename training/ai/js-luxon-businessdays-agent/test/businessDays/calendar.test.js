/* global test expect */
import { DateTime, Settings } from "../../src/luxon";
import BusinessCalendar from "../../src/businessCalendar";
import { InvalidArgumentError } from "../../src/errors";

const dt = (s, opts) => DateTime.fromISO(s, opts);
const standard = BusinessCalendar.create();
const withBoxingDay = BusinessCalendar.create({ holidays: ["2022-12-26"] });

//------
// create()
//------

test("BusinessCalendar.create() defaults to a Saturday/Sunday weekend", () => {
  expect(standard.isBusinessDay(dt("2022-11-04"))).toBe(true); // Friday
  expect(standard.isBusinessDay(dt("2022-11-05"))).toBe(false); // Saturday
  expect(standard.isBusinessDay(dt("2022-11-06"))).toBe(false); // Sunday
  expect(standard.isBusinessDay(dt("2022-11-07"))).toBe(true); // Monday
});

test("BusinessCalendar.create() accepts a custom weekend", () => {
  const cal = BusinessCalendar.create({ weekend: [5, 6] });
  expect(cal.isBusinessDay(dt("2022-11-04"))).toBe(false); // Friday
  expect(cal.isBusinessDay(dt("2022-11-06"))).toBe(true); // Sunday
});

test("BusinessCalendar.create() accepts a single weekend day", () => {
  const cal = BusinessCalendar.create({ weekend: 7 });
  expect(cal.isBusinessDay(dt("2022-11-05"))).toBe(true);
  expect(cal.isBusinessDay(dt("2022-11-06"))).toBe(false);
});

test("BusinessCalendar.create() accepts an empty weekend", () => {
  const cal = BusinessCalendar.create({ weekend: [] });
  expect(cal.isBusinessDay(dt("2022-11-05"))).toBe(true);
});

test("BusinessCalendar.create() rejects invalid weekend days", () => {
  expect(() => BusinessCalendar.create({ weekend: [0] })).toThrow(InvalidArgumentError);
  expect(() => BusinessCalendar.create({ weekend: [8] })).toThrow(InvalidArgumentError);
  expect(() => BusinessCalendar.create({ weekend: [6.5] })).toThrow(InvalidArgumentError);
  expect(() => BusinessCalendar.create({ weekend: ["sat"] })).toThrow(InvalidArgumentError);
});

test("BusinessCalendar.create() rejects a seven-day weekend", () => {
  expect(() => BusinessCalendar.create({ weekend: [1, 2, 3, 4, 5, 6, 7] })).toThrow(
    InvalidArgumentError
  );
});

test("BusinessCalendar.create() accepts holidays as strings, DateTimes, Dates and objects", () => {
  const cal = BusinessCalendar.create({
    holidays: [
      "2022-01-03",
      dt("2022-02-01T15:00"),
      new Date(2022, 2, 1),
      { year: 2022, month: 4, day: 1 },
    ],
  });
  expect(cal.isBusinessDay(dt("2022-01-03"))).toBe(false);
  expect(cal.isBusinessDay(dt("2022-02-01"))).toBe(false);
  expect(cal.isBusinessDay(dt("2022-03-01"))).toBe(false);
  expect(cal.isBusinessDay(dt("2022-04-01"))).toBe(false);
  expect(cal.isBusinessDay(dt("2022-04-04"))).toBe(true);
});

test("BusinessCalendar.create() rejects invalid holidays", () => {
  expect(() => BusinessCalendar.create({ holidays: ["not a date"] })).toThrow(InvalidArgumentError);
  expect(() => BusinessCalendar.create({ holidays: [DateTime.invalid("nope")] })).toThrow(
    InvalidArgumentError
  );
});

//------
// withHolidays()
//------

test("BusinessCalendar#withHolidays() returns a new calendar", () => {
  const cal = standard.withHolidays("2022-11-24", "2022-11-25");
  expect(cal.isBusinessDay(dt("2022-11-24"))).toBe(false);
  expect(cal.isBusinessDay(dt("2022-11-25"))).toBe(false);
  expect(standard.isBusinessDay(dt("2022-11-24"))).toBe(true);
});

test("BusinessCalendar#withHolidays() keeps the weekend", () => {
  const cal = BusinessCalendar.create({ weekend: [5] }).withHolidays("2022-11-07");
  expect(cal.isBusinessDay(dt("2022-11-04"))).toBe(false);
  expect(cal.isBusinessDay(dt("2022-11-05"))).toBe(true);
});

//------
// isBusinessDay()
//------

test("BusinessCalendar#isBusinessDay() ignores the time of day", () => {
  expect(withBoxingDay.isBusinessDay(dt("2022-12-26T00:00"))).toBe(false);
  expect(withBoxingDay.isBusinessDay(dt("2022-12-26T23:59:59"))).toBe(false);
});

test("BusinessCalendar#isBusinessDay() uses the DateTime's own zone", () => {
  // 2022-12-26T02:00 in Tokyo is still Christmas Day in UTC
  const tokyo = dt("2022-12-26T02:00", { zone: "Asia/Tokyo" });
  expect(withBoxingDay.isBusinessDay(tokyo)).toBe(false);
  expect(withBoxingDay.isBusinessDay(tokyo.toUTC())).toBe(false); // the 25th, a Sunday
});

test("BusinessCalendar#isBusinessDay() returns false for invalid DateTimes", () => {
  expect(standard.isBusinessDay(DateTime.invalid("because"))).toBe(false);
});

//------
// plus() and minus()
//------

test("BusinessCalendar#plus() skips the weekend", () => {
  expect(standard.plus(dt("2022-11-04"), 1).toISODate()).toBe("2022-11-07");
  expect(standard.plus(dt("2022-11-04"), 5).toISODate()).toBe("2022-11-11");
});

test("BusinessCalendar#plus() skips holidays", () => {
  expect(withBoxingDay.plus(dt("2022-12-23"), 1).toISODate()).toBe("2022-12-27");
});

test("BusinessCalendar#plus() keeps the time and zone", () => {
  const start = dt("2022-11-04T17:45:10.123", { zone: "America/New_York" });
  const result = standard.plus(start, 1);
  expect(result.toISO()).toBe("2022-11-07T17:45:10.123-05:00");
  expect(result.zoneName).toBe("America/New_York");
});

test("BusinessCalendar#plus() with a negative number goes backwards", () => {
  expect(standard.plus(dt("2022-11-07"), -1).toISODate()).toBe("2022-11-04");
  expect(withBoxingDay.plus(dt("2022-12-27"), -1).toISODate()).toBe("2022-12-23");
});

test("BusinessCalendar#plus(0) rolls forward only from a non-business day", () => {
  expect(standard.plus(dt("2022-11-04"), 0).toISODate()).toBe("2022-11-04");
  expect(standard.plus(dt("2022-11-05"), 0).toISODate()).toBe("2022-11-07");
});

test("BusinessCalendar#plus() starting on a weekend counts from the next business day", () => {
  expect(standard.plus(dt("2022-11-05"), 1).toISODate()).toBe("2022-11-07");
  expect(standard.plus(dt("2022-11-06"), 2).toISODate()).toBe("2022-11-08");
});

test("BusinessCalendar#plus() across a month and a year", () => {
  expect(withBoxingDay.plus(dt("2022-12-29"), 3).toISODate()).toBe("2023-01-03");
});

test("BusinessCalendar#plus() rejects non-integers", () => {
  expect(() => standard.plus(dt("2022-11-04"), 1.5)).toThrow(InvalidArgumentError);
  expect(() => standard.plus(dt("2022-11-04"), "1")).toThrow(InvalidArgumentError);
});

test("BusinessCalendar#plus() passes invalid DateTimes through", () => {
  const invalid = DateTime.invalid("because");
  expect(standard.plus(invalid, 3)).toBe(invalid);
});

test("BusinessCalendar#plus() accepts JS Dates", () => {
  const result = standard.plus(new Date(2022, 10, 4), 1);
  expect(result.isLuxonDateTime).toBe(true);
  expect(result.toISODate()).toBe("2022-11-07");
});

test("BusinessCalendar#minus() is plus() backwards", () => {
  const start = dt("2022-11-09");
  for (let n = 0; n < 15; n++) {
    expect(standard.minus(standard.plus(start, n), n).toISODate()).toBe("2022-11-09");
  }
});

test("BusinessCalendar#plus() throws when there are no business days left", () => {
  const holidays = [];
  for (let d = dt("2023-01-01"); d.year < 2050; d = d.plus({ days: 1 })) {
    holidays.push(d.toISODate());
  }
  const cal = BusinessCalendar.create({ holidays });
  expect(() => cal.plus(dt("2022-12-30"), 2)).toThrow(InvalidArgumentError);
});

//------
// next() and previous()
//------

test("BusinessCalendar#next() returns the following business day", () => {
  expect(standard.next(dt("2022-11-03")).toISODate()).toBe("2022-11-04");
  expect(standard.next(dt("2022-11-04")).toISODate()).toBe("2022-11-07");
});

test("BusinessCalendar#next({ inclusive: true }) can return the same day", () => {
  expect(standard.next(dt("2022-11-04"), { inclusive: true }).toISODate()).toBe("2022-11-04");
  expect(standard.next(dt("2022-11-05"), { inclusive: true }).toISODate()).toBe("2022-11-07");
});

test("BusinessCalendar#previous() returns the preceding business day", () => {
  expect(withBoxingDay.previous(dt("2022-12-27")).toISODate()).toBe("2022-12-23");
  expect(standard.previous(dt("2022-11-06"), { inclusive: true }).toISODate()).toBe("2022-11-04");
});

//------
// toString()
//------

test("BusinessCalendar#toString() describes the calendar", () => {
  expect(withBoxingDay.toString()).toBe("BusinessCalendar { weekend: [6,7], holidays: 1 }");
});

test("BusinessCalendar methods respect Settings.defaultZone for plain objects", () => {
  const zone = Settings.defaultZone;
  try {
    Settings.defaultZone = "Asia/Tokyo";
    const result = standard.plus({ year: 2022, month: 11, day: 4, hour: 9 }, 1);
    expect(result.zoneName).toBe("Asia/Tokyo");
    expect(result.toISODate()).toBe("2022-11-07");
  } finally {
    Settings.defaultZone = zone;
  }
});
