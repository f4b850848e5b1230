from datetime import datetime, timedelta

import pytest
from dateutil import tz

import arrow
from arrow.duration import format_duration, parse_duration, shift_iso
from arrow.parser import ParserError


class TestParseDuration:
    def test_full(self):
        assert parse_duration("P1Y2M10DT2H30M5S") == {
            "years": 1,
            "months": 2,
            "days": 10,
            "hours": 2,
            "minutes": 30,
            "seconds": 5,
        }

    def test_weeks(self):
        assert parse_duration("P3W") == {"weeks": 3}

    def test_time_only(self):
        assert parse_duration("PT36H") == {"hours": 36}
        assert parse_duration("PT0S") == {"seconds": 0}

    def test_month_and_minute_are_distinguished(self):
        assert parse_duration("P5M") == {"months": 5}
        assert parse_duration("PT5M") == {"minutes": 5}

    def test_sign(self):
        assert parse_duration("-P1DT1H") == {"days": -1, "hours": -1}
        assert parse_duration("+PT15M") == {"minutes": 15}

    def test_fraction(self):
        assert parse_duration("PT1.5S") == {"seconds": 1.5}
        assert parse_duration("P0,5D") == {"days": 0.5}
        assert parse_duration("PT1H0.25M") == {"hours": 1, "minutes": 0.25}

    def test_fraction_not_smallest(self):
        with pytest.raises(ParserError):
            parse_duration("P1.5DT2H")

    @pytest.mark.parametrize(
        "string", ["", "P", "PT", "P1DT", "1D", "P1H", "PT1D", "P1S", "P-1D", "P1D2Y"]
    )
    def test_invalid(self, string):
        with pytest.raises(ParserError):
            parse_duration(string)

    def test_type_error(self):
        with pytest.raises(TypeError):
            parse_duration(5)


class TestFormatDuration:
    def test_dict(self):
        assert format_duration({"years": 1, "days": 2, "minutes": 3}) == "P1Y2DT3M"

    def test_round_trip(self):
        for string in ["P1Y2M10DT2H30M5S", "P3W", "PT36H", "-P1DT1H", "PT1.5S"]:
            assert format_duration(parse_duration(string)) == string

    def test_timedelta(self):
        assert format_duration(timedelta(days=1, hours=3)) == "P1DT3H"
        assert format_duration(timedelta(minutes=90)) == "PT1H30M"
        assert format_duration(timedelta(seconds=2, microseconds=500000)) == "PT2.5S"

    def test_negative_timedelta(self):
        assert format_duration(timedelta(hours=-2)) == "-PT2H"

    def test_zero(self):
        assert format_duration(timedelta(0)) == "PT0S"
        assert format_duration({}) == "PT0S"

    def test_mixed_signs(self):
        with pytest.raises(ValueError):
            format_duration({"days": 1, "hours": -1})

    def test_invalid_unit(self):
        with pytest.raises(ValueError) as raise_ctx:
            format_duration({"fortnights": 1})
        assert "fortnights" in str(raise_ctx.value)


@pytest.mark.usefixtures("time_2013_01_01")
class TestShiftIso:
    def test_shift(self):
        assert shift_iso(self.arrow, "P1M2DT3H") == arrow.Arrow(2013, 2, 3, 3)

    def test_negative(self):
        assert shift_iso(self.arrow, "-PT15M") == arrow.Arrow(2012, 12, 31, 23, 45)

    def test_fractional_day(self):
        assert shift_iso(self.arrow, "P0.5D") == arrow.Arrow(2013, 1, 1, 12)

    def test_fractional_month(self):
        with pytest.raises(ValueError):
            shift_iso(self.arrow, "P1.5M")

    def test_datetime(self):
        result = shift_iso(self.datetime, "P1W")
        assert isinstance(result, arrow.Arrow)
        assert result == arrow.Arrow(2013, 1, 8)

    def test_keeps_tzinfo(self):
        start = arrow.Arrow(2013, 3, 9, 12, tzinfo=tz.gettz("US/Pacific"))
        result = shift_iso(start, "P1D")
        assert result.tzinfo == start.tzinfo
        assert result.datetime == datetime(2013, 3, 10, 12, tzinfo=tz.gettz("US/Pacific"))
