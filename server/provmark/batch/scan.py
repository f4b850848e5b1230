"""The workspace scan: every source file, block by block, against all the evidence
Provmark has (sidecars, the AI tools' transcripts, git history, and the code's style).

Pure: no LSP here. The content model's work is the expensive part, so it runs in worker
processes and is cached by file content (sha256), with each file's size and mtime as a
shortcut that spares reading unchanged files. Everything else is cheap and recomputed.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from provmark.core import evidence as ev
from provmark.core.families import EXTENSIONS, family_for
from provmark.core.findings import Finding, Totals, totals
from provmark.core.records import Record, SidecarData, status_of
from provmark.core.relocate import hashes_of, locate, squeezed_of
from provmark.core.writes import is_generated
from provmark.sources import sidecar as sidecars
from provmark.sources.gitinfo import GitHistory, find_repository, git_command
from provmark.sources.ignore import IgnoreRules

if TYPE_CHECKING:  # (imported where used: a rescan with nothing to analyse, no sidecars
    # and no transcripts starts without the content model's code, the worker pool, the
    # records' evidence nor the transcript readers: most of its imports)
    from provmark.core.ngram import NgramModel
    from provmark.sources.transcripts import TranscriptIndex

CACHE_FORMAT = "provmark-scan/3"
MAX_SCAN_BYTES = 1_000_000
MIN_LINES = 5  # fewer non-blank lines say too little on style alone: no style finding
MAX_LINE_CHARS = 1_000  # a longer line means minified or generated code
# Folders of other people's code: skipped by name wherever they are.
VENDORED = {
    "vendor", "vendors", "third_party", "third-party", "thirdparty", "external", "externals", "extern",
    "bower_components", "jspm_packages", "site-packages", "dist-packages", "Pods", "Carthage", "deps",
    "node_modules", "dist", "build", "out", "target", ".yarn",
}  # fmt: skip


@dataclass
class BlockStyle:
    start: int  # 0-based first line
    end: int  # 0-based last line, inclusive
    name: str
    p: float | None  # the content model's probability that the block is AI-written (None: abstained)
    lines: int  # non-blank lines
    why: list[tuple[str, float]] = field(default_factory=list)  # the features that moved p most


class BrokenCacheEntry(ValueError):
    """A cached analysis whose text cannot be read back (a damaged cache file)."""


def _number(v: object, none: bool = True) -> bool:
    return (v is None and none) or (isinstance(v, (int, float)) and not isinstance(v, bool))


def _sound_head(head: list[Any]) -> bool:
    """A cache line's summary as Content.head writes it: [family, p, lines, blocks, top]."""
    family, p, n_lines, n_blocks, top = head
    return isinstance(family, str) and _number(p) and _number(top) and _count(n_lines) and _count(n_blocks)


def _count(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def _sound_block(b: BlockStyle) -> bool:
    # (_count and _number written out with exact types, which is what JSON gives: a
    # rescan checks every block of every file it decodes)
    start, end, lines, p = b.start, b.end, b.lines, b.p
    return (
        type(start) is int
        and start >= 0
        and type(end) is int
        and end >= 0
        and type(lines) is int
        and lines >= 0
        and type(b.name) is str
        and (p is None or type(p) is float or type(p) is int)
        and all(map(_sound_why, b.why))
    )


def _sound_why(pair: tuple[Any, ...]) -> bool:
    return len(pair) == 2 and type(pair[0]) is str and type(pair[1]) in _NUMBERS


_NUMBERS = (float, int)


class Content:
    """The cacheable, content-only part of a file's analysis.

    From the cache, its blocks stay text until asked for: a rescan judges most files on
    their summary alone (the family, the file's p, its size in lines and blocks, and its
    blocks' highest p), and decoding every block of every file was most of its time."""

    __slots__ = ("_blocks", "_body", "_why", "family", "n_blocks", "n_lines", "p", "sha", "top")

    def __init__(
        self,
        sha: str,
        family: str,
        p: float | None,  # the whole file as one unit (None: too short, or no model)
        blocks: list[BlockStyle],
        why: list[tuple[str, float]] | None = None,  # what moved the whole file's p
    ) -> None:
        self.sha, self.family, self.p = sha, family, p
        self._blocks: list[BlockStyle] | None = blocks
        self._why: list[tuple[str, float]] | None = why or []
        self._body: str | None = None
        self.n_lines = blocks[-1].end + 1 if blocks else 0
        self.n_blocks = len(blocks)
        # the highest p of a block long enough for a style finding (judge's quick path)
        self.top = max((b.p for b in blocks if b.p is not None and b.lines >= MIN_LINES), default=None)

    @classmethod
    def cached(cls, sha: str, head: list[Any], body: str) -> Content:
        """From the cache: `head` as `head()` gave it, `body` as `body()` gave it."""
        self = cls.__new__(cls)
        self.sha = sha
        self.family, self.p, self.n_lines, self.n_blocks, self.top = head
        self._blocks = self._why = None
        self._body = body
        return self

    @property
    def blocks(self) -> list[BlockStyle]:
        if self._blocks is None:
            self._decode()
        assert self._blocks is not None
        return self._blocks

    @property
    def why(self) -> list[tuple[str, float]]:
        if self._why is None:
            self._decode()
        assert self._why is not None
        return self._why

    def _decode(self) -> None:
        try:
            blocks, why = json.loads(self._body or "")
            # The cache's own [name, weight] pairs as tuples, in C calls (a function and
            # two conversions a pair cost a fifth of a rescan).
            self._blocks = [BlockStyle(b[0], b[1], b[2], b[3], b[4], list(map(tuple, b[5]))) for b in blocks]
            self._why = list(map(tuple, why))
            if not all(map(_sound_block, self._blocks)) or not all(map(_sound_why, self._why)):
                raise ValueError("not the blocks of an analysis")
            if len(self._blocks) != self.n_blocks:
                raise ValueError("blocks and summary disagree")
        except (ValueError, TypeError, IndexError, KeyError) as e:
            self._blocks = self._why = None
            raise BrokenCacheEntry(f"cached analysis of {self.sha[:12]}: {e}") from e

    def head(self) -> list[Any]:
        return [self.family, self.p, self.n_lines, self.n_blocks, self.top]

    def body(self) -> str:
        if self._body is None:
            self._body = json.dumps(self.to_json()[2:], separators=(",", ":"))
        return self._body

    def to_json(self) -> list[Any]:
        blocks = [[b.start, b.end, b.name, b.p, b.lines, b.why] for b in self.blocks]
        return [self.family, self.p, blocks, self.why]


@dataclass
class FileReport:
    path: str
    family: str
    lines: int
    p: float | None
    findings: list[Finding]
    cached: bool
    blocks: int = 0  # blocks the file split into


@dataclass
class Report:
    root: str
    files: list[FileReport]
    skipped: dict[str, int]
    problems: list[str]
    seconds: float
    bytes: int
    cached_files: int
    warn_threshold: float
    report_threshold: float

    def findings(self) -> Iterator[Finding]:
        for f in self.files:
            yield from f.findings

    def totals(self) -> Totals:
        return totals(self.findings(), len(self.files))

    def to_json(self) -> dict[str, Any]:
        """For people and scripts: lines count from 1 and ranges are inclusive, as in
        sidecars, SARIF and the manifest."""
        return {
            "root": self.root,
            "totals": {**self.totals(), "blocks": sum(f.blocks for f in self.files)},
            "seconds": round(self.seconds, 3),
            "bytes": self.bytes,
            "cached_files": self.cached_files,
            "skipped": self.skipped,
            "problems": self.problems,
            "files": [_file_json(f) for f in self.files if f.findings],
        }


def _file_json(f: FileReport) -> dict[str, Any]:
    flags = [x.score for x in f.findings if x.code not in ("ai-tagged", "human-tagged", "stale-record")]
    return {
        "path": f.path,
        "family": f.family,
        "lines": f.lines,
        "blocks": f.blocks,
        "cached": f.cached,
        # The file's score is its most telling untagged block's; style_p is the content
        # model's view of the whole file (one of the evidence items, not a verdict).
        "score": max(flags, default=0.0),
        "style_p": f.p,
        "findings": [
            {
                "start_line": x.start + 1,
                "end_line": x.end + 1,
                "name": x.name,
                "severity": x.severity,
                "code": x.code,
                "score": x.score,
                "tool": x.tool,
                "evidence": x.evidence,
                "fingerprint": x.fingerprint,
                **({"record": x.record_id} if x.record_id else {}),
            }
            for x in f.findings
        ],
    }


# -- walking -------------------------------------------------------------------------
def walk(root: Path, ignore: tuple[str, ...] = ()) -> Iterator[tuple[str, Path]]:
    """Source files under root (by extension), honouring .gitignore and skipping vendored
    folders and symlinks; yields (relative path, path): a folder's files by name, then
    its folders by name. One scandir per folder: its entries know whether they are
    links and folders without a stat of each."""
    rules = IgnoreRules(root, ignore)
    yield from _walk_folder(root, "", rules)


def _walk_folder(here: Path, folder: str, rules: IgnoreRules) -> Iterator[tuple[str, Path]]:
    try:
        with os.scandir(here) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return  # an unreadable folder is left out, as os.walk does
    if folder and any(e.name == ".gitignore" for e in entries):
        rules.reload_folder(folder)
    folders: list[str] = []
    for e in entries:
        name = e.name
        try:
            if e.is_symlink():
                continue  # never read outside the root
            is_dir = e.is_dir()
        except OSError:
            continue
        rel = f"{folder}/{name}" if folder else name
        if is_dir:
            if name not in VENDORED and not rules.ignored(rel, True):
                folders.append(name)
        elif os.path.splitext(name)[1].lower() in EXTENSIONS and not rules.ignored(rel):
            yield rel, here / name
    for name in folders:
        yield from _walk_folder(here / name, f"{folder}/{name}" if folder else name, rules)


def select(root: Path, rels: Iterable[str], ignore: tuple[str, ...] = ()) -> list[tuple[str, Path]]:
    """The files among `rels` (paths relative to root, as git and pre-commit give them)
    that `walk` would yield: the same extensions, .gitignore, vendored folders and
    symlinks. A sidecar (.provmark/<path>.json) stands for its source file, since a
    change to a record changes what is tagged. Without walking the tree: a commit or a
    pull request names a few files of a large repository."""
    root = root.resolve()
    rules = IgnoreRules(root, ignore)
    loaded: set[str] = {""}
    wanted: set[str] = set()
    for raw in rels:
        rel = PurePosixPath(raw.replace(os.sep, "/")).as_posix()
        rel = rel[2:] if rel.startswith("./") else rel
        if rel.startswith(sidecars.SIDECAR_DIR + "/") and rel.endswith(".json"):
            rel = rel[len(sidecars.SIDECAR_DIR) + 1 : -len(".json")]
        wanted.add(rel)
    out: list[tuple[str, Path]] = []
    for rel in sorted(wanted):
        parts = rel.split("/")
        if rel.startswith("/") or ".." in parts or "" in parts or Path(rel).suffix.lower() not in EXTENSIONS:
            continue
        if _selectable(root, rules, loaded, parts) and (root / rel).is_file():
            out.append((rel, root / rel))
    return out


def _selectable(root: Path, rules: IgnoreRules, loaded: set[str], parts: list[str]) -> bool:
    """walk's rules for one path: each folder on the way neither vendored, a symlink nor
    ignored (reading each folder's .gitignore once, as walk does), then the file."""
    for depth in range(1, len(parts)):
        folder = "/".join(parts[:depth])
        if parts[depth - 1] in VENDORED or (root / folder).is_symlink() or rules.ignored(folder, True):
            return False
        if folder not in loaded:
            loaded.add(folder)
            rules.reload_folder(folder)
    rel = "/".join(parts)
    return not rules.ignored(rel) and not (root / rel).is_symlink()


# -- what a pull request changed -----------------------------------------------------------
class ChangedFilesError(Exception):
    """git cannot say what changed since a revision (no repository, an unknown ref)."""


def changed_since(root: Path, ref: str) -> list[str]:
    """Files under root (relative to it) that differ between the merge base of `ref` and
    HEAD, and the working tree: what a pull request against `ref` changed (git diff
    REF...HEAD), plus changes not committed yet (staged, unstaged, untracked and not
    ignored), since the scan reads the working tree. In CI the two are the same.
    Deleted files are left out, but for sidecars (deleting one untags its file); a
    renamed file counts under its new name."""
    root = root.resolve()

    def git(*args: str) -> str | None:
        try:
            r = subprocess.run(git_command(root, *args), cwd=root, capture_output=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise ChangedFilesError(f"git could not run: {e}") from None
        return r.stdout.decode("utf-8", errors="surrogateescape") if r.returncode == 0 else None

    if git("rev-parse", "--is-inside-work-tree") is None:
        raise ChangedFilesError(f"{root} is not in a git repository; --changed-since needs one")
    # --end-of-options: a ref is never read as an option, whatever it starts with.
    target = git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    if target is None:
        raise ChangedFilesError(
            f"unknown revision {ref!r} (in CI, fetch it: a shallow clone has no other branches; "
            "actions/checkout needs fetch-depth: 0, GitLab GIT_DEPTH: 0)"
        )
    if git("rev-parse", "--verify", "--quiet", "HEAD") is None:
        raise ChangedFilesError("HEAD has no commit yet")
    base = git("merge-base", target.strip(), "HEAD")
    if base is None:
        raise ChangedFilesError(
            f"{ref!r} and HEAD have no common ancestor (a shallow clone cuts history: fetch it whole)"
        )
    # Against the working tree, relative to root and limited to it (--relative).
    diff = git("diff", "--name-only", "-z", "--relative", "--diff-filter=ACMR", "--no-ext-diff", base.strip())
    # A deleted sidecar untags its file: that file is the pull request's business too.
    untagged = git(
        "diff", "--name-only", "-z", "--relative", "--diff-filter=D", base.strip(), "--", sidecars.SIDECAR_DIR
    )
    untracked = git("ls-files", "-z", "--others", "--exclude-standard")
    if diff is None or untagged is None or untracked is None:
        raise ChangedFilesError("git diff failed")
    return sorted({p for p in (diff + untagged + untracked).split("\0") if p})


def repo_prefix(root: Path) -> str:
    """root's path inside its git repository ("" at the top or outside git), for reports
    whose paths must be relative to the repository (GitLab's Code Quality)."""
    try:
        r = subprocess.run(git_command(root, "rev-parse", "--show-prefix"), cwd=root, capture_output=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return r.stdout.decode("utf-8", errors="replace").strip() if r.returncode == 0 else ""


def skip_reason(rel: str, data: bytes, max_bytes: int) -> str | None:
    if len(data) > max_bytes:
        return "large"
    if b"\0" in data[:8192]:
        return "binary"
    head = data[:2000].decode("utf-8", errors="replace")
    if is_generated(rel, head):
        return "generated"
    lines = data.count(b"\n") + 1
    # (the longest line by map and max: a generator over every line was 5% of a worker's time)
    if len(data) / lines > 300 or max(map(len, data[:200_000].split(b"\n"))) > MAX_LINE_CHARS * 10:
        return "minified"
    return None


# -- the content model over one file (runs in worker processes) --------------------------
def analyse(text: str, family: str, sha: str = "") -> Content:
    """The content model over a file: each block (a definition, as `segment` finds them)
    with the probability of the judging unit it belongs to (a block long enough alone,
    or a run of short neighbours; None where even that is too short to judge) and the
    features that moved it most; and the whole file's.

    The file is split and read once: `FileStyle` gives every unit's features and the
    file's from the same per-line facts (equal to `features` on each text)."""
    from provmark.core.segment import segment
    from provmark.core.style import ERA_FEATURES, FileStyle, default_model, units_of

    model = default_model()
    lines = text.splitlines()
    blocks = segment(text, lines)
    judged: list[tuple[int, float | None, list[tuple[str, float]]]] = []  # (unit end, p, why)
    p_file: float | None = None
    why_file: list[tuple[str, float]] = []
    style: FileStyle | None = None
    if model is not None and model.knows(family):  # (else it abstains: no features read)
        # (legacy syntax and string interpolation's share: none of the shipped models reads them)
        style = FileStyle(lines, family, era=model.reads_any(ERA_FEATURES))
        units = units_of(blocks, style.text)
        judges = [model.judges_tokens(style.text.tokens(u.start, u.end)) for u in units]
        runs = [(u.start, u.end) for u, ok in zip(units, judges, strict=True) if ok]
        feats, file_feats = style.features(runs)
        if model.ngram is not None:
            _add_ngram(model.ngram, text, family, lines, runs, feats, file_feats)
        unit_feats = iter(feats)
        for u, ok in zip(units, judges, strict=True):
            p: float | None = None
            why: list[tuple[str, float]] = []
            if ok:
                f = next(unit_feats)
                p, why = model.assess(f, family)
            judged.append((u.end, p, why))
        if model.judges_tokens(style.text.tokens(0, len(lines))):
            p_file, why_file = model.assess(file_feats, family, "file")
    out: list[BlockStyle] = []
    k = 0
    # Each block's non-blank lines from the blank ones among them, summed over a slice in
    # C (a generator over each block's lines was 3% of the analysis; stripping every line
    # here again, 1%): FileStyle read which lines are blank.
    m = len(lines)
    blank = style.blank if style is not None else [not x.strip() for x in lines]
    for b in blocks:
        while k < len(judged) - 1 and judged[k][0] <= b.start:
            k += 1  # units are runs of whole blocks, in order
        p, why = (judged[k][1], judged[k][2]) if judged else (None, [])
        a, e = min(b.start, m), min(b.end, m)
        n = max(0, e - a - sum(blank[a:e]))  # (lines[b.start : b.end])
        out.append(BlockStyle(b.start, b.end - 1, b.name, None if p is None else round(p, 4), n, why))
    return Content(sha, family, None if p_file is None else round(p_file, 4), out, why_file)


def _add_ngram(
    table: NgramModel,
    text: str,
    family: str,
    lines: list[str],
    runs: list[tuple[int, int]],
    feats: list[dict[str, float]],
    file_feats: dict[str, float],
) -> None:
    """Each run's and the file's n-gram score, from one pass over the file."""
    from provmark.core.style import NGRAM, UNKNOWN

    if text.count("\n") + 1 < len(lines):  # a line break other than "\n" (a lone \r, U+2028): score each run alone
        for (start, end), f in zip(runs, feats, strict=True):
            score = table.score("\n".join(lines[start:end]), family)
            f[NGRAM] = UNKNOWN if score is None else score
        score = table.score(text, family)
        file_feats[NGRAM] = UNKNOWN if score is None else score
        return
    weights, counts, weight, count = table.run_sums(text, family, runs)
    for w, n, f in zip(weights, counts, feats, strict=True):
        f[NGRAM] = w / n if n else UNKNOWN
    file_feats[NGRAM] = weight / count if count else UNKNOWN


Analysed = tuple[str, str | None, list[Any] | None, str | None, str | None]


def _analyse_file(job: tuple[str, str, int]) -> Analysed:
    """Worker: read, hash and analyse one file. Returns (rel, sha, the content's head and
    body as the cache stores them, skip reason); the JSON is written here, in parallel."""
    path, rel, max_bytes = job
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        return rel, None, None, None, f"unreadable: {e.strerror or e}"
    reason = skip_reason(rel, data, max_bytes)
    if reason:
        return rel, None, None, None, reason
    sha = hashlib.sha256(data).hexdigest()
    content = analyse(data.decode("utf-8", errors="replace"), family_for(rel), sha)
    return rel, sha, content.head(), content.body(), None


# -- the cache -------------------------------------------------------------------------
def default_cache_path(root: Path) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "provmark" / "scan"
    return base / (hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:24] + ".json")


class Cache:
    """sha256 of a file's bytes -> its Content (head and body); path -> (size, mtime_ns,
    sha) to skip reading files that did not change. Keyed to the model's version: new
    weights, new cache.

    Stored as JSON Lines (a header, then one line per file), read and written a line at a
    time: one big json.loads or json.dump would hold the GIL for a long stretch, and the
    language server runs the scan in a thread beside the editor's requests. A file's line
    is [path, size, mtime, sha, head], a tab, then its blocks as JSON (JSON text never
    holds a raw tab), kept as text until a judgement needs them."""

    def __init__(self, path: Path | None, model_key: str):
        self.path = path
        self.model_key = model_key
        self.files: dict[str, list[Any]] = {}
        self.results: dict[str, tuple[list[Any], str]] = {}
        self.changed = False  # a file analysed afresh: the cache must be written again
        if path is None:
            return
        try:
            with path.open(encoding="utf-8") as f:
                head = json.loads(f.readline() or "{}")
                if head.get("format") != CACHE_FORMAT or head.get("model") != model_key:
                    return
                for line in f:
                    tab = line.index("\t")
                    rel, size, mtime, sha, head = json.loads(line[:tab])
                    if not (isinstance(rel, str) and isinstance(sha, str) and isinstance(head, list)):
                        raise ValueError("not a cache line")
                    if len(head) != 5 or not _sound_head(head):
                        raise ValueError("not a cache line")
                    self.files[rel] = [size, mtime, sha]
                    self.results[sha] = (head, line[tab + 1 :].rstrip("\n"))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.files, self.results = {}, {}  # no cache, or a broken one: start afresh

    def save(self, live: set[str]) -> None:
        if self.path is None or (not self.changed and live.issuperset(self.files)):
            return  # nothing new and nothing gone: the file on disk is already this cache
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".scan-")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(json.dumps({"format": CACHE_FORMAT, "model": self.model_key}) + "\n")
                for rel, (size, mtime, sha) in self.files.items():
                    if rel in live and sha in self.results:
                        head, body = self.results[sha]
                        f.write(json.dumps([rel, size, mtime, sha, head], separators=(",", ":")) + "\t" + body + "\n")
            os.replace(tmp, self.path)
        except OSError:
            pass  # a cache that cannot be written only costs time next run


def model_key() -> str:
    """What a cached analysis depends on: the shipped model file (every part of it: the
    logistic models, calibration, trees and n-gram table) and the code that splits and
    reads a file. Any change (an upgrade, a retrained model) analyses every file again.
    (The model file's bytes, not the loaded model: a rescan with nothing to analyse
    then never loads the model's code.)"""
    # scan3: the key from the model file alone (scan2 also hashed the loaded model's
    # logistic parts, which that file holds).
    return hashlib.sha256(b"scan3" + _analysis_digest()).hexdigest()[:16]


# The sources of what `analyse` runs (read as text: a compiled build keeps them beside it).
_ANALYSIS_SOURCES = (
    "core/families.py",
    "core/segment.py",
    "core/style.py",
    "core/ngram.py",
    "core/forest.py",
    "batch/scan.py",
)


@lru_cache(maxsize=1)
def _analysis_digest() -> bytes:
    package = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for rel in ("data/style-model.json", *_ANALYSIS_SOURCES):
        try:
            h.update(rel.encode() + b"\0" + (package / rel).read_bytes())
        except OSError:  # (a packaging without sources: the model's own parts still count)
            h.update(rel.encode() + b"\0missing")
    return h.digest()


# -- judging a file ----------------------------------------------------------------------
def judge(
    rel: str,
    content: Content,
    lines: list[str] | None,
    record_file: SidecarData | None,
    history: list[tuple[int, int, str, str]],
    transcripts: TranscriptIndex | None,
    warn: float,
    report: float,
    min_lines: int = MIN_LINES,
) -> list[Finding]:
    """Findings for one file. `lines` is the text, needed only to place sidecar records
    and match transcripts (None when neither applies)."""
    findings, covered = (
        _record_findings(rel, lines, record_file, warn, report) if record_file and lines is not None else ([], [])
    )
    blocks_start = len(findings)
    # Most files have no finding: when only style speaks, a file whose blocks long enough
    # to be judged on style are all below the report line (the verdict rises with p) is
    # judged on its summary.
    quiet = not covered and not history and transcripts is None and min_lines >= MIN_LINES
    quiet = quiet and _style_only(None, warn, report).severity is None  # (blocks the model did not judge)
    if quiet and (content.top is None or _style_only(content.top, warn, report).severity is None):
        blocks: list[BlockStyle] = []
    else:
        blocks = content.blocks
    for b in blocks:
        if covered:
            inside = sum(min(b.end, e) - max(b.start, s) + 1 for s, e in covered if s <= b.end and e >= b.start)
            if inside >= (b.end - b.start + 1) / 2:
                continue  # tagged already (either way): the record speaks for it
        commit = [(s, e, t, c) for s, e, t, c in history if s <= b.end and e >= b.start] if history else []
        match = transcripts.match(lines[b.start : b.end + 1]) if transcripts is not None and lines is not None else None
        if not commit and match is None and _style_only(b.p, warn, report).severity is None:
            continue  # the usual block: its style alone, judged once per probability
        evidence = [ev.prior(ev.REPOSITORY)]
        tool: str | None = None
        if b.p is not None:
            evidence.append(ev.style(b.p, ""))  # its words are written only for a finding (most blocks are none)
        if commit:
            share = sum(min(b.end, e) - max(b.start, s) + 1 for s, e, _, _ in commit) / (b.end - b.start + 1)
            if share >= 0.5:
                tool = commit[0][2]
                evidence.append(ev.git_commit(commit[0][3], tool))
        if match is not None:
            tool = match.tool
            evidence.append(ev.transcript_match(match.tool, match.session, match.model, match.fraction, match.kind))
        verdict = ev.assess(evidence, warn, report, tool)
        if verdict.severity is None or (verdict.code == "ai-style" and b.lines < min_lines):
            continue  # a few lines of imports say too little on style alone
        if b.p is not None:
            top = ", ".join(f"{name} {w:+.2f}" for name, w in b.why)
            evidence[1] = replace(
                evidence[1], detail=f"content model: {b.p:.0%} AI-like" + (f" (moved by {top})" if top else "")
            )
        fp = hashlib.sha256(f"{rel}\0{b.name}\0{content.sha}\0{b.start}".encode()).hexdigest()[:32]
        findings.append(
            Finding(
                b.start,
                b.end,
                verdict.severity,
                verdict.code,
                verdict.score,
                tool=tool,
                evidence=[e.to_json() for e in evidence],
                model=match.model if match else None,
                session=match.session if match else None,
                path=rel,
                name=b.name,
                fingerprint=fp,
            )
        )
    # A whole file that reads AI-written is one finding, in place of its blocks' style
    # findings; not where a record or proof (a commit, a transcript) speaks for parts.
    whole = _whole_file(rel, content, warn, report) if not covered else None
    if whole is not None and all(f.code == "ai-style" for f in findings[blocks_start:]):
        findings[blocks_start:] = [whole]
    findings.sort(key=lambda f: (f.start, f.end))
    return findings


@lru_cache(maxsize=1 << 16)
def _style_only(p: float | None, warn: float, report: float) -> ev.Assessment:
    """The verdict on a block that has only the repository prior and its style: the same
    for every block of one probability (stored to 4 places), so a scan, cached or not,
    assesses each probability once instead of each of its tens of thousands of blocks."""
    evidence = [ev.prior(ev.REPOSITORY)] + ([] if p is None else [ev.style(p, "")])
    return ev.assess(evidence, warn, report, None)


def _whole_file(rel: str, content: Content, warn: float, report: float) -> Finding | None:
    """The whole file judged as one unit on its style: a finding only when it warns (its
    blocks say more where it does not)."""
    if content.p is None or not content.n_blocks:
        return None
    evidence = [ev.prior(ev.REPOSITORY, "file"), ev.style(content.p, "")]
    verdict = ev.assess(evidence, warn, report, None)
    if verdict.severity != "warning":
        return None
    top = ", ".join(f"{name} {w:+.2f}" for name, w in content.why)  # (read from the cache only here)
    detail = f"content model, whole file: {content.p:.0%} AI-like" + (f" (moved by {top})" if top else "")
    evidence[1] = replace(evidence[1], detail=detail)
    end = content.n_lines - 1
    fp = hashlib.sha256(f"{rel}\0(whole file)\0{content.sha}".encode()).hexdigest()[:32]
    return Finding(
        0,
        end,
        verdict.severity,
        verdict.code,
        verdict.score,
        evidence=[e.to_json() for e in evidence],
        path=rel,
        name="(whole file)",
        fingerprint=fp,
    )


def _record_findings(
    rel: str, lines: list[str], record_file: SidecarData, warn: float, report: float
) -> tuple[list[Finding], list[tuple[int, int]]]:
    """A sidecar's records placed in the text: tags where found, unreviewed flags as the
    flags they were, stale records where not; and the lines they cover."""
    findings: list[Finding] = []
    covered: list[tuple[int, int]] = []
    hashes, squeezed = hashes_of(lines), squeezed_of(lines)
    for rec in record_file.get("records", []):
        found = locate(rec, hashes, squeezed)
        origin = rec.get("origin") or {}
        tool = origin.get("tool")
        if found is None:
            line = max(0, min(rec["start_line"] - 1, max(len(lines) - 1, 0)))
            findings.append(
                Finding(
                    line,
                    line,
                    "information",
                    "stale-record",
                    0.0,
                    tool=tool,
                    record_id=rec["id"],
                    path=rel,
                    fingerprint=rec["id"],
                )
            )
            continue
        if status_of(rec) == "unreviewed":
            flag = _unreviewed(rel, rec, found.start, found.end, warn, report)
            findings += [flag] if flag is not None else []
            covered.append((found.start, found.end))
            continue
        code = "ai-tagged" if origin.get("kind") in ("ai", "mixed") else "human-tagged"
        score = 1.0 if code == "ai-tagged" else 0.0
        findings.append(
            Finding(
                found.start,
                found.end,
                "hint",
                code,
                score,
                tool=tool,
                record_id=rec["id"],
                path=rel,
                fingerprint=rec["id"],
            )
        )
        covered.append((found.start, found.end))
    return findings, covered


def _unreviewed(rel: str, rec: Record, start: int, end: int, warn: float, report: float) -> Finding | None:
    """An unreviewed record: the flag it was, as the editor shows it (None below the
    report threshold, as there)."""
    from provmark.core.at_rest import recorded_evidence

    evidence = recorded_evidence(rec)
    origin = rec["origin"]
    verdict = ev.assess(evidence, warn, report, origin.get("tool"))
    if verdict.severity is None:
        return None
    return Finding(
        start,
        end,
        verdict.severity,
        verdict.code,
        verdict.score,
        tool=origin.get("tool"),
        evidence=[e.to_json() for e in evidence],
        record_id=rec["id"],
        model=origin.get("model"),
        session=origin.get("session"),
        path=rel,
        fingerprint=rec["id"],
    )


# -- the whole scan ----------------------------------------------------------------------
Progress = Callable[[int, int, str], None]


def scan(
    root: Path,
    *,
    warn: float = 0.5,
    report: float = 0.2,
    ignore: tuple[str, ...] = (),
    jobs: int | None = None,
    cache_path: Path | None = None,
    use_cache: bool = True,
    git: bool = True,
    transcripts: TranscriptIndex | None = None,
    max_bytes: int = MAX_SCAN_BYTES,
    progress: Progress | None = None,
    paths: list[str] | None = None,
) -> Report:
    import time

    t0 = time.perf_counter()
    root = root.resolve()
    cache = Cache((cache_path or default_cache_path(root)) if use_cache else None, model_key())
    # Named paths (a commit's, a pull request's) are looked up, not found by walking.
    files = list(walk(root, ignore)) if paths is None else select(root, paths, ignore)
    skipped: dict[str, int] = {}
    problems: list[str] = []
    contents: dict[str, Content] = {}
    cached: set[str] = set()
    todo: list[tuple[str, str, int]] = []
    stats: dict[str, os.stat_result] = {}
    total_bytes = 0
    for rel, path in files:
        try:
            st = path.stat()
        except OSError:
            skipped["unreadable"] = skipped.get("unreadable", 0) + 1
            continue
        entry = cache.files.get(rel)
        if entry and entry[0] == st.st_size and entry[1] == st.st_mtime_ns and entry[2] in cache.results:
            contents[rel] = Content.cached(entry[2], *cache.results[entry[2]])
            cached.add(rel)
            total_bytes += st.st_size
        else:
            todo.append((str(path), rel, max_bytes))
            stats[rel] = st  # (taken before the read: a file changed meanwhile is read again next time)
    done = len(cached)
    if progress:
        progress(done, len(files), "")

    def take(rel: str, sha: str | None, head: list[Any] | None, body: str | None, reason: str | None) -> None:
        nonlocal done, total_bytes
        done += 1
        if reason is not None or sha is None or head is None or body is None:
            key = reason.split(":")[0] if reason else "unreadable"
            skipped[key] = skipped.get(key, 0) + 1
        else:
            contents[rel] = Content.cached(sha, head, body)
            cache.results[sha] = (head, body)
            cache.changed = True
            st = stats.get(rel)
            if st is not None:
                cache.files[rel] = [st.st_size, st.st_mtime_ns, sha]
                total_bytes += st.st_size
        if progress:
            progress(done, len(files), rel)

    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers > 1 and len(todo) > 8:
        # The largest files first and small chunks, so that no worker is left with a long
        # file while the others wait at the end.
        todo.sort(key=lambda job: stats[job[1]].st_size, reverse=True)
        chunk = max(1, min(16, len(todo) // (workers * 16)))
        from concurrent.futures import ProcessPoolExecutor

        context = _worker_context()
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker) as pool:
            for result in pool.map(_analyse_file, todo, chunksize=chunk):
                take(*result)
    else:
        for job in todo:
            take(*_analyse_file(job))

    # The repository may hold root higher up (a package of a monorepo) or be a worktree.
    history = GitHistory(root) if git and find_repository(root) is not None else None
    reports, judged_problems, unreadable = _judge_files(
        root, files, contents, cached, cache, history, transcripts, warn, report, max_bytes
    )
    problems += judged_problems
    if unreadable:
        skipped["unreadable"] = skipped.get("unreadable", 0) + unreadable
    live = {rel for rel, _ in files}
    # A scan of some files keeps the cache of the others (the next full scan reads it).
    cache.save(live if paths is None else live | set(cache.files))
    return Report(
        str(root), reports, skipped, problems, time.perf_counter() - t0, total_bytes, len(cached), warn, report
    )


def _worker_context() -> Any:
    """How the scan's workers start. Forked where that is safe, on Linux in a process of
    one thread (the command line's scan): the content model is loaded once, here, and
    every worker starts with it (spawning each worker imported the model's code and
    loaded its tables again, about a tenth of a scan of 30 MB on 2 cores). Spawned
    anywhere else: the language server has threads (watchdog, executors), and a child
    forked while another thread holds a lock can hang for ever; macOS's system
    libraries do not survive a fork."""
    import multiprocessing
    import sys
    import threading

    if sys.platform == "linux" and threading.active_count() == 1:
        from provmark.core.style import default_model

        default_model()
        gc.freeze()  # (see _start_worker; here, before the fork, every worker shares it untouched)
        for stream in (sys.stdout, sys.stderr):  # (a child flushes what it inherited on exit)
            if stream is not None:
                stream.flush()
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _start_worker() -> None:
    """A scan worker's start: the content model loaded, then everything alive so far
    (the model's tables, the modules) left out of the garbage collector's passes, which
    walked them again and again while the analysis made and dropped its lists (1.5% of
    its instructions)."""
    from provmark.core.style import default_model

    default_model()
    gc.freeze()


def _judge_files(
    root: Path,
    files: list[tuple[str, Path]],
    contents: dict[str, Content],
    cached: set[str],
    cache: Cache,
    history: GitHistory | None,
    transcripts: TranscriptIndex | None,
    warn: float,
    report: float,
    max_bytes: int,
) -> tuple[list[FileReport], list[str], int]:
    """Every analysed file judged on all the evidence: its report, problems met, and how
    many files turned out unreadable."""
    ai_paths = history.ai_paths() if history else set()
    written = transcript_paths(transcripts, root) if transcripts is not None else set()
    problems: list[str] = []
    unreadable = 0
    reports: list[FileReport] = []
    has_sidecars = (root / sidecars.SIDECAR_DIR).is_dir()  # (most trees have none: no lookup per file)
    for rel, path in files:
        content = contents.get(rel)
        if content is None:
            continue
        try:
            record_file = sidecars.load(root, rel) if has_sidecars else None
        except sidecars.SidecarError as e:
            record_file = None
            problems.append(f"{e}; the pipeline excludes the whole file")
        runs = history.ai_lines(rel) if history and rel in ai_paths else []
        need_text = bool(record_file) or rel in written
        lines = _read_lines(root / rel) if need_text else None
        args = (lines, record_file, runs, transcripts if rel in written else None, warn, report)
        try:
            found = judge(rel, content, *args)
        except BrokenCacheEntry:  # a damaged cache line: the file is analysed again
            cached.discard(rel)
            content = _reanalyse(cache, rel, path, max_bytes)
            found = judge(rel, content, *args) if content is not None else []
        if content is None:
            unreadable += 1
        else:
            n = content.n_lines
            reports.append(FileReport(rel, content.family, n, content.p, found, rel in cached, content.n_blocks))
    return reports, problems, unreadable


def _reanalyse(cache: Cache, rel: str, path: Path, max_bytes: int) -> Content | None:
    """A file analysed again in this process, its cache entry replaced (None: it cannot be read)."""
    try:
        st = path.stat()
    except OSError:
        return None
    _, sha, head, body, _ = _analyse_file((str(path), rel, max_bytes))
    if sha is None or head is None or body is None:
        return None
    cache.results[sha] = (head, body)
    cache.files[rel] = [st.st_size, st.st_mtime_ns, sha]
    cache.changed = True
    return Content.cached(sha, head, body)


# Findings that stand for code nobody has tagged: the content model's and git's, and the
# editor's unreviewed flags whatever their code (an agent's write or an outside paste
# is as untagged as an AI-looking one). Tags and stale records are not.
UNTAGGED = frozenset({"ai-style", "ai-commit", "ai-transcript", "ai-paste", "agent-write", "external-paste"})


def untagged_at(report: Report, threshold: float) -> list[Finding]:
    """Untagged likely AI-written blocks scoring at least `threshold`: what makes `scan`
    and the pre-commit hook fail."""
    return [f for f in report.findings() if f.code in UNTAGGED and f.score >= threshold]


def _read_lines(path: Path) -> list[str] | None:
    try:
        return path.read_bytes().decode("utf-8", errors="replace").splitlines()
    except OSError:
        return None


def transcript_paths(index: TranscriptIndex, root: Path) -> set[str]:
    """Workspace files (relative paths) that some transcript says a tool wrote."""
    index.refresh()
    out: set[str] = set()
    for p in index.paths():
        path = Path(p)
        if not path.is_absolute():
            out.add(path.as_posix())
            continue
        try:
            out.add(path.resolve().relative_to(root).as_posix())
        except (ValueError, OSError):
            continue
    return out
