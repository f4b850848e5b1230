# Copyright 2018 John Reese
# Licensed under the MIT license

"""
Connection pool for sharing a small number of connections between tasks
"""

import asyncio
import logging
from pathlib import Path
from typing import Any, Awaitable, Callable, List, Optional, Union

from .core import Connection, connect

__all__ = ["create_pool", "Pool"]

LOG = logging.getLogger("aiosqlite")

Setup = Callable[[Connection], Awaitable[None]]


class Pool:
    def __init__(
        self,
        database: Union[str, Path],
        *,
        max_size: int = 4,
        min_size: int = 0,
        setup: Optional[Setup] = None,
        **kwargs: Any
    ) -> None:
        if max_size < 1:
            raise ValueError("max_size must be at least 1")
        if not 0 <= min_size <= max_size:
            raise ValueError("min_size must be between 0 and max_size")

        self._database = database
        self._kwargs = kwargs
        self._setup = setup
        self.max_size = max_size
        self.min_size = min_size

        self._idle: List[Connection] = []
        self._in_use: List[Connection] = []
        self._opening = 0
        self._cond: Optional[asyncio.Condition] = None
        self._closed = False

    @property
    def size(self) -> int:
        """Number of open connections, idle or in use."""
        return len(self._idle) + len(self._in_use) + self._opening

    @property
    def closed(self) -> bool:
        return self._closed

    def _condition(self) -> asyncio.Condition:
        # created lazily so the pool can be built outside of a running loop
        if self._cond is None:
            self._cond = asyncio.Condition()
        return self._cond

    async def _open(self) -> Connection:
        db = await connect(self._database, **self._kwargs)
        if self._setup is not None:
            try:
                await self._setup(db)
            except BaseException:
                await db.close()
                raise
        return db

    async def _fill(self) -> None:
        while self.size < self.min_size:
            self._opening += 1
            try:
                db = await self._open()
            finally:
                self._opening -= 1
            self._idle.append(db)

    async def acquire(self) -> Connection:
        """Take a connection from the pool, opening one if none is idle."""
        cond = self._condition()
        async with cond:
            while True:
                if self._closed:
                    raise ValueError("Pool closed")
                if self._idle:
                    db = self._idle.pop()
                    self._in_use.append(db)
                    return db
                if self.size < self.max_size:
                    break
                await cond.wait()
            self._opening += 1

        try:
            db = await self._open()
        except BaseException:
            async with cond:
                self._opening -= 1
                cond.notify()
            raise

        async with cond:
            self._opening -= 1
            if self._closed:
                await db.close()
                raise ValueError("Pool closed")
            self._in_use.append(db)
        return db

    async def release(self, db: Connection, discard: bool = False) -> None:
        """Give a connection back to the pool."""
        cond = self._condition()
        async with cond:
            if db not in self._in_use:
                raise ValueError("connection does not belong to this pool")
            self._in_use.remove(db)
            if db._connection is None:
                LOG.debug("dropping closed connection %r", db)
            elif discard or self._closed:
                LOG.debug("closing pooled connection %r", db)
                await db.close()
            else:
                if db.in_transaction:
                    await db.rollback()
                self._idle.append(db)
            cond.notify()

    def connection(self) -> "PoolConnection":
        """Acquire a connection for the duration of an `async with` block."""
        return PoolConnection(self)

    async def close(self) -> None:
        """Close idle connections now, and in-use ones as they are released."""
        cond = self._condition()
        async with cond:
            self._closed = True
            idle, self._idle = self._idle, []
            cond.notify_all()
        for db in idle:
            await db.close()

    def __await__(self):
        return self._start().__await__()

    async def _start(self) -> "Pool":
        async with self._condition():
            await self._fill()
        return self

    async def __aenter__(self) -> "Pool":
        return await self

    async def __aexit__(self, exc_type, exc_val, exc_tb) -> None:
        await self.close()


class PoolConnection:
    __slots__ = ("_pool", "_db")

    def __init__(self, pool: Pool) -> None:
        self._pool = pool
        self._db: Optional[Connection] = None

    async def __aenter__(self) -> Connection:
        self._db = await self._pool.acquire()
        return self._db

    async def __aexit__(self, exc_type, exc_val, exc_tb) -> None:
        if self._db is not None:
            db, self._db = self._db, None
            await self._pool.release(db)


def create_pool(
    database: Union[str, Path],
    *,
    max_size: int = 4,
    min_size: int = 0,
    setup: Optional[Setup] = None,
    **kwargs: Any
) -> Pool:
    """Create a pool of connections to the sqlite database."""
    return Pool(database, max_size=max_size, min_size=min_size, setup=setup, **kwargs)
