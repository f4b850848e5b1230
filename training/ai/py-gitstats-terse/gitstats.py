#!/usr/bin/env python3
import argparse
import collections
import datetime as dt
import re
import subprocess
import sys

SEP = "\x1e"
FMT = f"{SEP}%H%x1f%an%x1f%ae%x1f%at%x1f%s"
NUM = re.compile(r"^(\d+|-)\t(\d+|-)\t(.+)$")
RENAME = re.compile(r"\{([^{}]*) => ([^{}]*)\}")


def git(*a, cwd=None):
    r = subprocess.run(["git", *a], cwd=cwd, capture_output=True, text=True)
    if r.returncode:
        sys.exit(f"git {' '.join(a)}: {r.stderr.strip()}")
    return r.stdout


def fix_path(p):
    if " => " not in p:
        return p
    if "{" in p:
        return RENAME.sub(lambda m: m[2], p).replace("//", "/")
    return p.split(" => ", 1)[1]


def commits(repo, rev="HEAD", since=None, paths=()):
    a = ["log", "--no-merges", "--numstat", f"--format={FMT}", rev]
    if since:
        a.insert(1, f"--since={since}")
    if paths:
        a += ["--", *paths]
    for chunk in git(*a, cwd=repo).split(SEP)[1:]:
        head, *rest = chunk.strip("\n").split("\n")
        h, name, mail, ts, subj = head.split("\x1f", 4)
        files = []
        for ln in rest:
            if m := NUM.match(ln):
                add, rm, p = m.groups()
                files.append(
                    (
                        fix_path(p),
                        0 if add == "-" else int(add),
                        0 if rm == "-" else int(rm),
                    )
                )
        yield dict(h=h, who=name, mail=mail.lower(), t=int(ts), s=subj, files=files)


def summarize(cs, top=10, aliases=None):
    aliases = aliases or {}
    by_who = collections.defaultdict(lambda: [0, 0, 0])
    by_file = collections.Counter()
    churn = collections.Counter()
    by_dow = collections.Counter()
    by_hour = collections.Counter()
    first = last = None
    n = 0
    for c in cs:
        n += 1
        who = aliases.get(c["mail"], c["who"])
        w = by_who[who]
        w[0] += 1
        t = dt.datetime.fromtimestamp(c["t"])
        by_dow[t.strftime("%a")] += 1
        by_hour[t.hour] += 1
        first = t if first is None or t < first else first
        last = t if last is None or t > last else last
        for p, a, r in c["files"]:
            w[1] += a
            w[2] += r
            by_file[p] += 1
            churn[p] += a + r
    return dict(
        n=n,
        span=(first, last),
        authors=sorted(by_who.items(), key=lambda kv: -kv[1][0])[:top],
        hot=by_file.most_common(top),
        churn=churn.most_common(top),
        dow=by_dow,
        hour=by_hour,
    )


def bar(v, mx, w=30):
    return "#" * (round(w * v / mx) if mx else 0)


def render(s, out=sys.stdout):
    p = lambda *a: print(*a, file=out)
    if not s["n"]:
        p("no commits")
        return
    a, b = s["span"]
    p(f"{s['n']} commits, {a:%Y-%m-%d} .. {b:%Y-%m-%d} ({(b - a).days + 1} days)\n")
    p("authors")
    wn = max(len(k) for k, _ in s["authors"])
    for k, (c, add, rm) in s["authors"]:
        p(f"  {k:<{wn}}  {c:>6}  +{add:<8} -{rm}")
    p("\nmost changed files")
    for f, c in s["hot"]:
        p(f"  {c:>6}  {f}")
    p("\nchurn (lines)")
    for f, c in s["churn"]:
        p(f"  {c:>8}  {f}")
    p("\nday of week")
    mx = max(s["dow"].values())
    for d in "Mon Tue Wed Thu Fri Sat Sun".split():
        p(f"  {d}  {s['dow'][d]:>5} {bar(s['dow'][d], mx)}")
    p("\nhour")
    mx = max(s["hour"].values())
    for h in range(24):
        p(f"  {h:02}  {s['hour'][h]:>5} {bar(s['hour'][h], mx)}")


def load_mailmap(path):
    m = {}
    if not path:
        return m
    with open(path) as f:
        for ln in f:
            if (ln := ln.split("#", 1)[0].strip()) and "=" in ln:
                mail, name = (x.strip() for x in ln.split("=", 1))
                m[mail.lower()] = name
    return m


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("repo", nargs="?", default=".")
    ap.add_argument("--rev", default="HEAD")
    ap.add_argument("--since")
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--aliases", help="file of 'mail = Name' lines")
    ap.add_argument("paths", nargs="*")
    a = ap.parse_args(argv)
    render(
        summarize(
            commits(a.repo, a.rev, a.since, a.paths), a.top, load_mailmap(a.aliases)
        )
    )


if __name__ == "__main__":
    main()
