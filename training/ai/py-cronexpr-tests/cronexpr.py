"""Minimal five-field cron expressions: minute hour day-of-month month day-of-week."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

FIELDS = (
    ("minute", 0, 59),
    ("hour", 0, 23),
    ("day", 1, 31),
    ("month", 1, 12),
    ("weekday", 0, 6),
)
MONTHS = {
    m: i
    for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)
}
DAYS = {d: i for i, d in enumerate("sun mon tue wed thu fri sat".split())}
ALIASES = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}
MAX_YEARS = 5


class CronError(ValueError):
    pass


def _value(token: str, lo: int, hi: int, names: dict[str, int] | None) -> int:
    if names and token.lower() in names:
        return names[token.lower()]
    try:
        n = int(token)
    except ValueError:
        raise CronError(f"bad value {token!r}") from None
    if hi == 6 and n == 7:  # both 0 and 7 mean Sunday
        n = 0
    if not lo <= n <= hi:
        raise CronError(f"{n} out of range {lo}-{hi}")
    return n


def _field(text: str, lo: int, hi: int, names=None) -> frozenset[int]:
    out: set[int] = set()
    for part in text.split(","):
        if not part:
            raise CronError(f"empty list item in {text!r}")
        rng, _, step_s = part.partition("/")
        step = 1
        if step_s:
            if not step_s.isdigit() or int(step_s) == 0:
                raise CronError(f"bad step {step_s!r}")
            step = int(step_s)
        if rng == "*":
            start, end = lo, hi
        elif "-" in rng:
            a, b = rng.split("-", 1)
            start, end = _value(a, lo, hi, names), _value(b, lo, hi, names)
            if start > end:
                raise CronError(f"reversed range {rng!r}")
        else:
            start = _value(rng, lo, hi, names)
            end = hi if step_s else start
        out.update(range(start, end + 1, step))
    return frozenset(out)


@dataclass(frozen=True)
class Cron:
    minute: frozenset[int]
    hour: frozenset[int]
    day: frozenset[int]
    month: frozenset[int]
    weekday: frozenset[int]
    day_any: bool
    weekday_any: bool

    @classmethod
    def parse(cls, expr: str) -> "Cron":
        expr = ALIASES.get(expr.strip().lower(), expr)
        parts = expr.split()
        if len(parts) != 5:
            raise CronError(f"expected 5 fields, got {len(parts)}")
        names = (None, None, None, MONTHS, DAYS)
        sets = [
            _field(p, lo, hi, nm) for p, (_, lo, hi), nm in zip(parts, FIELDS, names)
        ]
        return cls(*sets, day_any=parts[2] == "*", weekday_any=parts[4] == "*")

    def _day_ok(self, dt: datetime) -> bool:
        dom = dt.day in self.day
        dow = (dt.isoweekday() % 7) in self.weekday
        # Vixie cron: if both fields are restricted, either may match.
        if self.day_any or self.weekday_any:
            return dom and dow
        return dom or dow

    def matches(self, dt: datetime) -> bool:
        return (
            dt.minute in self.minute
            and dt.hour in self.hour
            and dt.month in self.month
            and self._day_ok(dt)
        )

    def next_after(self, start: datetime) -> datetime:
        dt = start.replace(second=0, microsecond=0) + timedelta(minutes=1)
        limit = (
            start.replace(year=start.year + MAX_YEARS)
            if start.month != 2 or start.day != 29
            else start + timedelta(days=365 * MAX_YEARS)
        )
        while dt < limit:
            if dt.month not in self.month:
                y, m = (dt.year + 1, 1) if dt.month == 12 else (dt.year, dt.month + 1)
                dt = dt.replace(year=y, month=m, day=1, hour=0, minute=0)
                continue
            if not self._day_ok(dt):
                dt = (dt + timedelta(days=1)).replace(hour=0, minute=0)
                continue
            if dt.hour not in self.hour:
                dt = (dt + timedelta(hours=1)).replace(minute=0)
                continue
            if dt.minute not in self.minute:
                dt += timedelta(minutes=1)
                continue
            return dt
        raise CronError("no matching time within %d years" % MAX_YEARS)

    def iter_after(self, start: datetime, count: int) -> list[datetime]:
        out = []
        for _ in range(count):
            start = self.next_after(start)
            out.append(start)
        return out
