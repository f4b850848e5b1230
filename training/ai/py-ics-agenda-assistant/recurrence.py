"""
Expansion of RRULE recurrence rules into concrete occurrences.

Only the subset of RFC 5545 that calendar apps commonly produce for
user-created events is supported:

* ``FREQ`` = DAILY, WEEKLY, MONTHLY or YEARLY
* ``INTERVAL``, ``COUNT`` and ``UNTIL``
* ``BYDAY`` with plain weekdays for WEEKLY rules (``BYDAY=MO,WE,FR``)
* ``BYMONTHDAY`` for MONTHLY rules (``BYMONTHDAY=1,15``; negative values
  count from the end of the month)

Anything else raises :class:`UnsupportedRule` instead of silently producing
wrong dates; the caller can then fall back to showing only the first
occurrence.

Occurrences are generated in local wall-clock time of the event's own zone
and then re-attached to that zone, so a weekly 09:00 meeting stays at 09:00
across daylight-saving changes, which is what users expect.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Iterator, Optional

from ics_parser import When

WEEKDAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}

# Hard stop so a rule without COUNT/UNTIL can never loop forever, even if the
# requested window is absurdly large.
MAX_ITERATIONS = 100_000


class UnsupportedRule(ValueError):
    """The RRULE uses a part this module does not implement."""


@dataclass(frozen=True)
class Rule:
    """A parsed RRULE."""

    freq: str
    interval: int = 1
    count: Optional[int] = None
    until: Optional[When] = None
    by_day: tuple[int, ...] = ()
    by_month_day: tuple[int, ...] = ()


def parse_rule(text: str) -> Rule:
    """Parse an RRULE value such as ``FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10``."""
    parts: dict[str, str] = {}
    for chunk in text.strip().split(";"):
        if not chunk:
            continue
        key, sep, value = chunk.partition("=")
        if not sep:
            raise ValueError(f"malformed RRULE part {chunk!r}")
        parts[key.upper()] = value.upper()

    freq = parts.pop("FREQ", None)
    if freq not in ("DAILY", "WEEKLY", "MONTHLY", "YEARLY"):
        raise UnsupportedRule(f"FREQ={freq!r} is not supported")

    interval = int(parts.pop("INTERVAL", "1"))
    if interval < 1:
        raise ValueError(f"INTERVAL must be >= 1, got {interval}")

    count = int(parts.pop("COUNT")) if "COUNT" in parts else None
    until: Optional[When] = None
    if "UNTIL" in parts:
        raw = parts.pop("UNTIL")
        # Local import avoids a cycle at module import time.
        from ics_parser import ContentLine, parse_when

        until = parse_when(ContentLine("UNTIL", {}, raw, 0))
    if count is not None and until is not None:
        raise ValueError("RRULE may not contain both COUNT and UNTIL")

    by_day: tuple[int, ...] = ()
    if "BYDAY" in parts:
        if freq != "WEEKLY":
            raise UnsupportedRule("BYDAY is only supported with FREQ=WEEKLY")
        try:
            by_day = tuple(sorted(WEEKDAYS[d] for d in parts.pop("BYDAY").split(",")))
        except KeyError as exc:
            raise UnsupportedRule(f"BYDAY value {exc.args[0]!r} (ordinals like 2TU are not supported)") from None

    by_month_day: tuple[int, ...] = ()
    if "BYMONTHDAY" in parts:
        if freq != "MONTHLY":
            raise UnsupportedRule("BYMONTHDAY is only supported with FREQ=MONTHLY")
        by_month_day = tuple(int(d) for d in parts.pop("BYMONTHDAY").split(","))
        if any(d == 0 or not -31 <= d <= 31 for d in by_month_day):
            raise ValueError(f"BYMONTHDAY out of range: {by_month_day}")

    parts.pop("WKST", None)  # only affects rules we don't support
    if parts:
        raise UnsupportedRule(f"unsupported RRULE parts: {', '.join(sorted(parts))}")

    return Rule(freq, interval, count, until, by_day, by_month_day)


def _add_months(d: date, months: int) -> tuple[int, int]:
    """Return (year, month) that is `months` after d's month."""
    index = d.year * 12 + (d.month - 1) + months
    return index // 12, index % 12 + 1


def _candidates(start: When, rule: Rule) -> Iterator[When]:
    """Yield candidate occurrences in order, ignoring COUNT/UNTIL."""
    step = 0
    while True:
        if rule.freq == "DAILY":
            yield start + timedelta(days=step * rule.interval)

        elif rule.freq == "WEEKLY":
            week_start = start - timedelta(days=start.weekday()) + timedelta(weeks=step * rule.interval)
            days = rule.by_day or (start.weekday(),)
            for wd in days:
                candidate = week_start + timedelta(days=wd)
                if candidate >= start:
                    yield candidate

        elif rule.freq == "MONTHLY":
            year, month = _add_months(start, step * rule.interval)
            last_day = calendar.monthrange(year, month)[1]
            days = rule.by_month_day or (start.day,)
            resolved = sorted({d if d > 0 else last_day + d + 1 for d in days})
            for day in resolved:
                # Months without that day (Feb 30) are skipped, as RFC 5545 requires.
                if 1 <= day <= last_day:
                    candidate = start.replace(year=year, month=month, day=day)
                    if candidate >= start:
                        yield candidate

        else:  # YEARLY
            year = start.year + step * rule.interval
            try:
                yield start.replace(year=year)
            except ValueError:
                pass  # 29 February in a non-leap year

        step += 1


def _same_kind(value: When, like: When) -> When:
    """Compare dates with dates and datetimes with datetimes."""
    if isinstance(like, datetime) and not isinstance(value, datetime):
        return datetime.combine(value, like.timetz())
    if not isinstance(like, datetime) and isinstance(value, datetime):
        return value.date()
    return value


def occurrences(
    start: When,
    rrule: Optional[str],
    window_start: When,
    window_end: When,
    exdates: Optional[list[When]] = None,
) -> Iterator[When]:
    """Yield occurrence start times that fall in [window_start, window_end).

    For a non-recurring event this yields `start` once if it is in the window.

    Raises:
        UnsupportedRule: for rules outside the supported subset.
        ValueError: for malformed rules.
    """
    window_start = _same_kind(window_start, start)
    window_end = _same_kind(window_end, start)
    if window_end <= window_start:
        raise ValueError("window_end must be after window_start")

    if not rrule:
        if window_start <= start < window_end:
            yield start
        return

    rule = parse_rule(rrule)
    until = _same_kind(rule.until, start) if rule.until is not None else None
    excluded = {_same_kind(x, start) for x in (exdates or [])}

    emitted = 0
    for i, candidate in enumerate(_candidates(start, rule)):
        if i >= MAX_ITERATIONS:
            break
        if until is not None and candidate > until:
            break
        if rule.count is not None and emitted >= rule.count:
            break
        emitted += 1  # COUNT includes excluded dates, per the RFC
        if candidate >= window_end:
            break
        if candidate in excluded or candidate < window_start:
            continue
        yield candidate
