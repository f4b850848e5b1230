"""Normalised lines and their hashes, as the sidecar format defines them."""

from __future__ import annotations

import hashlib
import re

_WS = re.compile(r"\s+")
_FOUR_ALNUM = re.compile(r"[^\W_](?:.*?[^\W_]){3}", re.S)


def normalize(line: str) -> str:
    """Strip leading and trailing whitespace, collapse every other run to one space."""
    return _WS.sub(" ", line.strip())


def line_hash(line: str) -> str:
    """BLAKE2b-32 (hex) of the normalised line: what sidecars store per line."""
    return hashlib.blake2b(normalize(line).encode("utf-8", "surrogatepass"), digest_size=4).hexdigest()


def content_hash(lines: list[str]) -> str:
    joined = "\n".join(normalize(x) for x in lines)
    return "blake2b-128:" + hashlib.blake2b(joined.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def is_solid(norm: str) -> bool:
    """A normalised line that says something: not blank, not a lone bracket or keyword.
    Only solid lines count as evidence that text was copied from somewhere."""
    if len(norm) < 6:
        return False
    return _FOUR_ALNUM.search(norm) is not None  # stops at the fourth, unlike counting all


def key(line: str) -> int:
    """A fast in-memory key for a line's normalised form (not stored anywhere)."""
    return hash(normalize(line))


def squeezed_hash(line: str) -> str:
    """BLAKE2b-32 of the line with every whitespace character removed: the same for a
    line a formatter only re-spaced (``f(a, b)`` and ``f(a,b)``)."""
    return hashlib.blake2b("".join(line.split()).encode("utf-8", "surrogatepass"), digest_size=4).hexdigest()
