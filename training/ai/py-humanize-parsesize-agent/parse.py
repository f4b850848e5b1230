#!/usr/bin/env python

"""Parsing human readable filesizes back into numbers."""

import re

from .filesize import suffixes

_size_re = re.compile(
    r"""^\s*
    (?P<sign>[-+]?)
    (?P<number>\d+(?:\.\d*)?|\.\d+)
    \s*
    (?P<suffix>[a-zA-Z]*)
    \s*$""",
    re.VERBOSE,
)


def _multipliers():
    table = {"": 1, "b": 1, "byte": 1, "bytes": 1}
    for i, s in enumerate(suffixes["decimal"]):
        table[s.lower()] = 1000 ** (i + 1)
    for i, s in enumerate(suffixes["binary"]):
        table[s.lower()] = 1024 ** (i + 1)
    for i, s in enumerate(suffixes["gnu"]):
        # "K", "KB" and "k" mean the same to `ls -sh` and `du -h`
        table.setdefault(s.lower(), 1024 ** (i + 1))
    return table


multipliers = _multipliers()


def parse_naturalsize(value, gnu=False):
    """Parse a human readable filesize (e.g. 10 kB) into a number of bytes.

    This is the inverse of `naturalsize`. Suffixes are not case-sensitive, so
    "10 KB", "10 kb" and "10 kB" are the same. Binary suffixes (KiB, MiB) always use
    base 2<sup>10</sup>.

    Examples:
        ```pycon
        >>> parse_naturalsize("3.0 MB")
        3000000
        >>> parse_naturalsize("2.9 KiB")
        2970
        >>> parse_naturalsize("300 Bytes")
        300
        >>> parse_naturalsize("2.9K", gnu=True)
        2970
        >>> parse_naturalsize("-1.5 GB")
        -1500000000
        >>> parse_naturalsize(42)
        42

        ```
    Args:
        value (str, int, float): String to parse. Numbers are returned unchanged
            (rounded to an integer).
        gnu (bool): If `True`, single-letter suffixes (K, M, G) and decimal suffixes
            (kB, MB) use base 2<sup>10</sup>, like `ls -sh` does.

    Returns:
        int: Number of bytes.

    Raises:
        ValueError: If the string is not a number followed by a known suffix.
    """
    if isinstance(value, (int, float)):
        return int(round(value))

    match = _size_re.match(str(value))
    if match is None:
        raise ValueError(f"Invalid filesize: {value!r}")

    suffix = match.group("suffix").lower()
    if gnu and len(suffix) <= 2 and suffix[:1] in suffixes["gnu"].lower():
        suffix = suffix[:1]
        factor = 1024 ** (suffixes["gnu"].lower().index(suffix) + 1)
    else:
        try:
            factor = multipliers[suffix]
        except KeyError:
            raise ValueError(f"Unknown filesize suffix '{match.group('suffix')}'")

    number = float(match.group("number")) * factor
    if match.group("sign") == "-":
        number = -number
    return int(round(number))
