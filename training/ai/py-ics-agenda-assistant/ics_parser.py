"""
Minimal iCalendar (RFC 5545) reader for VEVENT components.

This module handles the parts of the format that matter for showing an
agenda: line unfolding, property parameters, text escaping, DATE and
DATE-TIME values (UTC, floating and TZID-qualified), and the recurrence
properties RRULE and EXDATE, which are handed to :mod:`recurrence` as-is.

It deliberately does not implement VTIMEZONE parsing. Time zone ids are
resolved through :mod:`zoneinfo`, which covers the IANA names that Google
Calendar, Outlook (mostly) and Apple Calendar emit.

Example:
    >>> from pathlib import Path
    >>> events = parse_events(Path("work.ics").read_text(encoding="utf-8"))
    >>> events[0].summary
    'Team sync'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Iterable, Iterator, Optional, Union
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# A value is either an all-day date or a timezone-aware datetime. Floating
# times (no zone at all) are interpreted in the caller's default zone.
When = Union[date, datetime]

_DURATION_RE = re.compile(
    r"^(?P<sign>[+-])?P"
    r"(?:(?P<weeks>\d+)W)?"
    r"(?:(?P<days>\d+)D)?"
    r"(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)S)?)?$"
)

# Some producers use Windows zone names. Map the common ones so those
# calendars don't fail outright.
_WINDOWS_ZONES = {
    "W. Europe Standard Time": "Europe/Berlin",
    "GMT Standard Time": "Europe/London",
    "Eastern Standard Time": "America/New_York",
    "Pacific Standard Time": "America/Los_Angeles",
    "Central Standard Time": "America/Chicago",
}


class ICSParseError(ValueError):
    """Raised for input that cannot be read as iCalendar data."""

    def __init__(self, message: str, line_no: Optional[int] = None) -> None:
        self.line_no = line_no
        prefix = f"line {line_no}: " if line_no is not None else ""
        super().__init__(prefix + message)


@dataclass(frozen=True)
class ContentLine:
    """One logical line: ``NAME;PARAM=value:VALUE``."""

    name: str
    params: dict[str, str]
    value: str
    line_no: int


@dataclass
class Event:
    """A VEVENT with the properties the agenda needs."""

    uid: str
    summary: str
    start: When
    end: Optional[When] = None
    location: str = ""
    description: str = ""
    rrule: Optional[str] = None
    exdates: list[When] = field(default_factory=list)
    recurrence_id: Optional[When] = None

    @property
    def all_day(self) -> bool:
        # datetime is a subclass of date, so the order of checks matters.
        return not isinstance(self.start, datetime)

    @property
    def duration(self) -> timedelta:
        """Length of the event. RFC 5545 says a DATE start with no end lasts one day."""
        if self.end is None:
            return timedelta(days=1) if self.all_day else timedelta(0)
        return self.end - self.start


def unfold(text: str) -> Iterator[tuple[int, str]]:
    """Yield (line number, logical line), joining folded continuation lines.

    A line that starts with a space or tab continues the previous one; the
    single leading whitespace character is removed (RFC 5545 section 3.1).
    """
    current: Optional[str] = None
    start_no = 0
    for no, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t") and current is not None:
            current += raw[1:]
            continue
        if current is not None:
            yield start_no, current
        current, start_no = raw, no
    if current is not None:
        yield start_no, current


def parse_content_line(line: str, line_no: int) -> ContentLine:
    """Split a logical line into name, parameters and value.

    Parameter values may be quoted, and quoted values may contain ``:`` and
    ``;``, so this walks the string instead of using a simple split.
    """
    i, n = 0, len(line)
    while i < n and line[i] not in ";:":
        i += 1
    name = line[:i].upper()
    if not name:
        raise ICSParseError("missing property name", line_no)

    params: dict[str, str] = {}
    while i < n and line[i] == ";":
        i += 1
        eq = line.find("=", i)
        if eq < 0:
            raise ICSParseError(f"parameter without '=' in {name}", line_no)
        key = line[i:eq].upper()
        i = eq + 1
        if i < n and line[i] == '"':
            close = line.find('"', i + 1)
            if close < 0:
                raise ICSParseError(f"unterminated quoted parameter in {name}", line_no)
            params[key] = line[i + 1 : close]
            i = close + 1
        else:
            start = i
            while i < n and line[i] not in ";:":
                i += 1
            params[key] = line[start:i]

    if i >= n or line[i] != ":":
        raise ICSParseError(f"missing ':' after {name}", line_no)
    return ContentLine(name, params, line[i + 1 :], line_no)


def unescape_text(value: str) -> str:
    """Undo TEXT escaping: ``\\n``, ``\\,``, ``\\;`` and ``\\\\``."""
    out: list[str] = []
    it = iter(value)
    for ch in it:
        if ch != "\\":
            out.append(ch)
            continue
        nxt = next(it, "")
        out.append("\n" if nxt in ("n", "N") else nxt)
    return "".join(out)


def _zone(tzid: str, line_no: int) -> ZoneInfo:
    name = _WINDOWS_ZONES.get(tzid, tzid)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ICSParseError(f"unknown time zone {tzid!r}", line_no) from exc


def parse_when(line: ContentLine, default_tz: timezone | ZoneInfo = timezone.utc) -> When:
    """Parse a DATE or DATE-TIME value into a date or an aware datetime."""
    value = line.value.strip()
    try:
        if line.params.get("VALUE") == "DATE" or (len(value) == 8 and value.isdigit()):
            return datetime.strptime(value, "%Y%m%d").date()
        if value.endswith("Z"):
            return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
        naive = datetime.strptime(value, "%Y%m%dT%H%M%S")
    except ValueError as exc:
        raise ICSParseError(f"bad date/time {value!r} in {line.name}", line.line_no) from exc

    tzid = line.params.get("TZID")
    return naive.replace(tzinfo=_zone(tzid, line.line_no) if tzid else default_tz)


def parse_duration(value: str, line_no: int = 0) -> timedelta:
    """Parse an ISO 8601 duration as used by iCalendar, e.g. ``PT1H30M``."""
    m = _DURATION_RE.match(value.strip())
    if not m or value.strip() in ("P", "PT", "-P", "+P"):
        raise ICSParseError(f"bad duration {value!r}", line_no)
    parts = {k: int(v) for k, v in m.groupdict().items() if v and k != "sign"}
    delta = timedelta(**parts)
    return -delta if m.group("sign") == "-" else delta


def _iter_components(lines: Iterable[ContentLine], kind: str) -> Iterator[list[ContentLine]]:
    """Yield the property lines of each component of the given kind."""
    depth = 0
    current: Optional[list[ContentLine]] = None
    for cl in lines:
        if cl.name == "BEGIN":
            if cl.value.upper() == kind and current is None:
                current, depth = [], 0
            elif current is not None:
                depth += 1  # a nested component such as VALARM
            continue
        if cl.name == "END" and current is not None:
            if depth == 0 and cl.value.upper() == kind:
                yield current
                current = None
            else:
                depth -= 1
            continue
        if current is not None and depth == 0:
            current.append(cl)
    if current is not None:
        raise ICSParseError(f"unterminated {kind} component")


def parse_events(text: str, default_tz: timezone | ZoneInfo = timezone.utc) -> list[Event]:
    """Parse every VEVENT in an iCalendar document.

    Raises:
        ICSParseError: if the document is not iCalendar or an event lacks
            the required DTSTART.
    """
    if "BEGIN:VCALENDAR" not in text[:2000].upper():
        raise ICSParseError("not an iCalendar file (no BEGIN:VCALENDAR)")

    lines = (parse_content_line(line, no) for no, line in unfold(text) if line.strip())
    events: list[Event] = []
    for props in _iter_components(lines, "VEVENT"):
        by_name: dict[str, ContentLine] = {}
        exdates: list[When] = []
        for p in props:
            if p.name == "EXDATE":
                # EXDATE may hold a comma-separated list sharing one TZID.
                for part in p.value.split(","):
                    exdates.append(parse_when(ContentLine(p.name, p.params, part, p.line_no), default_tz))
            else:
                by_name.setdefault(p.name, p)

        if "DTSTART" not in by_name:
            line_no = props[0].line_no if props else None
            raise ICSParseError("VEVENT without DTSTART", line_no)

        start = parse_when(by_name["DTSTART"], default_tz)
        end: Optional[When] = None
        if "DTEND" in by_name:
            end = parse_when(by_name["DTEND"], default_tz)
        elif "DURATION" in by_name:
            end = start + parse_duration(by_name["DURATION"].value, by_name["DURATION"].line_no)

        def text_of(name: str) -> str:
            return unescape_text(by_name[name].value) if name in by_name else ""

        events.append(
            Event(
                uid=text_of("UID") or f"no-uid-{len(events)}",
                summary=text_of("SUMMARY") or "(no title)",
                start=start,
                end=end,
                location=text_of("LOCATION"),
                description=text_of("DESCRIPTION"),
                rrule=by_name["RRULE"].value if "RRULE" in by_name else None,
                exdates=exdates,
                recurrence_id=parse_when(by_name["RECURRENCE-ID"], default_tz)
                if "RECURRENCE-ID" in by_name
                else None,
            )
        )
    return events
