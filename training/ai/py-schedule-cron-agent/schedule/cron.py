"""
Cron-style expressions for schedule.

Some jobs are easier to describe the way crontab(5) does it than with
the builder syntax, e.g. "every 15 minutes during office hours on
weekdays":

    >>> import schedule
    >>> from schedule.cron import cron

    >>> cron('*/15 9-17 * * mon-fri').do(job)

    >>> while True:
    >>>     schedule.run_pending()
    >>>     time.sleep(1)

A cron job lives in a regular :class:`Scheduler <schedule.Scheduler>`
next to the other jobs and can be tagged, cancelled and cleared like
any of them.
"""
import datetime

from schedule import Job, ScheduleValueError, default_scheduler, logger

MONTH_NAMES = ('jan', 'feb', 'mar', 'apr', 'may', 'jun',
               'jul', 'aug', 'sep', 'oct', 'nov', 'dec')
DAY_NAMES = ('sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat')

# (name, lowest value, highest value, value names)
FIELDS = (
    ('minute', 0, 59, None),
    ('hour', 0, 23, None),
    ('day of month', 1, 31, None),
    ('month', 1, 12, MONTH_NAMES),
    ('day of week', 0, 7, DAY_NAMES),
)

# How far ahead we look for a matching minute before giving up,
# e.g. for '0 0 31 2 *' which never matches.
MAX_YEARS_AHEAD = 5


def _parse_value(value, field):
    name, low, high, names = field
    if names and value.lower() in names:
        return names.index(value.lower()) + (1 if name == 'month' else 0)
    try:
        number = int(value)
    except ValueError:
        raise ScheduleValueError('Invalid %s: %r' % (name, value))
    if not (low <= number <= high):
        raise ScheduleValueError('Invalid %s: %r is not in %d-%d' %
                                 (name, value, low, high))
    return number


def _parse_field(text, field):
    """
    Parse one field of a cron expression into a set of integers.

    Supports `*`, single values, ranges (`1-5`), steps (`*/15`, `1-30/2`),
    lists of all of these (`1,15,30`) and, for months and days of the week,
    three letter names (`jan`, `mon-fri`).
    """
    name, low, high, _ = field
    values = set()
    for part in text.split(','):
        step = 1
        if '/' in part:
            part, step_str = part.split('/', 1)
            if not step_str.isdigit() or int(step_str) == 0:
                raise ScheduleValueError('Invalid step in %s: %r' %
                                         (name, step_str))
            step = int(step_str)
        if part == '*':
            start, end = low, high
        elif '-' in part:
            start_str, end_str = part.split('-', 1)
            start = _parse_value(start_str, field)
            end = _parse_value(end_str, field)
            if start > end:
                raise ScheduleValueError('Invalid range in %s: %r' %
                                         (name, part))
        else:
            start = end = _parse_value(part, field)
            if step != 1:
                # `5/10` means "from 5 to the end, every 10"
                end = high
        values.update(range(start, end + 1, step))
    if name == 'day of week' and 7 in values:
        # both 0 and 7 are Sunday
        values.discard(7)
        values.add(0)
    return values


class CronJob(Job):
    """
    A job that runs whenever the current minute matches a cron
    expression of five fields: minute, hour, day of month, month and
    day of week.

    As in cron, if both the day of month and the day of week are
    restricted (not `*`), the job runs when *either* of them matches.

    :param expression: A cron expression, e.g. ``'30 4 * * sun'``
    :param scheduler: The :class:`Scheduler <schedule.Scheduler>` instance
                      that this job will register itself with once it has
                      been fully configured in :meth:`Job.do()`.
    """
    def __init__(self, expression, scheduler=None):
        super(CronJob, self).__init__(1, scheduler)
        if not isinstance(expression, str):
            raise TypeError('cron() should be passed a string')
        parts = expression.split()
        if len(parts) != len(FIELDS):
            raise ScheduleValueError(
                'Invalid cron expression %r: expected %d fields, got %d' %
                (expression, len(FIELDS), len(parts)))
        self.expression = ' '.join(parts)
        self.unit = 'minutes'
        (self.minutes_set, self.hours_set, self.days_set,
         self.months_set, self.weekdays_set) = [
            _parse_field(part, field) for part, field in zip(parts, FIELDS)]
        self._any_day = parts[2] == '*'
        self._any_weekday = parts[4] == '*'

    def __repr__(self):
        def format_time(t):
            return t.strftime('%Y-%m-%d %H:%M:%S') if t else '[never]'

        if hasattr(self.job_func, '__name__'):
            job_func_name = self.job_func.__name__
        else:
            job_func_name = repr(self.job_func)
        return 'Cron %r do %s (last run: %s, next run: %s)' % (
            self.expression, job_func_name,
            format_time(self.last_run), format_time(self.next_run))

    def _day_matches(self, moment):
        weekday = (moment.weekday() + 1) % 7  # cron counts from Sunday
        in_days = moment.day in self.days_set
        in_weekdays = weekday in self.weekdays_set
        if self._any_day and self._any_weekday:
            return True
        if self._any_day:
            return in_weekdays
        if self._any_weekday:
            return in_days
        return in_days or in_weekdays

    def _schedule_next_run(self):
        """
        Compute the first minute after now that matches the expression.
        """
        now = datetime.datetime.now()
        candidate = now.replace(second=0, microsecond=0) + \
            datetime.timedelta(minutes=1)
        limit_year = now.year + MAX_YEARS_AHEAD
        while candidate.year <= limit_year:
            if candidate.month not in self.months_set:
                # jump to the first minute of the next month
                if candidate.month == 12:
                    candidate = candidate.replace(year=candidate.year + 1,
                                                  month=1, day=1,
                                                  hour=0, minute=0)
                else:
                    candidate = candidate.replace(month=candidate.month + 1,
                                                  day=1, hour=0, minute=0)
                continue
            if not self._day_matches(candidate):
                candidate = candidate.replace(hour=0, minute=0) + \
                    datetime.timedelta(days=1)
                continue
            if candidate.hour not in self.hours_set:
                candidate = candidate.replace(minute=0) + \
                    datetime.timedelta(hours=1)
                continue
            if candidate.minute not in self.minutes_set:
                candidate += datetime.timedelta(minutes=1)
                continue
            self.next_run = candidate
            self.period = candidate - now
            return
        raise ScheduleValueError('Cron expression %r never matches' %
                                 self.expression)


def cron(expression, scheduler=None):
    """
    Schedule a new job from a cron expression.

    :param expression: A cron expression of five fields
    :param scheduler: The scheduler to register with, defaults to the
                      :data:`default scheduler instance
                      <schedule.default_scheduler>`
    :return: An unconfigured :class:`CronJob <CronJob>`
    """
    job = CronJob(expression, scheduler or default_scheduler)
    logger.debug('Created cron job for %r', job.expression)
    return job
