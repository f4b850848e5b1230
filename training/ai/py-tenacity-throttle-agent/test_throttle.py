import threading
import unittest

import tenacity
from tenacity import Retrying
from tenacity.throttle import RetryThrottle, retry_if_throttle_allows, stop_if_throttled

from .test_tenacity import NoIOErrorAfterCount, make_retry_state


class TestRetryThrottle(unittest.TestCase):
    def test_starts_full(self):
        throttle = RetryThrottle(max_tokens=4, token_ratio=0.5)
        self.assertEqual(throttle.tokens, 4)
        self.assertTrue(throttle.retry_allowed)

    def test_invalid_arguments(self):
        self.assertRaises(ValueError, RetryThrottle, max_tokens=0)
        self.assertRaises(ValueError, RetryThrottle, max_tokens=-1)
        self.assertRaises(ValueError, RetryThrottle, token_ratio=0)

    def test_failures_drain_until_half(self):
        throttle = RetryThrottle(max_tokens=4, token_ratio=0.5)
        self.assertTrue(throttle.record_failure())  # 3 left
        self.assertFalse(throttle.record_failure())  # 2 left, not above half
        self.assertFalse(throttle.retry_allowed)
        self.assertEqual(throttle.tokens, 2)

    def test_tokens_never_negative(self):
        throttle = RetryThrottle(max_tokens=2)
        for _ in range(10):
            throttle.record_failure()
        self.assertEqual(throttle.tokens, 0)

    def test_successes_refill_up_to_max(self):
        throttle = RetryThrottle(max_tokens=4, token_ratio=0.5)
        throttle.record_failure()
        throttle.record_failure()
        throttle.record_success()
        self.assertEqual(throttle.tokens, 2.5)
        self.assertTrue(throttle.retry_allowed)
        for _ in range(10):
            throttle.record_success()
        self.assertEqual(throttle.tokens, 4)

    def test_reset(self):
        throttle = RetryThrottle(max_tokens=3)
        throttle.record_failure()
        throttle.reset()
        self.assertEqual(throttle.tokens, 3)

    def test_repr(self):
        throttle = RetryThrottle(max_tokens=3, token_ratio=0.25)
        self.assertIn("tokens=3.00/3.00", repr(throttle))
        self.assertIn("token_ratio=0.25", repr(throttle))

    def test_thread_safety(self):
        throttle = RetryThrottle(max_tokens=1000, token_ratio=1)

        def hammer():
            for _ in range(100):
                throttle.record_failure()

        threads = [threading.Thread(target=hammer) for _ in range(5)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(throttle.tokens, 500)


class TestRetryIfThrottleAllows(unittest.TestCase):
    def _state(self, value, has_exception):
        retry_state = make_retry_state(1, 0)
        retry_state.outcome = tenacity.Future.construct(1, value, has_exception)
        return retry_state

    def test_success_is_credited(self):
        throttle = RetryThrottle(max_tokens=4, token_ratio=0.5)
        throttle.record_failure()
        retry = retry_if_throttle_allows(throttle)
        self.assertFalse(retry(self._state("ok", False)))
        self.assertEqual(throttle.tokens, 3.5)

    def test_failure_is_debited(self):
        throttle = RetryThrottle(max_tokens=4)
        retry = retry_if_throttle_allows(throttle)
        self.assertTrue(retry(self._state(IOError(), True)))
        self.assertEqual(throttle.tokens, 3)
        self.assertFalse(retry(self._state(IOError(), True)))

    def test_wrapped_retry_decides_what_failed(self):
        throttle = RetryThrottle(max_tokens=4)
        retry = retry_if_throttle_allows(throttle, retry=tenacity.retry_if_result(lambda r: r is None))
        self.assertTrue(retry(self._state(None, False)))
        self.assertEqual(throttle.tokens, 3)
        self.assertFalse(retry(self._state(42, False)))
        self.assertEqual(throttle.tokens, 3.1)

    def test_with_retrying(self):
        throttle = RetryThrottle(max_tokens=10, token_ratio=1)
        thing = NoIOErrorAfterCount(2)
        r = Retrying(
            retry=retry_if_throttle_allows(throttle),
            stop=tenacity.stop_after_attempt(5),
            wait=tenacity.wait_none(),
        )
        self.assertTrue(r(thing.go))
        self.assertEqual(thing.counter, 2)
        # two failures, one success
        self.assertEqual(throttle.tokens, 9)

    def test_shared_throttle_gives_up_early(self):
        throttle = RetryThrottle(max_tokens=4, token_ratio=0.1)
        r = Retrying(
            retry=retry_if_throttle_allows(throttle),
            stop=tenacity.stop_after_attempt(10),
            wait=tenacity.wait_none(),
        )

        # when the throttle refuses, the last exception is raised as is
        thing = NoIOErrorAfterCount(100)
        with self.assertRaises(IOError):
            r(thing.go)
        # the bucket was at 4, so only one retry happened before it hit half
        self.assertEqual(thing.counter, 2)

        other = NoIOErrorAfterCount(100)
        with self.assertRaises(IOError):
            r(other.go)
        self.assertEqual(other.counter, 1)


class TestStopIfThrottled(unittest.TestCase):
    def test_stop_if_throttled(self):
        throttle = RetryThrottle(max_tokens=2)
        stop = stop_if_throttled(throttle)
        self.assertFalse(stop(make_retry_state(1, 0)))
        throttle.record_failure()
        self.assertTrue(stop(make_retry_state(1, 0)))

    def test_combines_with_other_stops(self):
        throttle = RetryThrottle(max_tokens=2)
        stop = tenacity.stop_after_attempt(3) | stop_if_throttled(throttle)
        self.assertFalse(stop(make_retry_state(1, 0)))
        self.assertTrue(stop(make_retry_state(3, 0)))
        throttle.record_failure()
        self.assertTrue(stop(make_retry_state(1, 0)))


if __name__ == "__main__":
    unittest.main()
