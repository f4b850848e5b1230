"""Whole-document changes become the smallest ranged edits: applied to the document
they give exactly the new text, in every position encoding, and they touch only what
changed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from provmark.core.text_diff import MAX_DIFF_LINES, changes, hunks
from provmark.core.textdoc import UTF8, UTF16, UTF32, TextDocument, split_lines

PIECES = st.sampled_from(["a", "b", " ", "\n", "\r\n", "\r", "\f", "\u2028", "é", "😀", "def f():\n    pass\n"])
TEXT = st.lists(PIECES, max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(old=TEXT, new=TEXT, enc=st.sampled_from([UTF8, UTF16, UTF32]))
def test_the_edits_make_the_new_text(old: str, new: str, enc: str) -> None:
    doc = TextDocument("file:///x.py", old, encoding=enc)
    for start, end, text in changes(doc.raw_lines(), new, enc):
        doc.apply(start, end, text)
    assert doc.text == new


def test_one_typed_character_is_one_insertion() -> None:
    old = "def f():\n    return 1\n"
    assert hunks(old, old.replace("1", "12")) == [(old.index("1") + 1, old.index("1") + 1, "2")]
    assert hunks(old, old) == []


def test_edits_far_apart_stay_apart_and_the_lines_between_are_untouched() -> None:
    lines = [f"line {i}\n" for i in range(50)]
    new = lines.copy()
    new[3] = "line 3 changed\n"
    new[40:40] = ["pasted\n"] * 5
    got = changes(lines, "".join(new), UTF16)
    assert [(s, e) for s, e, _ in got] == [((40, 0), (40, 0)), ((3, 6), (3, 6))]  # last first
    assert [t for _, _, t in got] == ["pasted\n" * 5, " changed"]


def splits_crlf(text: str, at: int) -> bool:
    return text[at - 1 : at + 1] == "\r\n" if at > 0 else False


@settings(max_examples=300, deadline=None)
@given(old=TEXT, new=TEXT)
def test_a_line_ending_is_never_split(old: str, new: str) -> None:
    for s, e, _ in hunks(old, new):
        assert not splits_crlf(old, s) and not splits_crlf(old, e)
    assert hunks("a\r\nb", "a\nb") == [(1, 3, "\n")]  # the whole ending, not its \r alone


def test_a_huge_change_is_one_edit() -> None:
    old = "".join(f"{i}\n" for i in range(MAX_DIFF_LINES + 10))
    new = "".join(f"{i}x\n" for i in range(MAX_DIFF_LINES + 10))
    assert len(hunks(old, new)) == 1
    assert len(split_lines(new)) == MAX_DIFF_LINES + 11


def test_a_text_of_few_distinct_lines_is_diffed_coarsely_not_quadratically() -> None:
    """Braces and blank lines repeat: they are not matched on (this took 32 s before)."""
    old = "".join(["}\n", "\n", "x\n"][i % 3] for i in range(2000))
    new = old.replace("x\n", "y\n")
    got = hunks(old, new)
    assert len(got) <= 10
    rebuilt = old
    for s, e, text in reversed(got):
        rebuilt = rebuilt[:s] + text + rebuilt[e:]
    assert rebuilt == new
