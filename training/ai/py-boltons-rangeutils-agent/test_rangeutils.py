# -*- coding: utf-8 -*-

import datetime

import pytest

from boltons.rangeutils import (normalize_range,
                                merge_ranges,
                                subtract_ranges,
                                intersect_ranges,
                                range_gaps,
                                total_length,
                                RangeSet)


def test_normalize_range():
    assert normalize_range([1, 2]) == (1, 2)
    assert normalize_range((3, 3)) == (3, 3)

    with pytest.raises(ValueError):
        normalize_range((2, 1))
    with pytest.raises(TypeError):
        normalize_range(5)
    with pytest.raises(TypeError):
        normalize_range((1, 2, 3))


def test_merge_ranges_basic():
    assert merge_ranges([]) == []
    assert merge_ranges([(1, 2)]) == [(1, 2)]
    assert merge_ranges([(3, 4), (1, 2)]) == [(1, 2), (3, 4)]
    assert merge_ranges([(1, 5), (2, 3)]) == [(1, 5)]
    assert merge_ranges([(1, 3), (2, 6), (5, 7)]) == [(1, 7)]


def test_merge_ranges_adjacent():
    assert merge_ranges([(1, 2), (2, 3)]) == [(1, 3)]
    assert merge_ranges([(1, 2), (2, 3)], adjacent=False) == [(1, 2), (2, 3)]
    # overlapping still merges when adjacent is off
    assert merge_ranges([(1, 3), (2, 4)], adjacent=False) == [(1, 4)]


def test_merge_ranges_drops_empty():
    assert merge_ranges([(1, 1), (5, 5)]) == []
    assert merge_ranges([(0, 2), (1, 1)]) == [(0, 2)]


def test_merge_ranges_floats_and_generators():
    gen = ((x / 2.0, x / 2.0 + 1) for x in range(3))
    assert merge_ranges(gen) == [(0.0, 2.0)]


def test_subtract_ranges():
    assert subtract_ranges([(0, 10)], []) == [(0, 10)]
    assert subtract_ranges([(0, 10)], [(0, 10)]) == []
    assert subtract_ranges([(0, 10)], [(0, 3)]) == [(3, 10)]
    assert subtract_ranges([(0, 10)], [(7, 10)]) == [(0, 7)]
    assert subtract_ranges([(0, 10)], [(20, 30)]) == [(0, 10)]
    assert subtract_ranges([(0, 5), (10, 15)], [(3, 12)]) == [(0, 3), (12, 15)]
    assert subtract_ranges([(0, 10)], [(1, 2), (2, 3), (8, 9)]) == [(0, 1), (3, 8), (9, 10)]


def test_intersect_ranges():
    assert intersect_ranges([], [(0, 1)]) == []
    assert intersect_ranges([(0, 10)], [(0, 10)]) == [(0, 10)]
    assert intersect_ranges([(0, 10)], [(10, 20)]) == []
    assert intersect_ranges([(0, 10), (20, 30)], [(5, 25)]) == [(5, 10), (20, 25)]
    assert intersect_ranges([(5, 25)], [(0, 10), (20, 30)]) == [(5, 10), (20, 25)]


def test_range_gaps():
    assert range_gaps([]) == []
    assert range_gaps([(0, 1)]) == []
    assert range_gaps([(0, 1), (2, 3), (5, 6)]) == [(1, 2), (3, 5)]
    assert range_gaps([(2, 3)], start=0, end=5) == [(0, 2), (3, 5)]
    assert range_gaps([(2, 3)], start=2) == []
    assert range_gaps([], start=0) == []


def test_total_length():
    assert total_length([]) == 0
    assert total_length([(0, 10), (5, 15)]) == 15
    assert total_length([(0.5, 1.0), (2.0, 2.25)]) == 0.75


def test_datetimes():
    day = datetime.datetime(2020, 1, 1)
    hour = datetime.timedelta(hours=1)
    windows = [(day, day + 2 * hour), (day + hour, day + 3 * hour)]

    assert merge_ranges(windows) == [(day, day + 3 * hour)]
    assert total_length(windows) == 3 * hour


def test_rangeset_basic():
    rs = RangeSet()
    assert not rs
    assert len(rs) == 0
    assert 0 not in rs

    rs.add((10, 20))
    rs.add((0, 5))
    assert rs.ranges == [(0, 5), (10, 20)]
    assert 0 in rs
    assert 5 not in rs
    assert 19.9 in rs
    assert 20 not in rs
    assert -1 not in rs


def test_rangeset_discard_and_update():
    rs = RangeSet([(0, 100)])
    rs.discard((10, 20))
    rs.discard((200, 300))
    assert list(rs) == [(0, 10), (20, 100)]

    rs.update([(10, 15), (100, 110)])
    assert list(rs) == [(0, 15), (20, 110)]


def test_rangeset_covers():
    rs = RangeSet([(0, 10), (20, 30)])
    assert rs.covers((2, 8))
    assert rs.covers((0, 10))
    assert rs.covers((15, 15))
    assert not rs.covers((5, 25))
    assert not rs.covers((-1, 1))


def test_rangeset_operators():
    a = RangeSet([(0, 10)])
    b = RangeSet([(5, 15)])

    assert (a | b) == RangeSet([(0, 15)])
    assert (a & b) == RangeSet([(5, 10)])
    assert (a - b) == RangeSet([(0, 5)])
    assert (a - [(2, 3)]) == RangeSet([(0, 2), (3, 10)])
    assert a != b
    # operators don't modify their operands
    assert list(a) == [(0, 10)]


def test_rangeset_gaps():
    rs = RangeSet([(0, 10), (20, 30)])
    assert rs.gaps() == [(10, 20)]
    assert rs.gaps(end=40) == [(10, 20), (30, 40)]


def test_rangeset_repr_and_unhashable():
    rs = RangeSet([(1, 2)])
    assert repr(rs) == 'RangeSet([(1, 2)])'
    with pytest.raises(TypeError):
        hash(rs)
