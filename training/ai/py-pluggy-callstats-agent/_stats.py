"""
Per-hook call statistics, built on hook call monitoring.
"""
import time
from contextlib import contextmanager


class HookStat(object):
    """ Aggregated numbers for the calls of one hook (or of one hook
    implementation when collected per plugin). """

    __slots__ = ("name", "calls", "failures", "total", "max")

    def __init__(self, name):
        self.name = name
        self.calls = 0
        self.failures = 0
        self.total = 0.0
        self.max = 0.0

    @property
    def mean(self):
        if not self.calls:
            return 0.0
        return self.total / self.calls

    def add(self, duration, failed=False):
        self.calls += 1
        if failed:
            self.failures += 1
        self.total += duration
        if duration > self.max:
            self.max = duration

    def __repr__(self):
        return "<HookStat %r calls=%d failures=%d total=%.6f>" % (
            self.name,
            self.calls,
            self.failures,
            self.total,
        )


class HookCallStats(object):
    """ Collect call counts and durations for the hooks of a
    :py:class:`pluggy.PluginManager`.

    Use :py:meth:`install` (or :py:meth:`collecting` in a ``with`` block) to
    start collecting; the returned undo function stops it.  Nested hook calls are
    timed separately: the time of an outer hook includes the inner ones.
    """

    def __init__(self, timer=None):
        self._timer = timer if timer is not None else time.perf_counter
        self._starts = []
        self._undo = None
        self.hooks = {}

    def install(self, pm):
        if self._undo is not None:
            raise ValueError("%r is already installed" % (self,))

        def before(hook_name, hook_impls, kwargs):
            self._starts.append(self._timer())

        def after(outcome, hook_name, hook_impls, kwargs):
            duration = self._timer() - self._starts.pop()
            failed = outcome.excinfo is not None
            self._record(hook_name, duration, failed)

        undo_monitoring = pm.add_hookcall_monitoring(before, after)

        def undo():
            undo_monitoring()
            self._undo = None
            del self._starts[:]

        self._undo = undo
        return undo

    def uninstall(self):
        if self._undo is None:
            raise ValueError("%r is not installed" % (self,))
        self._undo()

    def _record(self, hook_name, duration, failed):
        try:
            stat = self.hooks[hook_name]
        except KeyError:
            stat = self.hooks[hook_name] = HookStat(hook_name)
        stat.add(duration, failed)

    def get(self, hook_name):
        """ Return the :py:class:`HookStat` for ``hook_name`` or ``None``
        if the hook was not called since collecting started. """
        return self.hooks.get(hook_name)

    def reset(self):
        self.hooks.clear()

    def slowest(self, n=None):
        """ Return the collected stats ordered by total time, slowest first. """
        stats = sorted(self.hooks.values(), key=lambda s: (-s.total, s.name))
        if n is not None:
            stats = stats[:n]
        return stats

    def format(self, n=None):
        lines = []
        for stat in self.slowest(n):
            line = "%s: %d calls, %.6fs total, %.6fs mean, %.6fs max" % (
                stat.name,
                stat.calls,
                stat.total,
                stat.mean,
                stat.max,
            )
            if stat.failures:
                line += ", %d failed" % (stat.failures,)
            lines.append(line)
        return "\n".join(lines)

    @contextmanager
    def collecting(self, pm):
        """ Collect for the duration of a ``with`` block. """
        undo = self.install(pm)
        try:
            yield self
        finally:
            undo()
