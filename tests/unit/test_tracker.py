"""The classifier and scorer, driven directly (no LSP)."""

from __future__ import annotations

from pathlib import Path

import pytest

from provmark.core.tracker import Tracker
from provmark.settings import Settings
from provmark.sources import sidecar
from provmark.sources.workspace_index import FilesIO, WorkspaceIndex
from support.samples import AI_BLOCK, handlers

HUMAN = handlers(30)
URI = "file:///ws/app.py"
N = AI_BLOCK.count("\n")  # lines a paste of AI_BLOCK adds (its last one blank)
LAST = AI_BLOCK.rstrip("\n").count("\n")  # its last non-blank line, counted from its first


def make(tmp: Path | None = None, **settings) -> Tracker:
    index = WorkspaceIndex(tmp)
    if tmp is not None:
        index.build()
    return Tracker(Settings(**settings), index, tmp, io=FilesIO(tmp) if tmp is not None else None)


def settle(tr: Tracker, uri: str = URI, now: float = 100.0) -> bool:
    return tr.judge(uri, now + 10)


def insert(tr: Tracker, line: int, text: str, now: float = 50.0, uri: str = URI) -> None:
    tr.change(uri, 2, [(((line, 0), (line, 0)), text)], now)


def test_paste_of_a_block_is_flagged_as_warning() -> None:
    tr = make()
    tr.open(URI, HUMAN, 1, "python", "app.py", "utf-16")
    insert(tr, 30, AI_BLOCK)
    assert settle(tr)
    [f] = tr.findings(URI)
    assert f.severity == "warning" and f.start == 30 and f.end == 30 + LAST
    assert 0.5 <= f.score <= 1.0


def test_typing_is_never_flagged() -> None:
    tr = make()
    tr.open(URI, HUMAN, 1, "python", "app.py", "utf-16")
    t = 10.0
    for i, ch in enumerate(AI_BLOCK):
        tr.change(URI, 2 + i, [(((30, i), (30, i)), ch if ch != "\n" else " ")], t)
        t += 0.01  # very fast typing: all one burst
    settle(tr, now=t)
    assert tr.findings(URI) == []
    assert tr.docs[URI].judgements[-1].verdict == "typing"


def test_small_snippet_is_not_flagged() -> None:
    tr = make()
    tr.open(URI, HUMAN, 1, "python", "app.py", "utf-16")
    insert(tr, 3, "if __name__ == '__main__':\n    main()\n")
    settle(tr)
    assert tr.findings(URI) == []


def test_undo_of_a_deletion_is_explained() -> None:
    tr = make()
    tr.open(URI, HUMAN, 1, "python", "app.py", "utf-16")
    block = tr.docs[URI].doc.text.split("\n")
    deleted = "\n".join(block[3:30]) + "\n"
    tr.change(URI, 2, [(((3, 0), (30, 0)), "")], 10.0)
    settle(tr, now=10.0)
    insert(tr, 3, deleted, now=20.0)
    settle(tr, now=20.0)
    assert tr.findings(URI) == []
    assert tr.docs[URI].judgements[-1].verdict == "restored"


def test_copy_from_a_workspace_file_is_explained_even_reindented(tmp_path: Path) -> None:
    src = "".join(f"def compute_{i}(values):\n    return sum(v * {i} for v in values)\n\n" for i in range(20))
    (tmp_path / "lib.py").write_text(src)
    tr = make(tmp_path)
    uri = (tmp_path / "app.py").as_uri()
    tr.open(uri, "x = 1\n", 1, "python", "app.py", "utf-16")
    copied = "".join("    " + ln + "\n" for ln in src.splitlines()[6:24])
    insert(tr, 1, copied, uri=uri)
    settle(tr, uri)
    assert tr.findings(uri) == []
    assert tr.docs[uri].judgements[-1].verdict == "copy"


def test_reformatting_is_explained() -> None:
    tr = make()
    ugly = "".join(f"def f{i}(a,b):\n  return g(a,b,'x{i}')\n" for i in range(20))
    pretty = "".join(f'def f{i}(a, b):\n    return g(a, b, "x{i}")\n' for i in range(20))
    tr.open(URI, ugly, 1, "python", "app.py", "utf-16")
    tr.change(URI, 2, [(((0, 0), (40, 0)), pretty)], 10.0)
    settle(tr, now=10.0)
    assert tr.findings(URI) == []
    assert tr.docs[URI].judgements[-1].verdict in ("format", "small")


def test_copy_of_flagged_text_inherits_the_flag() -> None:
    tr = make()
    tr.open(URI, HUMAN, 1, "python", "app.py", "utf-16")
    insert(tr, 30, AI_BLOCK, now=10.0)
    settle(tr, now=10.0)
    insert(tr, 0, AI_BLOCK, now=30.0)  # copy it to the top
    settle(tr, now=30.0)
    flags = [f for f in tr.findings(URI) if f.severity == "warning"]
    assert [(f.start, f.end) for f in flags] == [(0, LAST), (30 + N, 30 + N + LAST)]
    assert tr.docs[URI].judgements[-1].verdict == "inherited"


def test_editor_hint_lowers_and_external_hint_raises_the_score() -> None:
    scores = {}
    for source in ("editor", "external"):
        tr = make(content_model=False)  # the hint alone; the style would outweigh it
        tr.open(URI, HUMAN, 1, "python", "app.py", "utf-16")
        insert(tr, 30, AI_BLOCK)
        tr.paste_hint(URI, 2, (30, 0), (30 + N, 0), source)
        settle(tr)
        found = tr.findings(URI)
        scores[source] = (found[0].score, found[0].severity) if found else (0.0, None)
    assert scores["editor"][1] in ("information", None)  # a copy inside the editor: not a warning
    assert scores["external"][1] == "warning" and scores["external"][0] > scores["editor"][0]


def test_the_words_say_what_is_known_and_count_lines_as_the_evidence_does() -> None:
    """Without the client's paste hint, all that is known is that the lines came at once."""
    words = {}
    for source in (None, "external"):
        tr = make(content_model=False)
        tr.open(URI, HUMAN, 1, "python", "app.py", "utf-16")
        insert(tr, 30, AI_BLOCK)
        if source:
            tr.paste_hint(URI, 2, (30, 0), (30 + N, 0), source)
        settle(tr)
        [f] = tr.findings(URI)
        [size] = [e for e in f.evidence if e["signal"] == "size"]
        assert f.message.startswith(f"{f.lines} lines ") and size["detail"].startswith(f"{f.lines} lines at once")
        words[source] = f.message
    assert "arrived at once" in words[None] and "outside" not in words[None]
    assert "pasted from outside the editor" in words["external"]


def test_chat_answer_with_prose_and_fences_scores_higher() -> None:
    tr = make()
    tr.open(URI, HUMAN, 1, "python", "app.py", "utf-16")
    insert(tr, 30, AI_BLOCK, now=10.0)
    settle(tr, now=10.0)
    plain = tr.findings(URI)[0].score
    answer = "Here's a function that parses durations:\n\n```python\n" + AI_BLOCK + "```\n\nThis handles hours.\n"
    tr2 = make()
    tr2.open(URI, HUMAN, 1, "python", "app.py", "utf-16")
    insert(tr2, 30, answer)
    settle(tr2)
    [f] = tr2.findings(URI)
    assert f.score > plain and f.code == "ai-paste"
    assert {e["signal"] for e in f.evidence} >= {"markdown-fence", "chat-prose"}


def test_flag_follows_edits_above_and_splits_inside() -> None:
    tr = make()
    tr.open(URI, HUMAN, 1, "python", "app.py", "utf-16")
    insert(tr, 30, AI_BLOCK, now=10.0)
    settle(tr, now=10.0)
    insert(tr, 0, "import os\n", now=20.0)
    insert(tr, 36, "    # a note\n", now=30.0)
    settle(tr, now=30.0)
    # Split around the note; the second part starts after the docstring's blank line.
    assert [(f.start, f.end) for f in tr.findings(URI)] == [(31, 35), (38, 32 + LAST)]


def test_whole_text_changes_move_and_split_flags_and_keep_tags_like_ranged_ones(tmp_path: Path) -> None:
    """A client that sends every change as the whole text (ALE): the flag follows edits
    above, splits around a note typed inside, and a tag's Hint stays."""
    tr = make(tmp_path)
    uri = (tmp_path / "app.py").as_uri()
    tr.open(uri, HUMAN, 1, "python", "app.py", "utf-16")

    def whole(edit, now: float) -> None:
        lines = tr.docs[uri].doc.raw_lines()
        tr.change(uri, 2, [(None, edit("".join(lines)))], now)

    whole(lambda text: "".join(text.splitlines(True)[:30]) + AI_BLOCK + "".join(text.splitlines(True)[30:]), 10.0)
    settle(tr, uri, now=10.0)
    [f] = tr.findings(uri)
    assert (f.severity, f.start, f.end) == ("warning", 30, 30 + LAST)
    whole(lambda text: "import os\n" + text, 20.0)
    whole(
        lambda text: "".join(x + ("    # a note\n" if i == 35 else "") for i, x in enumerate(text.splitlines(True))),
        30.0,
    )
    settle(tr, uri, now=30.0)
    assert [(f.start, f.end) for f in tr.findings(uri)] == [(31, 35), (38, 32 + LAST)]
    first = tr.findings(uri)[0]
    rec = sidecar.make_record(
        tr.docs[uri].doc.lines(first.start, first.end + 1), first.start + 1, {"kind": "ai"}, "exclude"
    )
    tr.tagged(uri, first.start, first.end, rec)
    whole(lambda text: text.replace("import os\n", "import os\nimport sys\n"), 40.0)
    settle(tr, uri, now=40.0)
    assert [(f.severity, f.start) for f in tr.findings(uri)] == [("hint", 32), ("warning", 39)]


def test_tagging_shows_a_hint_and_survives_reopening_after_changes(tmp_path: Path) -> None:
    tr = make(tmp_path)
    uri = (tmp_path / "app.py").as_uri()
    tr.open(uri, HUMAN, 1, "python", "app.py", "utf-16")
    insert(tr, 30, AI_BLOCK, uri=uri)
    settle(tr, uri)
    [f] = tr.findings(uri)
    lines = tr.docs[uri].doc.lines(f.start, f.end + 1)
    rec = sidecar.make_record(lines, f.start + 1, {"kind": "ai", "tool": None}, "exclude")
    sidecar.update(tmp_path, "app.py", add=[rec])
    tr.tagged(uri, f.start, f.end, rec)
    [h] = tr.findings(uri)
    assert h.severity == "hint" and "AI-generated" in h.message and "excluded from training" in h.message
    # The file changes while closed: 5 lines added at the top.
    text = "# header\n" * 5 + tr.docs[uri].doc.text
    tr.close(uri)
    tr.open(uri, text, 1, "python", "app.py", "utf-16", sidecar.load(tmp_path, "app.py"))
    [h] = tr.findings(uri)
    assert (h.severity, h.start, h.end) == ("hint", 35, 35 + LAST)


def test_a_record_that_cannot_be_found_is_stale(tmp_path: Path) -> None:
    tr = make(tmp_path)
    rec = sidecar.make_record(AI_BLOCK.splitlines(), 3, {"kind": "ai"}, "exclude")
    uri = (tmp_path / "app.py").as_uri()
    tr.open(uri, HUMAN, 1, "python", "app.py", "utf-16", {"schema": "provmark/1", "path": "app.py", "records": [rec]})
    [f] = tr.findings(uri)
    assert f.severity == "information" and f.code == "stale-record"


def test_binary_and_huge_documents_are_skipped() -> None:
    tr = make(max_file_bytes=1000)
    assert tr.open("file:///b", "a\0b", 1, "", None, "utf-16").skipped
    assert tr.open("file:///h", "x" * 2000, 1, "", None, "utf-16").skipped
    tr.change("file:///h", 2, [(((0, 0), (0, 0)), AI_BLOCK * 3)], 1.0)
    assert tr.findings("file:///h") == []


def test_a_snippet_right_after_a_paste_is_not_part_of_its_region() -> None:
    tr = make()
    tr.open(URI, HUMAN, 1, "python", "app.py", "utf-16")
    insert(tr, 30, AI_BLOCK, now=10.0)
    insert(tr, 70, "if ready:\n    go()\n", now=10.001)  # same burst, far away
    settle(tr, now=10.001)
    assert [(f.start, f.end) for f in tr.findings(URI)] == [(30, 30 + LAST)]


def test_multi_cursor_paste_flags_every_range() -> None:
    tr = make(content_model=False)  # six lines of plain calls: the style alone would clear them
    tr.open(URI, HUMAN, 1, "python", "app.py", "utf-16")
    part = "value = compute_total(records, weight=3)\nsave_report(value, path='out.txt')\n"
    tr.change(URI, 2, [(((40, 0), (40, 0)), part), (((20, 0), (20, 0)), part), (((5, 0), (5, 0)), part)], 1.0)
    settle(tr, now=1.0)
    assert [(f.start, f.end) for f in tr.findings(URI)] == [(5, 6), (22, 23), (44, 45)]


def test_random_edits_never_raise_and_findings_stay_inside_the_document() -> None:
    import random

    pieces = ["x", "\n", "\r\n", "\f", "\u2028", "😀", "  ", AI_BLOCK, "def f():\n    pass\n", ""]
    for seed in range(5):
        rng = random.Random(seed)
        tr = make()
        tr.open(URI, HUMAN, 1, "python", "app.py", "utf-16")
        now = 0.0
        for v in range(300):
            doc = tr.docs[URI].doc
            a = rng.randrange(doc.line_count + 2)  # sometimes past the end
            b = min(a + rng.choice([0, 0, 1, 5]), doc.line_count + 2)
            tr.change(URI, v + 2, [(((a, rng.randrange(4)), (b, rng.randrange(4))), rng.choice(pieces))], now)
            now += rng.choice([0.001, 0.01, 0.1])
            tr.judge(URI, now + 1)
            for f in tr.findings(URI):
                assert 0 <= f.start <= f.end < tr.docs[URI].doc.line_count


def test_a_bulk_insertion_waits_only_for_a_hint_the_client_would_send() -> None:
    tr = make()
    tr.open(URI, HUMAN, 1, "python", "app.py", "utf-16")
    window = tr.settings.burst_window_ms / 1000
    tr.change(URI, 2, [(((3, 0), (3, 0)), "x")], 50.0)
    assert tr.due(URI, 50.0) == pytest.approx(window)  # typing keeps the window
    settle(tr)
    insert(tr, 30, AI_BLOCK, now=60.0)
    assert tr.due(URI, 60.0) == 0.0  # no hint ever came from this client: judged at once
    settle(tr, now=60.0)
    tr.paste_hint(URI, 2, (30, 0), (30 + N, 0), "external")
    assert tr.hints_seen
    tr.change(URI, 3, [(((0, 0), (0, 0)), AI_BLOCK)], 70.0)
    assert tr.due(URI, 70.0) == pytest.approx(window)  # this client sends hints: wait for it
    tr.paste_hint(URI, 3, (0, 0), (N, 0), "external")
    assert tr.due(URI, 70.0) == 0.0  # here it is


def test_a_buffer_opened_with_edits_the_disk_does_not_have_is_judged() -> None:
    """Edits made before the server started: the lines beyond the disk are one insertion of
    unknown origin; lines the last commit has are not (a buffer at an older state)."""
    lines = HUMAN.splitlines(True)
    buffer = "".join(lines[:30]) + AI_BLOCK + "".join(lines[30:])
    tr = make()
    tr.open(URI, buffer, 1, "python", "app.py", "utf-16")
    assert tr.add_unsaved(URI, HUMAN, None, 1, 50.0)
    settle(tr, now=50.0)
    [f] = tr.findings(URI)
    assert (f.severity, f.start, f.end) == ("warning", 30, 30 + LAST)
    assert "arrived at once" in f.message
    for committed in (buffer, "# old\n" + AI_BLOCK):
        tr = make()
        tr.open(URI, buffer, 1, "python", "app.py", "utf-16")
        tr.add_unsaved(URI, HUMAN, committed, 1, 50.0)
        settle(tr, now=50.0)
        assert tr.findings(URI) == []
    tr = make()
    tr.open(URI, buffer, 2, "python", "app.py", "utf-16")
    assert not tr.add_unsaved(URI, HUMAN, None, 1, 50.0)  # edited meanwhile: not placed


def test_whole_text_lines_that_go_on_where_the_last_change_ended_read_as_typing() -> None:
    """A client that sends a whole insert session as one change (ALE): a session that
    continues the previous one weighs as typing; the same lines elsewhere do not."""
    scores = {}
    for continues in (True, False):
        tr = make(content_model=False)
        tr.open(URI, HUMAN, 1, "python", "app.py", "utf-16")
        lines = HUMAN.splitlines(True)
        typed = "".join(lines[:30]) + "# a note typed first\n" + "".join(lines[30:])
        tr.change(URI, 2, [(None, typed)], 10.0)
        settle(tr, now=10.0)
        at = 31 if continues else 0
        new = typed.splitlines(True)
        tr.change(URI, 3, [(None, "".join(new[:at]) + AI_BLOCK + "".join(new[at:]))], 20.0)
        settle(tr, now=20.0)
        [flag] = [r for r in tr.docs[URI].regions if r.kind == "flag"]
        scores[continues] = (flag.score, [e.signal for e in flag.evidence], len(tr.findings(URI)))
    assert "continues-typing" not in scores[False][1] and scores[False][0] >= 0.4 and scores[False][2] == 1
    assert "continues-typing" in scores[True][1] and scores[True][0] < 0.2  # below Information: not shown
    assert scores[True][2] == 0
