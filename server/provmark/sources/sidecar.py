"""Sidecar files: ``.provmark/<path>.json`` beside the workspace, one per source file.

Written atomically (a temporary file in the same folder, fsync, rename) under a lock
file, merging with whatever another writer put there meanwhile, so that two editors
and the command line lose no record. Keys sorted, records sorted by start_line. Only
hashes and names: never source text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import json
import os
import secrets
import tempfile
import threading
from collections.abc import Iterator
from glob import escape as glob_escape
from pathlib import Path
from typing import Any, cast

from provmark.core.lines import content_hash, line_hash, squeezed_hash
from provmark.core.records import READABLE, SCHEMA, OriginKind, Record, SidecarData, Status, Training

SIDECAR_DIR = ".provmark"
ORIGIN_KINDS = ("ai", "human", "mixed", "unknown")
MAX_SIDECAR_BYTES = 20_000_000


class SidecarError(Exception):
    """A sidecar that cannot be read or written; the message names the file."""


def sidecar_path(root: Path, rel: str) -> Path:
    """Where the sidecar of `rel` (a path relative to root) lives; refuses paths that
    would leave the root."""
    parts = Path(rel).parts
    if Path(rel).is_absolute() or ".." in parts or not parts or parts[0] == SIDECAR_DIR:
        raise SidecarError(f"{rel}: not a path inside the workspace")
    return root / SIDECAR_DIR / (rel + ".json")


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_id() -> str:
    return "r_" + secrets.token_hex(4)


def make_record(
    lines: list[str],
    start_line: int,
    origin: dict[str, Any],
    training: str,
    evidence: list[dict[str, Any]] | None = None,
    tagged_by: str = "user",
    status: Status = "tagged",
    score: float | None = None,
) -> Record:
    """A record for `lines` (the region's text), starting at 1-based `start_line`. An
    "unreviewed" record is one the language server wrote for a flag nobody has decided
    on yet; it carries the flag's score."""
    kind = origin.get("kind")
    if kind not in ORIGIN_KINDS:
        raise SidecarError(f"origin.kind must be one of {', '.join(ORIGIN_KINDS)}, not {kind!r}")
    if training not in ("exclude", "include"):
        raise SidecarError(f"training must be 'exclude' or 'include', not {training!r}")
    rec: Record = {
        "id": new_id(),
        "start_line": start_line,
        "end_line": start_line + len(lines) - 1,
        "origin": {
            "kind": cast(OriginKind, kind),
            "tool": _name(origin.get("tool")),
            "model": _name(origin.get("model")),
            "session": _name(origin.get("session")),
        },
        "training": cast(Training, training),
        "content_hash": content_hash(lines),
        "line_hashes": [line_hash(x) for x in lines],
        "squeezed_hashes": [squeezed_hash(x) for x in lines],
        "evidence": [
            {"signal": str(e.get("signal", ""))[:64], "weight": float(e.get("weight", 0.0))}
            for e in (evidence or [])
            if isinstance(e, dict)
        ],
        "created": now_iso(),
        "tagged_by": tagged_by,
        "status": status,
    }
    if score is not None:
        rec["score"] = round(float(score), 4)
    return rec


def reviewer() -> str:
    """Who resolves a record here: $PROVMARK_REVIEWER, else the login name."""
    import getpass

    try:
        who = os.environ.get("PROVMARK_REVIEWER") or getpass.getuser()
    except (KeyError, OSError):
        who = "unknown"
    return _name(who) or "unknown"


def reviewed(rec: Record, record_id: str, by: str | None = None) -> Record:
    """`rec` as the decision on the unreviewed record `record_id`: it takes that id and
    says who decided and when."""
    return {**rec, "id": record_id, "reviewed_by": by or reviewer(), "reviewed_at": now_iso()}


def _name(value: Any) -> str | None:
    # Names only: short strings, no newlines, so no text can ride along.
    if value is None:
        return None
    s = str(value)
    return s[:128] if "\n" not in s else None


def validate(data: Any, rel: str | None = None) -> list[str]:
    """Problems with a sidecar's content (empty when it is valid)."""
    if not isinstance(data, dict):
        return ["not a JSON object"]
    problems = []
    if data.get("schema") not in READABLE:
        problems.append(
            f"schema is {data.get('schema')!r}, which this version of Provmark cannot read "
            f"(it reads {', '.join(READABLE)}): upgrade Provmark"
        )
    if rel is not None and data.get("path") != rel:
        problems.append(f"path is {data.get('path')!r}, expected {rel!r}")
    records = data.get("records")
    if not isinstance(records, list):
        return [*problems, "records is not a list"]
    seen = set()
    for i, r in enumerate(records):
        if not isinstance(r, dict):
            problems.append(f"record {i} is not an object")
            continue
        rid = r.get("id")
        if not isinstance(rid, str) or rid in seen:
            problems.append(f"record {i}: missing or duplicate id")
        else:
            seen.add(rid)
        a, b = r.get("start_line"), r.get("end_line")
        hashes = r.get("line_hashes")
        if not (isinstance(a, int) and isinstance(b, int) and 1 <= a <= b <= 10_000_000):
            problems.append(f"record {i}: bad line range")
        elif not (isinstance(hashes, list) and len(hashes) == b - a + 1 and all(isinstance(h, str) for h in hashes)):
            problems.append(f"record {i}: line_hashes do not match the range")
        sq = r.get("squeezed_hashes")
        if sq is not None and not (
            isinstance(sq, list)
            and isinstance(hashes, list)
            and len(sq) == len(hashes)
            and all(isinstance(h, str) for h in sq)
        ):
            problems.append(f"record {i}: squeezed_hashes do not match line_hashes")
        if r.get("training") not in ("exclude", "include"):
            problems.append(f"record {i}: bad training value")
        problems += _more_problems(i, r)
    return problems


def _more_problems(i: int, r: dict[str, Any]) -> list[str]:
    out = []
    origin = r.get("origin")
    if not isinstance(origin, dict) or origin.get("kind") not in ORIGIN_KINDS:
        out.append(f"record {i}: bad origin")
    if r.get("status", "tagged") not in ("tagged", "unreviewed"):
        out.append(f"record {i}: bad status")
    score = r.get("score")
    if score is not None and not (isinstance(score, (int, float)) and not isinstance(score, bool) and 0 <= score <= 1):
        out.append(f"record {i}: bad score")
    return out


def load(root: Path, rel: str, path: Path | None = None) -> SidecarData | None:
    """The sidecar of `rel` (at `path` when given), None when there is none; read as
    untrusted input: SidecarError names the file and what is wrong with it."""
    path = path or sidecar_path(root, rel)
    try:
        if path.is_symlink():
            raise SidecarError(f"{path}: a symbolic link; sidecars must be plain files")
        if path.stat().st_size > MAX_SIDECAR_BYTES:
            raise SidecarError(f"{path}: larger than {MAX_SIDECAR_BYTES} bytes")
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as e:
        raise SidecarError(f"{path}: cannot read it: {e}") from e
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        raise SidecarError(f"{path}: invalid JSON: {e}") from e
    problems = validate(data, rel)
    if not problems and not _inside(root, rel):
        problems.append(f"path {rel!r} leaves the root")
    if problems:
        raise SidecarError(f"{path}: " + "; ".join(problems))
    return cast(SidecarData, data)  # validate() checked its shape


def _inside(root: Path, rel: str) -> bool:
    parts = Path(rel).parts
    if Path(rel).is_absolute() or ".." in parts or not parts:
        return False
    try:
        (root / rel).resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def dumps(data: SidecarData) -> str:
    records = sorted(data["records"], key=lambda r: (r["start_line"], r["end_line"], r["id"]))
    return json.dumps({**data, "records": records}, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock for writing `path`: a flock on the sidecar's folder itself,
    so that no lock file is left in .provmark/ (and none can be unlinked under a waiting
    writer, which would let two writers in at once)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


_umask_lock = threading.Lock()


def _umask() -> int:
    """The process umask. Linux tells it in /proc/self/status without a change; elsewhere
    it is set and put back at once, under a lock, to a strict value meanwhile, so a file
    another thread creates in that instant is never more open than it should be."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    with _umask_lock:
        mask = os.umask(0o077)
        os.umask(mask)
    return mask


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` so that readers see the old file or the new one, never a
    part; on failure the old file is untouched and the temporary file removed. The file
    gets the mode any new file gets under the umask (0o666 & ~umask: sidecars and reports
    are committed and shared), not mkstemp's 0o600."""
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            os.fchmod(f.fileno(), 0o666 & ~_umask())
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _sweep_temporaries(path: Path) -> None:
    """Remove temporary files a writer killed mid-write left beside `path`. Called under
    the folder's lock: no live writer of this folder has one open."""
    for tmp in path.parent.glob("." + glob_escape(path.name) + ".*.tmp"):
        with contextlib.suppress(OSError):
            tmp.unlink()


def refresh_unreviewed(
    root: Path, rel: str, live: dict[str, tuple[int, list[str]]], owned: set[str] | frozenset[str]
) -> int:
    """The editor saved or closed `rel`: its unreviewed records follow the text. Each
    record whose flag is still in the text (`live`: id -> (1-based first line, lines))
    takes the lines as they are now; those this editor knew (`owned`) and that are no
    longer live were edited away and go. Records another writer made (another editor,
    an agent's write seen by another server) and records anyone decided on are never
    touched. Returns how many went."""
    path = sidecar_path(root, rel)
    if not path.exists():
        return 0
    with _locked(path):
        data = load(root, rel)
        if data is None:
            return 0
        kept: list[Record] = []
        gone = 0
        for rec in data["records"]:
            if rec.get("status") != "unreviewed":
                kept.append(rec)
            elif rec["id"] in live:
                start, lines = live[rec["id"]]
                kept.append(_moved(rec, start, lines))
            elif rec["id"] in owned:
                gone += 1
            else:
                kept.append(rec)
        if kept == data["records"]:
            return 0
        data["records"], data["schema"] = kept, SCHEMA
        if kept:
            write_atomic(path, dumps(data))
        else:
            path.unlink()
        return gone


def attribute_unreviewed(
    root: Path, rel: str, ids: set[str], origin: dict[str, Any], evidence: list[Any], score: float
) -> int:
    """A tool's log named the tool of flags recorded without one (it was written after
    them): their unreviewed records take the origin, evidence and score the flags have
    now. Records someone decided on are left as they were. Returns how many changed."""
    path = sidecar_path(root, rel)
    if not ids or not path.exists():
        return 0
    # The same shape as a new record's (names only, no text).
    fresh = make_record([], 1, origin, "exclude", evidence, "provmark", "unreviewed", score)
    with _locked(path):
        data = load(root, rel)
        if data is None:
            return 0
        changed = 0
        for i, rec in enumerate(data["records"]):
            if rec["id"] in ids and rec.get("status") == "unreviewed":
                data["records"][i] = {
                    **rec,
                    "origin": fresh["origin"],
                    "evidence": fresh["evidence"],
                    "score": fresh["score"],
                }
                changed += 1
        if changed:
            data["schema"] = SCHEMA
            write_atomic(path, dumps(data))
        return changed


def _moved(rec: Record, start: int, lines: list[str]) -> Record:
    if rec["start_line"] == start and rec["line_hashes"] == [line_hash(x) for x in lines]:
        return rec
    return {
        **rec,
        "start_line": start,
        "end_line": start + len(lines) - 1,
        "content_hash": content_hash(lines),
        "line_hashes": [line_hash(x) for x in lines],
        "squeezed_hashes": [squeezed_hash(x) for x in lines],
    }


def update(
    root: Path, rel: str, add: list[Record] | None = None, remove: frozenset[str] | set[str] = frozenset()
) -> SidecarData:
    """Add and remove records of `rel`'s sidecar, merging with what is on disk now. A
    sidecar that cannot be read is never replaced or moved (its records would vanish
    from the pipeline's view): SidecarError says so, and nothing is written."""
    path = sidecar_path(root, rel)
    try:
        with _locked(path):
            _sweep_temporaries(path)
            try:
                data = load(root, rel)
            except SidecarError as e:
                raise SidecarError(
                    f"{e}. Nothing was written: fix it first (a merge conflict? `provmark merge-driver install` "
                    "merges sidecars from now on; `provmark check` says what is wrong). Until then the training "
                    "pipeline leaves the whole file out"
                ) from None
            if data is None:
                data = {"schema": SCHEMA, "path": rel, "records": []}
            records = [r for r in data["records"] if r["id"] not in remove]
            known = {r["id"] for r in records}
            records += [r for r in add or [] if r["id"] not in known]
            data["records"] = records
            data["schema"] = SCHEMA  # written in the newest format this version knows
            if not records:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
            else:
                write_atomic(path, dumps(data))
            return data
    except OSError as e:
        what = {
            errno.ENOSPC: "the disk is full",
            errno.EROFS: "the file system is read-only",
            errno.EACCES: "permission denied",
        }.get(e.errno or 0, str(e))
        raise SidecarError(f"{path}: cannot write the sidecar ({what}); the old one is intact") from e
