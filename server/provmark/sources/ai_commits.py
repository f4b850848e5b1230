"""How AI tools declare the commits they make: one table, with the source of each
convention, read by `tool_of_commit` (used by `gitinfo` for open files and by
`declared_commits` for the pipeline's blame). Kept apart from both so that they share it
without importing each other.

Each row is a regular expression over ``"author name <email>\\ncommit message"``, the
tool it names, one example as the tool writes it (the tests check every row with its
example), and where the convention comes from: a URL, a repository path, or
"unverified" when no source could be found (then the pattern is narrow: a name alone
that a person may have, such as Devin, Jules, Amp or Junie, never counts). The first row
that matches names the tool: a harness's own marks come before a model vendor's
trailer, which some harnesses add beside theirs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Declaration:
    tool: str
    pattern: str
    example: str  # "author <email>\nmessage", as the tool writes it
    source: str


def _row(tool: str, pattern: str, example: str, source: str) -> Declaration:
    return Declaration(tool, pattern, example, source)


DECLARATIONS: tuple[Declaration, ...] = (
    # -- harnesses' own marks ------------------------------------------------------------
    _row("claude-code", r"generated with \[?claude code|^claude-session:\s*https://claude\.ai/code/",
         "dev <d@x>\nAdd x\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)",
         "Claude Code's commit footer: https://github.com/anthropics/claude-code/issues/14241; its "
         "Claude-Session trailer: https://github.com/anthropics/claude-code/issues/77830"),
    _row("aider", r"^[^\n<]*\(aider\)\s*<",
         "Jane (aider) <j@x>\nfeat: add parser",
         "https://github.com/Aider-AI/aider aider/repo.py (--attribute-author: 'User Name (aider)')"),
    _row("aider", r"co-authored-by:\s*aider\b[^\n]*<[^>\n]*@aider\.chat>",
         "dev <d@x>\nfix\n\nCo-authored-by: aider (gpt-4o) <aider@aider.chat>",
         "https://github.com/Aider-AI/aider aider/repo.py (--attribute-co-authored-by)"),
    _row("amp", r"amp@ampcode\.com|^amp-thread(-id)?:\s*https://ampcode\.com/",
         "dev <d@x>\nfix\n\nAmp-Thread-ID: https://ampcode.com/threads/T-1234\nCo-authored-by: Amp <amp@ampcode.com>",
         "https://github.com/lobehub/lobehub/pull/18302 (Amp-Thread and Co-authored-by: Amp <amp@ampcode.com>), "
         "https://github.com/jackin-project/jackin/pull/138"),
    _row("opencode", r"co-authored-by:\s*opencode\b|noreply@opencode\.ai|generated with \[?opencode\b",
         "dev <d@x>\nfix\n\n🤖 Generated with [opencode](https://opencode.ai)\n\n"
         "Co-Authored-By: opencode <noreply@opencode.ai>",
         "OpenCode's commit footer as users quote it: github.com/wrightbradley/dotfiles AGENTS.md; "
         "https://github.com/umputun/ralphex/issues/240"),
    _row("cursor", r"cursoragent@cursor\.com|co-authored-by:\s*cursor( agent)?\s*<|^made-with:\s*cursor\b",
         "dev <d@x>\nfix\n\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>",
         "https://github.com/block/aittributor/pull/15 (Cursor's own trailer); "
         "https://forum.cursor.com/t/co-author-added-without-consent-and-cant-be-turned-off/150096; "
         "Made-with: https://github.com/superdurable/dex/pull/310"),
    _row("devin", r"devin-ai-integration(\[bot\])?|<[^>\n]*@devin\.ai>",
         "devin-ai-integration[bot] <158243242+devin-ai-integration[bot]@users.noreply.github.com>\nAdd feature",
         "https://github.com/bluerobotics/cockpit/pull/2970 (the bot account, id 158243242)"),
    _row("jules", r"google-labs-jules(\[bot\])?",
         "dev <d@x>\nfix\n\nCo-authored-by: google-labs-jules[bot] "
         "<161369871+google-labs-jules[bot]@users.noreply.github.com>",
         "https://github.com/aavetis/PRarena/issues/56 (author google-labs-jules[bot]); "
         "https://github.com/google-labs-code/jules-sdk/pull/94 (Jules as commit co-author); "
         "the bot's id: unverified"),
    _row("copilot", r"copilot-swe-agent|^copilot\b[^\n]*<|co-authored-by:\s*(github )?copilot\b",
         "dev <d@x>\nx\n\nCo-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>",
         "https://github.com/microsoft/vscode/pull/309951 (VS Code's AI co-author trailer); the coding agent "
         "commits as Copilot / copilot-swe-agent[bot]: GitHub's Copilot coding agent documentation"),
    _row("codex", r"co-authored-by:\s*(openai )?codex\b|^codex[^\n]*<|chatgpt-codex-connector",
         "dev <d@x>\nfix\n\nCo-authored-by: Codex <noreply@openai.com>",
         "https://github.com/openai/codex/pull/11617 (Codex's co-author trailer); "
         "chatgpt-codex-connector[bot]: Codex cloud's pull requests, unverified"),
    _row("windsurf", r"co-authored-by:\s*(windsurf|cascade)\b|<[^>\n]*@(windsurf|codeium)\.com>",
         "dev <d@x>\nfix\n\nCo-authored-by: Windsurf <noreply@windsurf.com>",
         "unverified: no documented Windsurf (Cascade) commit trailer found; matches one by name"),
    _row("junie", r"co-authored-by:\s*junie\b[^\n]*<[^>\n]*jetbrains",
         "dev <d@x>\nfix\n\nCo-authored-by: Junie <junie@jetbrains.com>",
         "unverified: no documented Junie commit trailer found; matches one with a JetBrains address"),
    _row("gemini-cli", r"co-authored-by:\s*gemini\b|generated with \[?gemini cli",
         "dev <d@x>\nfix\n\nCo-Authored-By: Gemini <noreply@google.com>",
         "unverified: Gemini CLI adds no trailer; users add one by hand "
         "(https://github.com/google-gemini/gemini-cli/issues/12419)"),
    # -- a model vendor's trailer (harnesses that use the model add it too) ----------------
    _row("claude-code", r"co-authored-by:\s*claude\b[^\n]*<|noreply@anthropic\.com",
         "dev <d@x>\nFix\n\nCo-Authored-By: Claude Opus 4.6 <noreply@anthropic.com>",
         "Claude Code's default trailer (the model's name, noreply@anthropic.com): the `attribution` "
         "setting as the claude-code-settings crate documents it (docs.rs); "
         "https://github.com/apache/pinot/issues/18688"),
)  # fmt: skip

_COMPILED = [(re.compile(d.pattern, re.I | re.M), d.tool) for d in DECLARATIONS]


def tool_of_commit(author: str, message: str) -> str | None:
    """The AI tool a commit declares, from its author line and message, or None."""
    text = f"{author}\n{message}"
    for pattern, tool in _COMPILED:
        if pattern.search(text):
            return tool
    return None
