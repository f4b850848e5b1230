from __future__ import annotations

import argparse
import asyncio
import itertools
import logging
import signal
import time
from dataclasses import dataclass, field

log = logging.getLogger("proxy")


@dataclass
class Upstream:
    host: str
    port: int
    fails: int = 0
    down_until: float = 0.0
    active: int = 0

    @property
    def ok(self) -> bool:
        return time.monotonic() >= self.down_until

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass
class Stats:
    conns: int = 0
    open: int = 0
    up: int = 0
    down: int = 0
    errs: int = 0
    started: float = field(default_factory=time.monotonic)

    def line(self) -> str:
        t = time.monotonic() - self.started
        return (
            f"conns={self.conns} open={self.open} errs={self.errs} "
            f"tx={self.up} rx={self.down} uptime={t:.0f}s"
        )


class Pool:
    def __init__(self, ups: list[Upstream], max_fails=3, cooldown=10.0):
        self.ups = ups
        self.max_fails, self.cooldown = max_fails, cooldown
        self._rr = itertools.cycle(range(len(ups)))

    def pick(self) -> Upstream | None:
        live = [u for u in self.ups if u.ok]
        if not live:
            return None
        lo = min(u.active for u in live)
        for _ in range(len(self.ups)):
            u = self.ups[next(self._rr)]
            if u.ok and u.active == lo:
                return u
        return live[0]

    def fail(self, u: Upstream) -> None:
        u.fails += 1
        if u.fails >= self.max_fails:
            u.down_until = time.monotonic() + self.cooldown
            u.fails = 0
            log.warning("upstream %s marked down for %.0fs", u, self.cooldown)

    def good(self, u: Upstream) -> None:
        u.fails = 0


async def pipe(r: asyncio.StreamReader, w: asyncio.StreamWriter, st: Stats, up: bool):
    try:
        while b := await r.read(65536):
            w.write(b)
            await w.drain()
            if up:
                st.up += len(b)
            else:
                st.down += len(b)
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        if w.can_write_eof():
            try:
                w.write_eof()
            except OSError:
                pass


class Proxy:
    def __init__(self, pool: Pool, connect_timeout=3.0, idle=300.0):
        self.pool, self.ct, self.idle = pool, connect_timeout, idle
        self.st = Stats()
        self._tasks: set[asyncio.Task] = set()

    async def handle(self, cr: asyncio.StreamReader, cw: asyncio.StreamWriter):
        self.st.conns += 1
        self.st.open += 1
        peer = cw.get_extra_info("peername")
        u = None
        try:
            for _ in range(len(self.pool.ups)):
                if (u := self.pool.pick()) is None:
                    break
                try:
                    ur, uw = await asyncio.wait_for(
                        asyncio.open_connection(u.host, u.port), self.ct
                    )
                    self.pool.good(u)
                    break
                except (OSError, asyncio.TimeoutError) as e:
                    log.info("connect %s failed: %s", u, e)
                    self.pool.fail(u)
                    u = None
            if u is None:
                self.st.errs += 1
                return
            log.debug("%s -> %s", peer, u)
            u.active += 1
            try:
                await asyncio.wait_for(
                    asyncio.gather(
                        pipe(cr, uw, self.st, True), pipe(ur, cw, self.st, False)
                    ),
                    self.idle,
                )
            except asyncio.TimeoutError:
                log.info("%s idle timeout", peer)
            finally:
                u.active -= 1
                uw.close()
        finally:
            self.st.open -= 1
            cw.close()

    def _spawn(self, cr, cw):
        t = asyncio.create_task(self.handle(cr, cw))
        self._tasks.add(t)
        t.add_done_callback(self._tasks.discard)

    async def report(self, every: float):
        while True:
            await asyncio.sleep(every)
            log.info(self.st.line())

    async def serve(self, host: str, port: int, report_every=30.0):
        srv = await asyncio.start_server(self._spawn, host, port)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for s in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(s, stop.set)
            except NotImplementedError:
                pass
        rep = asyncio.create_task(self.report(report_every))
        log.info(
            "listening on %s", ", ".join(str(s.getsockname()) for s in srv.sockets)
        )
        async with srv:
            await stop.wait()
        rep.cancel()
        if self._tasks:
            log.info("draining %d connections", len(self._tasks))
            _, pending = await asyncio.wait(self._tasks, timeout=5)
            for t in pending:
                t.cancel()
        log.info(self.st.line())


def hp(s: str) -> tuple[str, int]:
    h, _, p = s.rpartition(":")
    return h or "127.0.0.1", int(p)


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("listen", type=hp)
    ap.add_argument("upstream", nargs="+", type=hp)
    ap.add_argument("--max-fails", type=int, default=3)
    ap.add_argument("--cooldown", type=float, default=10)
    ap.add_argument("--idle", type=float, default=300)
    ap.add_argument("-v", action="count", default=0)
    a = ap.parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING - 10 * min(a.v, 2),
        format="%(asctime)s %(levelname)s %(message)s",
    )
    pool = Pool([Upstream(h, p) for h, p in a.upstream], a.max_fails, a.cooldown)
    asyncio.run(Proxy(pool, idle=a.idle).serve(*a.listen))


if __name__ == "__main__":
    main()
