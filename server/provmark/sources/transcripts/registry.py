"""Every transcript reader, in one list: adding a tool is its module and one line here."""

from __future__ import annotations

from provmark.sources.transcripts.aider import Aider
from provmark.sources.transcripts.base import Reader
from provmark.sources.transcripts.claude_code import ClaudeCode
from provmark.sources.transcripts.cline import Cline, RooCode
from provmark.sources.transcripts.codex import Codex
from provmark.sources.transcripts.continue_dev import Continue
from provmark.sources.transcripts.copilot import Copilot
from provmark.sources.transcripts.cursor import Cursor
from provmark.sources.transcripts.gemini import Gemini
from provmark.sources.transcripts.kilo import KiloCode
from provmark.sources.transcripts.opencode import OpenCode

READERS: list[Reader] = [
    ClaudeCode(),
    Codex(),
    Gemini(),
    Aider(),
    Copilot(),
    Cline(),
    RooCode(),
    Continue(),
    OpenCode(),
    KiloCode(),
    Cursor(),
]
