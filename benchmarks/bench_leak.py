"""The leak: how many AI-written lines reach the training output when nobody clicks.

    python benchmarks/bench_leak.py                          # sessions made from this repository
    python benchmarks/bench_leak.py --sessions DIR           # sessions in the replay format (JSON files)
    python benchmarks/bench_leak.py --settings '{"recordUnreviewed": false}'   # the same without records

Each session is replayed against `provmark serve` over stdio as an editor and the world
around it would: a git workspace, the editor's edits (typing one character per change,
pastes with or without the client's `provmark/didPaste` hint, deletions, a formatter's
edits), the editor's saves (the buffer written to disk, then didSave), other processes
writing files (agents; an AI tool's transcript appended under a private HOME first) with
the editor reloading the open ones, and git commands. No code action is ever asked for
and nothing is tagged. At the end every modified buffer is saved, the server is shut
down (so the unreviewed records it still holds are written) and `provmark filter` copies
the workspace without what the pipeline's policy leaves out.

Ground truth follows every line. Each line of every file carries an origin: `base` for
what the repository held before the session, else the step that wrote it (`ai:<kind>`
or `human:<kind>`, from the step's `label` and `kind`; a step without a label is a
person's). An editor edit gives its origin to the lines its text makes up (a line that
mixes old text and the new keeps the origin of whichever has more non-blank characters);
a formatter's edits keep the origins of the lines they re-spaced; a write on disk or a
git command gives its origin to the lines a line diff finds new or changed. Lines are
counted by position, never by their text (`}` repeats), against the lines
`provmark filter` reports it removed (its copy is checked to be the file minus those
lines). Blank lines are not counted.

    leak           = AI lines kept in the output / AI lines
    over-exclusion = hand-written lines (base included) left out / hand-written lines

over the files the session wrote or opened (`--all-files` widens over-exclusion to every
file of the workspace). Both are given per kind of entry, so a leak can be traced.

The replay format is the one described in the measuring kit's SESSIONS.md (`workspace`,
`branches`, `home`, `settings`, `steps` with ops open, close, type, insert, replace,
delete, format, save, disk_write, git, wait). One addition: `branch_messages` (branch ->
commit message), so a branch's commit can declare an AI co-author.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # tests/support: the LSP client
sys.path.insert(1, str(ROOT / "server"))

from provmark.core.textdoc import split_lines  # noqa: E402  (lines as LSP and `provmark filter` count them)
from support.lsp_client import StdioClient  # noqa: E402

SERVER = [sys.executable, "-m", "provmark", "serve"]
PROVMARK = [sys.executable, "-m", "provmark"]
BASE = "base"
LANG = {".py": "python", ".js": "javascript", ".ts": "typescript", ".go": "go", ".rs": "rust", ".java": "java"}


# -- text in LSP terms -------------------------------------------------------------------


def _units(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def offset_of(text: str, line: int, col: int) -> int:
    """The offset of LSP position (line, UTF-16 column) in `text`, clamped as LSP says."""
    lines = split_lines(text)
    if line >= len(lines):
        return len(text)
    off = sum(len(x) for x in lines[:line])
    body = lines[line].rstrip("\r\n")
    units = 0
    for i, ch in enumerate(body):
        if units >= col:
            return off + i
        units += _units(ch)
    return off + len(body)


def position_of(text: str, offset: int) -> dict[str, int]:
    lines = split_lines(text[:offset])
    return {"line": len(lines) - 1, "character": _units(lines[-1])}


def change(text: str, start: int, end: int, new: str) -> tuple[str, dict[str, Any]]:
    """`text` with [start, end) replaced by `new`, and the LSP content change saying so."""
    rng = {"start": position_of(text, start), "end": position_of(text, end)}
    return text[:start] + new + text[end:], {"range": rng, "text": new}


def _solid(s: str) -> int:
    return sum(not c.isspace() for c in s)


# -- ground truth -------------------------------------------------------------------------


@dataclass
class Truth:
    """A file's text and, for each of its lines, where the line came from."""

    text: str
    origins: list[str]

    @classmethod
    def of(cls, text: str, origin: str = BASE) -> Truth:
        return cls(text, [origin] * len(split_lines(text)))

    def copy(self) -> Truth:
        return Truth(self.text, list(self.origins))

    def splice(self, start: int, end: int, new: str, origin: str) -> None:
        """[start, end) replaced by `new`, written by `origin`: each resulting line takes
        `origin` if the new text makes up most of it, else the origin of the old line
        that does."""
        old_lines = split_lines(self.text)
        old_starts = [0]
        for ln in old_lines:
            old_starts.append(old_starts[-1] + len(ln))

        def old_line_at(off: int) -> int:
            lo, hi = 0, len(old_lines) - 1
            while lo < hi:  # the last line starting at or before `off`
                mid = (lo + hi + 1) // 2
                if old_starts[mid] <= off:
                    lo = mid
                else:
                    hi = mid - 1
            return lo

        text = self.text[:start] + new + self.text[end:]
        delta = len(new) - (end - start)
        origins: list[str] = []
        pos = 0
        for ln in split_lines(text):
            a, b = pos, pos + len(ln)
            pos = b
            before = (a, min(b, start))
            inside = (max(a, start), min(b, start + len(new)))
            after = (max(a, start + len(new)), b)
            n_before = _solid(text[before[0] : before[1]]) if before[0] < before[1] else 0
            n_inside = _solid(text[inside[0] : inside[1]]) if inside[0] < inside[1] else 0
            n_after = _solid(text[after[0] : after[1]]) if after[0] < after[1] else 0
            if (a >= start and b <= start + len(new)) or n_inside > n_before + n_after:
                origins.append(origin)
            elif (n_before >= n_after and before[0] < before[1]) or after[0] >= after[1]:
                origins.append(self.origins[old_line_at(min(a, max(start - 1, 0)))])
            else:
                origins.append(self.origins[old_line_at(after[0] - delta)])
        self.text, self.origins = text, origins

    def rewrite(self, new_text: str, origin_of: Callable[[int, list[str]], str]) -> None:
        """The text becomes `new_text`; lines a line diff finds equal keep their origins,
        the k-th line of a changed block takes `origin_of(k, origins of the old lines
        the block replaced)`."""
        a, b = split_lines(self.text), split_lines(new_text)
        origins: list[str] = [BASE] * len(b)
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
            for j in range(j1, j2):
                if tag == "equal":
                    origins[j] = self.origins[i1 + j - j1]
                else:
                    origins[j] = origin_of(j - j1, self.origins[i1:i2] or self.origins[max(i1 - 1, 0) : i1])
        self.text, self.origins = new_text, origins


def origin_of_step(step: dict[str, Any]) -> str:
    label = step.get("label") or "human"
    return f"{label}:{step.get('kind') or step['op']}"


def is_ai(origin: str) -> bool:
    return origin.startswith("ai:")


# -- replay --------------------------------------------------------------------------------


def git(ws: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "dev", "GIT_AUTHOR_EMAIL": "dev@example.com"}
    env.update(GIT_COMMITTER_NAME="dev", GIT_COMMITTER_EMAIL="dev@example.com")
    subprocess.run(["git", *args], cwd=ws, check=True, capture_output=True, env=env)


def workspace_files(ws: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for p in sorted(ws.rglob("*")):
        rel = p.relative_to(ws)
        if rel.parts[0] in (".git", ".provmark") or not p.is_file() or p.is_symlink():
            continue
        out[rel.as_posix()] = p.read_bytes().decode("utf-8", errors="replace")
    return out


@dataclass
class Outcome:
    """One session's lines: (origin, kept) for every non-blank line counted."""

    name: str
    lines: list[tuple[str, str, bool]] = field(default_factory=list)  # (path, origin, kept)
    untouched: list[tuple[str, str, bool]] = field(default_factory=list)
    # each leaked AI line: (path, origin, 0-based line, what the server showed on it at the end)
    seen: list[tuple[str, str, int, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


class Replay:
    """One session against a fresh server: set up, run the steps, save, shut down, filter."""

    def __init__(self, spec: dict[str, Any], settings: dict[str, Any], keep: bool = False, pace: float = 1.0):
        self.spec, self.keep, self.pace = spec, keep, pace
        self.settings = {**spec.get("settings", {}), **settings}
        self.tmp = Path(tempfile.mkdtemp(prefix="bench-leak-"))
        self.ws, self.home = self.tmp / "ws", self.tmp / "home"
        self.disk: dict[str, Truth] = {}  # what each file holds on disk
        self.buffers: dict[str, Truth] = {}  # open documents, as the editor holds them
        self.versions: dict[str, int] = {}
        self.touched: set[str] = set()
        self.client: StdioClient | None = None

    # setup
    def setup(self) -> None:
        self.ws.mkdir(parents=True)
        self.home.mkdir(parents=True)
        for rel, text in self.spec.get("workspace", {}).items():
            self.write(rel, text)
        git(self.ws, "init", "-q", "-b", "main")
        git(self.ws, "add", "-A")
        git(self.ws, "commit", "-q", "--allow-empty", "-m", "initial")
        messages = self.spec.get("branch_messages", {})
        for branch, files in self.spec.get("branches", {}).items():
            git(self.ws, "checkout", "-q", "-b", branch)
            for rel, text in files.items():
                self.write(rel, text)
            git(self.ws, "add", "-A")
            git(self.ws, "commit", "-q", "-m", messages.get(branch, f"work on {branch}"))
            git(self.ws, "checkout", "-q", "main")
        self.disk = {rel: Truth.of(text) for rel, text in workspace_files(self.ws).items()}
        for rel, text in self.spec.get("home", {}).items():
            self.append_home(rel, text)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CLAUDE", "CODEX"))}
        env["HOME"] = str(self.home)
        self.log = open(self.tmp / "server.log", "wb")  # noqa: SIM115 (closed in finish)
        c = self.client = StdioClient(SERVER, cwd=str(self.ws), env=env, stderr=self.log)
        c.config = {"provmark": self.settings}
        c.initialize(self.ws.as_uri(), self.settings)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            st = c.request("provmark/status", {}, timeout=60)
            if st.get("indexed") and st.get("watching"):
                break
            time.sleep(0.05)

    def write(self, rel: str, text: str) -> None:
        p = self.ws / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8", newline="")

    def fill(self, text: str) -> str:
        ws = str(self.ws.resolve())
        now = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
        return text.replace("{wsdir}", re.sub(r"[^A-Za-z0-9]", "-", ws)).replace("{ws}", ws).replace("{now}", now)

    def append_home(self, rel: str, text: str) -> None:
        p = self.home / self.fill(rel)
        p.parent.mkdir(parents=True, exist_ok=True)
        with open(p, "a", encoding="utf-8") as f:
            f.write(self.fill(text))

    # the editor
    @property
    def c(self) -> StdioClient:
        assert self.client is not None
        return self.client

    def uri(self, rel: str) -> str:
        return (self.ws / rel).resolve().as_uri()

    def send(self, rel: str, changes: list[dict[str, Any]]) -> None:
        self.versions[rel] += 1
        self.c.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": self.uri(rel), "version": self.versions[rel]}, "contentChanges": changes},
        )

    def buffer(self, rel: str) -> Truth:
        if rel not in self.buffers:
            raise ValueError(f"{rel} is not open")
        return self.buffers[rel]

    def reload(self, rel: str) -> None:
        """An open file changed on disk: the editor takes the disk's text, in one change
        over the lines that differ, as VS Code does."""
        buf = self.buffers.get(rel)
        disk = self.disk.get(rel)
        new = disk.text if disk else ""
        if buf is None or new == buf.text:
            return
        old_lines, new_lines = split_lines(buf.text), split_lines(new)
        p = 0
        while p < min(len(old_lines), len(new_lines)) - 1 and old_lines[p] == new_lines[p]:
            p += 1
        s = 0
        while s < min(len(old_lines), len(new_lines)) - p - 1 and old_lines[-1 - s] == new_lines[-1 - s]:
            s += 1
        start = sum(len(x) for x in old_lines[:p])
        end = len(buf.text) - sum(len(x) for x in old_lines[len(old_lines) - s :])
        mid = "".join(new_lines[p : len(new_lines) - s])
        _, ch = change(buf.text, start, end, mid)
        self.send(rel, [ch])
        self.buffers[rel] = disk.copy() if disk else Truth.of("")

    # steps
    def step(self, st: dict[str, Any]) -> None:
        op, rel = st["op"], st.get("path")
        origin = origin_of_step(st)
        if op == "open":
            assert rel is not None
            self.buffers[rel] = self.disk[rel].copy()
            self.versions[rel] = 1
            self.touched.add(rel)
            self.c.open(self.uri(rel), self.buffers[rel].text, 1, LANG.get(Path(rel).suffix, "plaintext"))
        elif op == "close":
            assert rel is not None
            self.buffers.pop(rel)
            self.c.notify("textDocument/didClose", {"textDocument": {"uri": self.uri(rel)}})
        elif op == "save":
            assert rel is not None
            self.save(rel)
        elif op == "type":
            assert rel is not None
            self.type(rel, st, origin)
        elif op in ("insert", "replace", "delete"):
            assert rel is not None
            self.edit(rel, st, origin)
        elif op == "format":
            assert rel is not None
            self.format(rel, st["text"])
        elif op == "disk_write":
            assert rel is not None
            self.disk_write(rel, st, origin)
        elif op == "git":
            self.git(st, origin)
        elif op == "wait":
            time.sleep(st.get("ms", 500) / 1000)
        else:
            raise ValueError(f"unknown op {op}")

    def save(self, rel: str) -> None:
        buf = self.buffer(rel)
        self.settle()
        self.write(rel, buf.text)
        self.disk[rel] = buf.copy()
        self.c.notify("textDocument/didSave", {"textDocument": {"uri": self.uri(rel)}, "text": buf.text})

    def type(self, rel: str, st: dict[str, Any], origin: str) -> None:
        buf = self.buffer(rel)
        off = offset_of(buf.text, *st["at"])
        text, pos = buf.text, off
        delay = 1.0 / float(st.get("cps", 12)) / self.pace
        for ch in st["text"]:
            text, c = change(text, pos, pos, ch)
            self.send(rel, [c])
            pos += len(ch)
            time.sleep(delay)
        buf.splice(off, off, st["text"], origin)
        assert buf.text == text

    def edit(self, rel: str, st: dict[str, Any], origin: str) -> None:
        buf = self.buffer(rel)
        if st["op"] == "insert":
            start = end = offset_of(buf.text, *st["at"])
            text = st["text"]
        else:
            r = st["range"]
            start, end = offset_of(buf.text, r[0], r[1]), offset_of(buf.text, r[2], r[3])
            text = st.get("text", "") if st["op"] == "replace" else ""
        _, c = change(buf.text, start, end, text)
        buf.splice(start, end, text, origin)
        self.send(rel, [c])
        if st.get("hint"):
            self.c.notify(
                "provmark/didPaste",
                {
                    "textDocument": {"uri": self.uri(rel), "version": self.versions[rel]},
                    "range": {"start": c["range"]["start"], "end": position_of(buf.text, start + len(text))},
                    "source": st["hint"],
                },
            )

    def format(self, rel: str, new: str) -> None:
        """A formatter's minimal edits, one change per differing block, bottom-up; the
        lines keep the origins of the lines they re-spaced."""
        buf = self.buffer(rel)
        text = buf.text
        old_lines, new_lines = split_lines(text), split_lines(new)
        changes = []
        ops = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False).get_opcodes()
        for tag, i1, i2, j1, j2 in reversed(ops):
            if tag != "equal":
                start = sum(len(x) for x in old_lines[:i1])
                end = start + sum(len(x) for x in old_lines[i1:i2])
                text, c = change(text, start, end, "".join(new_lines[j1:j2]))
                changes.append(c)
        self.send(rel, changes)
        buf.rewrite(new, lambda k, old: old[min(k, len(old) - 1)] if old else BASE)

    def disk_write(self, rel: str, st: dict[str, Any], origin: str) -> None:
        for home_rel, text in st.get("home_append", {}).items():
            self.append_home(home_rel, text)
        self.write(rel, st["text"])
        truth = self.disk.setdefault(rel, Truth.of("", origin))
        truth.rewrite(st["text"], lambda j, old: origin)
        self.touched.add(rel)
        time.sleep(0.15)
        self.reload(rel)

    def git(self, st: dict[str, Any], origin: str) -> None:
        git(self.ws, *st["args"])
        now = workspace_files(self.ws)
        for rel in list(self.disk):
            if rel not in now:
                del self.disk[rel]
        for rel, text in now.items():
            truth = self.disk.setdefault(rel, Truth.of("", origin))
            if truth.text != text:
                truth.rewrite(text, lambda j, old: origin)
                self.touched.add(rel)
        time.sleep(0.15)
        for rel in list(self.buffers):
            self.reload(rel)

    def settle(self, quiet: float = 0.3, most: float = 4.0) -> None:
        """Until the server has no disk change pending and has published nothing for `quiet` s."""
        end = time.monotonic() + most
        while time.monotonic() < end:
            busy = self.c.request("provmark/status", {}, timeout=60).get("pending_disk_changes")
            last = max((t for t, _, _ in self.c.published), default=0.0)
            if not busy and time.monotonic() - last >= quiet:
                return
            time.sleep(0.05)

    # the end
    def finish(self) -> Outcome:
        """Save what is modified, shut the server down, run the pipeline, count."""
        out = Outcome(self.spec.get("name", "session"))
        for rel, buf in self.buffers.items():
            if self.disk.get(rel) is None or self.disk[rel].text != buf.text:
                self.save(rel)
        self.settle(quiet=0.5)
        shown = self.shown()
        code = self.c.close()
        self.log.close()
        if code != 0:
            out.errors.append(f"server exit code {code}")
        dest = self.tmp / "out"
        r = subprocess.run([*PROVMARK, "filter", str(self.ws), "--out", str(dest)], capture_output=True, text=True)
        if r.returncode != 0:
            out.errors.append(f"provmark filter exit {r.returncode}: {r.stderr.strip()}")
            return out
        report = json.loads((dest / ".provmark-filter-report.json").read_text())
        on_disk = workspace_files(self.ws)
        for rel, truth in sorted(self.disk.items()):
            if on_disk.get(rel) != truth.text:
                out.errors.append(f"{rel}: the replay's text is not the file's")
                continue
            gone = {i - 1 for a, b in report["excluded_lines"].get(rel, []) for i in range(a, b + 1)}
            whole = rel in report["excluded_files"]
            lines = split_lines(truth.text)
            kept_text = "".join(ln for i, ln in enumerate(lines) if i not in gone)
            if not whole and (dest / rel).read_bytes().decode("utf-8", errors="replace") != kept_text:
                out.errors.append(f"{rel}: the filtered copy is not the file without the lines reported")
            rows = out.lines if rel in self.touched else out.untouched
            for i, (ln, origin) in enumerate(zip(lines, truth.origins, strict=False)):
                if ln.strip():
                    kept = not whole and i not in gone
                    rows.append((rel, origin, kept))
                    if kept and is_ai(origin):
                        out.seen.append((rel, origin, i, shown.get(rel, {}).get(i, "nothing")))
        return out

    def shown(self) -> dict[str, dict[int, str]]:
        """The most severe provmark diagnostic on each line, per file, as the editor has
        them now: "warning 0.93", "information 0.31", "hint 0.99"."""
        names = {1: "error", 2: "warning", 3: "information", 4: "hint"}
        out: dict[str, dict[int, str]] = {}
        prefix = self.ws.resolve().as_uri() + "/"
        with self.c._lock:
            published = dict(self.c.diagnostics)
        for uri, diags in published.items():
            if not uri.startswith(prefix):
                continue
            rel = uri[len(prefix) :]
            for d in sorted(diags, key=lambda d: -int(d.get("severity", 1))):  # most severe last, so it wins
                if d.get("source") != "provmark":
                    continue
                r = d["range"]
                a, b = r["start"]["line"], r["end"]["line"]
                if r["end"]["character"] == 0 and b > a:
                    b -= 1
                score = (d.get("data") or {}).get("score")
                what = f"{names.get(int(d.get('severity', 1)), '?')} {score}"
                for i in range(a, b + 1):
                    out.setdefault(rel, {})[i] = what
        return out

    def run(self) -> Outcome:
        t0 = time.monotonic()
        try:
            self.setup()
            for st in self.spec["steps"]:
                self.step(st)
                if st["op"] in ("disk_write", "git"):
                    self.settle(quiet=0.4)
                elif st["op"] not in ("open", "close", "wait"):
                    time.sleep(0.2 / self.pace)  # a person's pause between actions
            out = self.finish()
        except (OSError, ValueError, RuntimeError, TimeoutError, subprocess.CalledProcessError) as e:
            out = Outcome(self.spec.get("name", "session"), errors=[f"{type(e).__name__}: {e}"])
            if self.client is not None and self.client.proc.poll() is None:
                self.client.close()
        out.seconds = time.monotonic() - t0
        if not self.keep:
            shutil.rmtree(self.tmp, ignore_errors=True)
        return out


# -- figures ------------------------------------------------------------------------------


def ratio(n: int, d: int) -> float | None:
    return round(n / d, 4) if d else None


def summarize(outcomes: Iterable[Outcome], all_files: bool = False) -> dict[str, Any]:
    """Leak and over-exclusion, overall and per kind of entry (origin)."""
    kinds: dict[str, dict[str, int]] = {}
    ai = ai_kept = human = human_out = 0
    errors: list[str] = []
    for o in outcomes:
        errors += [f"{o.name}: {e}" for e in o.errors]
        for _, origin, kept in o.lines + (o.untouched if all_files else []):
            k = kinds.setdefault(origin, {"lines": 0, "kept": 0})
            k["lines"] += 1
            k["kept"] += kept
            if is_ai(origin):
                ai += 1
                ai_kept += kept
            else:
                human += 1
                human_out += not kept
    by_kind = {
        k: {**v, "rate": ratio(v["kept"] if is_ai(k) else v["lines"] - v["kept"], v["lines"])}
        for k, v in sorted(kinds.items())
    }
    return {
        "leak": ratio(ai_kept, ai),
        "over_exclusion": ratio(human_out, human),
        "ai_lines": ai,
        "ai_lines_kept": ai_kept,
        "human_lines": human,
        "human_lines_left_out": human_out,
        "by_kind": by_kind,  # rate: leak for ai:*, over-exclusion for the rest
        "errors": errors,
    }


def leaks(outcomes: Iterable[Outcome]) -> list[dict[str, Any]]:
    """Where AI lines were kept: session, file, kind, line count, and what the server
    showed on them at the end (its most severe provmark diagnostic, with the score)."""
    rows: dict[tuple[str, str, str], dict[str, int]] = {}
    for o in outcomes:
        for rel, origin, _, what in o.seen:
            seen = rows.setdefault((o.name, rel, origin), {})
            seen[what] = seen.get(what, 0) + 1
    return [
        {"session": s, "path": p, "kind": k, "lines": sum(seen.values()), "seen": seen}
        for (s, p, k), seen in sorted(rows.items())
    ]


# -- sessions made from this repository ---------------------------------------------------

_FENCE = re.compile(r"```[A-Za-z0-9_+-]*\n(.*?)```", re.S)
_VERBS = ["load", "save", "parse", "check", "build", "merge", "split", "fetch", "apply", "count"]
_NOUNS = ["order", "item", "row", "user", "price", "line", "entry", "token", "page", "batch"]


def _hand_written(rng: random.Random, n: int, tag: str) -> list[str]:
    """`n` short functions in a hurried person's style (terse names, no docstrings, no
    annotations), each different."""
    out = []
    for i in range(n):
        v, o = rng.choice(_VERBS), rng.choice(_NOUNS)
        name = f"{v}_{o}{i}{tag}"
        shape = rng.randrange(4)
        if shape == 0:
            body = (
                f"def {name}(xs):\n    out = []\n    for x in xs:\n        if x.{o}:\n"
                f"            out.append(x)\n    return out\n"
            )
        elif shape == 1:
            body = (
                f"def {name}(d, k={i}):\n    v = d.get('{o}')\n    if v is None:\n        return k\n"
                f"    # old data has strings here\n    return int(v) + k\n"
            )
        elif shape == 2:
            body = (
                f"def {name}(path):\n    f = open(path)\n    n = 0\n    for ln in f:\n"
                f"        if ln.startswith('{o[0]}'):\n            n += 1\n    f.close()\n    return n\n"
            )
        else:
            body = (
                f"class {o.title()}{i}{tag.title()}:\n    def __init__(self, a, b):\n        self.a = a\n"
                f"        self.b = b\n\n    def {v}(self):\n        return self.a * {i + 2} - self.b\n"
            )
        out.append(body)
    return out


def _blocks(text: str) -> list[tuple[int, int]]:
    """Top-level Python definitions as [start, end) line ranges (trailing blanks left out)."""
    lines = text.split("\n")
    heads = ("def ", "class ", "async def ", "@")
    # a definition starts at its first decorator
    starts = [i for i, ln in enumerate(lines) if ln.startswith(heads) and not (i and lines[i - 1].startswith("@"))]
    out = []
    for a, b in zip(starts, [*starts[1:], len(lines)], strict=False):
        while b > a and not lines[b - 1].strip():
            b -= 1
        if b - a >= 3:
            out.append((a, b))
    return out


def _boundaries(text: str) -> list[int]:
    """Lines before which a definition can go: a blank line then a top-level definition."""
    lines = text.split("\n")
    return [
        i + 1 for i in range(len(lines) - 1) if not lines[i].strip() and lines[i + 1].startswith(("def ", "class "))
    ]


def _claude_log(rel: str, content: str, session: str) -> str:
    """Claude Code's record of its Write tool writing `content` to `rel` ({ws} filled in later)."""
    return (
        json.dumps(
            {
                "type": "assistant",
                "sessionId": session,
                "cwd": "{ws}",
                "timestamp": "{now}",
                "message": {
                    "model": "claude-sonnet-4-5",
                    "role": "assistant",
                    "content": [
                        {"type": "tool_use", "name": "Write", "input": {"file_path": "{ws}/" + rel, "content": content}}
                    ],
                },
            }
        )
        + "\n"
    )


class Material:
    """AI-written text in this repository: chat answers and agent-style project files
    (training/ai, samples/chat-answer.md, the tests' assistant-style block)."""

    def __init__(self) -> None:
        ai = ROOT / "training" / "ai"
        self.answers = [*sorted(ai.glob("chat-answers/*.md")), ROOT / "samples" / "chat-answer.md"]
        self.files = sorted(
            p for p in ai.rglob("*") if p.is_file() and p.suffix in LANG and p.parent.name != "chat-answers"
        )
        self.py_files = [p for p in self.files if p.suffix == ".py"]

    @staticmethod
    def read(p: Path) -> str:
        return p.read_text(encoding="utf-8")

    def code(self, p: Path) -> str:
        found = _FENCE.findall(self.read(p))
        return max(found, key=len) if found else self.read(p)

    def ai_function(self, rng: random.Random) -> str:
        text = self.read(rng.choice(self.py_files))
        a, b = rng.choice(_blocks(text) or [(0, len(text.split("\n")))])
        return "\n".join(text.split("\n")[a:b]) + "\n"


def make_session(m: Material, rng: random.Random, n: int) -> dict[str, Any]:
    """A session in the replay format: a small hand-written Python project, then typing,
    a copy and a move inside it, an undo, chat pastes (hinted, unhinted, a whole
    answer), a move of pasted code, a snippet, saves, an agent writing a new file (with
    a Claude Code transcript in every other session) and editing an open one, a git
    checkout of a teammate's hand-written work, and a merge of a commit that declares
    an AI co-author."""
    main, donor, helpers, util = "app/main.py", "app/donor.py", "app/helpers.py", "app/util.py"
    ws = {
        main: "import os\n\n\n" + "\n\n".join(_hand_written(rng, 9, "m")),
        donor: "\n\n".join(_hand_written(rng, 5, "d")),
        helpers: "\n\n".join(_hand_written(rng, 6, "h")),
        util: "\n\n".join(_hand_written(rng, 4, "u")),
    }
    text = ws[main]
    steps: list[dict[str, Any]] = [{"op": "open", "path": main}]
    taken: list[tuple[int, int]] = []  # lines of pasted AI text: human steps stay out of them

    def free_boundary() -> int:
        ok = [b for b in _boundaries(text) if not any(a < b < e for a, e in taken)]
        return rng.choice(ok or [len(text.split("\n")) - 1])

    def insert(at: int, body: str, keep: bool, **kw: Any) -> None:
        nonlocal text, taken
        lines, k = text.split("\n"), body.count("\n")
        taken = [(a + k, e + k) if a >= at else (a, e) for a, e in taken]
        if keep:
            taken.append((at, at + k))
        text = "\n".join(lines[:at]) + "\n" + body + "\n".join(lines[at:])
        steps.append({"op": "insert", "path": main, "at": [at, 0], "text": body, **kw})

    def delete(a: int, b: int) -> str:
        nonlocal text, taken
        lines = text.split("\n")
        taken = [(x - (b - a), y - (b - a)) if x >= b else (x, y) for x, y in taken if not (a <= x and y <= b)]
        steps.append({"op": "delete", "path": main, "range": [a, 0, b, 0]})
        text = "\n".join(lines[:a] + lines[b:])
        return "\n".join(lines[a:b]) + "\n"

    def own_block() -> tuple[int, int]:
        own = [(a, b) for a, b in _blocks(text) if not any(a < e and b > s for s, e in taken)]
        return rng.choice(own)

    # a person: typing, a copy from another file, a move, an undo
    at = free_boundary()
    typed = "LIMIT = 40\n"
    steps.append(
        {"op": "type", "path": main, "at": [at, 0], "text": typed, "cps": 40, "label": "human", "kind": "typing"}
    )
    text = "\n".join(text.split("\n")[:at]) + "\n" + typed + "\n".join(text.split("\n")[at:])
    a, b = rng.choice(_blocks(ws[donor]))
    block = "\n".join(ws[donor].split("\n")[a:b]) + "\n\n"
    insert(free_boundary(), block, False, label="human", kind="internal-copy", hint=rng.choice(["editor", None]))
    a, b = own_block()
    moved = delete(a, b)
    insert(free_boundary(), moved, False, label="human", kind="move", hint=rng.choice(["editor", None]))
    a, b = own_block()
    gone = delete(a, b)
    insert(a, gone, False, label="human", kind="undo")
    # chat answers: code with the client's hint, code without, a whole answer
    first, second, third = rng.sample(m.answers, 3)
    insert(free_boundary(), m.code(first).rstrip("\n") + "\n\n", True, label="ai", kind="chat-paste", hint="external")
    insert(free_boundary(), m.code(second).rstrip("\n") + "\n\n", True, label="ai", kind="chat-paste")
    if n % 2:
        insert(free_boundary(), m.read(third).rstrip("\n") + "\n\n", True, label="ai", kind="answer-paste")
    else:
        fn = m.ai_function(rng)
        small = sum(1 for ln in fn.split("\n") if ln.strip()) < 5  # snippet-sized: below min_lines
        insert(
            free_boundary(), fn + "\n", True, label="ai", kind="small-paste" if small else "chat-paste", hint="external"
        )
    # the person moves the first pasted block elsewhere: still AI-written
    s, e = taken[0]
    body = delete(s, e)
    insert(free_boundary(), body, True, label="ai", kind="move-of-ai", hint="editor")
    insert(free_boundary(), "if __name__ == '__main__':\n    main()\n", False, label="human", kind="snippet")
    steps.append({"op": "save", "path": main})
    # an agent: a new file on disk (not open), then an edit to an open file
    src = rng.choice(m.files)
    new_rel = f"app/{src.stem}_{n}{src.suffix}"
    write: dict[str, Any] = {"op": "disk_write", "path": new_rel, "text": m.read(src), "label": "ai"}
    write["kind"] = "agent-new-file"
    if n % 2 == 0:
        sid = str(uuid.UUID(int=rng.getrandbits(128)))
        write["tool"] = "claude-code"
        write["home_append"] = {f".claude/projects/{{wsdir}}/{sid}.jsonl": _claude_log(new_rel, m.read(src), sid)}
    steps.append(write)
    h_lines = ws[helpers].split("\n")
    cut = rng.choice(_boundaries(ws[helpers]) or [len(h_lines)])
    edited = "\n".join(h_lines[:cut]) + "\n" + m.ai_function(rng) + "\n" + "\n".join(h_lines[cut:])
    steps += [
        {"op": "open", "path": helpers},
        {"op": "disk_write", "path": helpers, "text": edited, "label": "ai", "kind": "agent-edit"},
        {"op": "type", "path": helpers, "at": [0, 0], "text": "# ok\n", "cps": 40, "label": "human", "kind": "typing"},
        {"op": "save", "path": helpers},
    ]
    # git: a teammate's hand-written work checked out, then an AI-declaring commit merged
    teammate = ws[util].rstrip("\n") + "\n\n\n" + "\n\n".join(_hand_written(rng, 3, "t"))
    ai_src = rng.choice(m.py_files)
    branches = {"feature": {util: teammate}, "assistant": {f"app/{ai_src.stem}_gen.py": m.read(ai_src)}}
    messages = {"assistant": "Add the generated module\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n"}
    steps += [
        {"op": "open", "path": util},
        {"op": "git", "args": ["checkout", "-q", "feature"], "label": "human", "kind": "vcs"},
        {"op": "git", "args": ["merge", "-q", "--no-edit", "assistant"], "label": "ai", "kind": "ai-commit"},
    ]
    return {
        "name": f"g{n:02d}",
        "workspace": ws,
        "branches": branches,
        "branch_messages": messages,
        "settings": {},
        "steps": steps,
    }


def make_sessions(count: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    m = Material()
    return [make_session(m, rng, n) for n in range(count)]


def load_sessions(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def run(
    sessions: list[dict[str, Any]],
    settings: dict[str, Any],
    keep: bool = False,
    pace: float = 1.0,
    verbose: bool = True,
) -> list[Outcome]:
    outcomes = []
    for spec in sessions:
        o = Replay(spec, settings, keep, pace).run()
        if verbose:
            s = summarize([o])
            print(
                f"{o.name}: leak {s['leak']} ({s['ai_lines_kept']}/{s['ai_lines']}), over-exclusion "
                f"{s['over_exclusion']} ({s['human_lines_left_out']}/{s['human_lines']}), {o.seconds:.1f} s"
                + (f"; errors: {o.errors}" if o.errors else ""),
                file=sys.stderr,
            )
        outcomes.append(o)
    return outcomes


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sessions", type=Path, help="a folder of sessions (*.json) in the replay format")
    ap.add_argument("--generated", type=int, default=6, help="sessions to make from this repository (default 6)")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--settings", default="{}", help="JSON: server settings over each session's own")
    ap.add_argument("--all-files", action="store_true", help="count over-exclusion over every workspace file")
    ap.add_argument("--report", type=Path, help="write the summary, the leaks and the outcomes here as JSON")
    ap.add_argument("--keep", action="store_true", help="keep each session's folder (printed)")
    ap.add_argument("--max-leak", type=float, default=0.02)
    ap.add_argument("--max-over-exclusion", type=float, default=0.05)
    ap.add_argument("--check", action="store_true", help="exit 1 when the goal is not met")
    ap.add_argument("--write-sessions", type=Path, help="write the sessions made here into this folder, and stop")
    args = ap.parse_args()
    sessions = load_sessions(args.sessions.expanduser()) if args.sessions else make_sessions(args.generated, args.seed)
    if not sessions:
        ap.error("no sessions")
    if args.write_sessions:
        args.write_sessions.mkdir(parents=True, exist_ok=True)
        for spec in sessions:
            (args.write_sessions / f"{spec['name']}.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")
        return 0
    outcomes = run(sessions, json.loads(args.settings), args.keep)
    summary = summarize(outcomes, args.all_files)
    summary["sessions"] = str(args.sessions) if args.sessions else f"generated: {args.generated}, seed {args.seed}"
    summary["when"] = f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC"
    summary["machine"] = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    summary["leaks"] = leaks(outcomes)
    print(json.dumps(summary, indent=1))
    if args.report:
        rows = [
            {"session": o.name, "lines": o.lines, "seen": o.seen, "errors": o.errors, "seconds": o.seconds}
            for o in outcomes
        ]
        args.report.write_text(json.dumps({"summary": summary, "outcomes": rows}, indent=1))
    met = (
        summary["leak"] is not None
        and summary["leak"] <= args.max_leak
        and (summary["over_exclusion"] or 0.0) <= args.max_over_exclusion
    )
    print(
        ("goal met: " if met else "goal NOT met: ")
        + f"leak {summary['leak']} (goal <= {args.max_leak}), over-exclusion {summary['over_exclusion']} "
        f"(goal <= {args.max_over_exclusion})"
        + (f"; {len(summary['errors'])} replay errors" if summary["errors"] else "")
    )
    return 1 if summary["errors"] or (args.check and not met) else 0


if __name__ == "__main__":
    sys.exit(main())
