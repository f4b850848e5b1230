from pathlib import Path

from provmark.sources.gitinfo import GitHistory, tool_of_commit
from support.workloads import git

HUMAN = "".join(f"def handler_{i}(request):\n    return respond(request, code={i})\n\n" for i in range(5))
AI = "".join(f"def helper_{i}(value):\n    return normalise(value, mode='m{i}')\n\n" for i in range(5))


def test_commit_markers() -> None:
    assert tool_of_commit("dev <d@x>", "Add x\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)") == (
        "claude-code"
    )
    assert tool_of_commit("dev <d@x>", "Fix\n\nCo-Authored-By: Claude <noreply@anthropic.com>") == "claude-code"
    assert tool_of_commit("Jane (aider) <j@x>", "feat: add parser") == "aider"
    assert tool_of_commit("dev <d@x>", "x\n\nCo-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>") == (
        "copilot"
    )
    assert tool_of_commit("dev <d@x>", "Refactor the parser\n\nReviewed-by: Claude Shannon") is None
    assert tool_of_commit("dev <d@x>", "plain commit") is None


def test_blame_finds_lines_of_ai_commits(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "a.py").write_text(HUMAN)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "start")
    (tmp_path / "a.py").write_text(HUMAN + AI)
    git(tmp_path, "commit", "-qam", "helpers\n\nCo-Authored-By: Claude <noreply@anthropic.com>")
    (tmp_path / "a.py").write_text("import os\n" + HUMAN + AI)  # uncommitted line on top
    h = GitHistory(tmp_path)
    assert len(h.ai_commits()) == 1
    n = len(HUMAN.splitlines())
    [(start, end, tool, _)] = h.ai_lines("a.py")
    assert (start, end, tool) == (n + 1, n + len(AI.splitlines()), "claude-code")
    assert GitHistory(tmp_path / "nowhere").ai_commits() == {}
