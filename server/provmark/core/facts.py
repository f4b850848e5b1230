"""The part of a judgement that needs the world outside the tracker: other files of the
workspace, the disk, the AI tools' logs and the content model.

The tracker asks a `Question` on the event loop (cheap, from what it holds); `gather`
answers it anywhere else (the language server runs it on a worker thread, so reading
files, asking git, walking transcripts and scoring a 5 MB paste never hold up typing);
the tracker then concludes on the loop with the `Facts`. Nothing here touches the
tracker's state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

from provmark.core import evidence as ev
from provmark.core import text_signs
from provmark.core.copies import verify_copy
from provmark.core.evidence import Evidence

Writer = Literal["git", "disk"]


class WorkspaceIO(Protocol):
    """The reads a judgement may need; the LSP layer's implementation reads the disk and
    asks git, tests give a dict."""

    def read(self, rel: str) -> str | None:
        """A workspace file's text (None when missing, binary or too large)."""
        ...

    def who_wrote(self, rel: str, text: str) -> Writer | None:
        """When the file on disk now holds `text`: 'git' if git wrote it, 'disk' if
        another process did; None when the disk holds something else."""
        ...


@dataclass(frozen=True)
class Match:
    """An AI tool's session log holds these lines."""

    tool: str
    session: str | None
    model: str | None
    fraction: float  # of the queried lines found in that write
    kind: str = "write"  # "answer": the lines are code of the tool's chat answer


class CopyIndex(Protocol):
    """Which workspace files hold which lines (sources.workspace_index)."""

    def candidates(self, norms: list[str]) -> tuple[float, list[str]]:
        """Fraction of `norms` found, and the files holding them, best first."""
        ...

    def add(self, rel: str, lines: list[str], stat: tuple[int, int] | None = None) -> None: ...


class TranscriptSource(Protocol):
    """The AI tools' local logs (sources.transcripts)."""

    def refresh(self) -> int: ...

    def match(self, lines: list[str], min_fraction: float = 0.6, answers: bool = True) -> Match | None: ...


class NoIO:
    """No workspace to read: nothing is a copy of a file, nobody wrote the disk."""

    def read(self, rel: str) -> str | None:
        return None

    def who_wrote(self, rel: str, text: str) -> Writer | None:
        return None


@dataclass
class Question:
    rel: str | None  # the file the lines are in (never counted as their source)
    lines: list[str]  # the lines to judge
    solid: list[str]  # their normalised solid lines
    family: str  # the language family for the content model
    probe_text: str | None = None  # the document's text, to compare with the disk
    on_disk: bool = False  # known already to be another process's write
    content_model: bool = True
    transcripts: bool = True
    logged_only: bool = False  # a small write: only a tool's log can make it a flag


@dataclass
class Facts:
    copy: bool = False  # the lines are a copy of another workspace file
    writer: Writer | None = None
    match: Match | None = None
    copy_fraction: float = 0.0  # share of the solid lines found in the workspace index
    content: list[Evidence] = field(default_factory=list)
    style: Evidence | None = None

    def evidence(self) -> list[Evidence]:
        """What the facts say of the text itself and of its author: the text's signs,
        its style, and the log that holds it."""
        out = [*self.content, *([self.style] if self.style is not None else [])]
        if self.match is not None:
            m = self.match
            out.append(ev.transcript_match(m.tool, m.session, m.model, m.fraction, m.kind))
        return out


def gather(q: Question, io: WorkspaceIO, index: CopyIndex, transcripts: TranscriptSource | None) -> Facts:
    facts = Facts()
    if q.on_disk and transcripts is not None and q.transcripts:
        # An agent's write that its log holds is the agent's, even when it copies a file.
        transcripts.refresh()
        # A small edit is named only by what a tool wrote, never by a line of an answer.
        facts.match = transcripts.match(q.lines, answers=False) if q.logged_only else transcripts.match(q.lines)
        if q.logged_only and facts.match is None:
            return facts  # nothing else can flag it
    facts.copy_fraction, files = index.candidates(q.solid)
    if facts.copy_fraction >= 0.8 and facts.match is None:
        for other in files:
            if other == q.rel:
                continue  # the file's own copy on disk is not "elsewhere"
            text = io.read(other)
            if text is not None and verify_copy(q.lines, text.splitlines()):
                facts.copy = True
                return facts
    if q.probe_text is not None and q.rel is not None:
        facts.writer = io.who_wrote(q.rel, q.probe_text)
        if facts.writer == "git":
            return facts
    if transcripts is not None and q.transcripts and not q.on_disk:
        transcripts.refresh()
        facts.match = transcripts.match(q.lines)
    text = "\n".join(q.lines)
    facts.content = text_signs.content_evidence(text)
    if q.content_model:
        on_disk = q.on_disk or facts.writer == "disk"
        facts.style = text_signs.style_evidence(text, q.family, on_disk=on_disk)
    return facts
