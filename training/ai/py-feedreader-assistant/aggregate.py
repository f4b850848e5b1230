"""
Merge several parsed feeds into one de-duplicated timeline.

The aggregator is deliberately independent of how feeds are fetched: give it
``(source_name, Feed)`` pairs and it returns a list of :class:`TimelineItem`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Iterable, Optional
from urllib.parse import urlsplit, urlunsplit

from feeds import Entry, Feed

# Query parameters that only exist for tracking and should not make two
# links look different.
TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")


@dataclass(frozen=True)
class TimelineItem:
    """An entry together with the feed it came from."""

    source: str
    entry: Entry

    @property
    def when(self) -> datetime:
        return self.entry.sort_key


def canonical_url(url: str) -> str:
    """
    Normalise a URL for duplicate detection.

    Lower-cases the scheme and host, drops the fragment, a trailing slash and
    well-known tracking parameters. The result is only meant for comparison,
    not for display.
    """
    parts = urlsplit(url.strip())
    query = "&".join(
        pair
        for pair in parts.query.split("&")
        if pair and not pair.lower().startswith(TRACKING_PARAMS)
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def fingerprint(entry: Entry) -> str:
    """
    Compute a stable identity for an entry.

    Links are the most reliable identity across feeds (the same article is
    often syndicated under different GUIDs), so we prefer the canonical link
    and fall back to the entry id.
    """
    basis = canonical_url(entry.link) if entry.link else f"id:{entry.id}"
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()


def merge(
    sources: Iterable[tuple[str, Feed]],
    *,
    since: Optional[datetime] = None,
    max_age: Optional[timedelta] = None,
    limit: Optional[int] = None,
    now: Optional[datetime] = None,
) -> list[TimelineItem]:
    """
    Merge feeds into a single newest-first timeline.

    Args:
        sources: Pairs of a display name and a parsed feed.
        since: Drop entries older than this (aware datetime).
        max_age: Alternative to ``since``, relative to ``now``.
        limit: Keep at most this many items.
        now: Current time; injectable for tests. Defaults to ``datetime.now(UTC)``.

    When the same article appears in several feeds, the copy with the
    earliest publication date wins, since that is usually the original.
    """
    if since is not None and max_age is not None:
        raise ValueError("pass either 'since' or 'max_age', not both")
    if limit is not None and limit < 0:
        raise ValueError("limit must be non-negative")
    if since is not None and since.tzinfo is None:
        raise ValueError("'since' must be timezone-aware")

    if max_age is not None:
        since = (now or datetime.now(timezone.utc)) - max_age

    best: dict[str, TimelineItem] = {}
    for source, feed in sources:
        for entry in feed.entries:
            if since is not None and entry.sort_key < since:
                continue
            key = fingerprint(entry)
            candidate = TimelineItem(source, entry)
            current = best.get(key)
            if current is None or candidate.when < current.when:
                best[key] = candidate

    timeline = sorted(best.values(), key=lambda item: item.when, reverse=True)
    return timeline[:limit] if limit is not None else timeline


def render_text(timeline: list[TimelineItem], width: int = 80) -> str:
    """Render a timeline as plain text, one block per item."""
    lines: list[str] = []
    for item in timeline:
        date = item.entry.published or item.entry.updated
        stamp = date.strftime("%Y-%m-%d %H:%M") if date else "unknown date"
        lines.append(f"[{item.source}] {stamp}")
        lines.append(f"  {item.entry.title[: width - 2]}")
        if item.entry.link:
            lines.append(f"  {item.entry.link}")
        lines.append("")
    return "\n".join(lines)
