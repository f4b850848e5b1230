import json
import sqlite3
import time
import uuid

SCHEMA = """
create table if not exists jobs (
  id text primary key,
  q text not null,
  payload text not null,
  state text not null default 'ready',
  prio int not null default 0,
  tries int not null default 0,
  max_tries int not null default 5,
  run_at real not null,
  lease_until real,
  worker text,
  err text,
  created real not null,
  done_at real
);
create index if not exists jobs_pick on jobs(q, state, run_at, prio);
"""


class Q:
    def __init__(self, path, name="default"):
        self.db = sqlite3.connect(path, isolation_level=None, timeout=30)
        self.db.row_factory = sqlite3.Row
        self.db.execute("pragma journal_mode=wal")
        self.db.executescript(SCHEMA)
        self.name = name

    def put(self, payload, delay=0, prio=0, max_tries=5, id=None):
        now = time.time()
        id = id or uuid.uuid4().hex
        self.db.execute(
            "insert or ignore into jobs(id,q,payload,prio,max_tries,run_at,created) values(?,?,?,?,?,?,?)",
            (id, self.name, json.dumps(payload), prio, max_tries, now + delay, now),
        )
        return id

    def take(self, worker, lease=30):
        now = time.time()
        self.db.execute("begin immediate")
        try:
            r = self.db.execute(
                """select * from jobs where q=? and run_at<=? and
                   (state='ready' or (state='running' and lease_until<?))
                   order by prio desc, run_at limit 1""",
                (self.name, now, now),
            ).fetchone()
            if not r:
                self.db.execute("commit")
                return None
            self.db.execute(
                "update jobs set state='running', tries=tries+1, lease_until=?, worker=? where id=?",
                (now + lease, worker, r["id"]),
            )
            self.db.execute("commit")
        except BaseException:
            self.db.execute("rollback")
            raise
        d = dict(r)
        d["payload"] = json.loads(d["payload"])
        d["tries"] += 1
        return d

    def ack(self, id, worker):
        c = self.db.execute(
            "update jobs set state='done', done_at=?, lease_until=null where id=? and worker=? and state='running'",
            (time.time(), id, worker),
        )
        return c.rowcount == 1

    def nack(self, job, worker, err, backoff=2.0, cap=3600):
        dead = job["tries"] >= job["max_tries"]
        wait = min(cap, backoff ** job["tries"])
        self.db.execute(
            """update jobs set state=?, err=?, run_at=?, lease_until=null
               where id=? and worker=? and state='running'""",
            ("dead" if dead else "ready", str(err)[:2000], time.time() + wait, job["id"], worker),
        )
        return not dead

    def extend(self, id, worker, lease=30):
        c = self.db.execute(
            "update jobs set lease_until=? where id=? and worker=? and state='running'",
            (time.time() + lease, id, worker),
        )
        return c.rowcount == 1

    def stats(self):
        rows = self.db.execute("select state, count(*) n from jobs where q=? group by state", (self.name,))
        return {r["state"]: r["n"] for r in rows}

    def retry_dead(self):
        return self.db.execute(
            "update jobs set state='ready', tries=0, run_at=? where q=? and state='dead'",
            (time.time(), self.name),
        ).rowcount

    def purge(self, older=7 * 86400):
        return self.db.execute(
            "delete from jobs where q=? and state='done' and done_at<?",
            (self.name, time.time() - older),
        ).rowcount
