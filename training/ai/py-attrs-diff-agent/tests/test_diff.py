"""
Tests for `attr.diff`.
"""

from __future__ import absolute_import, division, print_function

import pytest

import attr

from attr import NOTHING, fields
from attr.diff import Change, _changes_to_evolve, changed, diff
from attr.exceptions import NotAnAttrsClassError
from attr.filters import exclude


@attr.s
class Point(object):
    x = attr.ib()
    y = attr.ib()


@attr.s
class Segment(object):
    start = attr.ib()
    end = attr.ib()
    label = attr.ib(default=None, eq=False)


@attr.s
class Private(object):
    _secret = attr.ib()
    public = attr.ib()


class TestChange(object):
    """
    Tests for `Change`.
    """

    def test_repr(self):
        """
        The repr shows the path and both values.
        """
        assert "<Change x: 1 -> 2>" == repr(Change("x", 1, 2))

    def test_frozen(self):
        """
        Changes can't be mutated.
        """
        c = Change("x", 1, 2)

        with pytest.raises(attr.exceptions.FrozenInstanceError):
            c.old = 3


class TestDiff(object):
    """
    Tests for `diff`.
    """

    def test_equal(self):
        """
        Equal instances have no differences.
        """
        assert [] == diff(Point(1, 2), Point(1, 2))

    def test_order(self):
        """
        Changes are reported in the order the attributes were defined.
        """
        assert [Change("x", 1, 3), Change("y", 2, 4)] == diff(
            Point(1, 2), Point(3, 4)
        )

    def test_recurse(self):
        """
        Nested attrs instances are compared field by field and get a dotted
        path.
        """
        a = Segment(Point(0, 0), Point(1, 1))
        b = Segment(Point(0, 0), Point(1, 2))

        assert [Change("end.y", 1, 2)] == diff(a, b)

    def test_no_recurse(self):
        """
        With ``recurse=False``, nested instances are compared as a whole.
        """
        a = Segment(Point(0, 0), Point(1, 1))
        b = Segment(Point(0, 0), Point(1, 2))

        assert [Change("end", Point(1, 1), Point(1, 2))] == diff(
            a, b, recurse=False
        )

    def test_recurse_different_classes(self):
        """
        If the nested values are of different classes, they are reported as
        a whole even if recursion is on.
        """
        a = Segment(Point(0, 0), Point(1, 1))
        b = Segment(Point(0, 0), (1, 1))

        assert [Change("end", Point(1, 1), (1, 1))] == diff(a, b)

    def test_eq_false_skipped(self):
        """
        Attributes with ``eq=False`` are ignored, like in ``__eq__``.
        """
        a = Segment(Point(0, 0), Point(1, 1), label="a")
        b = Segment(Point(0, 0), Point(1, 1), label="b")

        assert a == b
        assert [] == diff(a, b)

    def test_filter(self):
        """
        Filters from `attr.filters` decide which attributes are compared.
        """
        assert [Change("y", 2, 4)] == diff(
            Point(1, 2), Point(3, 4), filter=exclude(fields(Point).x)
        )

    def test_missing_on_other(self):
        """
        Attributes that *other* lacks are reported with `NOTHING`.
        """

        @attr.s
        class Other(object):
            x = attr.ib()

        assert [Change("y", 2, NOTHING)] == diff(Point(1, 2), Other(1))

    def test_not_attrs(self):
        """
        Raises `NotAnAttrsClassError` if *inst* isn't an attrs instance.
        """
        with pytest.raises(NotAnAttrsClassError) as e:
            diff(object(), Point(1, 2))

        assert e.value.args[0].endswith(
            "is not an attrs-decorated class instance."
        )


class TestChanged(object):
    """
    Tests for `changed`.
    """

    def test_dict(self):
        """
        Returns a dict of path -> (old, new).
        """
        assert {"x": (1, 3)} == changed(Point(1, 2), Point(3, 2))

    def test_roundtrip_evolve(self):
        """
        The result of `changed` can be turned into `attr.evolve` arguments,
        private attributes included.
        """
        a = Private(1, 2)
        b = Private(5, 6)

        kw = _changes_to_evolve(changed(a, b, recurse=False))

        assert {"secret": 5, "public": 6} == kw
        assert b == attr.evolve(a, **kw)

    def test_evolve_nested_path(self):
        """
        Nested paths can't be evolved.
        """
        with pytest.raises(ValueError) as e:
            _changes_to_evolve({"end.y": (1, 2)})

        assert (
            "Can't evolve nested path 'end.y'; use recurse=False.",
        ) == e.value.args
