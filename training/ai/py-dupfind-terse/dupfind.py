from __future__ import annotations

import argparse
import fnmatch
import hashlib
import os
import stat
import sys
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterable, Iterator

HEAD = 4096
BUF = 1 << 20


def walk(
    roots: Iterable[Path], skip: list[str], min_size: int
) -> Iterator[tuple[Path, os.stat_result]]:
    seen: set[tuple[int, int]] = set()
    for root in roots:
        for d, dirs, files in os.walk(root):
            dirs[:] = [x for x in dirs if not any(fnmatch.fnmatch(x, p) for p in skip)]
            for f in files:
                if any(fnmatch.fnmatch(f, p) for p in skip):
                    continue
                p = Path(d, f)
                try:
                    st = p.lstat()
                except OSError:
                    continue
                if not stat.S_ISREG(st.st_mode) or st.st_size < min_size:
                    continue
                if (st.st_dev, st.st_ino) in seen:
                    continue
                seen.add((st.st_dev, st.st_ino))
                yield p, st


def digest(p: Path, limit: int | None = None) -> bytes | None:
    h = hashlib.blake2b(digest_size=20)
    try:
        with p.open("rb") as f:
            if limit:
                h.update(f.read(limit))
            else:
                while b := f.read(BUF):
                    h.update(b)
    except OSError:
        return None
    return h.digest()


def refine(
    groups: Iterable[list[Path]], limit: int | None, jobs: int
) -> list[list[Path]]:
    out = []
    with ThreadPoolExecutor(jobs) as ex:
        for g in groups:
            by: dict[bytes, list[Path]] = defaultdict(list)
            for p, d in zip(g, ex.map(lambda q: digest(q, limit), g)):
                if d is not None:
                    by[d].append(p)
            out += [v for v in by.values() if len(v) > 1]
    return out


def find(roots, skip=(), min_size=1, jobs=4):
    by_size: dict[int, list[Path]] = defaultdict(list)
    for p, st in walk(roots, list(skip), min_size):
        by_size[st.st_size].append(p)
    g = [v for v in by_size.values() if len(v) > 1]
    small = [v for v in g if v[0].stat().st_size <= HEAD]
    big = [v for v in g if v[0].stat().st_size > HEAD]
    return refine(small, None, jobs) + refine(refine(big, HEAD, jobs), None, jobs)


def human(n: float) -> str:
    for u in "B KiB MiB GiB TiB".split():
        if n < 1024:
            return f"{n:.0f} {u}" if u == "B" else f"{n:.1f} {u}"
        n /= 1024
    return f"{n:.1f} PiB"


def act(groups, mode: str, dry: bool) -> int:
    freed = 0
    for g in groups:
        keep, *rest = sorted(g, key=lambda p: (len(p.parts), str(p)))
        for p in rest:
            sz = p.stat().st_size
            if mode == "delete":
                print(f"rm {p}")
                if not dry:
                    p.unlink()
            elif mode == "link":
                print(f"ln {keep} {p}")
                if not dry:
                    tmp = p.with_name(p.name + ".dupfind-tmp")
                    os.link(keep, tmp)
                    os.replace(tmp, p)
            freed += sz
    return freed


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="find duplicate files")
    ap.add_argument("roots", nargs="+", type=Path)
    ap.add_argument(
        "-x", "--exclude", action="append", default=[".git", "node_modules"]
    )
    ap.add_argument("-m", "--min-size", type=int, default=1)
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 4)
    ap.add_argument("--delete", action="store_const", const="delete", dest="mode")
    ap.add_argument("--link", action="store_const", const="link", dest="mode")
    ap.add_argument("-n", "--dry-run", action="store_true")
    ap.add_argument("-0", "--null", action="store_true")
    a = ap.parse_args(argv)

    groups = find(a.roots, a.exclude, a.min_size, a.jobs)
    groups.sort(key=lambda g: -g[0].stat().st_size * (len(g) - 1))
    if a.mode:
        freed = act(groups, a.mode, a.dry_run)
        print(
            f"{'would free' if a.dry_run else 'freed'} {human(freed)}", file=sys.stderr
        )
        return 0
    end = "\0" if a.null else "\n"
    waste = 0
    for g in groups:
        sz = g[0].stat().st_size
        waste += sz * (len(g) - 1)
        if not a.null:
            print(f"# {len(g)} x {human(sz)}")
        for p in g:
            sys.stdout.write(f"{p}{end}")
        if not a.null:
            print()
    print(f"{len(groups)} groups, {human(waste)} reclaimable", file=sys.stderr)
    return 1 if groups else 0


if __name__ == "__main__":
    sys.exit(main())
