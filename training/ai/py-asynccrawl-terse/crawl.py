import argparse
import asyncio
import json
import logging
import re
import sys
import time
import urllib.robotparser
from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import aiohttp

log = logging.getLogger("crawl")
SKIP_EXT = re.compile(r"\.(?:png|jpe?g|gif|svg|webp|ico|pdf|zip|gz|mp4|mp3|css|js|woff2?)$", re.I)


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.title, self._in_title = [], "", False

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            a = dict(attrs)
            if (h := a.get("href")) and "nofollow" not in (a.get("rel") or ""):
                self.hrefs.append(h)
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, d):
        if self._in_title:
            self.title += d


def norm(base, href):
    u, _ = urldefrag(urljoin(base, href.strip()))
    p = urlsplit(u)
    if p.scheme not in ("http", "https") or SKIP_EXT.search(p.path):
        return None
    return p._replace(netloc=p.netloc.lower(), path=p.path or "/").geturl()


class Crawler:
    def __init__(
        self, roots, max_pages=500, conc=8, per_host=2, delay=0.25, same_host=True, ua="minicrawl/0.1"
    ):
        self.roots = [norm(r, r) for r in roots]
        self.hosts = {urlsplit(r).netloc for r in self.roots}
        self.max_pages, self.conc, self.delay, self.same_host, self.ua = max_pages, conc, delay, same_host, ua
        self.q = asyncio.Queue()
        self.seen = set()
        self.out = []
        self.host_sem = defaultdict(lambda: asyncio.Semaphore(per_host))
        self.host_last = defaultdict(float)
        self.robots = {}

    async def allowed(self, s, url):
        p = urlsplit(url)
        key = f"{p.scheme}://{p.netloc}"
        if key not in self.robots:
            rp = urllib.robotparser.RobotFileParser()
            try:
                async with s.get(key + "/robots.txt") as r:
                    rp.parse((await r.text()).splitlines() if r.status == 200 else [])
            except (aiohttp.ClientError, asyncio.TimeoutError):
                rp.parse([])
            self.robots[key] = rp
        return self.robots[key].can_fetch(self.ua, url)

    def enqueue(self, url, depth):
        if url and url not in self.seen and len(self.seen) < self.max_pages:
            if self.same_host and urlsplit(url).netloc not in self.hosts:
                return
            self.seen.add(url)
            self.q.put_nowait((url, depth))

    async def polite(self, host):
        wait = self.host_last[host] + self.delay - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        self.host_last[host] = time.monotonic()

    async def fetch(self, s, url, depth, max_depth):
        host = urlsplit(url).netloc
        rec = {"url": url, "depth": depth}
        if not await self.allowed(s, url):
            rec["skipped"] = "robots"
            return rec
        async with self.host_sem[host]:
            await self.polite(host)
            t0 = time.monotonic()
            try:
                async with s.get(url, allow_redirects=True) as r:
                    rec |= {
                        "status": r.status,
                        "final": str(r.url),
                        "ms": round((time.monotonic() - t0) * 1000),
                    }
                    ct = r.headers.get("content-type", "")
                    if r.status != 200 or "html" not in ct:
                        return rec
                    body = await r.text(errors="replace")
            except (aiohttp.ClientError, asyncio.TimeoutError) as e:
                rec["error"] = type(e).__name__
                return rec
        p = Links()
        try:
            p.feed(body)
        except Exception as e:  # broken markup shouldn't kill the worker
            log.debug("parse %s: %s", url, e)
        rec["title"] = " ".join(p.title.split())[:200]
        rec["links"] = len(p.hrefs)
        if depth < max_depth:
            for h in p.hrefs:
                self.enqueue(norm(str(rec.get("final", url)), h), depth + 1)
        return rec

    async def worker(self, s, max_depth):
        while True:
            url, depth = await self.q.get()
            try:
                rec = await self.fetch(s, url, depth, max_depth)
                self.out.append(rec)
                log.info("%s %s %s", rec.get("status", rec.get("error", rec.get("skipped"))), depth, url)
            finally:
                self.q.task_done()

    async def run(self, max_depth=3, timeout=15):
        for r in self.roots:
            self.enqueue(r, 0)
        to = aiohttp.ClientTimeout(total=timeout)
        async with aiohttp.ClientSession(timeout=to, headers={"User-Agent": self.ua}) as s:
            ws = [asyncio.create_task(self.worker(s, max_depth)) for _ in range(self.conc)]
            await self.q.join()
            for w in ws:
                w.cancel()
            await asyncio.gather(*ws, return_exceptions=True)
        return self.out


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("urls", nargs="+")
    ap.add_argument("-d", "--depth", type=int, default=2)
    ap.add_argument("-n", "--max-pages", type=int, default=200)
    ap.add_argument("-c", "--concurrency", type=int, default=8)
    ap.add_argument("--per-host", type=int, default=2)
    ap.add_argument("--delay", type=float, default=0.25)
    ap.add_argument("--any-host", action="store_true")
    ap.add_argument("-o", "--out", type=argparse.FileType("w"), default=sys.stdout)
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if a.verbose else logging.WARNING, format="%(message)s", stream=sys.stderr
    )

    c = Crawler(a.urls, a.max_pages, a.concurrency, a.per_host, a.delay, not a.any_host)
    t0 = time.monotonic()
    recs = asyncio.run(c.run(a.depth))
    for r in sorted(recs, key=lambda r: (r["depth"], r["url"])):
        a.out.write(json.dumps(r) + "\n")
    bad = sum(1 for r in recs if r.get("error") or r.get("status", 200) >= 400)
    print(f"{len(recs)} pages, {bad} failed, {time.monotonic() - t0:.1f}s", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
