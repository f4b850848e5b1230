import pytest

from vrange import ConstraintError, Version


class TestParse:
    @pytest.mark.parametrize(
        "text, expected",
        [
            ("1.2.3", Version(1, 2, 3)),
            ("v1.2.3", Version(1, 2, 3)),
            ("1.2", Version(1, 2, 0)),
            ("7", Version(7, 0, 0)),
            ("1.0.0-alpha", Version(1, 0, 0, ("alpha",))),
            ("1.0.0-rc.1", Version(1, 0, 0, ("rc", 1))),
            ("  2.0.0 ", Version(2, 0, 0)),
        ],
    )
    def test_valid(self, text, expected):
        assert Version.parse(text) == expected

    @pytest.mark.parametrize(
        "text", ["", "abc", "1.2.3.4", "01.2.3", "1..2", "1.2.3-", "-1.0.0", "1.2.x"]
    )
    def test_invalid(self, text):
        with pytest.raises(ConstraintError, match="invalid version"):
            Version.parse(text)

    def test_error_is_a_value_error(self):
        with pytest.raises(ValueError):
            Version.parse("nope")


class TestOrdering:
    @pytest.mark.parametrize(
        "lower, higher",
        [
            ("1.0.0", "1.0.1"),
            ("1.0.9", "1.1.0"),
            ("1.9.0", "1.10.0"),
            ("1.99.99", "2.0.0"),
            ("1.0.0-alpha", "1.0.0"),
            ("1.0.0-alpha", "1.0.0-alpha.1"),
            ("1.0.0-alpha.1", "1.0.0-alpha.beta"),
            ("1.0.0-beta.2", "1.0.0-beta.11"),
            ("1.0.0-rc.1", "1.0.0"),
        ],
    )
    def test_less_than(self, v, lower, higher):
        assert v(lower) < v(higher)
        assert v(higher) > v(lower)
        assert not v(higher) < v(lower)

    def test_sorting_a_mixed_list(self, v):
        raw = ["2.0.0", "1.0.0-rc.1", "1.0.0", "0.1.0", "1.0.0-beta"]
        assert [str(x) for x in sorted(map(v, raw))] == [
            "0.1.0",
            "1.0.0-beta",
            "1.0.0-rc.1",
            "1.0.0",
            "2.0.0",
        ]

    def test_equal_versions_compare_equal(self, v):
        assert v("1.2") == v("1.2.0")
        assert v("1.2") <= v("1.2.0") <= v("1.2")

    def test_hashable(self, v):
        assert len({v("1.0"), v("1.0.0"), v("v1.0.0")}) == 1


@pytest.mark.parametrize("text", ["1.2.3", "0.0.1", "1.0.0-rc.1", "3.4.5-beta.2.x"])
def test_str_round_trip(text):
    assert str(Version.parse(text)) == text
