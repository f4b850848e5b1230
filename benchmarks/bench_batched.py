"""Typing that a client batches, against pastes: what a client like Vim's ALE shows.

    python benchmarks/bench_batched.py --human DIR --ai DIR [--files 20] [--seed 1]

ALE (by default) sends what was typed in one insert-mode session as one change, the
whole text without a range, and never sends a paste hint; a paste arrives the same way.
Nothing in such a change tells typed lines from pasted ones but their content. This
replays both against `provmark serve` as such a client would:

- typed: each hand-written file under --human (code from releases the content model
  never saw) is written out in insert sessions of 3 to 15 lines, one whole-text change
  per session, a pause between sessions;
- pasted: each AI-written file under --ai is pasted whole into a small file, one
  whole-text change.

It prints the share of typed sessions that end under a Warning or under any Provmark
diagnostic (Information included), and the share of pastes that end under a Warning.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # tests/support: the LSP client

from support.lsp_client import StdioClient

SERVER = [sys.executable, "-m", "provmark", "serve"]
EXTENSIONS = {".py": "python", ".js": "javascript", ".ts": "typescript", ".go": "go", ".rs": "rust"}
PAUSE_S = 0.25  # between insert sessions: longer than the burst window
HEAD = "# notes\n\n"


def whole_text(c: StdioClient, uri: str, version: int, text: str) -> None:
    c.notify(
        "textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}
    )


def covered(c: StdioClient, uri: str, first: int, last: int, warning_only: bool) -> bool:
    """Whether Provmark diagnostics cover at least half of lines first..last."""
    lines: set[int] = set()
    for d in c.diagnostics.get(uri, []):
        if d.get("source") != "provmark" or d.get("severity") not in ((2,) if warning_only else (2, 3)):
            continue
        lines.update(range(d["range"]["start"]["line"], d["range"]["end"]["line"] + 1))
    return len(lines & set(range(first, last + 1))) * 2 >= last - first + 1


def files(root: Path, n: int, rng: random.Random) -> list[Path]:
    found = sorted(p for p in root.rglob("*") if p.suffix in EXTENSIONS and p.is_file() and p.stat().st_size >= 40)
    rng.shuffle(found)
    return found[:n]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--human", type=Path, required=True)
    ap.add_argument("--ai", type=Path, required=True)
    ap.add_argument("--files", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    ws = Path(tempfile.mkdtemp(prefix="pm-batched-"))
    c = StdioClient(SERVER, cwd=str(ws))
    c.initialize(ws.as_uri())
    typed = typed_warned = typed_shown = 0
    for k, path in enumerate(files(args.human, args.files, rng)):
        lines = path.read_text(errors="replace").splitlines(True)[:200]
        doc = ws / f"typed{k}{path.suffix}"
        doc.write_text(HEAD)
        uri = doc.as_uri()
        c.open(uri, HEAD, 1, EXTENSIONS[path.suffix])
        text, version, at, sessions = HEAD, 1, 0, []
        while at < len(lines):
            n = rng.randint(3, 15)
            first = text.count("\n")
            text += "".join(lines[at : at + n])
            at += n
            version += 1
            whole_text(c, uri, version, text)
            sessions.append((first, text.count("\n") - 1))
            time.sleep(PAUSE_S)
        time.sleep(0.5)
        for first, last in sessions:
            typed += 1
            typed_warned += covered(c, uri, first, last, True)
            typed_shown += covered(c, uri, first, last, False)
    # AI files pasted whole: into a fresh file, and right after an insert session typed
    # at the same place (the paste then goes on where the previous change ended).
    counts = {"fresh": [0, 0], "after typing": [0, 0]}
    human = files(args.human, args.files, rng)
    for k, path in enumerate(files(args.ai, args.files, rng)):
        doc = ws / f"pasted{k}{path.suffix}"
        doc.write_text(HEAD)
        uri = doc.as_uri()
        c.open(uri, HEAD, 1, EXTENSIONS[path.suffix])
        text, version, mode = HEAD, 1, "fresh" if k % 2 == 0 else "after typing"
        if mode == "after typing" and human:
            text += "".join(human[k % len(human)].read_text(errors="replace").splitlines(True)[:5])
            version += 1
            whole_text(c, uri, version, text)
            time.sleep(PAUSE_S)
        body = path.read_text(errors="replace")
        first = text.count("\n")
        text += body
        whole_text(c, uri, version + 1, text)
        time.sleep(PAUSE_S + 0.5)
        counts[mode][0] += 1
        counts[mode][1] += covered(c, uri, first, first + body.rstrip("\n").count("\n"), True)
    c.close()
    print(f"typed insert sessions: {typed}; under a Warning: {typed_warned} ({typed_warned / max(1, typed):.1%}); "
          f"under any diagnostic: {typed_shown} ({typed_shown / max(1, typed):.1%})")  # fmt: skip
    for mode, (n, warned) in counts.items():
        print(f"AI files pasted whole, {mode}: {n}; under a Warning: {warned} ({warned / max(1, n):.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
