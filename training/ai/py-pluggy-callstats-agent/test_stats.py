"""
``HookCallStats`` collection on top of hook call monitoring.
"""
import pytest

from pluggy import HookimplMarker, HookspecMarker
from pluggy._stats import HookCallStats, HookStat


hookspec = HookspecMarker("example")
hookimpl = HookimplMarker("example")


class FakeTimer(object):
    def __init__(self, step=1.0):
        self.now = 0.0
        self.step = step

    def __call__(self):
        self.now += self.step
        return self.now


@pytest.fixture
def spec_pm(pm):
    class Hooks(object):
        @hookspec
        def he_method1(self, arg):
            pass

        @hookspec
        def he_method2(self, arg):
            pass

    pm.add_hookspecs(Hooks)
    return pm


def test_hookstat_mean():
    stat = HookStat("x")
    assert stat.mean == 0.0
    stat.add(1.0)
    stat.add(3.0, failed=True)
    assert stat.calls == 2
    assert stat.failures == 1
    assert stat.mean == 2.0
    assert stat.max == 3.0


def test_counts_and_durations(spec_pm):
    class Plugin(object):
        @hookimpl
        def he_method1(self, arg):
            return arg

    spec_pm.register(Plugin())
    stats = HookCallStats(timer=FakeTimer())
    undo = stats.install(spec_pm)

    spec_pm.hook.he_method1(arg=1)
    spec_pm.hook.he_method1(arg=2)
    spec_pm.hook.he_method2(arg=3)

    stat = stats.get("he_method1")
    assert stat.calls == 2
    assert stat.total == 2.0
    assert stats.get("he_method2").calls == 1
    assert stats.get("he_method3") is None

    undo()
    spec_pm.hook.he_method1(arg=4)
    assert stats.get("he_method1").calls == 2


def test_failures_are_counted(spec_pm):
    class Plugin(object):
        @hookimpl
        def he_method1(self, arg):
            raise ValueError(arg)

    spec_pm.register(Plugin())
    stats = HookCallStats(timer=FakeTimer())
    with stats.collecting(spec_pm):
        with pytest.raises(ValueError):
            spec_pm.hook.he_method1(arg=1)

    stat = stats.get("he_method1")
    assert stat.calls == 1
    assert stat.failures == 1
    assert "1 failed" in stats.format()


def test_nested_calls_are_timed_separately(spec_pm):
    class Plugin(object):
        @hookimpl
        def he_method1(self, arg):
            spec_pm.hook.he_method2(arg=arg)

        @hookimpl
        def he_method2(self, arg):
            pass

    spec_pm.register(Plugin())
    stats = HookCallStats(timer=FakeTimer())
    with stats.collecting(spec_pm):
        spec_pm.hook.he_method1(arg=1)

    # timer ticks: outer start 1, inner start 2, inner end 3, outer end 4
    assert stats.get("he_method2").total == 1.0
    assert stats.get("he_method1").total == 3.0
    assert [s.name for s in stats.slowest()] == ["he_method1", "he_method2"]
    assert [s.name for s in stats.slowest(1)] == ["he_method1"]


def test_install_twice(spec_pm):
    stats = HookCallStats()
    stats.install(spec_pm)
    with pytest.raises(ValueError):
        stats.install(spec_pm)
    stats.uninstall()
    with pytest.raises(ValueError):
        stats.uninstall()


def test_reset_and_format(spec_pm):
    class Plugin(object):
        @hookimpl
        def he_method1(self, arg):
            pass

    spec_pm.register(Plugin())
    stats = HookCallStats(timer=FakeTimer(step=0.5))
    with stats.collecting(spec_pm):
        spec_pm.hook.he_method1(arg=1)

    assert stats.format() == (
        "he_method1: 1 calls, 0.500000s total, 0.500000s mean, 0.500000s max"
    )
    stats.reset()
    assert stats.hooks == {}
    assert stats.format() == ""
