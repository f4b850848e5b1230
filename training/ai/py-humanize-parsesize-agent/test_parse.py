#!/usr/bin/env python

"""Tests for filesize parsing."""

import humanize
import pytest


@pytest.mark.parametrize(
    "test_args, expected",
    [
        (["300 Bytes"], 300),
        (["1 Byte"], 1),
        (["3.0 kB"], 3000),
        (["3.0 MB"], 3000000),
        (["3.0 GB"], 3000000000),
        (["3 tb"], 3000000000000),
        (["2.9 KiB"], 2970),
        (["1 MiB"], 1048576),
        (["  12.5 kb  "], 12500),
        ([".5 kB"], 500),
        (["+2 kB"], 2000),
        (["-1.5 GB"], -1500000000),
        (["1K", True], 1024),
        (["1.0K", True], 1024),
        (["1 kB", True], 1024),
        (["2.9M", True], 3040870),
        (["300B", True], 300),
        (["7"], 7),
        ([42], 42),
        ([4.6], 5),
    ],
)
def test_parse_naturalsize(test_args, expected):
    assert humanize.parse_naturalsize(*test_args) == expected


@pytest.mark.parametrize(
    "value", ["", "kB", "1.2.3 MB", "10 parsecs", "1 K B", "ten kB", None]
)
def test_parse_naturalsize_invalid(value):
    with pytest.raises(ValueError):
        humanize.parse_naturalsize(value)


@pytest.mark.parametrize(
    "value",
    [300, 3000, 3000000, 3000000000, 10 ** 15],
)
def test_parse_naturalsize_roundtrip(value):
    text = humanize.naturalsize(value, format="%.3f")
    assert humanize.parse_naturalsize(text) == value

    text = humanize.naturalsize(value, binary=True, format="%.6f")
    assert abs(humanize.parse_naturalsize(text) - value) <= value * 1e-6
