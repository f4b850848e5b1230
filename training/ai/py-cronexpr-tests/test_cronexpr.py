import unittest
from datetime import datetime

from cronexpr import Cron, CronError, _field


class FieldParsingTests(unittest.TestCase):
    def test_star_expands_to_full_range(self):
        self.assertEqual(_field("*", 0, 5), frozenset(range(6)))

    def test_single_value(self):
        self.assertEqual(_field("7", 0, 59), {7})

    def test_list(self):
        self.assertEqual(_field("1,15,30", 0, 59), {1, 15, 30})

    def test_range(self):
        self.assertEqual(_field("10-13", 0, 59), {10, 11, 12, 13})

    def test_step_over_star(self):
        self.assertEqual(_field("*/15", 0, 59), {0, 15, 30, 45})

    def test_step_over_range(self):
        self.assertEqual(_field("1-10/3", 0, 59), {1, 4, 7, 10})

    def test_step_from_single_value_runs_to_max(self):
        self.assertEqual(_field("50/5", 0, 59), {50, 55})

    def test_names_are_case_insensitive(self):
        from cronexpr import MONTHS

        self.assertEqual(_field("JAN,Mar", 1, 12, MONTHS), {1, 3})

    def test_invalid_fields(self):
        cases = ["", "1,,2", "60", "-1", "5-2", "*/0", "*/x", "abc", "1-"]
        for text in cases:
            with self.subTest(text=text):
                with self.assertRaises(CronError):
                    _field(text, 0, 59)


class ParseTests(unittest.TestCase):
    def test_wrong_number_of_fields(self):
        for expr in ["", "* * * *", "* * * * * *"]:
            with self.subTest(expr=expr):
                with self.assertRaisesRegex(CronError, "expected 5 fields"):
                    Cron.parse(expr)

    def test_aliases(self):
        self.assertEqual(Cron.parse("@daily"), Cron.parse("0 0 * * *"))
        self.assertEqual(Cron.parse("@HOURLY"), Cron.parse("0 * * * *"))
        self.assertEqual(Cron.parse("@annually"), Cron.parse("@yearly"))

    def test_sunday_as_seven(self):
        self.assertEqual(Cron.parse("0 0 * * 7").weekday, {0})

    def test_day_names(self):
        self.assertEqual(Cron.parse("0 9 * * mon-fri").weekday, {1, 2, 3, 4, 5})

    def test_error_is_value_error(self):
        self.assertTrue(issubclass(CronError, ValueError))


class MatchTests(unittest.TestCase):
    def test_every_minute_matches_anything(self):
        cron = Cron.parse("* * * * *")
        self.assertTrue(cron.matches(datetime(2024, 2, 29, 23, 59)))

    def test_specific_time(self):
        cron = Cron.parse("30 14 * * *")
        self.assertTrue(cron.matches(datetime(2024, 5, 1, 14, 30)))
        self.assertFalse(cron.matches(datetime(2024, 5, 1, 14, 31)))

    def test_dom_or_dow_when_both_restricted(self):
        # 13th of the month OR any Friday
        cron = Cron.parse("0 0 13 * 5")
        self.assertTrue(cron.matches(datetime(2024, 3, 13, 0, 0)))  # Wednesday the 13th
        self.assertTrue(cron.matches(datetime(2024, 3, 15, 0, 0)))  # a Friday
        self.assertFalse(cron.matches(datetime(2024, 3, 14, 0, 0)))

    def test_dom_and_dow_when_one_is_star(self):
        cron = Cron.parse("0 0 * * 1")
        self.assertTrue(cron.matches(datetime(2024, 3, 11)))
        self.assertFalse(cron.matches(datetime(2024, 3, 12)))


class NextAfterTests(unittest.TestCase):
    def assertNext(self, expr, start, expected):
        self.assertEqual(Cron.parse(expr).next_after(start), expected)

    def test_next_minute(self):
        self.assertNext(
            "* * * * *", datetime(2024, 1, 1, 10, 0, 30), datetime(2024, 1, 1, 10, 1)
        )

    def test_strictly_after_start(self):
        self.assertNext(
            "0 12 * * *", datetime(2024, 1, 1, 12, 0), datetime(2024, 1, 2, 12, 0)
        )

    def test_rolls_over_hour(self):
        self.assertNext(
            "5 * * * *", datetime(2024, 1, 1, 10, 6), datetime(2024, 1, 1, 11, 5)
        )

    def test_rolls_over_year(self):
        self.assertNext("0 0 1 1 *", datetime(2024, 6, 1), datetime(2025, 1, 1))

    def test_skips_months_without_the_day(self):
        self.assertNext("0 0 31 * *", datetime(2024, 4, 1), datetime(2024, 5, 31))

    def test_leap_day(self):
        self.assertNext("0 0 29 2 *", datetime(2024, 3, 1), datetime(2028, 2, 29))

    def test_weekdays_only(self):
        # 2024-03-08 is a Friday
        self.assertNext(
            "0 9 * * mon-fri", datetime(2024, 3, 8, 10, 0), datetime(2024, 3, 11, 9, 0)
        )

    def test_every_fifteen_minutes_sequence(self):
        cron = Cron.parse("*/15 * * * *")
        got = cron.iter_after(datetime(2024, 1, 1, 23, 40), 3)
        self.assertEqual(
            got,
            [
                datetime(2024, 1, 1, 23, 45),
                datetime(2024, 1, 2, 0, 0),
                datetime(2024, 1, 2, 0, 15),
            ],
        )

    def test_impossible_expression_raises(self):
        with self.assertRaisesRegex(CronError, "no matching time"):
            Cron.parse("0 0 30 2 *").next_after(datetime(2024, 1, 1))

    def test_result_always_matches(self):
        exprs = ["7 3 * * *", "*/20 8-17 * * 1-5", "0 0 1,15 * *", "59 23 31 12 *"]
        start = datetime(2023, 12, 30, 22, 10)
        for expr in exprs:
            cron = Cron.parse(expr)
            with self.subTest(expr=expr):
                for when in cron.iter_after(start, 5):
                    self.assertTrue(cron.matches(when))
                    self.assertEqual(when.second, 0)


if __name__ == "__main__":
    unittest.main()
