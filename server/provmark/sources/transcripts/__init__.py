"""The AI tools' own local session logs: what they wrote, where, with which model.

Read locally and incrementally (only bytes added since the last look), only sessions
whose working directory is inside the workspace, tolerant of unknown or malformed
records. The written text is kept in memory as hashes of normalised lines for matching
and is never written anywhere: diagnostics and sidecars get the tool, model and session
names only. Where each tool keeps its logs, their format and the source of that
knowledge: docs/transcripts.md.

Layout: `index` (TranscriptIndex: refresh and match), `base` (the shared helpers:
`Write`, `Tail` for incremental or whole-file reads, `json_records`, `inside`, `recent`
and the age limit, and the `Reader` interface), one module per tool, and `registry`
(READERS, the list of readers in use).

Adding a reader: write a module here with a subclass of `base.Reader` that sets `tool`
(the name diagnostics and sidecars show) and implements `files(home, root)` (yield each
log file that may hold writes inside the workspace folder `root`, with a session id when
its name or place gives one, else None; skip sessions older than `MAX_AGE_S` with
`recent`), optionally `records(tail)` (how a file is read: by default the JSON objects of
lines appended since the last refresh, `Tail.new_lines`; override for a whole JSON file
rewritten as it grows, `Tail.whole_json`, or another store, keeping reads bounded;
raising drops what that read gave, for a half-written file), optionally `key(path)`
(one key for a log that moves or changes form, so its reading goes on) and
`parse(tail, record)` (yield a `Write` for each text the tool wrote inside `tail.root`,
built with `write_of` or `solid`, and the code blocks of the tool's chat answers with
`answers_of`, which name the tool of a paste; keeping per-file state such as the session,
model or cwd in `tail.meta` and setting `tail.skip` for a session of another project;
SQLite stores: `sqlite_logs.read_db`, VS Code's folders: `vscode`); give it a
`fixture(home, root, session, writes)` that writes a session in the tool's format, which
`benchmarks/bench_transcripts.py` and `tests/lsp/test_late_logs_e2e.py` call (so the
reader is measured and tested end to end with no more code); then add one instance to `registry.READERS`,
a test with a fixture in the tool's exact format, and the tool's section to
docs/transcripts.md. A reader raises nothing it can avoid; what it raises is logged and
that record skipped, never the server stopped.
"""

from __future__ import annotations

from provmark.sources.transcripts.base import MAX_AGE_S, Reader, Tail, Write, patch_added_lines
from provmark.sources.transcripts.claude_code import claude_dir_name
from provmark.sources.transcripts.index import MAX_WRITES, TranscriptIndex
from provmark.sources.transcripts.registry import READERS

__all__ = [
    "MAX_AGE_S",
    "MAX_WRITES",
    "READERS",
    "Reader",
    "Tail",
    "TranscriptIndex",
    "Write",
    "claude_dir_name",
    "patch_added_lines",
]
