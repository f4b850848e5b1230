"""The tracker does no I/O of its own: what a judgement needs from outside comes from the
Question it asks, answered by judging.gather (which the server runs on its I/O thread).
Here every outside source raises: inquiring and concluding must never touch them."""

from __future__ import annotations

from pathlib import Path

import pytest

from provmark.core.facts import Facts
from provmark.core.judging import analyse
from provmark.core.tracker import Tracker
from provmark.settings import Settings
from provmark.sources.workspace_index import WorkspaceIndex

HUMAN = "".join(f"def handler_{i}(request):\n    return respond(request, code={i})\n\n" for i in range(30))
BLOCK = "".join(f"def helper_{i}(value: str) -> str:\n    return value.strip().lower() + '{i}'\n\n" for i in range(8))
URI = "file:///ws/app.py"


class Forbidden:
    """An outside world that may not be touched."""

    def read(self, rel: str) -> str | None:
        raise AssertionError(f"read {rel} during inquire/conclude")

    def who_wrote(self, rel: str, text: str) -> None:
        raise AssertionError(f"probed {rel} during inquire/conclude")

    def refresh(self) -> int:
        raise AssertionError("walked the transcripts during inquire/conclude")

    def match(self, lines: list[str]) -> None:
        raise AssertionError("matched transcripts during inquire/conclude")


def test_inquire_and_conclude_touch_nothing_outside(tmp_path: Path) -> None:
    forbidden = Forbidden()
    tr = Tracker(Settings(), WorkspaceIndex(None), tmp_path, io=forbidden)
    tr.transcripts = forbidden  # type: ignore[assignment]
    tr.open(URI, HUMAN, 1, "python", "app.py", "utf-16")
    tr.change(URI, 2, [(((30, 0), (30, 0)), BLOCK)], 50.0)
    [q] = tr.inquire(URI, 60.0).inquiries
    # Typing goes on while the facts are gathered: the held lines follow the edit.
    tr.change(URI, 3, [(((0, 0), (0, 0)), "import os\n")], 61.0)
    analysis = analyse(q.burst, tr.memory)  # pure: the text and memory only
    assert analysis.question is not None and analysis.question.probe_text is not None
    [flag, *_] = tr.conclude(q, analysis, Facts(writer="disk"))
    assert (flag.start, flag.end) == (31, 31 + BLOCK.count("\n") - 2)
    assert flag.code == "agent-write"


def test_gather_is_where_the_outside_is_read(tmp_path: Path) -> None:
    tr = Tracker(Settings(), WorkspaceIndex(None), tmp_path, io=Forbidden())
    tr.open(URI, HUMAN, 1, "python", "app.py", "utf-16")
    tr.change(URI, 2, [(((30, 0), (30, 0)), BLOCK)], 50.0)
    [q] = tr.inquire(URI, 60.0).inquiries
    with pytest.raises(AssertionError, match=r"probed app\.py"):
        tr.work(q)


def test_edits_inside_the_held_lines_meanwhile_are_followed() -> None:
    tr = Tracker(Settings(), WorkspaceIndex(None))
    tr.open(URI, HUMAN, 1, "python", "app.py", "utf-16")
    tr.change(URI, 2, [(((30, 0), (30, 0)), BLOCK)], 50.0)
    [q] = tr.inquire(URI, 60.0).inquiries
    analysis, facts = tr.work(q)
    # While it was judged: a line typed above, and one line of the paste rewritten.
    tr.change(URI, 3, [(((0, 0), (0, 0)), "import os\n")], 61.0)
    tr.change(URI, 4, [(((33, 0), (33, 0)), "# checked by hand\n")], 62.0)
    flags = tr.conclude(q, analysis, facts)
    # The paste is where it went (one line down), less the typed line and the two
    # pasted lines above it (too few on their own, beside the bulk of the paste).
    assert [(f.start, f.end) for f in flags] == [(35, 31 + BLOCK.count("\n") - 1)]


def test_a_reloaded_writes_small_hunks_are_flagged_with_its_bulk_one(tmp_path: Path) -> None:
    """An agent's write reloaded into the open document: a function added and a line
    changed far from it. As another process's write, both are flagged; as the same edit
    with no writer known, the small hunk is a person's snippet."""
    for writer, expect_small in (("disk", True), (None, False)):
        tr = Tracker(Settings(), WorkspaceIndex(None), tmp_path, io=Forbidden())
        tr.open(URI, HUMAN, 1, "python", "app.py", "utf-16")
        tr.change(
            URI,
            2,
            [(((30, 0), (30, 0)), BLOCK), (((1, 0), (1, 35)), "    return respond(request, code=0, retry=True)")],
            50.0,
        )
        [q] = tr.inquire(URI, 60.0).inquiries
        analysis = analyse(q.burst, tr.memory)
        assert analysis.small_runs == [(1, 1)]
        flags = tr.conclude(q, analysis, Facts(writer=writer))  # type: ignore[arg-type]
        assert any((f.start, f.end) == (1, 1) for f in flags) is expect_small


def test_a_hinted_paste_already_saved_is_the_editors_not_another_process() -> None:
    """An editor that saves at once (auto-save) has the paste on disk before it is judged:
    with the client's paste hint, that is the editor's own save, not an agent's write,
    whether the hint comes before the judgement or after it."""
    for hint_first in (True, False):
        tr = Tracker(Settings(), WorkspaceIndex(None))
        tr.open(URI, HUMAN, 1, "python", "app.py", "utf-16")
        tr.change(URI, 2, [(((30, 0), (30, 0)), BLOCK)], 50.0)
        end = (30 + BLOCK.count("\n"), 0)
        if hint_first:
            tr.paste_hint(URI, 2, (30, 0), end, "external")
        [q] = tr.inquire(URI, 60.0).inquiries
        [flag, *_] = tr.conclude(q, analyse(q.burst, tr.memory), Facts(writer="disk"))
        if not hint_first:
            assert flag.code == "agent-write"
            [flag] = tr.paste_hint(URI, 2, (30, 0), end, "external")
        signals = [e.signal for e in flag.evidence]
        assert "written-on-disk" not in signals and "paste-hint" in signals
        assert flag.code == "external-paste"
