import unittest
from datetime import timedelta

import durations


class ParseUnitsTest(unittest.TestCase):
    """parse() with unit-suffixed input such as '1h 30m'."""

    def test_single_units(self):
        cases = {
            "250ms": timedelta(milliseconds=250),
            "45s": timedelta(seconds=45),
            "45sec": timedelta(seconds=45),
            "5m": timedelta(minutes=5),
            "5min": timedelta(minutes=5),
            "2h": timedelta(hours=2),
            "2hr": timedelta(hours=2),
            "3d": timedelta(days=3),
            "1w": timedelta(weeks=1),
        }
        for text, expected in cases.items():
            with self.subTest(text=text):
                self.assertEqual(durations.parse(text), expected)

    def test_combined_units(self):
        self.assertEqual(durations.parse("1h30m"), timedelta(hours=1, minutes=30))
        self.assertEqual(durations.parse("1h 30m 15s"), timedelta(hours=1, minutes=30, seconds=15))
        self.assertEqual(durations.parse("2d, 4h"), timedelta(days=2, hours=4))

    def test_fractional_values(self):
        self.assertEqual(durations.parse("1.5h"), timedelta(minutes=90))
        self.assertEqual(durations.parse("0.25s"), timedelta(milliseconds=250))

    def test_whitespace_and_case_are_ignored(self):
        self.assertEqual(durations.parse("  10 M  "), timedelta(minutes=10))
        self.assertEqual(durations.parse("1H 2M"), timedelta(hours=1, minutes=2))

    def test_negative_duration(self):
        self.assertEqual(durations.parse("-5m"), -timedelta(minutes=5))
        self.assertEqual(durations.parse("- 1h 1s"), -timedelta(hours=1, seconds=1))

    def test_units_may_appear_in_any_order(self):
        self.assertEqual(durations.parse("30m 1h"), timedelta(hours=1, minutes=30))


class ParseClockTest(unittest.TestCase):
    """parse() with clock-style input such as '1:02:03'."""

    def test_minutes_and_seconds(self):
        self.assertEqual(durations.parse("4:05"), timedelta(minutes=4, seconds=5))

    def test_hours_minutes_seconds(self):
        self.assertEqual(durations.parse("1:02:03"), timedelta(hours=1, minutes=2, seconds=3))

    def test_hours_can_exceed_24(self):
        self.assertEqual(durations.parse("36:00:00"), timedelta(hours=36))

    def test_fractional_seconds_are_milliseconds(self):
        self.assertEqual(durations.parse("0:01.5"), timedelta(seconds=1, milliseconds=500))
        self.assertEqual(durations.parse("0:01.05"), timedelta(seconds=1, milliseconds=50))
        self.assertEqual(durations.parse("0:01.005"), timedelta(seconds=1, milliseconds=5))

    def test_out_of_range_fields_are_rejected(self):
        for text in ("1:60", "1:75:00", "0:99"):
            with self.subTest(text=text):
                with self.assertRaises(ValueError):
                    durations.parse(text)


class ParseErrorsTest(unittest.TestCase):
    def assertInvalid(self, text, message=None):
        with self.assertRaises(ValueError) as ctx:
            durations.parse(text)
        if message:
            self.assertIn(message, str(ctx.exception))

    def test_empty_input(self):
        self.assertInvalid("", "empty")
        self.assertInvalid("   ", "empty")

    def test_unknown_unit(self):
        self.assertInvalid("5 fortnights", "unknown unit")

    def test_number_without_unit(self):
        self.assertInvalid("90")

    def test_trailing_garbage(self):
        self.assertInvalid("5m and then some")

    def test_leading_garbage(self):
        self.assertInvalid("about 5m", "unexpected text")

    def test_repeated_unit(self):
        self.assertInvalid("1h 2h", "twice")

    def test_only_a_sign(self):
        self.assertInvalid("-")


class FormatTest(unittest.TestCase):
    def test_zero(self):
        self.assertEqual(durations.format(timedelta()), "0s")

    def test_largest_two_units_by_default(self):
        td = timedelta(days=1, hours=2, minutes=3, seconds=4)
        self.assertEqual(durations.format(td), "1d 2h")

    def test_max_units_can_be_raised(self):
        td = timedelta(days=1, hours=2, minutes=3, seconds=4)
        self.assertEqual(durations.format(td, max_units=4), "1d 2h 3m 4s")

    def test_zero_components_are_skipped(self):
        self.assertEqual(durations.format(timedelta(hours=1, seconds=5)), "1h 5s")

    def test_milliseconds(self):
        self.assertEqual(durations.format(timedelta(milliseconds=1500)), "1s 500ms")

    def test_negative(self):
        self.assertEqual(durations.format(-timedelta(minutes=90)), "-1h 30m")

    def test_round_trip(self):
        for text in ("1h 30m", "2d 4h", "45s", "1s 500ms", "-5m"):
            with self.subTest(text=text):
                self.assertEqual(durations.format(durations.parse(text)), text)


if __name__ == "__main__":
    unittest.main()
