import threading
import time


class TokenBucket:
    __slots__ = ("rate", "capacity", "_tokens", "_ts", "_lock", "_clock")

    def __init__(self, rate, capacity=None, clock=time.monotonic):
        if rate <= 0:
            raise ValueError("rate must be > 0")
        self.rate = float(rate)
        self.capacity = float(capacity if capacity is not None else rate)
        self._tokens = self.capacity
        self._clock = clock
        self._ts = clock()
        self._lock = threading.Lock()

    def _fill(self, now):
        dt = now - self._ts
        if dt > 0:
            self._tokens = min(self.capacity, self._tokens + dt * self.rate)
            self._ts = now

    def try_take(self, n=1):
        with self._lock:
            self._fill(self._clock())
            if self._tokens >= n:
                self._tokens -= n
                return True
            return False

    def wait_time(self, n=1):
        with self._lock:
            self._fill(self._clock())
            short = n - self._tokens
            return 0.0 if short <= 0 else short / self.rate

    def take(self, n=1, timeout=None):
        if n > self.capacity:
            raise ValueError("n exceeds capacity")
        deadline = None if timeout is None else self._clock() + timeout
        while True:
            if self.try_take(n):
                return True
            w = self.wait_time(n)
            if deadline is not None:
                left = deadline - self._clock()
                if left <= 0:
                    return False
                w = min(w, left)
            time.sleep(w)

    @property
    def tokens(self):
        with self._lock:
            self._fill(self._clock())
            return self._tokens


class KeyedLimiter:
    """one bucket per key, idle buckets dropped after `ttl` seconds"""

    def __init__(self, rate, capacity=None, ttl=300.0, clock=time.monotonic):
        self.rate, self.capacity, self.ttl, self._clock = rate, capacity, ttl, clock
        self._buckets = {}
        self._seen = {}
        self._lock = threading.Lock()
        self._last_gc = clock()

    def allow(self, key, n=1):
        now = self._clock()
        with self._lock:
            b = self._buckets.get(key)
            if b is None:
                b = self._buckets[key] = TokenBucket(self.rate, self.capacity, self._clock)
            self._seen[key] = now
            if now - self._last_gc > self.ttl:
                self._gc(now)
        return b.try_take(n)

    def _gc(self, now):
        dead = [k for k, t in self._seen.items() if now - t > self.ttl]
        for k in dead:
            del self._buckets[k]
            del self._seen[k]
        self._last_gc = now

    def __len__(self):
        return len(self._buckets)
