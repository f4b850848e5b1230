import unittest

from cachetools import SLRUCache

from . import CacheTestMixin


class SLRUCacheTest(unittest.TestCase, CacheTestMixin):

    Cache = SLRUCache

    def test_slru(self):
        cache = SLRUCache(maxsize=3, protected=1)
        self.assertEqual(1, cache.protected)

        cache[1] = 1
        cache[2] = 2
        cache[1]  # promote 1
        cache[3] = 3
        cache[4] = 4

        self.assertEqual(3, len(cache))
        self.assertEqual(1, cache[1])
        self.assertEqual(3, cache[3])
        self.assertEqual(4, cache[4])
        self.assertNotIn(2, cache)

    def test_slru_demote(self):
        cache = SLRUCache(maxsize=3, protected=1)

        cache[1] = 1
        cache[2] = 2
        cache[1]
        cache[2]  # promote 2, demote 1 to probation

        cache[3] = 3
        cache[4] = 4

        self.assertEqual(3, len(cache))
        self.assertEqual(2, cache[2])
        self.assertEqual(3, cache[3])
        self.assertEqual(4, cache[4])
        self.assertNotIn(1, cache)

    def test_slru_scan(self):
        cache = SLRUCache(maxsize=4, protected=2)

        cache.update({'a': 1, 'b': 2})
        cache['a']
        cache['b']
        for i in range(10):
            cache[i] = i

        self.assertIn('a', cache)
        self.assertIn('b', cache)
        self.assertEqual(4, len(cache))
        self.assertEqual({'a', 'b', 8, 9}, set(cache))

    def test_slru_getsizeof(self):
        cache = SLRUCache(maxsize=3, protected=2, getsizeof=lambda x: x)

        cache[1] = 1
        cache[2] = 2

        self.assertEqual(len(cache), 2)
        self.assertEqual(cache[1], 1)
        self.assertEqual(cache[2], 2)

        cache[3] = 3

        self.assertEqual(len(cache), 1)
        self.assertEqual(cache[3], 3)
        self.assertNotIn(1, cache)
        self.assertNotIn(2, cache)

        with self.assertRaises(ValueError):
            cache[4] = 4
        self.assertEqual(len(cache), 1)
        self.assertEqual(cache[3], 3)

    def test_slru_protected(self):
        with self.assertRaises(ValueError):
            SLRUCache(maxsize=2, protected=3)
        with self.assertRaises(ValueError):
            SLRUCache(maxsize=2, protected=-1)
        self.assertEqual(8, SLRUCache(maxsize=10).protected)
