import random

from busy import free, parse
from ivset import IvSet


def brute(ops, n=60):
    m = [False] * n
    for op, a, b in ops:
        for x in range(a, b):
            m[x] = op == "+"
    return m


def run(seed):
    rnd = random.Random(seed)
    s, ops = IvSet(), []
    for _ in range(40):
        a = rnd.randrange(60)
        b = rnd.randrange(a, 61)
        op = rnd.choice("+-")
        ops.append((op, a, b))
        (s.add if op == "+" else s.remove)(a, b)
    m = brute(ops)
    assert [x in s for x in range(60)] == m, (seed, s)
    assert s.total() == sum(m)
    for (a, b), (c, d) in zip(s, list(s)[1:]):
        assert a < b < c < d
    g = IvSet(s.gaps(0, 60))
    assert (g | s) == IvSet([(0, 60)]) or not s
    assert len(g & s) == 0


def main():
    for i in range(300):
        run(i)
    s = IvSet([(0, 10), (20, 30)])
    assert s.overlapping(5, 25) == [(5, 10), (20, 25)]
    assert s.covers(2, 8) and not s.covers(8, 22)
    assert (s - IvSet([(5, 25)])) == IvSet([(0, 5), (25, 30)])
    assert IvSet().gaps(0, 5) == [(0, 5)]
    cal = parse(["ann 09:00-10:30", "bob 10:00-12:00 # standup", "ann 13:00-16:45", ""])
    assert free(cal) == [(12 * 60, 13 * 60)], free(cal)
    assert free(cal, need=15) == [(720, 780), (1005, 1020)]
    print("ok")


if __name__ == "__main__":
    main()
