from toolz.sandbox.runs import runs, split_when, flatten, scan_dicts
from toolz.utils import raises
from collections import OrderedDict


def iseven(x):
    return x % 2 == 0


def test_runs():
    assert list(runs(iseven, [])) == []
    assert list(runs(iseven, [1])) == [(False, [1])]
    assert list(runs(iseven, [1, 3, 2, 4, 5])) == [(False, [1, 3]),
                                                   (True, [2, 4]),
                                                   (False, [5])]
    assert list(runs(len, ['a', 'b', 'cc', 'd'])) == [(1, ['a', 'b']),
                                                      (2, ['cc']),
                                                      (1, ['d'])]


def test_runs_index_key():
    data = [(1, 'a'), (1, 'b'), (2, 'c')]
    assert list(runs(0, data)) == [(1, [(1, 'a'), (1, 'b')]),
                                   (2, [(2, 'c')])]


def test_runs_is_lazy():
    def gen():
        yield 1
        yield 2
        raise ValueError('went too far')

    it = runs(iseven, gen())
    assert next(it) == (False, [1])
    assert raises(ValueError, lambda: next(it))


def test_split_when():
    def gap(a, b):
        return b - a > 1

    assert list(split_when(gap, [])) == []
    assert list(split_when(gap, [1])) == [[1]]
    assert list(split_when(gap, [1, 2, 4, 5, 9])) == [[1, 2], [4, 5], [9]]
    assert list(split_when(lambda a, b: False, range(3))) == [[0, 1, 2]]


def test_flatten():
    assert list(flatten([])) == []
    assert list(flatten([[], [[]]])) == []
    assert list(flatten([1, (2, 3), [[4], 5]])) == [1, 2, 3, 4, 5]
    assert list(flatten([1, [2, [3]]], depth=0)) == [1, [2, [3]]]
    assert list(flatten([1, [2, [3]]], depth=1)) == [1, 2, [3]]
    assert list(flatten([1, [2, [3]]], depth=2)) == [1, 2, 3]


def test_flatten_types():
    assert list(flatten(['abc', ['de']])) == ['abc', 'de']
    assert list(flatten([(1, 2), [3]], types=list)) == [(1, 2), 3]
    assert list(flatten([{1, 2}], types=(set,))) == [1, 2]


def test_scan_dicts():
    assert list(scan_dicts([])) == []
    assert list(scan_dicts([{1: 1}, {2: 2}, {1: 3}])) == [{1: 1},
                                                         {1: 1, 2: 2},
                                                         {1: 3, 2: 2}]
    assert list(scan_dicts([], initial={1: 1})) == [{1: 1}]
    assert raises(TypeError, lambda: list(scan_dicts([], initial=[1])))


def test_scan_dicts_factory():
    results = list(scan_dicts([{'b': 1}, {'a': 2}], factory=OrderedDict))
    assert all(isinstance(d, OrderedDict) for d in results)
    assert list(results[-1]) == ['b', 'a']


def test_scan_dicts_copies():
    results = list(scan_dicts([{1: 1}, {2: 2}]))
    results[0][5] = 5
    assert results[1] == {1: 1, 2: 2}
