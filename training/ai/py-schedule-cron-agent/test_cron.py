"""Unit tests for schedule/cron.py"""
import datetime
import unittest

# Silence "missing docstring", "method could be a function",
# "class already defined", and "too many public methods" messages:
# pylint: disable-msg=R0201,C0111,E0102,R0904,R0901

import schedule
from schedule import ScheduleValueError
from schedule.cron import CronJob, cron, _parse_field, FIELDS

from test_schedule import make_mock_job, mock_datetime

MINUTE, HOUR, DAY, MONTH, WEEKDAY = FIELDS


class CronFieldTests(unittest.TestCase):
    def test_star(self):
        assert _parse_field('*', HOUR) == set(range(0, 24))
        assert _parse_field('*', MONTH) == set(range(1, 13))

    def test_values_and_lists(self):
        assert _parse_field('5', MINUTE) == set([5])
        assert _parse_field('0,15,30,45', MINUTE) == set([0, 15, 30, 45])

    def test_ranges_and_steps(self):
        assert _parse_field('9-17', HOUR) == set(range(9, 18))
        assert _parse_field('*/15', MINUTE) == set([0, 15, 30, 45])
        assert _parse_field('1-10/3', DAY) == set([1, 4, 7, 10])
        assert _parse_field('50/5', MINUTE) == set([50, 55])

    def test_names(self):
        assert _parse_field('jan,JUL', MONTH) == set([1, 7])
        assert _parse_field('mon-fri', WEEKDAY) == set([1, 2, 3, 4, 5])

    def test_sunday_is_0_and_7(self):
        assert _parse_field('7', WEEKDAY) == set([0])
        assert _parse_field('sun', WEEKDAY) == set([0])
        assert _parse_field('5-7', WEEKDAY) == set([0, 5, 6])

    def test_invalid(self):
        self.assertRaises(ScheduleValueError, _parse_field, '60', MINUTE)
        self.assertRaises(ScheduleValueError, _parse_field, '0', DAY)
        self.assertRaises(ScheduleValueError, _parse_field, 'foo', MONTH)
        self.assertRaises(ScheduleValueError, _parse_field, '*/0', MINUTE)
        self.assertRaises(ScheduleValueError, _parse_field, '*/x', MINUTE)
        self.assertRaises(ScheduleValueError, _parse_field, '10-5', HOUR)


class CronJobTests(unittest.TestCase):
    def setUp(self):
        schedule.clear()

    def test_invalid_expression(self):
        self.assertRaises(ScheduleValueError, cron, '* * * *')
        self.assertRaises(ScheduleValueError, cron, '* * * * * *')
        self.assertRaises(TypeError, cron, 5)

    def assert_next_run(self, expression, now, expected):
        mock_job = make_mock_job()
        with mock_datetime(*now):
            job = cron(expression).do(mock_job)
        assert job.next_run == datetime.datetime(*expected), \
            '%r at %r: got %s' % (expression, now, job.next_run)

    def test_next_run(self):
        cases = [
            # expression, now, expected next run
            ('* * * * *', (2019, 3, 4, 12, 20, 31), (2019, 3, 4, 12, 21)),
            ('*/15 * * * *', (2019, 3, 4, 12, 20), (2019, 3, 4, 12, 30)),
            ('*/15 * * * *', (2019, 3, 4, 12, 50), (2019, 3, 4, 13, 0)),
            ('30 4 * * *', (2019, 3, 4, 23, 59), (2019, 3, 5, 4, 30)),
            # 2019-03-08 is a Friday
            ('0 9 * * mon-fri', (2019, 3, 8, 18, 0), (2019, 3, 11, 9, 0)),
            # the 15th or any Sunday, whichever comes first
            ('0 0 15 * sun', (2019, 3, 4, 12, 0), (2019, 3, 10, 0, 0)),
            ('0 0 15 * sun', (2019, 3, 11, 12, 0), (2019, 3, 15, 0, 0)),
            ('0 0 1 jan *', (2019, 11, 20, 8, 0), (2020, 1, 1, 0, 0)),
            ('0 12 29 2 *', (2019, 3, 1, 0, 0), (2020, 2, 29, 12, 0)),
        ]
        for expression, now, expected in cases:
            self.assert_next_run(expression, now, expected)

    def test_never_matches(self):
        mock_job = make_mock_job()
        with mock_datetime(2019, 3, 1, 0, 0):
            self.assertRaises(ScheduleValueError,
                              cron('0 0 31 2 *').do, mock_job)

    def test_run_reschedules(self):
        mock_job = make_mock_job()
        with mock_datetime(2019, 3, 4, 12, 0):
            job = cron('0 * * * *').do(mock_job)
            assert job.next_run.hour == 13
        with mock_datetime(2019, 3, 4, 13, 0):
            schedule.run_pending()
            assert mock_job.call_count == 1
            assert job.last_run.hour == 13
            assert job.next_run.hour == 14

    def test_registers_with_scheduler(self):
        mock_job = make_mock_job()
        scheduler = schedule.Scheduler()
        job = cron('0 0 * * *', scheduler=scheduler).do(mock_job)
        assert isinstance(job, CronJob)
        assert job in scheduler.jobs
        assert job not in schedule.jobs

    def test_tags_and_cancel(self):
        mock_job = make_mock_job()
        cron('0 0 * * *').do(mock_job).tag('nightly')
        every_job = schedule.every().hour.do(mock_job)
        assert len(schedule.jobs) == 2
        schedule.clear('nightly')
        assert schedule.jobs == [every_job]

    def test_repr(self):
        mock_job = make_mock_job(name='backup')
        with mock_datetime(2019, 3, 4, 12, 0):
            job = cron('0  3 * *  *').do(mock_job)
        assert repr(job) == ("Cron '0 3 * * *' do backup "
                             "(last run: [never], "
                             "next run: 2019-03-05 03:00:00)")
