import sys
from datetime import datetime, timedelta

from ivset import IvSet

FMT = "%H:%M"


def hm(s):
    t = datetime.strptime(s.strip(), FMT)
    return t.hour * 60 + t.minute


def fmt(m):
    return "%02d:%02d" % divmod(m, 60)


def parse(lines):
    cal = {}
    for ln in lines:
        ln = ln.split("#", 1)[0].strip()
        if not ln:
            continue
        who, span = ln.split(None, 1)
        a, b = span.split("-")
        cal.setdefault(who, IvSet()).add(hm(a), hm(b))
    return cal


def free(cal, day=(9 * 60, 17 * 60), need=30):
    busy = IvSet()
    for s in cal.values():
        busy = busy | s
    return [(a, b) for a, b in busy.gaps(*day) if b - a >= need]


def main(argv):
    need = int(argv[1]) if len(argv) > 1 else 30
    cal = parse(sys.stdin)
    if not cal:
        print("no entries", file=sys.stderr)
        return 1
    for who, s in sorted(cal.items()):
        print("%-10s busy %s" % (who, timedelta(minutes=s.total())))
    slots = free(cal, need=need)
    if not slots:
        print("no common slot >= %d min" % need)
        return 2
    for a, b in slots:
        print("free %s-%s (%d min)" % (fmt(a), fmt(b), b - a))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
