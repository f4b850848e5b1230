from bisect import bisect_left, bisect_right


class IvSet:
    def __init__(self, ivs=()):
        self.s, self.e = [], []
        for a, b in ivs:
            self.add(a, b)

    def __len__(self):
        return len(self.s)

    def __iter__(self):
        return iter(zip(self.s, self.e))

    def __repr__(self):
        return "IvSet(%r)" % list(self)

    def __eq__(self, o):
        return isinstance(o, IvSet) and self.s == o.s and self.e == o.e

    def add(self, a, b):
        if a >= b:
            return
        i = bisect_left(self.e, a)
        j = bisect_right(self.s, b)
        if i < j:
            a = min(a, self.s[i])
            b = max(b, self.e[j - 1])
        self.s[i:j] = [a]
        self.e[i:j] = [b]

    def remove(self, a, b):
        if a >= b:
            return
        i = bisect_right(self.e, a)
        j = bisect_left(self.s, b)
        if i >= j:
            return
        ns, ne = [], []
        if self.s[i] < a:
            ns.append(self.s[i]); ne.append(a)
        if self.e[j - 1] > b:
            ns.append(b); ne.append(self.e[j - 1])
        self.s[i:j] = ns
        self.e[i:j] = ne

    def __contains__(self, x):
        i = bisect_right(self.s, x) - 1
        return i >= 0 and x < self.e[i]

    def covers(self, a, b):
        i = bisect_right(self.s, a) - 1
        return i >= 0 and b <= self.e[i]

    def overlapping(self, a, b):
        i = bisect_right(self.e, a)
        j = bisect_left(self.s, b)
        return [(max(a, self.s[k]), min(b, self.e[k])) for k in range(i, j)]

    def total(self):
        return sum(b - a for a, b in self)

    def gaps(self, lo=None, hi=None):
        if not self.s:
            return [] if lo is None or hi is None or lo >= hi else [(lo, hi)]
        lo = self.s[0] if lo is None else lo
        hi = self.e[-1] if hi is None else hi
        out, p = [], lo
        for a, b in self:
            if a > p:
                out.append((p, min(a, hi)))
            p = max(p, b)
            if p >= hi:
                break
        if p < hi:
            out.append((p, hi))
        return [g for g in out if g[0] < g[1]]

    def __or__(self, o):
        r = self.copy()
        for a, b in o:
            r.add(a, b)
        return r

    def __sub__(self, o):
        r = self.copy()
        for a, b in o:
            r.remove(a, b)
        return r

    def __and__(self, o):
        r = IvSet()
        for a, b in o:
            for x, y in self.overlapping(a, b):
                r.add(x, y)
        return r

    def copy(self):
        r = IvSet()
        r.s, r.e = self.s[:], self.e[:]
        return r
