import argparse
import json
import sys

from kv import Cache


def main(argv=None):
    p = argparse.ArgumentParser(prog="kvc")
    p.add_argument("--db", default="cache.db")
    sp = p.add_subparsers(dest="cmd", required=True)
    g = sp.add_parser("get")
    g.add_argument("key")
    s = sp.add_parser("set")
    s.add_argument("key")
    s.add_argument("value")
    s.add_argument("--ttl", type=float)
    s.add_argument("--json", action="store_true")
    d = sp.add_parser("del")
    d.add_argument("key")
    sp.add_parser("purge")
    sp.add_parser("stats")
    a = p.parse_args(argv)

    with Cache(a.db) as c:
        match a.cmd:
            case "get":
                v = c.get(a.key, None)
                if v is None:
                    return 1
                print(v if isinstance(v, str) else json.dumps(v))
            case "set":
                c.set(a.key, json.loads(a.value) if a.json else a.value, a.ttl)
            case "del":
                return 0 if c.delete(a.key) else 1
            case "purge":
                print(c.purge())
            case "stats":
                json.dump(c.stats(), sys.stdout)
                print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
