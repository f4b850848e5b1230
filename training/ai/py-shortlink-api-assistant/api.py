"""
HTTP API for the link shortener.

Endpoints:
    POST   /api/links            create a short link
    GET    /api/links            list the caller's links (paginated)
    GET    /api/links/{code}     stats for one link
    DELETE /api/links/{code}     delete a link (owner only)
    GET    /{code}               redirect to the target URL

Authentication is a simple bearer token mapped to a user name; replace
``get_current_user`` with your real auth dependency.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime, timezone
from typing import Annotated

from fastapi import BackgroundTasks, Depends, FastAPI, Header, HTTPException, Query, Request, status
from fastapi.responses import RedirectResponse

from models import (
    CodeTakenError,
    InMemoryLinkRepository,
    Link,
    LinkCreate,
    LinkRepository,
    LinkStats,
    generate_code,
)

logger = logging.getLogger(__name__)

# How many times to retry when a generated code collides with an existing one.
# With 7 characters from a 57-letter alphabet collisions are astronomically
# rare, but the loop makes the behaviour explicit.
MAX_GENERATION_ATTEMPTS = 5

app = FastAPI(title="Shortlinks", version="1.0.0")

_repository = InMemoryLinkRepository()


def get_repository() -> LinkRepository:
    """Dependency that provides the repository; override it in tests."""
    return _repository


def _load_tokens() -> dict[str, str]:
    """Parse API_TOKENS="token1:alice,token2:bob" from the environment."""
    raw = os.environ.get("API_TOKENS", "")
    tokens: dict[str, str] = {}
    for pair in filter(None, (p.strip() for p in raw.split(","))):
        token, sep, user = pair.partition(":")
        if not sep or not token or not user:
            logger.warning("ignoring malformed API_TOKENS entry")
            continue
        tokens[token] = user
    return tokens


def get_current_user(authorization: Annotated[str | None, Header()] = None) -> str:
    """Resolve the bearer token to a user name or fail with 401."""
    if not authorization or not authorization.lower().startswith("bearer "):
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="missing bearer token",
            headers={"WWW-Authenticate": "Bearer"},
        )
    token = authorization.split(" ", 1)[1].strip()
    user = _load_tokens().get(token)
    if user is None:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="invalid token")
    return user


Repo = Annotated[LinkRepository, Depends(get_repository)]
User = Annotated[str, Depends(get_current_user)]


@app.get("/health", include_in_schema=False)
def health() -> dict[str, str]:
    return {"status": "ok"}


@app.post("/api/links", response_model=Link, status_code=status.HTTP_201_CREATED)
def create_link(body: LinkCreate, repo: Repo, user: User) -> Link:
    """Create a short link with a custom or generated code."""
    now = datetime.now(timezone.utc)

    def build(code: str) -> Link:
        return Link(code=code, url=str(body.url), owner=user, created_at=now, expires_at=body.expires_at)

    if body.code is not None:
        try:
            return repo.add(build(body.code))
        except CodeTakenError:
            raise HTTPException(status_code=status.HTTP_409_CONFLICT, detail="code already in use") from None

    for _ in range(MAX_GENERATION_ATTEMPTS):
        try:
            return repo.add(build(generate_code()))
        except CodeTakenError:
            continue
    logger.error("could not generate a free code after %d attempts", MAX_GENERATION_ATTEMPTS)
    raise HTTPException(status_code=status.HTTP_503_SERVICE_UNAVAILABLE, detail="try again")


@app.get("/api/links", response_model=list[Link])
def list_links(
    repo: Repo,
    user: User,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[Link]:
    """List the caller's links, newest first."""
    return repo.list_by_owner(user, limit=limit, offset=offset)


def _owned_link(code: str, repo: LinkRepository, user: str) -> Link:
    """Fetch a link and make sure the caller owns it.

    Returns 404 rather than 403 for links owned by someone else, so the API
    does not reveal which codes exist.
    """
    link = repo.get(code)
    if link is None or link.owner != user:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="link not found")
    return link


@app.get("/api/links/{code}", response_model=LinkStats)
def link_stats(code: str, repo: Repo, user: User) -> LinkStats:
    _owned_link(code, repo, user)
    stats = repo.stats(code)
    if stats is None:  # deleted between the two calls
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="link not found")
    return stats


@app.delete("/api/links/{code}", status_code=status.HTTP_204_NO_CONTENT)
def delete_link(code: str, repo: Repo, user: User) -> None:
    _owned_link(code, repo, user)
    repo.delete(code)


@app.get("/{code}", include_in_schema=False)
def follow(code: str, request: Request, background: BackgroundTasks, repo: Repo) -> RedirectResponse:
    """Redirect to the target URL and count the click in the background."""
    link = repo.get(code)
    if link is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="unknown link")
    if link.is_expired():
        raise HTTPException(status_code=status.HTTP_410_GONE, detail="link expired")

    # Counting after the response keeps redirects fast.
    background.add_task(repo.record_click, code, datetime.now(timezone.utc))
    logger.info("redirect %s -> %s (ua=%s)", code, link.url, request.headers.get("user-agent", "-"))
    # 307 keeps the method; browsers do not cache it, so every click is counted.
    return RedirectResponse(link.url, status_code=status.HTTP_307_TEMPORARY_REDIRECT)
