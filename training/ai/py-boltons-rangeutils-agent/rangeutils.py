# -*- coding: utf-8 -*-
"""Python's :func:`range` is great for iterating, but not so great for
reasoning about spans of numbers: "which parts of 0-100 haven't been
downloaded yet?", "do these two maintenance windows overlap?". This
module provides a few functions for working with *half-open* ranges,
represented as plain ``(start, end)`` tuples, where *start* is
included and *end* is not.

Ranges may be made of ints, floats, or anything else that is totally
ordered, like :class:`datetime.datetime` objects.
"""

from __future__ import print_function

from bisect import bisect_right
import operator


__all__ = ['normalize_range', 'merge_ranges', 'subtract_ranges',
           'intersect_ranges', 'range_gaps', 'total_length', 'RangeSet']


def normalize_range(rng):
    """Check that *rng* is a ``(start, end)`` pair with ``start <= end``
    and return it as a tuple.

    >>> normalize_range([3, 5])
    (3, 5)
    >>> normalize_range((5, 3))
    Traceback (most recent call last):
    ...
    ValueError: expected start <= end, not (5, 3)
    """
    try:
        start, end = rng
    except (TypeError, ValueError):
        raise TypeError('expected a (start, end) pair, not: %r' % (rng,))
    if end < start:
        raise ValueError('expected start <= end, not (%r, %r)' % (start, end))
    return (start, end)


def merge_ranges(ranges, adjacent=True):
    """Merge overlapping *ranges* into a sorted list of disjoint ranges.
    Empty ranges are dropped.

    >>> merge_ranges([(5, 8), (1, 3), (2, 4)])
    [(1, 4), (5, 8)]

    By default, ranges that merely touch are joined too. Pass
    *adjacent* as ``False`` to keep them apart:

    >>> merge_ranges([(1, 3), (3, 5)])
    [(1, 5)]
    >>> merge_ranges([(1, 3), (3, 5)], adjacent=False)
    [(1, 3), (3, 5)]
    """
    joinable = operator.le if adjacent else operator.lt
    ret = []
    for start, end in sorted(normalize_range(r) for r in ranges):
        if start == end:
            continue
        if ret and joinable(start, ret[-1][1]):
            if end > ret[-1][1]:
                ret[-1] = (ret[-1][0], end)
            continue
        ret.append((start, end))
    return ret


def subtract_ranges(ranges, holes):
    """Remove every range in *holes* from *ranges* and return what is
    left, merged and sorted.

    >>> subtract_ranges([(0, 10)], [(2, 3), (5, 7)])
    [(0, 2), (3, 5), (7, 10)]
    >>> subtract_ranges([(0, 10)], [(-5, 50)])
    []
    """
    holes = merge_ranges(holes)
    ret = []
    for start, end in merge_ranges(ranges):
        cur = start
        for h_start, h_end in holes:
            if h_end <= cur:
                continue
            if h_start >= end:
                break
            if h_start > cur:
                ret.append((cur, h_start))
            cur = max(cur, h_end)
            if cur >= end:
                break
        if cur < end:
            ret.append((cur, end))
    return ret


def intersect_ranges(a, b):
    """Return the parts covered by both *a* and *b*, two iterables of
    ranges.

    >>> intersect_ranges([(0, 5), (10, 15)], [(3, 12)])
    [(3, 5), (10, 12)]
    """
    a, b = merge_ranges(a), merge_ranges(b)
    ret = []
    i = j = 0
    while i < len(a) and j < len(b):
        start = max(a[i][0], b[j][0])
        end = min(a[i][1], b[j][1])
        if start < end:
            ret.append((start, end))
        # advance whichever range ends first
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return ret


def range_gaps(ranges, start=None, end=None):
    """Find the gaps between *ranges*. If *start* or *end* are passed,
    gaps before the first range or after the last one are included
    too. This is handy for finding missing chunks of a download:

    >>> range_gaps([(0, 100), (300, 400)], end=500)
    [(100, 300), (400, 500)]
    >>> range_gaps([], 0, 10)
    [(0, 10)]
    """
    merged = merge_ranges(ranges)
    if start is None:
        if not merged:
            return []
        start = merged[0][0]
    if end is None:
        if not merged:
            return []
        end = merged[-1][1]
    return subtract_ranges([(start, end)], merged)


def total_length(ranges):
    """Sum up the length of the area covered by *ranges*, counting
    overlapping parts only once.

    >>> total_length([(0, 10), (5, 15), (20, 21)])
    16

    Note that this requires that ``end - start`` makes sense, so it
    works for numbers and datetimes (returning a timedelta), but not
    for strings.
    """
    merged = merge_ranges(ranges)
    if not merged:
        return 0
    lengths = [end - start for start, end in merged]
    total = lengths[0]
    for length in lengths[1:]:
        total += length
    return total


class RangeSet(object):
    """A mutable set of numbers stored as sorted, disjoint half-open
    ranges. Membership checks are a binary search, so RangeSet is
    handy for big, sparse sets like byte offsets or ID blocks.

    >>> rs = RangeSet([(0, 10)])
    >>> rs.add((20, 30))
    >>> rs.discard((5, 25))
    >>> rs
    RangeSet([(0, 5), (25, 30)])
    >>> 4 in rs, 5 in rs, 29.5 in rs
    (True, False, True)
    """
    def __init__(self, ranges=None):
        self._ranges = merge_ranges(ranges or [])

    @property
    def ranges(self):
        return list(self._ranges)

    def add(self, rng):
        self._ranges = merge_ranges(self._ranges + [normalize_range(rng)])

    def discard(self, rng):
        self._ranges = subtract_ranges(self._ranges, [normalize_range(rng)])

    def update(self, ranges):
        self._ranges = merge_ranges(self._ranges + list(ranges))

    def __contains__(self, value):
        starts = [start for start, _ in self._ranges]
        idx = bisect_right(starts, value) - 1
        if idx < 0:
            return False
        start, end = self._ranges[idx]
        return start <= value < end

    def covers(self, rng):
        "Whether the whole of *rng* is inside this RangeSet."
        start, end = normalize_range(rng)
        if start == end:
            return True
        return not subtract_ranges([(start, end)], self._ranges)

    def gaps(self, start=None, end=None):
        return range_gaps(self._ranges, start, end)

    def __or__(self, other):
        return RangeSet(self._ranges + list(_get_ranges(other)))

    def __and__(self, other):
        return RangeSet(intersect_ranges(self._ranges, _get_ranges(other)))

    def __sub__(self, other):
        return RangeSet(subtract_ranges(self._ranges, _get_ranges(other)))

    def __eq__(self, other):
        if not isinstance(other, RangeSet):
            return NotImplemented
        return self._ranges == other._ranges

    def __ne__(self, other):
        ret = self.__eq__(other)
        return ret if ret is NotImplemented else not ret

    __hash__ = None  # mutable

    def __len__(self):
        return len(self._ranges)

    def __bool__(self):
        return bool(self._ranges)

    __nonzero__ = __bool__

    def __iter__(self):
        return iter(self._ranges)

    def __repr__(self):
        cn = self.__class__.__name__
        return '%s(%r)' % (cn, self._ranges)


def _get_ranges(obj):
    if isinstance(obj, RangeSet):
        return obj._ranges
    return obj
