"""Pydantic schemas and the storage layer for the link shortener."""

from __future__ import annotations

import secrets
import string
import threading
from datetime import datetime, timezone
from typing import Optional, Protocol

from pydantic import BaseModel, Field, HttpUrl, field_validator

# Characters used for generated codes. Ambiguous characters (0/O, 1/l/I)
# are left out so codes can be read aloud or typed from a screenshot.
ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")
CODE_LENGTH = 7
RESERVED_CODES = frozenset({"api", "admin", "health", "docs", "static"})


class LinkCreate(BaseModel):
    """Request body for creating a short link."""

    url: HttpUrl
    code: Optional[str] = Field(
        default=None,
        min_length=3,
        max_length=32,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="Custom code; generated when omitted.",
    )
    expires_at: Optional[datetime] = None

    @field_validator("code")
    @classmethod
    def code_not_reserved(cls, value: Optional[str]) -> Optional[str]:
        if value is not None and value.lower() in RESERVED_CODES:
            raise ValueError(f"'{value}' is reserved")
        return value

    @field_validator("expires_at")
    @classmethod
    def expiry_in_future(cls, value: Optional[datetime]) -> Optional[datetime]:
        if value is None:
            return value
        if value.tzinfo is None:
            # Interpret naive timestamps as UTC to avoid server-local surprises.
            value = value.replace(tzinfo=timezone.utc)
        if value <= datetime.now(timezone.utc):
            raise ValueError("expires_at must be in the future")
        return value


class Link(BaseModel):
    """A stored link, as returned by the API."""

    code: str
    url: str
    owner: str
    created_at: datetime
    expires_at: Optional[datetime] = None
    clicks: int = 0

    def is_expired(self, now: Optional[datetime] = None) -> bool:
        now = now or datetime.now(timezone.utc)
        return self.expires_at is not None and self.expires_at <= now


class LinkStats(BaseModel):
    code: str
    clicks: int
    last_click_at: Optional[datetime] = None


class CodeTakenError(Exception):
    """The requested code is already in use."""


class LinkRepository(Protocol):
    """Storage interface, so the in-memory store can be swapped for a database."""

    def add(self, link: Link) -> Link: ...

    def get(self, code: str) -> Optional[Link]: ...

    def delete(self, code: str) -> bool: ...

    def list_by_owner(self, owner: str, limit: int, offset: int) -> list[Link]: ...

    def record_click(self, code: str, at: datetime) -> None: ...

    def stats(self, code: str) -> Optional[LinkStats]: ...


class InMemoryLinkRepository:
    """Thread-safe dictionary-backed repository, good for tests and demos."""

    def __init__(self) -> None:
        self._links: dict[str, Link] = {}
        self._last_click: dict[str, datetime] = {}
        self._lock = threading.Lock()

    def add(self, link: Link) -> Link:
        with self._lock:
            if link.code in self._links:
                raise CodeTakenError(link.code)
            self._links[link.code] = link
            return link

    def get(self, code: str) -> Optional[Link]:
        with self._lock:
            return self._links.get(code)

    def delete(self, code: str) -> bool:
        with self._lock:
            self._last_click.pop(code, None)
            return self._links.pop(code, None) is not None

    def list_by_owner(self, owner: str, limit: int, offset: int) -> list[Link]:
        with self._lock:
            mine = [link for link in self._links.values() if link.owner == owner]
        mine.sort(key=lambda link: link.created_at, reverse=True)
        return mine[offset : offset + limit]

    def record_click(self, code: str, at: datetime) -> None:
        with self._lock:
            link = self._links.get(code)
            if link is None:
                return
            self._links[code] = link.model_copy(update={"clicks": link.clicks + 1})
            self._last_click[code] = at

    def stats(self, code: str) -> Optional[LinkStats]:
        with self._lock:
            link = self._links.get(code)
            if link is None:
                return None
            return LinkStats(code=code, clicks=link.clicks, last_click_at=self._last_click.get(code))


def generate_code(length: int = CODE_LENGTH) -> str:
    """Return a random, URL-safe code using a cryptographically secure RNG."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))
