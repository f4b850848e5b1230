"""A small repository for `provmark report` (tests/unit/test_report*.py and the Chromium
test in tests/editors): two dated commits (one declaring an AI tool), a file the content
model flags, a tagged AI record, an unreviewed record, a broken sidecar, and a path
with characters HTML must escape."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from provmark.sources import sidecar
from support.samples import AI_ANSWER, AI_BLOCK, handlers

ROOT = Path(__file__).resolve().parent.parent.parent

HUMAN = handlers(6)  # hand-written-looking: the content model does not flag it

# AI-written, and plain enough in its style for the content model to warn on it alone.
AI_FILE = (ROOT / "samples" / "shop" / "cart.py").read_text(encoding="utf-8")
WEIRD = "src/we<ird>&'x\".py"  # a path HTML must escape


def git(root: Path, *args: str, date: str = "2025-01-15T10:00:00Z") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "dev",
        "GIT_AUTHOR_EMAIL": "dev@example.com",
        "GIT_COMMITTER_NAME": "dev",
        "GIT_COMMITTER_EMAIL": "dev@example.com",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


def sample_tree(base: Path) -> Path:
    root = base / "repo"
    (root / "src" / "deep" / "er").mkdir(parents=True)
    (root / "src" / "walker.py").write_text(HUMAN)
    (root / "src" / "cart.py").write_text(AI_FILE)
    (root / "src" / "broken.py").write_text(HUMAN.replace("handler_", "broken_"))
    (root / "src" / "deep" / "er" / "cart2.py").write_text(AI_FILE.replace("class ", "class Deep"))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "init", date="2025-01-15T10:00:00Z")
    # A commit that declares an AI tool: its lines are `ai-commit` findings.
    (root / "src" / "agent.py").write_text(handlers(8).replace("handler_", "agent_"))
    git(root, "add", "-A")
    git(
        root,
        "commit",
        "-qm",
        "Add Agent\n\nCo-Authored-By: Claude <noreply@anthropic.com>",
        date="2025-03-10T10:00:00Z",
    )
    # Not committed: a tagged AI block, an unreviewed paste, a flagged file at a strange path.
    (root / "src" / "tagged.py").write_text(AI_BLOCK)
    tagged = sidecar.make_record(
        AI_BLOCK.splitlines(), 1, {"kind": "ai", "tool": "claude-code", "model": "claude-test"}, "exclude"
    )
    sidecar.update(root, "src/tagged.py", add=[tagged])
    (root / "src" / "pasted.py").write_text(AI_ANSWER)
    unreviewed = sidecar.make_record(
        AI_ANSWER.splitlines(),
        1,
        {"kind": "unknown", "tool": "codex"},
        "exclude",
        evidence=[{"signal": "written-on-disk", "weight": 1.2}, {"signal": "markdown-fence", "weight": 2.5}],
        tagged_by="provmark",
        status="unreviewed",
        score=0.93,
    )
    sidecar.update(root, "src/pasted.py", add=[unreviewed])
    (root / WEIRD).write_text(AI_FILE.replace("class ", "class Weird"))
    broken = sidecar.sidecar_path(root, "src/broken.py")
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_text("{not json")
    return root


def run(*args: str, base: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """`provmark ARGS` with a private home and cache under `base` (no real AI tools' logs)."""
    env = {**os.environ, "HOME": str(base / "home"), "XDG_CACHE_HOME": str(base / "cache")}
    return subprocess.run(
        [sys.executable, "-m", "provmark", *args], capture_output=True, text=True, timeout=timeout, env=env
    )
