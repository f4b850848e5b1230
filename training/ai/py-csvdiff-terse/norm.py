import re
from decimal import Decimal, InvalidOperation

_ws = re.compile(r"\s+")
_num = re.compile(r"^[-+]?[\d,]*\.?\d+(e[-+]?\d+)?$", re.I)
_null = {"", "null", "none", "n/a", "na", "-"}


def parse_cols(s):
    return [c.strip() for c in s.split(",") if c.strip()]


def num_spec(s):
    out = {}
    for c in parse_cols(s):
        name, _, p = c.partition(":")
        out[name] = int(p) if p else None
    return out


def to_dec(v, places):
    v = v.replace(",", "").replace("$", "").strip()
    if v.startswith("(") and v.endswith(")"):
        v = "-" + v[1:-1]
    try:
        d = Decimal(v)
    except InvalidOperation:
        return None
    if places is not None:
        d = d.quantize(Decimal(1).scaleb(-places))
    return d.normalize() if places is None else d


def normalizer(num="", ci=False):
    nums = num_spec(num)

    def f(col, v):
        if v is None:
            return None
        v = _ws.sub(" ", v).strip()
        if v.lower() in _null:
            return None
        if col in nums:
            d = to_dec(v, nums[col])
            return str(d) if d is not None else v
        if _num.match(v) and "," not in v:
            d = to_dec(v, None)
            if d is not None:
                return str(d)
        return v.lower() if ci else v

    return f
