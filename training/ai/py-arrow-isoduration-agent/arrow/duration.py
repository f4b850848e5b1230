"""Parsing and formatting of ISO 8601 durations (``P1Y2M10DT2H30M``)."""

import re
from datetime import datetime as dt_datetime
from datetime import timedelta
from typing import Dict, Pattern, Union

from arrow.arrow import Arrow
from arrow.parser import ParserError

# The "alternative" format (P0003-06-04T12:30:05) is rarely used in the wild
# and is not supported here.
_DURATION_RE: Pattern[str] = re.compile(
    r"""
    ^(?P<sign>[-+])?P
    (?:(?P<years>\d+(?:[.,]\d+)?)Y)?
    (?:(?P<months>\d+(?:[.,]\d+)?)M)?
    (?:(?P<weeks>\d+(?:[.,]\d+)?)W)?
    (?:(?P<days>\d+(?:[.,]\d+)?)D)?
    (?:T
        (?:(?P<hours>\d+(?:[.,]\d+)?)H)?
        (?:(?P<minutes>\d+(?:[.,]\d+)?)M)?
        (?:(?P<seconds>\d+(?:[.,]\d+)?)S)?
    )?$
    """,
    re.VERBOSE,
)

_DATE_UNITS = ("years", "months", "weeks", "days")
_TIME_UNITS = ("hours", "minutes", "seconds")

DurationDict = Dict[str, Union[int, float]]


def parse_duration(string: str) -> DurationDict:
    """Parses an ISO 8601 duration into a dictionary that can be passed to
    :meth:`Arrow.shift <arrow.arrow.Arrow.shift>`.

    :param string: the duration, e.g. ``"P3DT12H"``.  A leading ``-`` negates every component.

    Only the smallest component given may have a fractional part, as the standard requires.

    Usage::

        >>> parse_duration("P1Y2M10DT2H30M")
        {'years': 1, 'months': 2, 'days': 10, 'hours': 2, 'minutes': 30}

        >>> arrow.get("2013-05-05").shift(**parse_duration("P1W"))
        <Arrow [2013-05-12T00:00:00+00:00]>

    """
    if not isinstance(string, str):
        raise TypeError(f"Duration must be a str (got type {type(string)}).")

    match = _DURATION_RE.match(string.strip())
    if match is None or string.strip().endswith("T"):
        raise ParserError(f"Could not match input {string!r} to an ISO 8601 duration.")

    parts = match.groupdict()
    sign = -1 if parts.pop("sign") == "-" else 1
    given = [(unit, value) for unit, value in parts.items() if value is not None]

    if not given:
        raise ParserError(f"ISO 8601 duration {string!r} has no components.")

    result: DurationDict = {}
    for index, (unit, value) in enumerate(given):
        value = value.replace(",", ".")
        if "." in value:
            if index != len(given) - 1:
                raise ParserError(
                    f"Only the smallest component of duration {string!r} may be fractional."
                )
            result[unit] = sign * float(value)
        else:
            result[unit] = sign * int(value)

    return result


def format_duration(duration: Union[timedelta, DurationDict]) -> str:
    """Formats a duration as an ISO 8601 string.

    :param duration: a ``timedelta``, or a dictionary of the units accepted by
        :func:`parse_duration` (as returned by it).

    A ``timedelta`` is written in days, hours, minutes and seconds only, since it knows
    nothing about months or years.  Mixed signs are not expressible in ISO 8601.

    Usage::

        >>> format_duration(timedelta(days=1, hours=3))
        'P1DT3H'

        >>> format_duration({"months": 6})
        'P6M'

    """
    if isinstance(duration, timedelta):
        duration = _split_timedelta(duration)

    unknown = set(duration) - set(_DATE_UNITS + _TIME_UNITS)
    if unknown:
        supported = ", ".join(_DATE_UNITS + _TIME_UNITS)
        raise ValueError(
            f"Invalid duration unit(s) {', '.join(sorted(unknown))}. Please select from: {supported}."
        )

    values = {unit: value for unit, value in duration.items() if value}
    if not values:
        return "PT0S"

    negative = [value < 0 for value in values.values()]
    if any(negative) and not all(negative):
        raise ValueError("Cannot format a duration whose components have mixed signs.")

    sign = "-" if all(negative) else ""
    date_part = "".join(
        f"{_format_number(abs(values[unit]))}{unit[0].upper()}"
        for unit in _DATE_UNITS
        if unit in values
    )
    time_part = "".join(
        f"{_format_number(abs(values[unit]))}{unit[0].upper()}"
        for unit in _TIME_UNITS
        if unit in values
    )

    return f"{sign}P{date_part}{'T' + time_part if time_part else ''}"


def shift_iso(arrow: Union[Arrow, dt_datetime], string: str) -> Arrow:
    """Returns a new :class:`Arrow <arrow.arrow.Arrow>` object shifted by an ISO 8601 duration.

    :param arrow: an ``Arrow`` or ``datetime`` object.  A naive ``datetime`` is treated as UTC.
    :param string: the duration, e.g. ``"-PT15M"``.

    Fractional years, months and weeks can't be represented by ``relativedelta``, so they are
    rejected; fractional days and smaller units are fine.
    """
    kwargs = parse_duration(string)

    for unit in ("years", "months"):
        value = kwargs.get(unit)
        if isinstance(value, float):
            raise ValueError(f"Cannot shift by a fractional number of {unit}.")

    if not isinstance(arrow, Arrow):
        arrow = Arrow.fromdatetime(arrow)

    return arrow.shift(**kwargs)


def _split_timedelta(delta: timedelta) -> DurationDict:
    total = delta.total_seconds()
    sign = -1 if total < 0 else 1
    remainder = abs(delta)

    days = remainder.days
    hours, remainder_seconds = divmod(remainder.seconds, 3600)
    minutes, seconds = divmod(remainder_seconds, 60)
    seconds_value: Union[int, float] = seconds
    if remainder.microseconds:
        seconds_value = seconds + remainder.microseconds / 1_000_000

    return {
        "days": sign * days,
        "hours": sign * hours,
        "minutes": sign * minutes,
        "seconds": sign * seconds_value,
    }


def _format_number(value: Union[int, float]) -> str:
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.6f}".rstrip("0")
    return str(value)


__all__ = ["parse_duration", "format_duration", "shift_iso"]
