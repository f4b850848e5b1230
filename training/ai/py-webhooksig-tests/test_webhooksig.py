import hashlib
import hmac

import pytest

import webhooksig
from webhooksig import (
    MalformedHeader,
    NoMatchingSignature,
    SignatureError,
    TimestampOutOfRange,
    compute,
    parse_header,
    sign,
    verify,
    verify_request,
)

NOW = 1_700_000_000
BODY = b'{"event":"order.paid","id":42}'


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    """Pin the module's clock so timestamps are deterministic."""
    monkeypatch.setattr(webhooksig, "_now", lambda: NOW)
    return NOW


@pytest.fixture
def set_clock(monkeypatch):
    def _set(value):
        monkeypatch.setattr(webhooksig, "_now", lambda: value)

    return _set


@pytest.fixture
def header():
    return sign("s3cret", BODY)


# --- compute / sign -------------------------------------------------------


def test_compute_matches_manual_hmac():
    expected = hmac.new(b"k", b"123." + BODY, hashlib.sha256).hexdigest()
    assert compute("k", 123, BODY) == expected
    assert compute(b"k", 123, BODY) == expected


def test_sign_uses_current_time(header):
    assert header.startswith(f"t={NOW},v1=")


def test_sign_with_explicit_timestamp():
    assert sign("k", BODY, timestamp=5).startswith("t=5,")


def test_sign_multiple_secrets_adds_one_entry_each():
    h = sign(["old", "new"], BODY)
    ts, sigs = parse_header(h)
    assert ts == NOW
    assert sigs == [compute("old", NOW, BODY), compute("new", NOW, BODY)]


def test_sign_requires_a_secret():
    with pytest.raises(ValueError):
        sign([], BODY)


# --- parse_header ---------------------------------------------------------


@pytest.mark.parametrize(
    "raw, ts, sigs",
    [
        ("t=1,v1=abc", 1, ["abc"]),
        ("v1=abc,t=1", 1, ["abc"]),
        (" t=1 , v1=ABC ", 1, ["abc"]),
        ("t=1,v1=a,v1=b", 1, ["a", "b"]),
        ("t=1,v0=zzz,v1=a", 1, ["a"]),
    ],
)
def test_parse_header_valid(raw, ts, sigs):
    assert parse_header(raw) == (ts, sigs)


@pytest.mark.parametrize(
    "raw, message",
    [
        ("", "empty"),
        ("t=1", "no v1"),
        ("v1=abc", "missing timestamp"),
        ("t=abc,v1=x", "bad timestamp"),
        ("t=1,t=2,v1=x", "duplicate"),
        ("t=1,garbage", "bad item"),
    ],
)
def test_parse_header_invalid(raw, message):
    with pytest.raises(MalformedHeader, match=message):
        parse_header(raw)


# --- verify ---------------------------------------------------------------


def test_round_trip(header):
    assert verify("s3cret", BODY, header) == NOW


def test_wrong_secret(header):
    with pytest.raises(NoMatchingSignature):
        verify("other", BODY, header)


@pytest.mark.parametrize(
    "tampered",
    [BODY + b" ", BODY.replace(b"42", b"43"), b"", BODY.upper()],
)
def test_tampered_body_is_rejected(header, tampered):
    with pytest.raises(NoMatchingSignature):
        verify("s3cret", tampered, header)


def test_changed_timestamp_is_rejected(header):
    forged = header.replace(f"t={NOW}", f"t={NOW + 1}")
    with pytest.raises(NoMatchingSignature):
        verify("s3cret", BODY, forged)


@pytest.mark.parametrize("offset", [-300, -1, 0, 1, 300])
def test_within_tolerance(set_clock, header, offset):
    set_clock(NOW + offset)
    assert verify("s3cret", BODY, header) == NOW


@pytest.mark.parametrize("offset", [-301, 301, 10_000])
def test_outside_tolerance(set_clock, header, offset):
    set_clock(NOW + offset)
    with pytest.raises(TimestampOutOfRange):
        verify("s3cret", BODY, header)


def test_zero_tolerance_disables_the_check(set_clock, header):
    set_clock(NOW + 86_400)
    assert verify("s3cret", BODY, header, tolerance=0) == NOW


def test_rotation_accepts_any_known_secret():
    h = sign("new", BODY)
    assert verify(["old", "new"], BODY, h) == NOW


def test_rotation_header_signed_with_both():
    h = sign(["old", "new"], BODY)
    assert verify("old", BODY, h) == NOW
    assert verify("new", BODY, h) == NOW


def test_uses_constant_time_compare(monkeypatch, header):
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(webhooksig.hmac, "compare_digest", spy)
    verify("s3cret", BODY, header)
    assert calls, "verify should use hmac.compare_digest"


def test_all_errors_share_a_base_class():
    for exc in (MalformedHeader, TimestampOutOfRange, NoMatchingSignature):
        assert issubclass(exc, SignatureError)


# --- verify_request -------------------------------------------------------


def test_verify_request_header_lookup_is_case_insensitive(header):
    headers = {"x-webhook-signature": header, "Content-Type": "application/json"}
    assert verify_request(headers, BODY, secrets=["s3cret"]) == NOW


def test_verify_request_missing_header():
    with pytest.raises(MalformedHeader, match="missing"):
        verify_request({}, BODY, secrets=["s3cret"])


def test_verify_request_reads_secrets_from_env(monkeypatch, header):
    monkeypatch.setenv("WEBHOOK_SECRETS", "unused,s3cret")
    assert verify_request({webhooksig.HEADER: header}, BODY) == NOW


def test_verify_request_without_secrets(monkeypatch, header):
    monkeypatch.delenv("WEBHOOK_SECRETS", raising=False)
    with pytest.raises(RuntimeError, match="WEBHOOK_SECRETS"):
        verify_request({webhooksig.HEADER: header}, BODY)


def test_verify_request_passes_tolerance(set_clock, header):
    set_clock(NOW + 1000)
    headers = {webhooksig.HEADER: header}
    with pytest.raises(TimestampOutOfRange):
        verify_request(headers, BODY, secrets=["s3cret"], tolerance=10)
    assert verify_request(headers, BODY, secrets=["s3cret"], tolerance=2000) == NOW
