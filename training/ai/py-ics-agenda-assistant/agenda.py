"""
Print an agenda of upcoming events from one or more .ics files.

Usage:
    python agenda.py calendar.ics [other.ics ...] [--days 7] [--tz Europe/Paris]

Recurring events are expanded, exceptions (EXDATE) are skipped and moved
instances (RECURRENCE-ID) replace the occurrence they override.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ics_parser import Event, ICSParseError, When, parse_events
from recurrence import UnsupportedRule, occurrences


@dataclass(frozen=True)
class Occurrence:
    """One concrete instance of an event, ready for display."""

    event: Event
    start: When

    def sort_key(self, tz: ZoneInfo) -> datetime:
        # All-day events sort before timed events on the same day.
        if isinstance(self.start, datetime):
            return self.start.astimezone(tz)
        return datetime.combine(self.start, datetime.min.time(), tzinfo=tz)


def expand(events: list[Event], window_start: datetime, window_end: datetime) -> tuple[list[Occurrence], list[str]]:
    """Expand all events into occurrences inside the window.

    Returns the occurrences and a list of warnings for events whose rules
    could not be expanded (those show their first occurrence only).
    """
    warnings: list[str] = []
    overrides = {(e.uid, e.recurrence_id) for e in events if e.recurrence_id is not None}
    result: list[Occurrence] = []

    for event in events:
        if event.recurrence_id is not None:
            # A moved or edited instance: treat it as a standalone event.
            result.extend(Occurrence(event, s) for s in occurrences(event.start, None, window_start, window_end))
            continue
        try:
            starts = list(occurrences(event.start, event.rrule, window_start, window_end, event.exdates))
        except UnsupportedRule as exc:
            warnings.append(f"{event.summary!r}: {exc}; showing first occurrence only")
            starts = list(occurrences(event.start, None, window_start, window_end))
        for s in starts:
            if (event.uid, s) not in overrides:
                result.append(Occurrence(event, s))
    return result, warnings


def format_occurrence(occ: Occurrence, tz: ZoneInfo) -> str:
    ev = occ.event
    if isinstance(occ.start, datetime):
        local = occ.start.astimezone(tz)
        end = (local + ev.duration).strftime("%H:%M") if ev.duration else ""
        when = f"{local:%H:%M}" + (f"-{end}" if end else "")
    else:
        when = "all day"
    where = f"  @ {ev.location}" if ev.location else ""
    return f"  {when:<12} {ev.summary}{where}"


def day_of(occ: Occurrence, tz: ZoneInfo) -> date:
    return occ.start.astimezone(tz).date() if isinstance(occ.start, datetime) else occ.start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Show upcoming events from .ics files.")
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--days", type=int, default=7, help="how many days ahead (default: 7)")
    parser.add_argument("--tz", default=None, help="display time zone, e.g. Europe/Paris (default: local)")
    args = parser.parse_args(argv)

    if args.days < 1:
        parser.error("--days must be at least 1")

    try:
        tz = ZoneInfo(args.tz) if args.tz else datetime.now().astimezone().tzinfo  # type: ignore[assignment]
    except ZoneInfoNotFoundError:
        parser.error(f"unknown time zone {args.tz!r}")

    events: list[Event] = []
    problems: list[str] = []
    for path in args.files:
        try:
            events.extend(parse_events(path.read_text(encoding="utf-8"), default_tz=tz))
        except (OSError, ICSParseError) as exc:
            detail = exc.strerror if isinstance(exc, OSError) else str(exc)
            problems.append(f"{path}: {detail}")
    if problems:
        # Report every unreadable file at once rather than one per run.
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1

    today = datetime.now(tz).replace(hour=0, minute=0, second=0, microsecond=0)
    window_end = today + timedelta(days=args.days)
    occs, warnings = expand(events, today, window_end)

    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)

    if not occs:
        print(f"No events in the next {args.days} day(s).")
        return 0

    occs.sort(key=lambda o: o.sort_key(tz))
    current_day: date | None = None
    for occ in occs:
        d = day_of(occ, tz)
        if d != current_day:
            if current_day is not None:
                print()
            print(f"{d:%A %d %B %Y}")
            current_day = d
        print(format_occurrence(occ, tz))
    return 0


if __name__ == "__main__":
    sys.exit(main())
