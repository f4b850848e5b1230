from datetime import timedelta

import pytest

from srt import SrtError, format_timestamp, parse_timestamp


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("00:00:00,000", timedelta(0)),
        ("00:00:01,500", timedelta(seconds=1, milliseconds=500)),
        ("01:02:03,004", timedelta(hours=1, minutes=2, seconds=3, milliseconds=4)),
        ("9:59:59,999", timedelta(hours=9, minutes=59, seconds=59, milliseconds=999)),
        ("00:00:02.250", timedelta(seconds=2, milliseconds=250)),  # dot separator
        ("  00:00:05,000  ", timedelta(seconds=5)),
    ],
)
def test_parse_timestamp_valid(raw, expected):
    assert parse_timestamp(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "00:00:01",
        "00:00:01,5",
        "00:60:00,000",
        "00:00:60,000",
        "aa:bb:cc,ddd",
        "-00:00:01,000",
        "100:00:00,000",
    ],
)
def test_parse_timestamp_invalid(raw):
    with pytest.raises(SrtError, match="bad timestamp"):
        parse_timestamp(raw, line=7)


def test_parse_timestamp_error_carries_line_number():
    with pytest.raises(SrtError) as excinfo:
        parse_timestamp("nope", line=12)
    assert excinfo.value.line == 12
    assert str(excinfo.value).startswith("line 12:")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (timedelta(0), "00:00:00,000"),
        (timedelta(milliseconds=7), "00:00:00,007"),
        (timedelta(minutes=61, seconds=1), "01:01:01,000"),
        (timedelta(hours=25), "25:00:00,000"),
        (timedelta(microseconds=1999), "00:00:00,001"),  # truncates, no rounding
    ],
)
def test_format_timestamp(value, expected):
    assert format_timestamp(value) == expected


def test_format_timestamp_rejects_negative():
    with pytest.raises(ValueError):
        format_timestamp(timedelta(milliseconds=-1))


@pytest.mark.parametrize("ms", [0, 1, 999, 1000, 59_999, 3_600_000, 35_999_999])
def test_round_trip(ms):
    value = timedelta(milliseconds=ms)
    assert parse_timestamp(format_timestamp(value)) == value
