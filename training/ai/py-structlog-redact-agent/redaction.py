# SPDX-License-Identifier: MIT OR Apache-2.0
# This file is dual licensed under the terms of the Apache License, Version
# 2.0, and the MIT License.  See the LICENSE file in the root of this
# repository for complete details.

"""
Processors that keep secrets out of your logs.

.. versionadded:: 22.2.0
"""

from __future__ import annotations

import re

from typing import Any, Callable, Collection, Pattern

from .types import EventDict, WrappedLogger


__all__ = ["DEFAULT_SENSITIVE_KEYS", "KeyRedactor", "mask_all", "mask_tail"]

DEFAULT_SENSITIVE_KEYS = frozenset(
    (
        "authorization",
        "api_key",
        "apikey",
        "cookie",
        "password",
        "passwd",
        "secret",
        "set-cookie",
        "token",
    )
)


def mask_all(value: Any) -> str:
    """
    Replace *value* completely.
    """
    return "[REDACTED]"


def mask_tail(keep: int = 4) -> Callable[[Any], str]:
    """
    Create a masker that keeps the last *keep* characters of ``str(value)``.

    Values that are not longer than *keep* are masked completely, since
    showing them would show everything.
    """
    if keep < 0:
        raise ValueError("keep must not be negative.")

    def masker(value: Any) -> str:
        s = str(value)
        if len(s) <= keep:
            return mask_all(value)

        return "*" * (len(s) - keep) + s[len(s) - keep :]

    return masker


class KeyRedactor:
    """
    Mask values of sensitive keys in ``event_dict``, including in nested
    dicts, lists and tuples.

    Keys are matched case-insensitively.  ``-`` and ``_`` are treated as the
    same character, so ``api-key`` matches ``api_key``.

    :param keys: Keys whose values are masked.  Defaults to
        `DEFAULT_SENSITIVE_KEYS`.
    :param patterns: Regular expressions; a key that matches any of them
        (using `re.Pattern.search`) is masked as well.
    :param masker: Callable that takes the original value and returns the
        replacement.  Defaults to `mask_all`.
    :param max_depth: How deep to descend into nested containers.  Deeper
        containers are left alone.

    It's recommended to put this processor right before the renderer, so that
    other processors still see the original values.

    .. versionadded:: 22.2.0
    """

    __slots__ = ("_keys", "_patterns", "masker", "max_depth")

    def __init__(
        self,
        keys: Collection[str] = DEFAULT_SENSITIVE_KEYS,
        patterns: Collection[str | Pattern[str]] = (),
        masker: Callable[[Any], Any] = mask_all,
        max_depth: int = 8,
    ) -> None:
        self._keys = frozenset(_normalize(k) for k in keys)
        self._patterns = tuple(
            re.compile(p, re.IGNORECASE) if isinstance(p, str) else p
            for p in patterns
        )
        self.masker = masker
        self.max_depth = max_depth

    def _is_sensitive(self, key: Any) -> bool:
        if not isinstance(key, str):
            return False

        if _normalize(key) in self._keys:
            return True

        return any(p.search(key) for p in self._patterns)

    def _redact(self, value: Any, depth: int) -> Any:
        if depth > self.max_depth:
            return value

        if isinstance(value, dict):
            return {
                k: self.masker(v)
                if self._is_sensitive(k)
                else self._redact(v, depth + 1)
                for k, v in value.items()
            }
        if isinstance(value, list):
            return [self._redact(v, depth + 1) for v in value]
        if isinstance(value, tuple):
            return tuple(self._redact(v, depth + 1) for v in value)

        return value

    def __call__(
        self, logger: WrappedLogger, name: str, event_dict: EventDict
    ) -> EventDict:
        # The event dict itself is updated in place; nested containers are
        # copied so we never mutate objects that belong to the caller.
        for key, value in event_dict.items():
            if key == "event":
                continue

            if self._is_sensitive(key):
                event_dict[key] = self.masker(value)
            else:
                event_dict[key] = self._redact(value, 1)

        return event_dict


def _normalize(key: str) -> str:
    return key.lower().replace("-", "_")
