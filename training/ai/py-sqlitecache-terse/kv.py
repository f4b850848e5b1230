import functools
import hashlib
import pickle
import sqlite3
import threading
import time
from contextlib import contextmanager

_MISS = object()

DDL = """
create table if not exists kv (
  k text primary key,
  v blob not null,
  exp real,
  hits integer not null default 0,
  at real not null
);
create index if not exists kv_exp on kv(exp);
"""


class Cache:
    def __init__(self, path=":memory:", ttl=None, max_items=None, clock=time.time):
        self.ttl, self.max, self.now = ttl, max_items, clock
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("pragma journal_mode=wal")
        self._db.executescript(DDL)
        self._lk = threading.RLock()

    @contextmanager
    def _tx(self):
        with self._lk:
            self._db.execute("begin immediate")
            try:
                yield self._db
            except BaseException:
                self._db.execute("rollback")
                raise
            else:
                self._db.execute("commit")

    def get(self, k, default=None):
        now = self.now()
        with self._tx() as db:
            r = db.execute("select v, exp from kv where k=?", (k,)).fetchone()
            if r is None:
                return default
            if r[1] is not None and r[1] <= now:
                db.execute("delete from kv where k=?", (k,))
                return default
            db.execute("update kv set hits=hits+1, at=? where k=?", (now, k))
        return pickle.loads(r[0])

    def set(self, k, v, ttl=_MISS):
        ttl = self.ttl if ttl is _MISS else ttl
        now = self.now()
        exp = now + ttl if ttl is not None else None
        blob = pickle.dumps(v, pickle.HIGHEST_PROTOCOL)
        with self._tx() as db:
            db.execute(
                "insert into kv(k, v, exp, at) values (?,?,?,?) "
                "on conflict(k) do update set v=excluded.v, exp=excluded.exp, at=excluded.at",
                (k, blob, exp, now),
            )
            if self.max:
                self._evict(db)

    def _evict(self, db):
        (n,) = db.execute("select count(*) from kv").fetchone()
        if n <= self.max:
            return
        db.execute("delete from kv where exp is not null and exp <= ?", (self.now(),))
        (n,) = db.execute("select count(*) from kv").fetchone()
        if n > self.max:
            db.execute(
                "delete from kv where k in (select k from kv order by at asc limit ?)",
                (n - self.max,),
            )

    def delete(self, k):
        with self._tx() as db:
            return db.execute("delete from kv where k=?", (k,)).rowcount > 0

    def purge(self):
        with self._tx() as db:
            return db.execute(
                "delete from kv where exp is not null and exp <= ?", (self.now(),)
            ).rowcount

    def clear(self):
        with self._tx() as db:
            db.execute("delete from kv")

    def __len__(self):
        with self._lk:
            return self._db.execute(
                "select count(*) from kv where exp is null or exp > ?", (self.now(),)
            ).fetchone()[0]

    def __contains__(self, k):
        return self.get(k, _MISS) is not _MISS

    def stats(self):
        with self._lk:
            n, h = self._db.execute(
                "select count(*), coalesce(sum(hits),0) from kv"
            ).fetchone()
        return {"items": n, "hits": h}

    def close(self):
        with self._lk:
            self._db.close()

    def __enter__(self):
        return self

    def __exit__(self, *a):
        self.close()


def _key(fn, a, kw):
    raw = pickle.dumps((fn.__module__, fn.__qualname__, a, sorted(kw.items())))
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def memo(cache, ttl=_MISS):
    def deco(fn):
        @functools.wraps(fn)
        def w(*a, **kw):
            k = _key(fn, a, kw)
            if (v := cache.get(k, _MISS)) is not _MISS:
                return v
            v = fn(*a, **kw)
            cache.set(k, v, ttl)
            return v

        w.cache = cache
        w.forget = lambda *a, **kw: cache.delete(_key(fn, a, kw))
        return w

    return deco
