# SPDX-License-Identifier: MIT OR Apache-2.0
# This file is dual licensed under the terms of the Apache License, Version
# 2.0, and the MIT License.  See the LICENSE file in the root of this
# repository for complete details.

import re

import pytest

import structlog

from structlog.redaction import (
    DEFAULT_SENSITIVE_KEYS,
    KeyRedactor,
    mask_all,
    mask_tail,
)
from structlog.testing import CapturingLoggerFactory


class TestMaskers:
    def test_mask_all(self):
        """
        mask_all replaces every value with the same marker.
        """
        assert "[REDACTED]" == mask_all("hunter2")
        assert "[REDACTED]" == mask_all(None)
        assert "[REDACTED]" == mask_all({"nested": 1})

    def test_mask_tail(self):
        """
        mask_tail keeps the last characters and stars out the rest.
        """
        assert "************4242" == mask_tail(4)("4242424242424242")

    def test_mask_tail_short_values(self):
        """
        Values that are not longer than what would be kept are masked
        completely.
        """
        assert "[REDACTED]" == mask_tail(4)("1234")
        assert "[REDACTED]" == mask_tail(4)("")

    def test_mask_tail_zero(self):
        """
        keep=0 stars out everything.
        """
        assert "***" == mask_tail(0)("abc")

    def test_mask_tail_negative(self):
        """
        Negative keep values are rejected.
        """
        with pytest.raises(ValueError) as e:
            mask_tail(-1)

        assert "keep must not be negative." == e.value.args[0]

    def test_mask_tail_stringifies(self):
        """
        Non-string values are converted using str().
        """
        assert "**345" == mask_tail(3)(12345)


class TestKeyRedactor:
    def test_default_keys(self):
        """
        Without arguments, the default sensitive keys are masked and
        everything else is left alone.
        """
        ed = KeyRedactor()(
            None, None, {"event": "login", "user": "alice", "password": "x"}
        )

        assert {
            "event": "login",
            "user": "alice",
            "password": "[REDACTED]",
        } == ed

    @pytest.mark.parametrize("key", sorted(DEFAULT_SENSITIVE_KEYS))
    def test_every_default_key(self, key):
        """
        Every default key is masked.
        """
        assert "[REDACTED]" == KeyRedactor()(None, None, {key: "v"})[key]

    @pytest.mark.parametrize(
        "key", ["Password", "PASSWORD", "api-key", "API_KEY", "Set_Cookie"]
    )
    def test_key_normalization(self, key):
        """
        Keys match regardless of case and of dashes vs. underscores.
        """
        assert "[REDACTED]" == KeyRedactor()(None, None, {key: "v"})[key]

    def test_event_is_never_masked(self):
        """
        The event key is kept even if it were configured as sensitive.
        """
        ed = KeyRedactor(keys=["event"])(None, None, {"event": "hi"})

        assert {"event": "hi"} == ed

    def test_custom_keys_replace_defaults(self):
        """
        Passing keys replaces the default set.
        """
        ed = KeyRedactor(keys=["ssn"])(None, None, {"ssn": 1, "password": 2})

        assert {"ssn": "[REDACTED]", "password": 2} == ed

    def test_patterns(self):
        """
        Keys matching a pattern are masked; strings and compiled patterns are
        both accepted.
        """
        kr = KeyRedactor(
            keys=(), patterns=[r"_token$", re.compile(r"^x-secret-")]
        )

        ed = kr(
            None,
            None,
            {"refresh_token": "a", "x-secret-id": "b", "tokenizer": "c"},
        )

        assert {
            "refresh_token": "[REDACTED]",
            "x-secret-id": "[REDACTED]",
            "tokenizer": "c",
        } == ed

    def test_string_patterns_ignore_case(self):
        """
        Patterns given as strings are compiled case-insensitively.
        """
        kr = KeyRedactor(keys=(), patterns=["session"])

        assert "[REDACTED]" == kr(None, None, {"SessionID": 1})["SessionID"]

    def test_nested(self):
        """
        Sensitive keys are found in nested dicts, lists and tuples.
        """
        ed = KeyRedactor()(
            None,
            None,
            {
                "request": {
                    "headers": {"Authorization": "Bearer x", "Accept": "*/*"},
                    "body": [{"password": "p"}, ("token", {"token": "t"})],
                }
            },
        )

        assert {
            "request": {
                "headers": {"Authorization": "[REDACTED]", "Accept": "*/*"},
                "body": [
                    {"password": "[REDACTED]"},
                    ("token", {"token": "[REDACTED]"}),
                ],
            }
        } == ed

    def test_does_not_mutate_nested_values(self):
        """
        Nested containers that belong to the caller are copied, not changed.
        """
        headers = {"authorization": "Bearer x"}
        ed = KeyRedactor()(None, None, {"headers": headers})

        assert {"authorization": "Bearer x"} == headers
        assert {"authorization": "[REDACTED]"} == ed["headers"]

    def test_max_depth(self):
        """
        Containers deeper than max_depth are left alone.
        """
        kr = KeyRedactor(max_depth=1)
        ed = kr(None, None, {"a": {"password": 1, "b": {"password": 2}}})

        assert {"a": {"password": "[REDACTED]", "b": {"password": 2}}} == ed

    def test_non_string_keys(self):
        """
        Non-string keys in nested dicts are never considered sensitive.
        """
        ed = KeyRedactor()(None, None, {"d": {1: "one", None: "none"}})

        assert {"d": {1: "one", None: "none"}} == ed

    def test_custom_masker(self):
        """
        The masker receives the original value.
        """
        seen = []

        def masker(value):
            seen.append(value)
            return "<hidden>"

        ed = KeyRedactor(masker=masker)(None, None, {"token": "abc"})

        assert ["abc"] == seen
        assert {"token": "<hidden>"} == ed

    def test_integration(self):
        """
        KeyRedactor works within a processor chain.
        """
        cf = CapturingLoggerFactory()
        log = structlog.wrap_logger(
            cf(),
            processors=[
                KeyRedactor(masker=mask_tail(2)),
                structlog.processors.KeyValueRenderer(sort_keys=True),
            ],
        )

        log.info("signed in", user="bob", api_key="abcdef")

        assert (
            "api_key='****ef' event='signed in' user='bob'"
            == cf.logger.calls[0].args[0]
        )
