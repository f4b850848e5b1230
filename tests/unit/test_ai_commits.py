"""The one table of how AI tools declare their commits: every row is checked with its
own example, every row names its source, and names a person may have never count."""

from __future__ import annotations

import pytest

from provmark.sources.ai_commits import DECLARATIONS, tool_of_commit
from provmark.sources.declared_commits import read_history
from support.workloads import git

CLAUDE = "Co-Authored-By: Claude <noreply@anthropic.com>"
DEVIN = "devin-ai-integration[bot] <devin-ai-integration[bot]@users.noreply.github.com>"
TOOLS = {
    "claude-code", "aider", "amp", "opencode", "cursor", "devin", "jules",
    "copilot", "codex", "windsurf", "junie", "gemini-cli",
}  # fmt: skip


@pytest.mark.parametrize("row", DECLARATIONS, ids=lambda d: f"{d.tool}:{d.pattern[:24]}")
def test_every_row_matches_its_example_and_names_its_source(row) -> None:
    author, message = row.example.split("\n", 1)
    assert tool_of_commit(author, message) == row.tool
    assert row.source.strip() and ("http" in row.source or "unverified" in row.source or "/" in row.source)


def test_the_table_covers_the_tools() -> None:
    assert {d.tool for d in DECLARATIONS} == TOOLS


@pytest.mark.parametrize(
    ("author", "message", "tool"),
    [
        ("dev <d@x>", "Fix\n\nCo-Authored-By: Claude <noreply@anthropic.com>", "claude-code"),
        ("dev <d@x>", "Fix\n\nClaude-Session: https://claude.ai/code/session_01ABC", "claude-code"),
        ("Jane (aider) <j@x>", "feat: add parser", "aider"),
        ("Copilot <198982749+Copilot@users.noreply.github.com>", "Initial plan", "copilot"),
        ("copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>", "Fix the bug", "copilot"),
        ("dev <d@x>", "x\n\nCo-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>", "copilot"),
        ("google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com>", "Add tests", "jules"),
        (
            "dev <d@x>",
            f"x\n\nCo-authored-by: {DEVIN}",
            "devin",
        ),
        ("dev <d@x>", "Refactor\n\nMade-with: Cursor", "cursor"),
        ("dev <d@x>", "x\n\nAmp-Thread: https://ampcode.com/threads/T-5", "amp"),
        # A harness's own trailer wins over the model vendor's that it adds beside it.
        (
            "dev <d@x>",
            f"x\n\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>\n{CLAUDE}",
            "cursor",
        ),
        (
            "dev <d@x>",
            f"x\n\nCo-authored-by: Amp <amp@ampcode.com>\n{CLAUDE}",
            "amp",
        ),
        # People and words that look like tools.
        ("dev <d@x>", "Refactor the parser\n\nReviewed-by: Claude Shannon", None),
        ("Devin Smith <devin@example.com>", "Fix typo\n\nCo-authored-by: Jules Verne <jules@example.com>", None),
        ("dev <d@x>", "Add Amplitude events\n\nCo-authored-by: Amp Lifier <amp@example.com>", None),
        ("dev <d@x>", "x\n\nCo-authored-by: Junie Park <junie@example.com>", None),
        ("dev <d@x>", "Move the cursor to the end of the line", None),
        ("dev <d@x>", "Update the codex entry in the glossary", None),
        ("Jane <jane@x>", "aider: fix", None),  # aider's message prefix is also set for a person's commits
        ("dev <d@x>", "plain commit", None),
    ],
)
def test_conventions_and_lookalikes(author: str, message: str, tool: str | None) -> None:
    assert tool_of_commit(author, message) == tool


def test_declaring_commits_of_new_tools_are_found_in_history(tmp_path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    for i, (name, trailer) in enumerate(
        [
            ("a.py", "Co-authored-by: Amp <amp@ampcode.com>"),
            ("b.py", "Co-Authored-By: opencode <noreply@opencode.ai>"),
            ("c.py", "Co-authored-by: Codex <noreply@openai.com>"),
            ("d.py", "Reviewed-by: a person"),
        ]
    ):
        (tmp_path / name).write_text(f"x = {i}\n")
        git(tmp_path, "add", name)
        git(tmp_path, "commit", "-q", "-m", f"add {name}\n\n{trailer}")
    history = read_history(tmp_path)
    assert sorted(history.commits.values()) == ["amp", "codex", "opencode"]
    assert set(history.paths) == {"a.py", "b.py", "c.py"}
