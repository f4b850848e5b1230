import math
from datetime import timedelta

import pytest

from scheduler.durations import DurationError, format_duration, parse_duration


@pytest.mark.parametrize(
    "text, expected",
    [
        ("0s", timedelta(0)),
        ("45s", timedelta(seconds=45)),
        ("5m", timedelta(minutes=5)),
        ("2h", timedelta(hours=2)),
        ("1d", timedelta(days=1)),
        ("1w", timedelta(weeks=1)),
        ("1h30m", timedelta(hours=1, minutes=30)),
        ("1d 2h 3m 4s", timedelta(days=1, hours=2, minutes=3, seconds=4)),
        ("90m", timedelta(minutes=90)),
        ("1.5h", timedelta(minutes=90)),
        ("250ms", timedelta(milliseconds=250)),
        ("  10m  ", timedelta(minutes=10)),
        ("10M", timedelta(minutes=10)),
    ],
)
def test_parse_valid(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", "10", "m", "10x", "1h-30m", "h1", "1..5h", "-5m", "1h 1h"],
)
def test_parse_invalid(text):
    with pytest.raises(DurationError):
        parse_duration(text)


def test_error_message_includes_input():
    with pytest.raises(DurationError) as exc:
        parse_duration("3 fortnights")
    assert "3 fortnights" in str(exc.value)


def test_bare_number_allowed_with_default_unit():
    assert parse_duration("30", default_unit="s") == timedelta(seconds=30)
    assert parse_duration("2", default_unit="h") == timedelta(hours=2)


def test_default_unit_must_be_known():
    with pytest.raises(ValueError):
        parse_duration("30", default_unit="y")


@pytest.mark.parametrize(
    "delta, expected",
    [
        (timedelta(0), "0s"),
        (timedelta(seconds=59), "59s"),
        (timedelta(seconds=61), "1m1s"),
        (timedelta(hours=1, minutes=30), "1h30m"),
        (timedelta(days=2, seconds=5), "2d5s"),
        (timedelta(milliseconds=1500), "1s500ms"),
    ],
)
def test_format(delta, expected):
    assert format_duration(delta) == expected


@pytest.mark.parametrize(
    "text",
    ["1s", "59m", "1h30m", "3d4h", "1w", "250ms", "1d 2h 3m 4s"],
)
def test_round_trip(text):
    d = parse_duration(text)
    assert parse_duration(format_duration(d)) == d


def test_format_negative_raises():
    with pytest.raises(ValueError):
        format_duration(timedelta(seconds=-1))


def test_large_values_do_not_overflow():
    d = parse_duration("9999d")
    assert d.days == 9999
    assert math.isclose(d.total_seconds(), 9999 * 86400)
