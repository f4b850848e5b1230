"""
Parse RSS 2.0 and Atom 1.0 feeds into a common data model.

This module uses only the standard library. It intentionally supports the
subset of both formats that real-world feeds use most often: feed title,
link and description, plus entry id, title, link, publication date, author,
summary and categories.

Example:
    >>> with open("feed.xml", "rb") as fh:
    ...     feed = parse_feed(fh.read())
    >>> for entry in feed.entries[:3]:
    ...     print(entry.published, entry.title)
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Optional

# Namespaces we need to look up elements in Atom and common RSS extensions.
ATOM_NS = "http://www.w3.org/2005/Atom"
DC_NS = "http://purl.org/dc/elements/1.1/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"

_TAG_RE = re.compile(r"<[^>]+>")
_WS_RE = re.compile(r"\s+")


class FeedParseError(ValueError):
    """Raised when the document is not a feed we know how to read."""


@dataclass
class Entry:
    """A single item of a feed, normalised across RSS and Atom."""

    id: str
    title: str
    link: Optional[str] = None
    published: Optional[datetime] = None
    updated: Optional[datetime] = None
    author: Optional[str] = None
    summary: str = ""
    categories: list[str] = field(default_factory=list)

    @property
    def sort_key(self) -> datetime:
        """Best available timestamp for sorting; entries without one go last."""
        return self.published or self.updated or datetime.min.replace(tzinfo=timezone.utc)


@dataclass
class Feed:
    """A parsed feed with its entries."""

    kind: str  # "rss" or "atom"
    title: str
    link: Optional[str] = None
    description: str = ""
    entries: list[Entry] = field(default_factory=list)

    def newest_first(self) -> list[Entry]:
        """Return the entries sorted by date, newest first."""
        return sorted(self.entries, key=lambda e: e.sort_key, reverse=True)


def strip_html(text: str, max_length: Optional[int] = None) -> str:
    """
    Turn an HTML fragment into plain text.

    Tags are removed, entities unescaped and whitespace collapsed. If
    ``max_length`` is given, the text is truncated at a word boundary and
    an ellipsis is appended.
    """
    plain = _WS_RE.sub(" ", html.unescape(_TAG_RE.sub(" ", text))).strip()
    if max_length is not None and len(plain) > max_length:
        cut = plain[:max_length].rsplit(" ", 1)[0]
        plain = cut.rstrip(",.;:") + "…"
    return plain


def parse_date(value: Optional[str]) -> Optional[datetime]:
    """
    Parse an RFC 822 (RSS) or RFC 3339 (Atom) date.

    Returns an aware datetime in UTC, or ``None`` if the value is missing or
    cannot be parsed. Feeds in the wild are full of broken dates, so we never
    raise here.
    """
    if not value:
        return None
    value = value.strip()

    # RFC 3339 / ISO 8601 first. fromisoformat() in Python < 3.11 does not
    # accept a trailing "Z", so normalise it.
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        dt = None

    if dt is None:
        try:
            dt = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None

    # Treat naive datetimes as UTC rather than local time.
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc)


def _text(element: Optional[ET.Element]) -> str:
    """Return the stripped text of an element, or an empty string."""
    if element is None or element.text is None:
        return ""
    return element.text.strip()


def _parse_rss(channel: ET.Element) -> Feed:
    feed = Feed(
        kind="rss",
        title=_text(channel.find("title")),
        link=_text(channel.find("link")) or None,
        description=strip_html(_text(channel.find("description"))),
    )
    for item in channel.findall("item"):
        link = _text(item.find("link")) or None
        guid = _text(item.find("guid"))
        title = _text(item.find("title"))
        # Some feeds put the full article in content:encoded and leave the
        # description empty; prefer the description when both exist.
        body = _text(item.find("description")) or _text(item.find(f"{{{CONTENT_NS}}}encoded"))
        author = _text(item.find("author")) or _text(item.find(f"{{{DC_NS}}}creator"))
        published = parse_date(_text(item.find("pubDate")) or _text(item.find(f"{{{DC_NS}}}date")))

        entry_id = guid or link or title
        if not entry_id:
            # An item with no id, link or title is useless to a reader.
            continue
        feed.entries.append(
            Entry(
                id=entry_id,
                title=title or "(untitled)",
                link=link,
                published=published,
                author=author or None,
                summary=strip_html(body, max_length=500),
                categories=[_text(c) for c in item.findall("category") if _text(c)],
            )
        )
    return feed


def _atom_link(element: ET.Element) -> Optional[str]:
    """Pick the ``alternate`` link of an Atom element (the default rel)."""
    for link in element.findall(f"{{{ATOM_NS}}}link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href")
    return None


def _parse_atom(root: ET.Element) -> Feed:
    ns = f"{{{ATOM_NS}}}"
    feed = Feed(
        kind="atom",
        title=_text(root.find(f"{ns}title")),
        link=_atom_link(root),
        description=strip_html(_text(root.find(f"{ns}subtitle"))),
    )
    feed_author = _text(root.find(f"{ns}author/{ns}name")) or None

    for item in root.findall(f"{ns}entry"):
        entry_id = _text(item.find(f"{ns}id"))
        link = _atom_link(item)
        title = _text(item.find(f"{ns}title"))
        if not (entry_id or link):
            continue
        summary = _text(item.find(f"{ns}summary")) or _text(item.find(f"{ns}content"))
        feed.entries.append(
            Entry(
                id=entry_id or link or "",
                title=strip_html(title) or "(untitled)",
                link=link,
                published=parse_date(_text(item.find(f"{ns}published"))),
                updated=parse_date(_text(item.find(f"{ns}updated"))),
                # Entry authors override the feed-level author.
                author=_text(item.find(f"{ns}author/{ns}name")) or feed_author,
                summary=strip_html(summary, max_length=500),
                categories=[
                    c.get("term", "") for c in item.findall(f"{ns}category") if c.get("term")
                ],
            )
        )
    return feed


def parse_feed(data: bytes | str) -> Feed:
    """
    Parse an RSS or Atom document.

    Args:
        data: The raw document. Bytes are preferred so that the XML parser
            can honour the encoding declared in the document.

    Returns:
        A :class:`Feed` with its entries in document order.

    Raises:
        FeedParseError: If the document is not well-formed XML or is neither
            RSS nor Atom.
    """
    if not data:
        raise FeedParseError("empty document")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise FeedParseError(f"not well-formed XML: {exc}") from exc

    if root.tag == "rss":
        channel = root.find("channel")
        if channel is None:
            raise FeedParseError("RSS document without a <channel>")
        return _parse_rss(channel)
    if root.tag == f"{{{ATOM_NS}}}feed":
        return _parse_atom(root)
    raise FeedParseError(f"unsupported root element: {root.tag}")
