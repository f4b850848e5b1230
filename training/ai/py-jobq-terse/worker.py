import logging
import os
import signal
import socket
import threading
import time
import traceback

from jobq import Q

log = logging.getLogger("jobq")

_handlers = {}


def task(name):
    def deco(fn):
        _handlers[name] = fn
        return fn
    return deco


class Worker:
    def __init__(self, path, q="default", lease=30, idle=1.0):
        self.q = Q(path, q)
        self.lease = lease
        self.idle = idle
        self.id = f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident() % 10000}"
        self.stop = threading.Event()

    def _heartbeat(self, jid, done):
        hq = Q(self.q.db.execute("pragma database_list").fetchone()["file"], self.q.name)
        while not done.wait(self.lease / 3):
            if not hq.extend(jid, self.id, self.lease):
                log.warning("lost lease on %s", jid)
                return

    def run_one(self):
        j = self.q.take(self.id, self.lease)
        if not j:
            return False
        p = j["payload"]
        fn = _handlers.get(p.get("task"))
        if not fn:
            self.q.nack(j, self.id, f"no handler for {p.get('task')!r}", backoff=1)
            return True
        done = threading.Event()
        hb = threading.Thread(target=self._heartbeat, args=(j["id"], done), daemon=True)
        hb.start()
        t0 = time.monotonic()
        try:
            fn(**p.get("args", {}))
        except Exception as e:
            again = self.q.nack(j, self.id, "".join(traceback.format_exception(e)))
            log.error("%s %s failed (try %d%s): %s", p["task"], j["id"][:8], j["tries"],
                      "" if again else ", dead", e)
        else:
            self.q.ack(j["id"], self.id)
            log.info("%s %s ok in %.2fs", p["task"], j["id"][:8], time.monotonic() - t0)
        finally:
            done.set()
            hb.join()
        return True

    def run(self):
        for s in (signal.SIGINT, signal.SIGTERM):
            signal.signal(s, lambda *_: self.stop.set())
        log.info("worker %s on %s", self.id, self.q.name)
        while not self.stop.is_set():
            if not self.run_one():
                self.stop.wait(self.idle)
        log.info("worker %s stopped", self.id)


@task("send_email")
def send_email(to, subject, body=""):
    if "@" not in to:
        raise ValueError(f"bad address {to!r}")
    log.info("mail to=%s subject=%s (%d bytes)", to, subject, len(body))


@task("resize")
def resize(path, w, h):
    from PIL import Image
    with Image.open(path) as im:
        im.thumbnail((w, h))
        root, ext = os.path.splitext(path)
        im.save(f"{root}_{w}x{h}{ext}")


if __name__ == "__main__":
    import sys
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    Worker(sys.argv[1] if len(sys.argv) > 1 else "jobs.db").run()
