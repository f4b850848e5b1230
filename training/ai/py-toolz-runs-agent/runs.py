from itertools import chain
from collections.abc import Mapping
from toolz.itertoolz import peek
from toolz.utils import no_default


__all__ = ('runs', 'split_when', 'flatten', 'scan_dicts')


def runs(key, seq):
    """ Group consecutive elements of a sequence that share a key

    Unlike ``groupby`` this is lazy and only groups neighbors, like
    ``itertools.groupby``, but yields lists instead of sub-iterators.

    >>> list(runs(lambda x: x % 2, [1, 3, 2, 4, 6, 5]))
    [(1, [1, 3]), (0, [2, 4, 6]), (1, [5])]

    Non-callable keys imply indexing on value

    >>> list(runs(0, ['ab', 'ac', 'ba', 'ad']))
    [('a', ['ab', 'ac']), ('b', ['ba']), ('a', ['ad'])]

    See Also:
        groupby
        partitionby
    """
    if not callable(key):
        ind = key
        key = lambda x: x[ind]
    it = iter(seq)
    try:
        item = next(it)
    except StopIteration:
        return
    k = key(item)
    run = [item]
    for item in it:
        kk = key(item)
        if kk == k:
            run.append(item)
        else:
            yield k, run
            k = kk
            run = [item]
    yield k, run


def split_when(predicate, seq):
    """ Split a sequence between two elements where ``predicate(a, b)`` holds

    >>> list(split_when(lambda a, b: b != a + 1, [1, 2, 3, 7, 8, 10]))
    [[1, 2, 3], [7, 8], [10]]

    >>> list(split_when(lambda a, b: True, 'abc'))
    [['a'], ['b'], ['c']]

    >>> list(split_when(lambda a, b: True, []))
    []
    """
    it = iter(seq)
    try:
        prev = next(it)
    except StopIteration:
        return
    chunk = [prev]
    for item in it:
        if predicate(prev, item):
            yield chunk
            chunk = []
        chunk.append(item)
        prev = item
    yield chunk


def flatten(seq, depth=None, types=(list, tuple)):
    """ Flatten nested sequences

    >>> list(flatten([1, [2, [3, [4]]], 5]))
    [1, 2, 3, 4, 5]

    Limit how many levels are flattened with ``depth``

    >>> list(flatten([1, [2, [3, [4]]], 5], depth=1))
    [1, 2, [3, [4]], 5]

    Only instances of ``types`` are flattened, so strings stay whole

    >>> list(flatten(['ab', ('cd', ['ef'])]))
    ['ab', 'cd', 'ef']

    See Also:
        concat
    """
    for item in seq:
        if isinstance(item, types) and (depth is None or depth > 0):
            for x in flatten(item, None if depth is None else depth - 1,
                             types):
                yield x
        else:
            yield item


def scan_dicts(seqs, factory=dict, initial=no_default):
    """ Merge a sequence of dictionaries, yielding each intermediate result

    This is ``accumulate(merge, seqs)`` without rebuilding each dictionary
    from scratch.  Each result is a new dictionary.

    >>> list(scan_dicts([{'a': 1}, {'b': 2}, {'a': 3}]))
    [{'a': 1}, {'a': 1, 'b': 2}, {'a': 3, 'b': 2}]

    >>> list(scan_dicts([{'b': 2}], initial={'a': 1}))
    [{'a': 1}, {'a': 1, 'b': 2}]

    See Also:
        accumulate
        merge
    """
    if initial is not no_default:
        if not isinstance(initial, Mapping):
            raise TypeError("initial must be a Mapping, got %s"
                            % type(initial).__name__)
        seqs = chain([initial], seqs)
    try:
        first, seqs = peek(seqs)
    except StopIteration:
        return
    rv = factory()
    for d in seqs:
        rv.update(d)
        result = factory()
        result.update(rv)
        yield result
