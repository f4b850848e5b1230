"""A robots.txt parser and matcher following RFC 9309.

The standard library's ``urllib.robotparser`` predates the RFC and does not
support ``*``/``$`` wildcards or longest-match precedence, which most large
sites rely on. This module implements both:

* Groups are selected by the most specific ``user-agent`` line that matches the
  crawler's product token (case-insensitive), falling back to ``*``.
* Within a group, the rule with the longest matching pattern wins; on a tie,
  ``allow`` beats ``disallow``.

Example:
    >>> rules = RobotsTxt.parse("User-agent: *\\nDisallow: /private/\\n")
    >>> rules.can_fetch("MyBot/1.0", "/private/page")
    False
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlsplit

# RFC 9309 section 2.5: crawlers must parse at least 500 KiB.
MAX_ROBOTS_BYTES = 500 * 1024


@dataclass(frozen=True)
class Rule:
    """A single ``allow`` or ``disallow`` line."""

    allow: bool
    pattern: str
    _regex: re.Pattern[str] = field(repr=False, compare=False)

    @classmethod
    def create(cls, allow: bool, pattern: str) -> Rule:
        """Build a rule, compiling its wildcard pattern once up front."""
        return cls(allow=allow, pattern=pattern, _regex=_compile_pattern(pattern))

    def matches(self, path: str) -> bool:
        """Return True if the rule's pattern matches the start of ``path``."""
        return self._regex.match(path) is not None

    @property
    def specificity(self) -> int:
        """Length used for longest-match precedence (wildcards excluded)."""
        return len(self.pattern.replace("*", "").rstrip("$"))


@dataclass
class Group:
    """The rules that apply to one or more user agents."""

    agents: list[str] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    crawl_delay: float | None = None


def _normalize_path(path: str) -> str:
    """Percent-encode a path consistently so patterns and URLs compare equally.

    Unreserved characters are decoded and everything else is re-encoded with
    upper-case hex digits, so ``/%7euser`` and ``/~user`` are the same path.
    """
    return quote(unquote(path), safe="/*$?=&;:@!,'()+")


def _compile_pattern(pattern: str) -> re.Pattern[str]:
    """Translate a robots.txt pattern into an anchored regular expression."""
    normalized = _normalize_path(pattern)
    anchored = normalized.endswith("$")
    if anchored:
        normalized = normalized[:-1]
    # Escape everything, then turn the escaped '*' back into a wildcard.
    body = re.escape(normalized).replace(r"\*", ".*")
    return re.compile(body + ("$" if anchored else ""))


def _user_agent_token(user_agent: str) -> str:
    """Extract the product token: 'Googlebot/2.1 (+http://...)' -> 'googlebot'."""
    token = user_agent.strip().split("/", 1)[0].split(" ", 1)[0]
    return token.lower()


class RobotsTxt:
    """Parsed robots.txt rules that can answer ``can_fetch`` queries."""

    def __init__(self, groups: list[Group], sitemaps: list[str]) -> None:
        self.groups = groups
        self.sitemaps = sitemaps

    @classmethod
    def parse(cls, text: str | bytes) -> RobotsTxt:
        """Parse robots.txt content.

        Unknown directives and malformed lines are ignored, as the RFC requires.
        Content beyond ``MAX_ROBOTS_BYTES`` is discarded.

        Args:
            text: The file body, as text or raw bytes (decoded as UTF-8).
        """
        if isinstance(text, bytes):
            text = text[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
        else:
            text = text[:MAX_ROBOTS_BYTES]

        groups: list[Group] = []
        sitemaps: list[str] = []
        current: Group | None = None
        # Consecutive user-agent lines share one group; a rule line closes the header.
        in_agent_header = False

        for raw_line in text.splitlines():
            line = raw_line.split("#", 1)[0].strip()
            if ":" not in line:
                continue
            key, value = (part.strip() for part in line.split(":", 1))
            key = key.lower()

            if key == "user-agent":
                if current is None or not in_agent_header:
                    current = Group()
                    groups.append(current)
                current.agents.append(value.lower())
                in_agent_header = True
            elif key in ("allow", "disallow"):
                in_agent_header = False
                if current is None:
                    continue  # rules before any user-agent line are ignored
                if not value:
                    # "Disallow:" with no path means "allow everything".
                    continue
                current.rules.append(Rule.create(key == "allow", value))
            elif key == "crawl-delay":
                in_agent_header = False
                if current is not None:
                    try:
                        current.crawl_delay = float(value)
                    except ValueError:
                        pass
            elif key == "sitemap":
                # Sitemaps are global and do not end a user-agent header.
                if value:
                    sitemaps.append(value)

        return cls(groups, sitemaps)

    def _groups_for(self, user_agent: str) -> list[Group]:
        """Return every group naming this agent, or the '*' groups if none do."""
        token = _user_agent_token(user_agent)
        specific = [g for g in self.groups if token in g.agents]
        if specific:
            return specific
        return [g for g in self.groups if "*" in g.agents]

    def can_fetch(self, user_agent: str, url: str) -> bool:
        """Decide whether ``user_agent`` may fetch ``url``.

        Args:
            user_agent: The crawler's User-Agent header or product token.
            url: An absolute URL or a path (query strings are taken into account).

        Returns:
            True if allowed. The ``/robots.txt`` path itself is always allowed.
        """
        parts = urlsplit(url)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        if path == "/robots.txt":
            return True
        path = _normalize_path(path)

        # RFC 9309 2.2.2: groups with the same agent are merged into one rule set.
        rules = [rule for group in self._groups_for(user_agent) for rule in group.rules]
        best: Rule | None = None
        for rule in rules:
            if not rule.matches(path):
                continue
            if (
                best is None
                or rule.specificity > best.specificity
                or (rule.specificity == best.specificity and rule.allow and not best.allow)
            ):
                best = rule
        return True if best is None else best.allow

    def crawl_delay(self, user_agent: str) -> float | None:
        """Return the crawl delay in seconds for this agent, if any group sets one."""
        delays = [g.crawl_delay for g in self._groups_for(user_agent) if g.crawl_delay is not None]
        return max(delays) if delays else None
