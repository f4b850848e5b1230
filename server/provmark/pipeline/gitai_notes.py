"""git-ai's authorship logs (Git AI Standard v3, `authorship/3.0.0`), read and written:
the format that `provmark import --git-ai` reads and `provmark export --git-ai` writes.

A log is a git note under refs/notes/ai on one commit: an attestation section, a line
holding only `---`, then a JSON object. The attestation section names each file (quoted
when the path holds a space, a tab or a newline) and under it, indented two spaces, one
key and the lines it wrote in that commit (1-based, `1-4,9,12-13`), as the file stood in
that commit. A key is one of three kinds, told apart by its prefix:

- `s_<14 hex>::t_<14 hex>`: an AI session (looked up in `sessions` by the part before
  `::`) and one checkpoint of it;
- `h_<14 hex>`: a person an editor extension saw typing (in `humans`);
- bare hex (7 to 16 digits): an AI session in the older form (in `prompts`).

Session ids are `s_` + the first 14 hex digits of SHA-256 of `<tool>:<conversation id>`.
An agent is `{"tool", "id", "model"}`, all three strings; git-ai writes `unknown` for a
model it does not know. Nothing here keeps the text of a file, a prompt or a message.
`git_out` is the git call both directions make.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from provmark.sources.gitinfo import git_command

SCHEMA = "authorship/3.0.0"
NOTES_REF = "refs/notes/ai"
UNKNOWN = "unknown"  # git-ai's word for a tool, model or conversation it cannot name
# Custom attributes (string values, as the standard wants) of the sessions Provmark
# writes, for what the format has no field for; Provmark's import reads them back.
ATTR_STATUS = "provmark_status"  # "unreviewed": Provmark flagged the lines, nobody decided yet
ATTR_KIND = "provmark_kind"  # the record's origin kind when it is not "ai" ("mixed", "unknown")
ATTR_SCORE = "provmark_score"  # an unreviewed record's score

_KEY = re.compile(r"s_[0-9a-f]+::t_[0-9a-f]+|h_[0-9a-f]+|[0-9a-f]{7,16}")
_RANGES = re.compile(r"\d+(-\d+)?(,\d+(-\d+)?)*")


class NoteError(ValueError):
    """A note that is not an authorship log this module can read; the message says why."""


@dataclass
class Entry:
    key: str
    ranges: list[tuple[int, int]]


@dataclass
class FileBlock:
    path: str
    header: str  # the path line as written (quoted or not), kept as it was
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Note:
    files: list[FileBlock]
    metadata: dict[str, Any]

    def agent(self, key: str) -> dict[str, Any] | None:
        """The session (or prompt) record of an AI key; None for a person's key or a key
        the metadata does not hold."""
        if key.startswith("h_"):
            return None
        table = self.metadata.get("sessions") if key.startswith("s_") else self.metadata.get("prompts")
        rec = (table or {}).get(key.split("::", 1)[0]) if isinstance(table, dict) else None
        return rec if isinstance(rec, dict) else None

    def covered(self, path: str) -> dict[int, str]:
        """Line -> the key that attests it, for one file (a line attested twice: the last)."""
        out: dict[int, str] = {}
        for block in self.files:
            if block.path == path:
                for entry in block.entries:
                    for a, b in entry.ranges:
                        out.update(dict.fromkeys(range(a, b + 1), entry.key))
        return out

    def add(self, path: str, key: str, ranges: list[tuple[int, int]]) -> None:
        """Attest `ranges` of `path` to `key`, after what the note already says of it."""
        block = next((b for b in self.files if b.path == path), None)
        if block is None:
            block = FileBlock(path, quote_path(path))
            self.files.append(block)
        block.entries.append(Entry(key, ranges))

    def text(self) -> str:
        out = []
        for block in self.files:
            if not block.entries:
                continue  # the standard: a file with no attestation is not listed
            out.append(block.header)
            out += [f"  {e.key} {format_ranges(e.ranges)}" for e in block.entries]
        out.append("---")
        return "\n".join(out) + "\n" + json.dumps(self.metadata, indent=2, ensure_ascii=False) + "\n"


def new_note(commit: str) -> Note:
    return Note([], {"schema_version": SCHEMA, "base_commit_sha": commit, "prompts": {}})


def parse(text: str) -> Note:
    """An authorship log; NoteError says what is wrong with one that is not."""
    lines = text.splitlines()
    try:
        divider = lines.index("---")
    except ValueError:
        raise NoteError("no '---' line between the attestations and the metadata") from None
    try:
        metadata = json.loads("\n".join(lines[divider + 1 :]))
    except json.JSONDecodeError as e:
        raise NoteError(f"the metadata is not JSON ({e})") from None
    if not isinstance(metadata, dict):
        raise NoteError("the metadata is not a JSON object")
    version = str(metadata.get("schema_version", ""))
    if not version.startswith("authorship/3."):
        raise NoteError(f"schema_version {metadata.get('schema_version')!r}, not authorship/3")
    for table in ("prompts", "sessions", "humans"):
        if not isinstance(metadata.get(table, {}), dict):
            raise NoteError(f"the metadata's {table!r} is not an object")
    files: list[FileBlock] = []
    for n, line in enumerate(lines[:divider], 1):
        if not line.strip():
            continue
        if not line.startswith("  "):
            path = line[1:-1] if len(line) > 1 and line.startswith('"') and line.endswith('"') else line
            files.append(FileBlock(path, line))
            continue
        key, _, spec = line[2:].rstrip().partition(" ")
        if not files or not _KEY.fullmatch(key) or not _RANGES.fullmatch(spec):
            raise NoteError(f"attestation line {n} cannot be read: {line[:80]!r}")
        files[-1].entries.append(Entry(key, parse_ranges(spec)))
    return Note(files, metadata)


def parse_ranges(spec: str) -> list[tuple[int, int]]:
    out = []
    for part in spec.split(","):
        a, _, b = part.partition("-")
        out.append((int(a), int(b or a)))
    return out


def format_ranges(ranges: Iterable[tuple[int, int]]) -> str:
    return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in sorted(ranges))


def runs(lines: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted line numbers as inclusive runs: 1,2,3,7 -> (1, 3), (7, 7)."""
    out: list[tuple[int, int]] = []
    for n in sorted(set(lines)):
        if out and n == out[-1][1] + 1:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return out


def quote_path(path: str) -> str:
    return f'"{path}"' if any(c in path for c in " \t\n") else path


def git_out(root: Path, *args: str) -> str | None:
    """What git prints (None when it fails), with no program the repository names run."""
    try:
        r = subprocess.run(git_command(root, *args), cwd=root, capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return r.stdout.decode("utf-8", errors="replace") if r.returncode == 0 else None


def session_id(tool: str, conversation: str) -> str:
    return "s_" + hashlib.sha256(f"{tool}:{conversation}".encode()).hexdigest()[:14]
