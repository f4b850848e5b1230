"""Fetch and cache robots.txt files per origin.

RFC 9309 spells out how a crawler must react when robots.txt cannot be
fetched, and this module encodes those rules:

* 2xx: parse the body and obey it.
* 4xx (including 404): the site has no restrictions; everything is allowed.
* 5xx or a network error: assume a complete disallow until it recovers.

Results are cached for at most 24 hours, which the RFC recommends as an upper
bound, so that a crawler does not hit robots.txt before every request.
"""

from __future__ import annotations

import logging
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from robots import MAX_ROBOTS_BYTES, RobotsTxt

logger = logging.getLogger(__name__)

DEFAULT_TTL_SECONDS = 24 * 60 * 60
# Retry failed origins sooner than successful ones so a short outage does not
# block crawling for a whole day.
ERROR_TTL_SECONDS = 10 * 60

# A fetcher takes a URL and returns (HTTP status, body). Raising OSError means
# the server could not be reached at all.
Fetcher = Callable[[str], tuple[int, bytes]]

_ALLOW_ALL = RobotsTxt.parse("")
_DISALLOW_ALL = RobotsTxt.parse("User-agent: *\nDisallow: /\n")


def urllib_fetcher(user_agent: str, timeout: float = 10.0) -> Fetcher:
    """Create a fetcher backed by ``urllib.request`` (redirects are followed)."""

    def fetch(url: str) -> tuple[int, bytes]:
        request = urllib.request.Request(url, headers={"User-Agent": user_agent})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                # Read one byte past the limit only to know the file was truncated.
                body = response.read(MAX_ROBOTS_BYTES + 1)
                return response.status, body
        except urllib.error.HTTPError as exc:
            # HTTPError is also a response; its status code is what matters here.
            return exc.code, b""

    return fetch


@dataclass
class _Entry:
    rules: RobotsTxt
    expires_at: float


class RobotsCache:
    """Answer ``can_fetch`` for any URL, fetching each origin's robots.txt once.

    Args:
        user_agent: The crawler's User-Agent, used both for matching rules and
            (with the default fetcher) for the robots.txt request itself.
        fetcher: How to download a URL; defaults to ``urllib_fetcher``.
        clock: Monotonic time source, injectable for tests.
    """

    def __init__(
        self,
        user_agent: str,
        fetcher: Fetcher | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not user_agent.strip():
            raise ValueError("user_agent must not be empty")
        self.user_agent = user_agent
        self._fetch = fetcher or urllib_fetcher(user_agent)
        self._clock = clock
        self._entries: dict[str, _Entry] = {}

    @staticmethod
    def _origin(url: str) -> str:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an absolute http(s) URL: {url!r}")
        # Ports are part of the origin: example.com:8080 has its own robots.txt.
        return f"{parts.scheme}://{parts.netloc.lower()}"

    def _load(self, origin: str) -> _Entry:
        robots_url = origin + "/robots.txt"
        now = self._clock()
        try:
            status, body = self._fetch(robots_url)
        except OSError as exc:
            logger.warning("robots.txt unreachable at %s: %s", robots_url, exc)
            return _Entry(_DISALLOW_ALL, now + ERROR_TTL_SECONDS)

        if 200 <= status < 300:
            return _Entry(RobotsTxt.parse(body), now + DEFAULT_TTL_SECONDS)
        if 400 <= status < 500:
            # "Unavailable" in RFC terms: no rules, crawl freely.
            return _Entry(_ALLOW_ALL, now + DEFAULT_TTL_SECONDS)

        logger.warning("robots.txt at %s returned HTTP %d; disallowing", robots_url, status)
        return _Entry(_DISALLOW_ALL, now + ERROR_TTL_SECONDS)

    def rules_for(self, url: str) -> RobotsTxt:
        """Return the (possibly cached) rules for the origin of ``url``."""
        origin = self._origin(url)
        entry = self._entries.get(origin)
        if entry is None or entry.expires_at <= self._clock():
            entry = self._load(origin)
            self._entries[origin] = entry
        return entry.rules

    def can_fetch(self, url: str) -> bool:
        """Return True if this crawler may fetch ``url``."""
        return self.rules_for(url).can_fetch(self.user_agent, url)

    def crawl_delay(self, url: str) -> float | None:
        """Return the crawl delay the origin of ``url`` asks this crawler to keep."""
        return self.rules_for(url).crawl_delay(self.user_agent)

    def invalidate(self, url: str | None = None) -> None:
        """Forget one origin's rules, or every origin's when ``url`` is None."""
        if url is None:
            self._entries.clear()
        else:
            self._entries.pop(self._origin(url), None)
