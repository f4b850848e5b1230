import DateTime, { friendlyDateTime } from "./datetime.js";
import Interval from "./interval.js";
import { InvalidArgumentError } from "./errors.js";
import { isInteger, isUndefined, maybeArray } from "./impl/util.js";

const DEFAULT_WEEKEND = [6, 7];

// a safety valve so that a calendar made entirely of holidays can't spin forever
const MAX_SCAN_DAYS = 366 * 20;

function toISODateKey(dt) {
  return dt.toISODate();
}

function normalizeHoliday(h) {
  if (typeof h === "string") {
    const dt = DateTime.fromISO(h);
    if (!dt.isValid) {
      throw new InvalidArgumentError(`invalid holiday: ${h}`);
    }
    return toISODateKey(dt);
  }

  const dt = friendlyDateTime(h);
  if (!dt.isValid) {
    throw new InvalidArgumentError(`invalid holiday: ${h}`);
  }
  return toISODateKey(dt);
}

function normalizeWeekend(weekend) {
  const days = maybeArray(weekend);
  for (const d of days) {
    if (!isInteger(d) || d < 1 || d > 7) {
      throw new InvalidArgumentError(`weekend days must be ISO weekday numbers (1-7), got ${d}`);
    }
  }
  if (days.length === 7) {
    throw new InvalidArgumentError("a calendar must have at least one working weekday");
  }
  return new Set(days);
}

/**
 * A BusinessCalendar describes which days are working days: every day that is neither on the weekend nor a holiday. It answers questions such as "what is five business days after this DateTime?" and "how many business days are in this Interval?".
 *
 * Times of day are preserved: adding business days to a DateTime moves its date and keeps its hour, minute, zone and so on.
 *
 * @example
 * const cal = BusinessCalendar.create({ holidays: ["2022-12-26"] });
 * cal.plus(DateTime.fromISO("2022-12-23"), 1).toISODate() //=> "2022-12-27"
 */
export default class BusinessCalendar {
  /**
   * @private
   */
  constructor(config) {
    /**
     * @access private
     */
    this.weekend = config.weekend;
    /**
     * @access private
     */
    this.holidays = config.holidays;
  }

  /**
   * Create a BusinessCalendar.
   * @param {Object} [opts] - options
   * @param {number|Array<number>} [opts.weekend=[6, 7]] - the ISO weekday numbers (1 is Monday, 7 is Sunday) that are not worked
   * @param {Array<string|DateTime|Date|Object>} [opts.holidays=[]] - dates that are not worked, as ISO date strings or anything a DateTime can be made from
   * @return {BusinessCalendar}
   */
  static create({ weekend = DEFAULT_WEEKEND, holidays = [] } = {}) {
    return new BusinessCalendar({
      weekend: normalizeWeekend(weekend),
      holidays: new Set(holidays.map(normalizeHoliday)),
    });
  }

  /**
   * Return a new calendar with these holidays added to the existing ones.
   * @param {...(string|DateTime|Date|Object)} holidays
   * @return {BusinessCalendar}
   */
  withHolidays(...holidays) {
    const merged = new Set(this.holidays);
    for (const h of holidays) {
      merged.add(normalizeHoliday(h));
    }
    return new BusinessCalendar({ weekend: this.weekend, holidays: merged });
  }

  /**
   * Returns whether the day of the given DateTime is a business day in this calendar.
   * @param {DateTime|Date|Object} dateTime
   * @return {boolean}
   */
  isBusinessDay(dateTime) {
    const dt = friendlyDateTime(dateTime);
    if (!dt.isValid) {
      return false;
    }
    return !this.weekend.has(dt.weekday) && !this.holidays.has(toISODateKey(dt));
  }

  /**
   * Add (or with a negative number, subtract) a number of business days. Adding zero days to a day that isn't a business day moves forward to the next business day.
   * @param {DateTime|Date|Object} dateTime
   * @param {number} days - an integer
   * @return {DateTime}
   */
  plus(dateTime, days) {
    const dt = friendlyDateTime(dateTime);
    if (!dt.isValid) {
      return dt;
    }

    if (!isInteger(days)) {
      throw new InvalidArgumentError(`business days must be an integer, got ${days}`);
    }

    if (days === 0) {
      return this.next(dt, { inclusive: true });
    }

    const step = days > 0 ? 1 : -1;
    let remaining = Math.abs(days),
      current = dt,
      scanned = 0;

    while (remaining > 0) {
      current = current.plus({ days: step });
      if (this.isBusinessDay(current)) {
        remaining--;
      }
      if (++scanned > MAX_SCAN_DAYS + Math.abs(days) * 7) {
        throw new InvalidArgumentError("no business days found; check the calendar's holidays");
      }
    }

    return current;
  }

  /**
   * Subtract a number of business days. Equivalent to `plus(dateTime, -days)`.
   * @param {DateTime|Date|Object} dateTime
   * @param {number} days - an integer
   * @return {DateTime}
   */
  minus(dateTime, days) {
    return this.plus(dateTime, -days);
  }

  /**
   * Return the next business day after the given DateTime, keeping the time of day.
   * @param {DateTime|Date|Object} dateTime
   * @param {Object} [opts] - options
   * @param {boolean} [opts.inclusive=false] - return the DateTime itself if it is already a business day
   * @return {DateTime}
   */
  next(dateTime, { inclusive = false } = {}) {
    return this.scan(friendlyDateTime(dateTime), 1, inclusive);
  }

  /**
   * Return the last business day before the given DateTime, keeping the time of day.
   * @param {DateTime|Date|Object} dateTime
   * @param {Object} [opts] - options
   * @param {boolean} [opts.inclusive=false] - return the DateTime itself if it is already a business day
   * @return {DateTime}
   */
  previous(dateTime, { inclusive = false } = {}) {
    return this.scan(friendlyDateTime(dateTime), -1, inclusive);
  }

  /**
   * Count the business days in an Interval. Like the Interval itself, the count is half-open: the day the Interval starts on counts, the day it ends on doesn't.
   * @param {Interval|Object} interval - an Interval, or an object with `start` and `end` keys
   * @return {number}
   */
  count(interval) {
    const i =
      interval instanceof Interval || (interval && interval.isLuxonInterval)
        ? interval
        : Interval.fromDateTimes(interval && interval.start, interval && interval.end);

    if (!i.isValid) {
      return NaN;
    }

    const start = i.start.startOf("day"),
      end = i.end.startOf("day"),
      totalDays = Math.round(end.diff(start, "days").days),
      fullWeeks = Math.floor(totalDays / 7),
      workingPerWeek = 7 - this.weekend.size;

    // whole weeks contribute the same amount, so only walk the leftover days
    let n = fullWeeks * workingPerWeek;
    let cursor = start.plus({ weeks: fullWeeks });
    while (cursor < end) {
      if (!this.weekend.has(cursor.weekday)) {
        n++;
      }
      cursor = cursor.plus({ days: 1 });
    }

    for (const key of this.holidays) {
      const h = DateTime.fromISO(key, { zone: start.zone });
      if (h >= start && h < end && !this.weekend.has(h.weekday)) {
        n--;
      }
    }

    return n;
  }

  /**
   * @private
   */
  scan(dt, step, inclusive) {
    if (!dt.isValid) {
      return dt;
    }

    let current = inclusive ? dt : dt.plus({ days: step });
    for (let i = 0; i < MAX_SCAN_DAYS; i++) {
      if (this.isBusinessDay(current)) {
        return current;
      }
      current = current.plus({ days: step });
    }

    throw new InvalidArgumentError("no business days found; check the calendar's holidays");
  }

  /**
   * Returns a string representation of this calendar, for debugging.
   * @return {string}
   */
  toString() {
    const weekend = Array.from(this.weekend).sort().join(",");
    return `BusinessCalendar { weekend: [${weekend}], holidays: ${this.holidays.size} }`;
  }
}

/**
 * @private
 */
export function isBusinessCalendar(o) {
  return !isUndefined(o) && o instanceof BusinessCalendar;
}
