"""Golden scores: what the editor's path (tracker) and the workspace scan say for a fixed
set of situations, frozen in tests/golden/scores.json.

A change to a weight, a prior or the way evidence becomes a score shows up here as a
diff of that file, so scores change only where a commit means them to. Regenerate with
PROVMARK_UPDATE_GOLDEN=1 and read the diff before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from conftest import ROOT
from provmark.batch.scan import scan
from provmark.core.tracker import Tracker
from provmark.settings import Settings
from provmark.sources.transcripts import TranscriptIndex
from provmark.sources.workspace_index import WorkspaceIndex
from support.samples import AI_BLOCK, handlers
from support.workloads import claude_writes, git

GOLDEN = ROOT / "tests" / "golden" / "scores.json"

HUMAN = handlers(30)
TERSE = "".join(f"def f{i}(a, b):\n    x = a + b * {i}\n    return x if x > 0 else -x\n\n" for i in range(6))
CHAT = (
    "Here's a function that parses durations:\n\n```python\n"
    + AI_BLOCK
    + "```\n\nThis function handles hours, minutes and seconds.\n"
)
URI = "file:///ws/app.py"


def _row(f: Any) -> dict[str, Any]:
    return {
        "lines": [f.start + 1, f.end + 1],
        "severity": f.severity,
        "code": f.code,
        "score": round(f.score, 3),
        "tool": f.tool,
        "evidence": sorted(f"{e['signal']}={e['weight']:+.2f}" for e in f.evidence),
    }


def _editor(tmp: Path) -> dict[str, Any]:
    ws = tmp / "ws"
    ws.mkdir()
    home = tmp / "home"
    out: dict[str, Any] = {}

    def tracker() -> Tracker:
        return Tracker(Settings(), WorkspaceIndex(None), ws)

    def paste(name: str, text: str, hint: str | None = None) -> None:
        tr = tracker()
        tr.open(URI, HUMAN, 1, "python", "app.py", "utf-16")
        tr.change(URI, 2, [(((30, 0), (30, 0)), text)], 50.0)
        if hint:
            tr.paste_hint(URI, 2, (30, 0), (30 + text.count("\n"), 0), hint)
        tr.judge(URI, 60.0)
        out[name] = [_row(f) for f in tr.findings(URI)]

    paste("paste-assistant", AI_BLOCK)
    paste("paste-assistant-external", AI_BLOCK, "external")
    paste("paste-assistant-editor", AI_BLOCK, "editor")
    paste("paste-terse", TERSE)
    paste("paste-chat-answer", CHAT)

    # A paste that an AI tool's session log holds.
    claude_writes(ws, home, "app.py", AI_BLOCK)
    tr = tracker()
    tr.transcripts = TranscriptIndex(ws, home=home)
    tr.open(URI, HUMAN, 1, "python", "app.py", "utf-16")
    tr.change(URI, 2, [(((30, 0), (30, 0)), AI_BLOCK)], 50.0)
    tr.judge(URI, 60.0)
    out["paste-transcript"] = [_row(f) for f in tr.findings(URI)]

    # Another process writes a file that is not open.
    tr = tracker()
    j = tr.disk_write("new.py", AI_BLOCK * 2, None, False)
    out["disk-write"] = [_row(f) for f in tr.closed_findings("new.py")] + [j.verdict]

    # Lines that git blame gives to a commit declaring an AI tool, in an open file.
    tr = tracker()
    tr.open(URI, HUMAN + AI_BLOCK, 1, "python", "app.py", "utf-16")
    tr.add_history(URI, [(90, 102, "claude-code", "a" * 40)])
    out["history-open"] = [_row(f) for f in tr.findings(URI)]
    return out


def _scan(tmp: Path) -> dict[str, Any]:
    root = tmp / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "human.py").write_text(HUMAN)
    (root / "terse.py").write_text(TERSE)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "init")
    (root / "human.py").write_text(HUMAN + AI_BLOCK)
    git(root, "commit", "-qam", "Add parser\n\nCo-Authored-By: Claude <noreply@anthropic.com>")
    (root / "assistant.py").write_text(AI_BLOCK + AI_BLOCK.replace("parse_duration", "parse_other"))
    home = tmp / "home"
    (root / "agent.py").write_text(AI_BLOCK.replace("parse_duration", "agent_parse"))
    claude_writes(root, home, "agent.py", AI_BLOCK.replace("parse_duration", "agent_parse"))
    report = scan(root, jobs=1, use_cache=False, transcripts=TranscriptIndex(root, home=home))
    return {f.path: [_row(x) for x in f.findings] for f in report.files}


def test_golden_scores(tmp_path: Path) -> None:
    got = {"editor": _editor(tmp_path), "scan": _scan(tmp_path)}
    text = json.dumps(got, indent=1, sort_keys=True) + "\n"
    if os.environ.get("PROVMARK_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(text)
    assert json.loads(GOLDEN.read_text()) == got, "scores moved: rerun with PROVMARK_UPDATE_GOLDEN=1 and read the diff"
