"""The document model against a slow reference, under random incremental edits."""

from __future__ import annotations

import random

import pytest

from provmark.core.textdoc import UTF8, UTF16, UTF32, OutOfRange, TextDocument, split_lines
from support.text import units

ALPHABET = ["a", "b", " ", "\n", "\r\n", "\r", "\f", "\u2028", "\x85", "é", "😀", "\t", "x\ny", "中"]


def ref_offset(text: str, line: int, col: int, enc: str) -> int:
    """Offset of an LSP position, computed the slow and obvious way."""
    lines = split_lines(text)
    off = sum(len(x) for x in lines[:line])
    body = lines[line].rstrip("\r\n") if not lines[line].endswith("\r\n") else lines[line][:-2]
    if lines[line].endswith("\r\n"):
        body = lines[line][:-2]
    elif lines[line].endswith(("\r", "\n")):
        body = lines[line][:-1]
    u = 0
    for i, ch in enumerate(body):
        if u >= col:
            return off + i
        u += units(ch, enc)
    return off + len(body)


def rand_pos(rng: random.Random, text: str, enc: str) -> tuple[int, int]:
    lines = split_lines(text)
    line = rng.randrange(len(lines))
    body = lines[line].rstrip("\r\n")
    # a column on a character boundary
    k = rng.randint(0, len(body))
    return line, units(body[:k], enc)


def test_split_lines_only_lsp_endings() -> None:
    assert split_lines("a\fb\u2028c\x85d\r\ne\rf\ng") == ["a\fb\u2028c\x85d\r\n", "e\r", "f\n", "g"]
    assert TextDocument("u", "a\fb\u2028c").line_count == 1


@pytest.mark.parametrize("enc", [UTF16, UTF8, UTF32])
@pytest.mark.parametrize("seed", range(6))
def test_random_edits_match_reference(enc: str, seed: int) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice(ALPHABET) for _ in range(60))
    doc = TextDocument("file:///x", text, encoding=enc)
    for _ in range(400):
        a, b = rand_pos(rng, text, enc), rand_pos(rng, text, enc)
        if b < a:
            a, b = b, a
        new = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 5)))
        s, e = ref_offset(text, *a, enc), ref_offset(text, *b, enc)
        text = text[:s] + new + text[e:]
        doc.apply(a, b, new)
        assert doc.text == text
        assert len(doc) == len(text)
        assert doc.line_count == len(split_lines(text))


def test_crlf_join_and_split() -> None:
    doc = TextDocument("u", "a\rb")
    doc.apply((1, 0), (1, 0), "\n")  # \r then \n: one line ending
    assert doc.text == "a\r\nb" and doc.line_count == 2
    doc.apply((0, 1), (1, 0), "")  # delete the ending
    assert doc.text == "ab" and doc.line_count == 1


def test_out_of_range_is_clamped_and_reported() -> None:
    doc = TextDocument("u", "one\ntwo")
    with pytest.raises(OutOfRange):
        doc.apply((5, 0), (9, 3), "!")
    assert doc.text == "one\ntwo!"


def test_utf16_columns_with_astral_characters() -> None:
    doc = TextDocument("u", "😀x\n")
    assert doc.line_length(0) == 3
    doc.apply((0, 2), (0, 3), "y")
    assert doc.text == "😀y\n"


def test_edit_reports_what_changed() -> None:
    doc = TextDocument("u", "l0\nl1\nl2\n")
    e = doc.apply((1, 0), (1, 0), "a\nb\n")
    assert (e.start_line, e.end_line, e.new_lines, e.line_delta) == (1, 1, 2, 2)
    e = doc.apply((0, 2), (3, 0), "")
    assert e.deleted == "\na\nb\n" and e.line_delta == -3 and doc.text == "l0l1\nl2\n"
