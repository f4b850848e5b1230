# Copyright 2016–2021 Julien Danjou
# Copyright 2016 Joshua Harlow
# Copyright 2013-2014 Ray Holder
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
# http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.

import threading
import typing

from tenacity.retry import retry_base
from tenacity.retry import retry_if_exception_type
from tenacity.stop import stop_base

if typing.TYPE_CHECKING:
    from tenacity import RetryCallState


class RetryThrottle:
    """Token bucket shared between callers to limit retries against a backend.

    Every failed attempt takes one token out of the bucket and every successful
    attempt puts ``token_ratio`` tokens back, up to ``max_tokens``. Retries are
    only permitted while more than half of the bucket is left, so that once a
    backend starts failing for everybody the clients stop piling retries on top
    of it, and start retrying again as soon as some calls succeed.

    The same instance is meant to be shared by every call site talking to one
    backend, e.g.::

        backend_throttle = RetryThrottle(max_tokens=10, token_ratio=0.1)

        @retry(retry=retry_if_throttle_allows(backend_throttle), stop=stop_after_attempt(5))
        def call_backend():
            ...

    It is thread safe.
    """

    def __init__(self, max_tokens: float = 10, token_ratio: float = 0.1) -> None:
        if max_tokens <= 0:
            raise ValueError("max_tokens must be greater than 0")
        if token_ratio <= 0:
            raise ValueError("token_ratio must be greater than 0")
        self.max_tokens = float(max_tokens)
        self.token_ratio = float(token_ratio)
        self.threshold = self.max_tokens / 2
        self._tokens = self.max_tokens
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return (
            f"<{self.__class__.__name__} object at 0x{id(self):x} "
            f"(tokens={self.tokens:.2f}/{self.max_tokens:.2f}, token_ratio={self.token_ratio})>"
        )

    @property
    def tokens(self) -> float:
        with self._lock:
            return self._tokens

    @property
    def retry_allowed(self) -> bool:
        with self._lock:
            return self._tokens > self.threshold

    def record_success(self) -> None:
        with self._lock:
            self._tokens = min(self.max_tokens, self._tokens + self.token_ratio)

    def record_failure(self) -> bool:
        """Take a token out of the bucket.

        Return whether a retry is still allowed afterwards.
        """
        with self._lock:
            self._tokens = max(0.0, self._tokens - 1)
            return self._tokens > self.threshold

    def reset(self) -> None:
        with self._lock:
            self._tokens = self.max_tokens


class retry_if_throttle_allows(retry_base):
    """Retry strategy that consults a shared :class:`RetryThrottle`.

    The wrapped ``retry`` strategy decides whether an attempt failed (by default
    any raised exception is a failure). Successful attempts are credited to the
    throttle; failed attempts are debited and only retried while the throttle
    still allows it.
    """

    def __init__(self, throttle: RetryThrottle, retry: retry_base = retry_if_exception_type()) -> None:
        self.throttle = throttle
        self.retry = retry

    def __call__(self, retry_state: "RetryCallState") -> bool:
        if not self.retry(retry_state):
            self.throttle.record_success()
            return False
        return self.throttle.record_failure()


class stop_if_throttled(stop_base):
    """Stop strategy that stops as soon as the throttle forbids retries.

    Useful together with a retry strategy that already records outcomes on the
    throttle, or when several :class:`Retrying` objects only need to observe a
    throttle that some other code feeds.
    """

    def __init__(self, throttle: RetryThrottle) -> None:
        self.throttle = throttle

    def __call__(self, retry_state: "RetryCallState") -> bool:
        return not self.throttle.retry_allowed
