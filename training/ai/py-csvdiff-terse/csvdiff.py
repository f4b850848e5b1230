import csv
import sys
import argparse
from collections import namedtuple

from norm import normalizer, parse_cols

Diff = namedtuple("Diff", "added removed changed")


def load(path, key, norm, delim):
    rows = {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        r = csv.DictReader(f, delimiter=delim)
        missing = [k for k in key if k not in r.fieldnames]
        if missing:
            sys.exit(f"{path}: no column(s) {', '.join(missing)}")
        for i, row in enumerate(r, 2):
            k = tuple(row[c].strip() for c in key)
            if k in rows:
                print(f"warn: {path}:{i} duplicate key {k}", file=sys.stderr)
            rows[k] = {c: norm(c, v) for c, v in row.items() if c is not None}
    return rows


def diff(a, b, ignore=()):
    ak, bk = a.keys(), b.keys()
    added = sorted(bk - ak)
    removed = sorted(ak - bk)
    changed = []
    for k in sorted(ak & bk):
        ra, rb = a[k], b[k]
        d = {c: (ra.get(c), rb.get(c)) for c in ra.keys() | rb.keys()
             if c not in ignore and ra.get(c) != rb.get(c)}
        if d:
            changed.append((k, d))
    return Diff(added, removed, changed)


def fmt_key(k):
    return k[0] if len(k) == 1 else "|".join(k)


def report(d, out, limit):
    w = out.write
    for k in d.added[:limit]:
        w(f"+ {fmt_key(k)}\n")
    for k in d.removed[:limit]:
        w(f"- {fmt_key(k)}\n")
    for k, cols in d.changed[:limit]:
        w(f"~ {fmt_key(k)}\n")
        for c in sorted(cols):
            x, y = cols[c]
            w(f"    {c}: {x!r} -> {y!r}\n")
    n = max(len(d.added), len(d.removed), len(d.changed))
    if n > limit:
        w(f"... truncated at {limit}\n")
    w(f"{len(d.added)} added, {len(d.removed)} removed, {len(d.changed)} changed\n")


def write_csv(d, out):
    w = csv.writer(out)
    w.writerow(["op", "key", "column", "old", "new"])
    for k in d.added:
        w.writerow(["add", fmt_key(k), "", "", ""])
    for k in d.removed:
        w.writerow(["del", fmt_key(k), "", "", ""])
    for k, cols in d.changed:
        for c, (x, y) in sorted(cols.items()):
            w.writerow(["chg", fmt_key(k), c, x, y])


def main(argv=None):
    ap = argparse.ArgumentParser(prog="csvdiff")
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("-k", "--key", default="id")
    ap.add_argument("-i", "--ignore", default="")
    ap.add_argument("-d", "--delim", default=",")
    ap.add_argument("--num", default="", help="numeric cols, e.g. price:2,qty")
    ap.add_argument("--ci", action="store_true")
    ap.add_argument("--csv", action="store_true")
    ap.add_argument("-n", "--limit", type=int, default=50)
    a = ap.parse_args(argv)

    key = parse_cols(a.key)
    norm = normalizer(a.num, a.ci)
    old = load(a.old, key, norm, a.delim)
    new = load(a.new, key, norm, a.delim)
    d = diff(old, new, set(parse_cols(a.ignore)))
    if a.csv:
        write_csv(d, sys.stdout)
    else:
        report(d, sys.stdout, a.limit)
    return 1 if any(d) else 0


if __name__ == "__main__":
    sys.exit(main())
