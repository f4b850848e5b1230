"""WorkspaceIndex is written from two threads at once: the index thread (build) and the
event loop (add on saves and disk writes), while the loop reads it (candidates).

Under CPython 3.11 a plain stress test almost never catches the id race (len() and
list.append are specialised and do not let another thread in between them), so the
first three tests force the thread switch: a pause at the racy step lets a second writer
run there. Without the index's lock the second writer gets in and the check fails every
time; with it, it waits. The last test is a real many-thread run: it seldom catches the
races by itself, but it checks that the locked index stays whole (no deadlock, no lost
update) under real contention.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from provmark.core.lines import normalize
from provmark.core.writes import line_keys
from provmark.sources.workspace_index import WorkspaceIndex

PAUSE_S = 0.2
SHARED = "result = combine(first_value, second_value, third_value)"


class Pause:
    """Its first call says so (`inside`) and sleeps, letting another thread run."""

    def __init__(self) -> None:
        self.inside = threading.Event()

    def __call__(self) -> None:
        if not self.inside.is_set():
            self.inside.set()
            time.sleep(PAUSE_S)


def race(first: Callable[[], None], second: Callable[[], None], pause: Pause) -> None:
    """Run `first` until it pauses, then `second` beside it; wait for both."""
    errors: list[BaseException] = []

    def guarded(fn: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                fn()
            except BaseException as e:
                errors.append(e)

        return run

    a = threading.Thread(target=guarded(first))
    a.start()
    assert pause.inside.wait(5), "the first writer never reached the racy step"
    b = threading.Thread(target=guarded(second))
    b.start()
    a.join()
    b.join()
    assert errors == []


def unique_line(rel: str) -> str:
    return f"value_{rel.replace('/', '_').replace('.', '_')} = compute_something_for({rel!r}, 12345)"


def file_lines(rel: str) -> list[str]:
    return [unique_line(rel), SHARED, *(f"    step_{i}(argument_number_{i}, {rel!r})" for i in range(20))]


def assert_consistent(index: WorkspaceIndex, rels: list[str]) -> None:
    """Each file has its own id, names itself, and is found by a line only it holds."""
    ids = index._ids
    assert sorted(ids) == sorted(rels)
    assert len(set(ids.values())) == len(rels), f"two files share an id: {ids}"
    assert len(index._files) == len(rels)
    for rel in rels:
        assert index._files[ids[rel]] == rel
    for rel in rels:
        assert index.candidates([normalize(unique_line(rel))]) == (1.0, [rel])


def test_file_ids_are_handed_out_atomically() -> None:
    """Two new files at once: the id is the table's length, then the path is appended;
    a second writer between the two took the same id (and _files went out of step)."""
    index = WorkspaceIndex(None)
    pause = Pause()

    class SlowLen(list[str]):
        def __len__(self) -> int:
            n = super().__len__()
            pause()  # between reading the next id and appending the path
            return n

    index._files = SlowLen()
    race(lambda: index.add("a.py", file_lines("a.py")), lambda: index.add("b.py", file_lines("b.py")), pause)
    assert_consistent(index, ["a.py", "b.py"])
    assert index.candidates([normalize(SHARED)]) == (1.0, [])


def test_a_line_two_files_add_at_once_belongs_to_neither() -> None:
    """Each line is looked up, then written: a second writer between the two made a line
    both files hold look as if only the first one held it."""
    index = WorkspaceIndex(None)
    pause = Pause()

    class SlowGet(dict[int, int]):
        def get(self, key: int, default: int | None = None) -> int | None:  # type: ignore[override]
            found = super().get(key, default)
            pause()  # between looking the line up and writing its owner
            return found

    index._lines = SlowGet()
    same = [SHARED, *(f"    shared_step_{i}(argument_number_{i})" for i in range(10))]
    race(lambda: index.add("a.py", same), lambda: index.add("b.py", same), pause)
    for line in same:
        assert index.candidates([normalize(line)]) == (1.0, []), line


def test_snapshot_keys_and_stat_stay_paired() -> None:
    """Snapshots.set writes the keys, then the stat: a second writer between the two
    left a file's keys paired with another read's size and time."""
    index = WorkspaceIndex(None)
    snapshots = index.snapshots
    pause = Pause()

    class SlowStat(dict[str, tuple[int, int]]):
        def __setitem__(self, key: str, value: tuple[int, int]) -> None:
            pause()  # between the keys and the stat
            super().__setitem__(key, value)

    snapshots._stat = SlowStat()
    first, second = ["a = 1"], ["b = 2"]
    race(lambda: snapshots.set("x.py", first, (1, 1)), lambda: snapshots.set("x.py", second, (2, 2)), pause)
    assert (snapshots.get("x.py"), snapshots.stat("x.py")) in (
        (line_keys(first), (1, 1)),
        (line_keys(second), (2, 2)),
    )


@pytest.fixture
def fast_switching() -> Iterator[None]:
    """Switch threads as often as CPython allows, so that unlocked interleavings show."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


@pytest.mark.usefixtures("fast_switching")
def test_many_threads_adding_at_once() -> None:
    threads, per_thread = 8, 25
    index = WorkspaceIndex(None)
    rels = [[f"t{t}/f{i}.py" for i in range(per_thread)] for t in range(threads)]

    def pair_line(t: int, i: int) -> str:
        return f"pair_{t // 2}_{i} = shared_by_two_files(first_argument, second_argument)"

    start = threading.Barrier(threads)
    errors: list[BaseException] = []

    def work(t: int) -> None:
        try:
            start.wait()
            for i, rel in enumerate(rels[t]):
                # Files t and t^1 share a line, added by two threads at about the same time.
                index.add(rel, [*file_lines(rel), pair_line(t, i)])
        except BaseException as e:
            errors.append(e)

    workers = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    assert_consistent(index, [rel for mine in rels for rel in mine])
    assert index.candidates([normalize(SHARED)]) == (1.0, [])
    for t in range(0, threads, 2):
        for i in range(per_thread):
            assert index.candidates([normalize(pair_line(t, i))]) == (1.0, [])
    assert len(index.snapshots) == threads * per_thread
