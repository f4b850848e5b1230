import re
from datetime import timedelta
from typing import Any, Dict, Optional

import click


_TIMEDELTA_UNITS = {
    "w": "weeks",
    "d": "days",
    "h": "hours",
    "m": "minutes",
    "s": "seconds",
    "ms": "milliseconds",
}

_TIMEDELTA_PART_RE = re.compile(r"(\d+(?:\.\d+)?)(ms|w|d|h|m|s)")


def _parse_timedelta(value: str) -> Optional[timedelta]:
    text = value.strip().lower().replace(" ", "")
    negative = text.startswith("-")
    if negative:
        text = text[1:]
    if not text:
        return None
    try:
        # A plain number is a count of seconds, e.g. "90" or "1.5"
        result = timedelta(seconds=float(text))
    except ValueError:
        if ":" in text:
            # Clock style: "MM:SS" or "HH:MM:SS"
            pieces = text.split(":")
            if len(pieces) > 3 or not all(pieces):
                return None
            try:
                numbers = [float(piece) for piece in pieces]
            except ValueError:
                return None
            seconds = 0.0
            for number in numbers:
                seconds = seconds * 60 + number
            result = timedelta(seconds=seconds)
        else:
            # Unit style: "1h30m", "2d", "1w 2d", "500ms"
            position = 0
            kwargs: Dict[str, float] = {}
            for match in _TIMEDELTA_PART_RE.finditer(text):
                if match.start() != position:
                    return None
                unit = _TIMEDELTA_UNITS[match.group(2)]
                if unit in kwargs:
                    return None
                kwargs[unit] = float(match.group(1))
                position = match.end()
            if position != len(text) or not kwargs:
                return None
            result = timedelta(**kwargs)
    if negative:
        return -result
    return result


class TyperTimeDelta(click.ParamType):
    name = "timedelta"

    def get_metavar(self, param: click.Parameter) -> Optional[str]:
        return "[1h30m|HH:MM:SS|SECONDS]"

    def convert(
        self,
        value: Any,
        param: Optional[click.Parameter],
        ctx: Optional[click.Context],
    ) -> Any:
        if isinstance(value, timedelta):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return timedelta(seconds=value)
        try:
            result = _parse_timedelta(str(value))
        except OverflowError:
            result = None
        if result is None:
            self.fail(
                f"{value!r} is not a valid duration. Use units like '1h30m', "
                "'2d', '45s', a clock time like '01:30:00' or a number of seconds.",
                param,
                ctx,
            )
        return result

    def __repr__(self) -> str:
        return "TIMEDELTA"
