# Copyright 2018 John Reese
# Licensed under the MIT license

import asyncio
from pathlib import Path

import aiounittest

import aiosqlite
from aiosqlite.pool import Pool, create_pool
from .helpers import setup_logger

TEST_DB = Path("test_pool.db")


class PoolTest(aiounittest.AsyncTestCase):
    @classmethod
    def setUpClass(cls):
        setup_logger()

    def setUp(self):
        if TEST_DB.exists():
            TEST_DB.unlink()

    def tearDown(self):
        if TEST_DB.exists():
            TEST_DB.unlink()

    async def test_pool_context(self):
        async with create_pool(TEST_DB, max_size=2) as pool:
            self.assertIsInstance(pool, Pool)
            async with pool.connection() as db:
                self.assertIsInstance(db, aiosqlite.Connection)
                async with db.execute("select 1, 2") as cursor:
                    self.assertEqual(await cursor.fetchall(), [(1, 2)])
        self.assertTrue(pool.closed)

    async def test_pool_reuses_connections(self):
        async with create_pool(TEST_DB, max_size=2) as pool:
            async with pool.connection() as db:
                first = db
            async with pool.connection() as db:
                self.assertIs(db, first)
            self.assertEqual(pool.size, 1)

    async def test_pool_min_size(self):
        pool = await create_pool(TEST_DB, min_size=2, max_size=3)
        try:
            self.assertEqual(pool.size, 2)
        finally:
            await pool.close()

    async def test_pool_bad_sizes(self):
        with self.assertRaisesRegex(ValueError, "max_size"):
            create_pool(TEST_DB, max_size=0)
        with self.assertRaisesRegex(ValueError, "min_size"):
            create_pool(TEST_DB, min_size=3, max_size=2)

    async def test_pool_waits_for_release(self):
        order = []

        async with create_pool(TEST_DB, max_size=1) as pool:

            async def worker(name, delay):
                async with pool.connection() as db:
                    order.append(("start", name))
                    await db.execute("select 1")
                    await asyncio.sleep(delay)
                    order.append(("end", name))

            await asyncio.gather(worker("a", 0.05), worker("b", 0))
            self.assertEqual(pool.size, 1)

        self.assertEqual(
            order, [("start", "a"), ("end", "a"), ("start", "b"), ("end", "b")]
        )

    async def test_pool_concurrent_writes(self):
        async with aiosqlite.connect(TEST_DB) as db:
            await db.execute("create table pool_writes (i integer, k integer)")
            await db.commit()

        async with create_pool(TEST_DB, max_size=3, timeout=5) as pool:

            async def insert(i):
                async with pool.connection() as db:
                    await db.execute(
                        "insert into pool_writes (i, k) values (?, ?)", [i, i * 2]
                    )
                    await db.commit()

            await asyncio.gather(*(insert(i) for i in range(20)))
            self.assertLessEqual(pool.size, 3)

            async with pool.connection() as db:
                cursor = await db.execute("select count(*), sum(k) from pool_writes")
                self.assertEqual(await cursor.fetchone(), (20, 380))

    async def test_pool_setup(self):
        async def setup(db):
            db.row_factory = aiosqlite.Row
            await db.execute("pragma foreign_keys = on")

        async with create_pool(TEST_DB, setup=setup) as pool:
            async with pool.connection() as db:
                cursor = await db.execute("pragma foreign_keys")
                row = await cursor.fetchone()
                self.assertEqual(row[0], 1)
                self.assertEqual(row.keys(), ["foreign_keys"])

    async def test_pool_setup_failure(self):
        async def setup(db):
            await db.execute("not valid sql")

        async with create_pool(TEST_DB, setup=setup) as pool:
            with self.assertRaises(aiosqlite.OperationalError):
                await pool.acquire()
            self.assertEqual(pool.size, 0)

    async def test_pool_rolls_back_on_release(self):
        async with aiosqlite.connect(TEST_DB) as db:
            await db.execute("create table pool_rollback (i integer)")
            await db.commit()

        async with create_pool(TEST_DB, max_size=1) as pool:
            async with pool.connection() as db:
                await db.execute("insert into pool_rollback (i) values (1)")
                self.assertTrue(db.in_transaction)

            async with pool.connection() as db:
                self.assertFalse(db.in_transaction)
                cursor = await db.execute("select count(*) from pool_rollback")
                self.assertEqual(await cursor.fetchone(), (0,))

    async def test_pool_connection_closed_by_user(self):
        async with create_pool(TEST_DB, max_size=1) as pool:
            async with pool.connection() as db:
                await db.close()
            self.assertEqual(pool.size, 0)

            async with pool.connection() as db:
                async with db.execute("select 1") as cursor:
                    self.assertEqual(await cursor.fetchone(), (1,))

    async def test_pool_release_foreign_connection(self):
        async with create_pool(TEST_DB) as pool:
            async with aiosqlite.connect(TEST_DB) as db:
                with self.assertRaisesRegex(ValueError, "does not belong"):
                    await pool.release(db)

    async def test_pool_closed(self):
        pool = await create_pool(TEST_DB, min_size=1)
        db = await pool.acquire()
        await pool.close()

        with self.assertRaisesRegex(ValueError, "Pool closed"):
            await pool.acquire()

        await pool.release(db)
        self.assertEqual(pool.size, 0)
        with self.assertRaisesRegex(ValueError, "no active connection"):
            db.in_transaction

    async def test_pool_close_wakes_waiters(self):
        pool = await create_pool(TEST_DB, max_size=1)
        db = await pool.acquire()
        waiter = asyncio.ensure_future(pool.acquire())
        await asyncio.sleep(0.01)
        self.assertFalse(waiter.done())

        await pool.close()
        with self.assertRaisesRegex(ValueError, "Pool closed"):
            await waiter
        await pool.release(db)
