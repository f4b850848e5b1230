import re
from datetime import timedelta

_UNITS = {
    "ms": 0.001, "s": 1, "sec": 1, "m": 60, "min": 60,
    "h": 3600, "hr": 3600, "d": 86400, "w": 604800,
}
_TOKEN = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]+)")
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})(?:\.(\d{1,3}))?$")


def parse(text: str) -> timedelta:
    s = text.strip().lower()
    if not s:
        raise ValueError("empty duration")
    neg = s.startswith("-")
    if neg:
        s = s[1:].lstrip()
    m = _CLOCK.match(s)
    if m:
        h, mi, se, frac = m.groups()
        if int(se) >= 60 or (h is not None and int(mi) >= 60):
            raise ValueError(f"invalid clock duration: {text!r}")
        secs = int(h or 0) * 3600 + int(mi) * 60 + int(se) + int((frac or "0").ljust(3, "0")) / 1000
    else:
        pos, secs, seen = 0, 0.0, set()
        for tok in _TOKEN.finditer(s):
            if s[pos:tok.start()].strip(" ,"):
                raise ValueError(f"unexpected text in duration: {text!r}")
            num, unit = tok.groups()
            if unit not in _UNITS:
                raise ValueError(f"unknown unit {unit!r}")
            if unit in seen:
                raise ValueError(f"unit {unit!r} given twice")
            seen.add(unit)
            secs += float(num) * _UNITS[unit]
            pos = tok.end()
        if pos == 0 or s[pos:].strip():
            raise ValueError(f"invalid duration: {text!r}")
    td = timedelta(seconds=secs)
    return -td if neg else td


def format(td: timedelta, max_units: int = 2) -> str:
    total_ms = round(td.total_seconds() * 1000)
    if total_ms == 0:
        return "0s"
    sign = "-" if total_ms < 0 else ""
    rest = abs(total_ms)
    parts = []
    for name, size in (("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1)):
        n, rest = divmod(rest, size)
        if n:
            parts.append(f"{n}{name}")
    return sign + " ".join(parts[:max_units])
