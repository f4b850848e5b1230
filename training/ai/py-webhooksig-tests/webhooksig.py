"""Sign and verify webhook payloads.

Header format: ``t=<unix seconds>,v1=<hex hmac>[,v1=<hex hmac>...]``. The
signed message is ``f"{t}.{body}"`` so a captured body cannot be replayed with
a different timestamp. Several ``v1`` entries allow secret rotation.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import time
from typing import Iterable, Mapping

DEFAULT_TOLERANCE = 300
HEADER = "X-Webhook-Signature"
SCHEME = "v1"


class SignatureError(Exception):
    """Base class for verification failures."""


class MalformedHeader(SignatureError):
    pass


class TimestampOutOfRange(SignatureError):
    pass


class NoMatchingSignature(SignatureError):
    pass


def _now() -> int:
    return int(time.time())


def compute(secret: str | bytes, timestamp: int, body: bytes) -> str:
    key = secret.encode() if isinstance(secret, str) else secret
    msg = str(timestamp).encode() + b"." + body
    return hmac.new(key, msg, hashlib.sha256).hexdigest()


def sign(
    secrets: str | bytes | Iterable[str | bytes],
    body: bytes,
    timestamp: int | None = None,
) -> str:
    if isinstance(secrets, (str, bytes)):
        secrets = [secrets]
    ts = _now() if timestamp is None else timestamp
    parts = [f"t={ts}"]
    parts += [f"{SCHEME}={compute(s, ts, body)}" for s in secrets]
    if len(parts) == 1:
        raise ValueError("at least one secret is required")
    return ",".join(parts)


def parse_header(header: str) -> tuple[int, list[str]]:
    if not header:
        raise MalformedHeader("empty signature header")
    ts: int | None = None
    sigs: list[str] = []
    for item in header.split(","):
        key, sep, value = item.strip().partition("=")
        if not sep:
            raise MalformedHeader(f"bad item {item!r}")
        if key == "t":
            if ts is not None:
                raise MalformedHeader("duplicate timestamp")
            try:
                ts = int(value)
            except ValueError:
                raise MalformedHeader(f"bad timestamp {value!r}") from None
        elif key == SCHEME:
            sigs.append(value.lower())
        # unknown schemes are ignored so new ones can be rolled out
    if ts is None:
        raise MalformedHeader("missing timestamp")
    if not sigs:
        raise MalformedHeader(f"no {SCHEME} signatures")
    return ts, sigs


def verify(
    secrets: str | bytes | Iterable[str | bytes],
    body: bytes,
    header: str,
    tolerance: int = DEFAULT_TOLERANCE,
) -> int:
    """Return the signed timestamp or raise a SignatureError subclass."""
    if isinstance(secrets, (str, bytes)):
        secrets = [secrets]
    ts, sigs = parse_header(header)
    if tolerance and abs(_now() - ts) > tolerance:
        raise TimestampOutOfRange(f"timestamp {ts} outside ±{tolerance}s")
    for secret in secrets:
        expected = compute(secret, ts, body)
        if any(hmac.compare_digest(expected, s) for s in sigs):
            return ts
    raise NoMatchingSignature("no signature matched")


def verify_request(headers: Mapping[str, str], body: bytes, secrets=None, **kw) -> int:
    if secrets is None:
        env = os.environ.get("WEBHOOK_SECRETS", "")
        secrets = [s for s in env.split(",") if s]
        if not secrets:
            raise RuntimeError("WEBHOOK_SECRETS is not set")
    lowered = {k.lower(): v for k, v in headers.items()}
    header = lowered.get(HEADER.lower())
    if header is None:
        raise MalformedHeader(f"missing {HEADER} header")
    return verify(secrets, body, header, **kw)
