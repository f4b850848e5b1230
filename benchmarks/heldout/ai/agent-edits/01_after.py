#!/usr/bin/env python
# inv - tiny parts inventory for the workshop
# data lives in ~/.inv.json
#
#   inv ls [--json] [filter]
#   inv add NAME QTY [BIN]
#   inv take NAME [N]
#   inv rm NAME

import sys, os, json
import time

DB = os.path.expanduser(os.environ.get('INV_DB', '~/.inv.json'))
LOW = 3   # warn when qty drops below this


def load():
    if not os.path.exists(DB):
        return {}
    f = open(DB)
    try:
        return json.load(f)
    finally:
        f.close()


def save(d):
    tmp = DB + '.tmp'
    f = open(tmp, 'w')
    json.dump(d, f, indent=1, sort_keys=True)
    f.close()
    os.rename(tmp, DB)


def die(msg):
    sys.stderr.write('inv: %s\n' % msg)
    sys.exit(1)


def cmd_ls(d, args):
    as_json = '--json' in args
    args = [a for a in args if a != '--json']
    pat = args[0].lower() if args else None
    names = sorted(d)
    if pat:
        names = [n for n in names if pat in n.lower()]
    if as_json:
        print_json(d, names)
        return
    if not names:
        print('(nothing)')
        return
    w = max(len(n) for n in names)
    for n in names:
        it = d[n]
        flag = ''
        if it['qty'] < LOW:
            flag = '  <-- low'
        print('%-*s %5d  %s%s' % (w, n, it['qty'], it.get('bin', '-'), flag))


def print_json(d, names):
    """Print the selected parts as a JSON array, one object per part.

    Each object has name, qty, bin (or null), low (bool) and updated
    (Unix timestamp or null), so the output is easy to feed into jq.
    """
    rows = []
    for n in names:
        it = d[n]
        rows.append({
            'name': n,
            'qty': it['qty'],
            'bin': it.get('bin'),
            'low': it['qty'] < LOW,
            'updated': it.get('t'),
        })
    json.dump(rows, sys.stdout, indent=2)
    sys.stdout.write('\n')


def cmd_add(d, args):
    if len(args) < 2:
        die('usage: inv add NAME QTY [BIN]')
    name = args[0]
    try:
        q = int(args[1])
    except ValueError:
        die('bad qty: ' + args[1])
    it = d.setdefault(name, {'qty': 0})
    it['qty'] += q
    if len(args) > 2:
        it['bin'] = args[2]
    it['t'] = int(time.time())
    save(d)
    print('%s: %d' % (name, it['qty']))


def cmd_take(d, args):
    if not args:
        die('usage: inv take NAME [N]')
    name = args[0]
    n = 1
    if len(args) > 1:
        n = int(args[1])
    if name not in d:
        die('no such part: ' + name)
    it = d[name]
    if it['qty'] < n:
        die('only %d left' % it['qty'])
    it['qty'] -= n
    it['t'] = int(time.time())
    save(d)
    print('%s: %d left' % (name, it['qty']))
    if it['qty'] < LOW:
        print('  (running low, reorder?)')


def cmd_rm(d, args):
    # TODO confirm?
    for name in args:
        if d.pop(name, None) is None:
            print('no such part: ' + name)
    save(d)


cmds = {
    'ls': cmd_ls, 'list': cmd_ls,
    'add': cmd_add,
    'take': cmd_take,
    'rm': cmd_rm,
}


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        die('usage: inv ls|add|take|rm ...')
    d = load()
    cmds[sys.argv[1]](d, sys.argv[2:])


if __name__ == '__main__':
    main()
