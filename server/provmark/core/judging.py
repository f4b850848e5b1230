"""Judging a settled burst of changes in an open document, in three steps:

1. `inquire` (on the event loop, cheap): typing is told at once; any other burst is
   snapshotted (the changes' texts, the document's line list and the other open
   documents' line lists: shallow copies, as strings never change) and its lines are
   held as a PENDING region that edits move like any other region.
2. `analyse` then `facts.gather` (anywhere: the language server runs them on its I/O
   thread, so a 5 MB paste never holds up a request): what memory explains (a small
   change, a formatter, undo and moves, copies of open documents), the region, and the
   facts from the world outside.
3. `conclude` (on the loop): the held lines, wherever edits moved them, become flags
   with their evidence, or nothing.

Pure: reads only what it is given (and the tracker's memory, whose lookups are safe
from another thread)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from provmark.core import evidence as ev
from provmark.core.bursts import DocState, Judgement, Pending, is_bulk
from provmark.core.copies import verify_copy
from provmark.core.facts import Facts, Question
from provmark.core.families import family_for
from provmark.core.lines import is_solid, normalize
from provmark.core.memory import Memory, Provenance
from provmark.core.regions import FLAG, PENDING, Region, new_id
from provmark.core.style import guess_family
from provmark.core.textdoc import body_of
from provmark.settings import Settings

_TOKEN = re.compile(r"\w+|[^\w\s]")
Runs = list[tuple[int, int]]


@dataclass
class Burst:
    """One settled burst as the loop saw it: enough to judge it on any thread."""

    rel: str | None
    language_id: str
    uri: str
    parts: list[Pending]  # taken off the document: nothing changes them any more
    lines: list[str]  # the document's lines, endings included (a shallow copy)
    others: list[list[str]]  # the other open documents' lines (shallow copies)


@dataclass
class Inquiry:
    """A burst waiting for its judgement; its lines are held as PENDING regions."""

    uri: str
    insertion: str
    burst: Burst
    hull: tuple[int, int]  # the lines the burst touched, when it settled
    hint: str | None = None
    continues: bool = False  # whole-text changes going on where the previous burst ended


@dataclass
class Analysis:
    """What the burst is, from the text and memory alone (coordinates of the snapshot)."""

    verdict: str | None  # "small", "format", "vanished", "restored", "copy"; None: ask the world
    new_norms: list[str] = field(default_factory=list)
    runs: Runs = field(default_factory=list)
    # Small runs left beside a bulk one: a person's snippet, unless the whole burst is
    # another process's write reloaded (then the same agent made them).
    small_runs: Runs = field(default_factory=list)
    region_norms: list[str] = field(default_factory=list)  # the region's lines, normalised
    size: int = 0  # its non-blank lines
    lines: int = 0  # all its lines, blank ones between them too
    ai_fraction: float = 0.0
    provenance: Provenance | None = None
    question: Question | None = None


def inquire(state: DocState, uri: str, parts: list[Pending], others: list[DocState]) -> Judgement | Inquiry:
    """Typing is told at once; any other burst is held and snapshotted for `analyse`."""
    spans = sorted(s for p in parts for s in p.spans)
    hull = (spans[0][0], max(b for _, b in spans))
    previous, state.last_end = state.last_end, hull[1]
    if max(p.longest for p in parts) <= 2:
        return Judgement("typing")
    continues = (
        state.whole_text and not state.early_hints and previous is not None and previous <= hull[0] <= previous + 1
    )
    insertion = new_id("i")
    hint = next((src for a, b, src in state.early_hints if a <= hull[1] and b >= hull[0]), None)
    state.early_hints = []
    state.regions.append(Region(hull[0], hull[1], PENDING, insertion, hint=hint))
    lines = list(state.doc.raw_lines())
    snapshot = [list(o.doc.raw_lines()) for o in others if o is not state and not o.skipped]
    burst = Burst(state.rel, state.doc.language_id, uri, parts, lines, snapshot)
    return Inquiry(uri, insertion, burst, hull, hint, continues and hint is None)


def analyse(b: Burst, memory: Memory) -> Analysis:
    """What memory and the text explain; otherwise the region and the question to ask."""
    s = memory.settings
    parts = b.parts
    new_norms = new_lines(parts)
    if len(new_norms) < s.min_lines and sum(len(n) for n in new_norms) < s.min_chars:
        return Analysis("small")
    if _reformatted(parts):
        return Analysis("format")
    # The region: lines of the parts holding new text.
    new_set = set(new_norms)
    last = len(b.lines) - 1
    spans = {i for p in parts for a, z in p.spans for i in range(a, min(z, last) + 1)}
    lines_new = sorted(i for i in spans if normalize(b.lines[i]) in new_set)
    if not lines_new:
        return Analysis("vanished")
    every = runs_of(b.lines, lines_new, s, keep_small=True)
    runs = bulk_of(b.lines, every, s)
    region_lines = [body_of(x) for a, z in runs for x in b.lines[a : z + 1]]
    region_norms = [normalize(x) for x in region_lines]
    solid = [n for n in new_norms if is_solid(n)] or new_norms
    # Copies and moves of AI text carry its provenance along.
    ai_frac, prov = memory.ai.lookup(solid)
    size = sum(1 for x in region_lines if x.strip())
    small = [r for r in every if r not in runs]
    out = Analysis(None, new_norms, runs, small, region_norms, size, len(region_lines), ai_frac, prov)
    # Undo, redo and moves: the text was deleted earlier in this session; copies of
    # text in open documents.
    if sum(1 for n in solid if n in memory.deleted) / len(solid) >= 0.8:
        out.verdict = "restored"
    elif _open_copy(b, runs, region_lines, region_norms):
        out.verdict = "copy"
    else:
        # The language is told by the first lines (guess_family reads 400 at most).
        out.question = Question(
            b.rel,
            region_lines,
            solid,
            guess_family("\n".join(region_lines[:400])) or family_for(b.rel or b.uri, b.language_id),
            probe_text="".join(b.lines) if b.rel is not None else None,
            content_model=s.content_model,
            transcripts=s.transcripts,
        )
    return out


def conclude(state: DocState, q: Inquiry, a: Analysis, facts: Facts | None, memory: Memory) -> Judgement:
    """The held lines, wherever edits moved them meanwhile, judged."""
    held = [r for r in state.regions if r.kind == PENDING and r.insertion == q.insertion]
    state.regions = [r for r in state.regions if not (r.kind == PENDING and r.insertion == q.insertion)]
    hint = next((r.hint for r in held if r.hint), None) or q.hint
    if a.verdict in ("small", "format", "vanished"):
        return Judgement(a.verdict or "")
    # A paste hint says the editor made the change: the disk holding the text already is
    # the editor's own (auto-)save, not another process's write.
    agent = a.verdict is None and facts is not None and facts.writer == "disk" and not facts.copy and hint is None
    runs = _placed(state, q, a, held, memory.settings, keep_small=agent)
    if not runs:
        return Judgement("vanished")
    warn = memory.settings.warn_threshold
    if a.verdict is not None or facts is None:  # restored, or a copy of an open document
        return explained_by(a.verdict or "copy", runs, q.insertion, a.provenance, a.ai_fraction, warn)
    if facts.copy or facts.writer == "git":
        why = "copy" if facts.copy else "reload-git"
        return explained_by(why, runs, q.insertion, a.provenance, a.ai_fraction, warn)
    return _flag(q, a, facts, runs, hint, memory)


def _placed(
    state: DocState, q: Inquiry, a: Analysis, held: list[Region], settings: Settings, keep_small: bool = False
) -> Runs:
    """The analysis's runs (with the small ones, for another process's write) where the
    held lines are now: shifted as a whole when edits only moved them, found again line
    by line when edits went inside them."""
    if len(held) == 1 and held[0].end - held[0].start == q.hull[1] - q.hull[0]:
        shift = held[0].start - q.hull[0]
        return [(x + shift, y + shift) for x, y in sorted(a.runs + (a.small_runs if keep_small else []))]
    new_set = set(a.new_norms)
    lines = state.doc.raw_lines()
    found = sorted(i for r in held for i in range(r.start, r.end + 1) if normalize(lines[i]) in new_set)
    return runs_of(lines, found, settings, keep_small) if found else []


def _flag(q: Inquiry, a: Analysis, facts: Facts, runs: Runs, hint: str | None, memory: Memory) -> Judgement:
    evidence = [ev.prior(ev.INSERT)]
    if facts.writer == "disk" and hint is None:
        evidence.append(ev.written_on_disk())
    hint_ev = ev.paste_hint(hint)
    if hint_ev:
        evidence.append(hint_ev)
    elif q.continues:
        evidence.append(ev.continues_typing())
    evidence.append(ev.size(a.size, a.lines))
    evidence += facts.evidence()
    if 0.3 <= facts.copy_fraction < 0.8:
        evidence.append(ev.partly_in_workspace(facts.copy_fraction))
    inherits = a.provenance is not None and a.ai_fraction >= 0.5
    if inherits:
        evidence.append(ev.copy_of_ai("most lines match text flagged or tagged as AI"))
    regions = [Region(x, y, FLAG, q.insertion, evidence=list(evidence), hint=hint) for x, y in runs]
    for region in regions:
        if inherits and a.provenance is not None:
            region.tool = a.provenance.tool
        region.attribute(facts.match)
        region.rescore()
    # Remembered from the score it is recorded at, so that a move or copy keeps the flag
    # (and its unreviewed record goes with it).
    if regions[0].score >= memory.settings.record_at:
        memory.ai.add_norms(a.region_norms, Provenance(regions[0].score, regions[0].tool, False, q.insertion))
    return Judgement("flagged", regions)


def new_lines(parts: list[Pending]) -> list[str]:
    """Inserted lines that were not there before the burst, normalised. Each edit's text
    on its own: joined, a typed character and the first line of a paste in the same
    burst would read as one line that exists nowhere."""
    gone = Counter(normalize(x) for p in parts for d in p.deleted for x in d.splitlines())
    out: list[str] = []
    for line in (x for p in parts for t in p.texts for x in t.splitlines()):
        n = normalize(line)
        if not n:
            continue
        if gone[n] > 0:
            gone[n] -= 1
        else:
            out.append(n)
    return out


def _tokens(text: str) -> Counter[str]:
    # Quote style is a formatter's choice, not content.
    return Counter(_TOKEN.findall(text.replace("'", '"')))


def _reformatted(parts: list[Pending]) -> bool:
    """A formatter's work: what was inserted is, token for token, what was deleted."""
    deleted = "".join("".join(p.deleted) for p in parts)
    if not deleted:
        return False
    ins_tokens = _tokens("".join(p.text for p in parts))
    novel = sum((ins_tokens - _tokens(deleted)).values())
    return novel <= max(3, 0.05 * sum(ins_tokens.values()))


def runs_of(lines: list[str], new: list[int], settings: Settings, keep_small: bool = False) -> Runs:
    """Runs of new lines (blank lines between them bridged). A burst that holds one
    bulk run and a few small ones (a snippet typed or pasted right after a paste)
    keeps only the bulk, unless `keep_small`; one made only of small runs (a
    multi-cursor paste) keeps all."""
    runs: Runs = []
    for i in new:
        if runs and all(not lines[k].strip() for k in range(runs[-1][1] + 1, i)):
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs if keep_small else bulk_of(lines, runs, settings)


def bulk_of(lines: list[str], runs: Runs, settings: Settings) -> Runs:
    """The bulk runs among `runs`, or all of them when none is bulk."""
    big = [r for r in runs if is_bulk(lines[r[0] : r[1] + 1], settings)]
    return big or runs


def _open_copy(b: Burst, runs: Runs, region_lines: list[str], region_norms: list[str]) -> bool:
    """The text exists in an open document (elsewhere in this one too)."""
    # A cheap first pass on stripped lines (re-indentation does not matter), then
    # rapidfuzz on a window around the matches.
    want = {x.strip() for x, n in zip(region_lines, region_norms, strict=True) if is_solid(n)}
    start, end = runs[0][0], runs[-1][1]
    own = [*b.lines[:start], *[""] * (end - start + 1), *b.lines[end + 1 :]]  # this document, less the region
    n = len(region_lines)
    for raw in [own, *b.others]:
        hits = [i for i, x in enumerate(raw) if x.strip() in want]
        if not hits or len(hits) < 0.8 * len(want):
            continue  # (no solid line at all: nothing to recognise a copy by)
        mid = hits[len(hits) // 2]
        window = [body_of(x) for x in raw[max(0, mid - 2 * n) : mid + 2 * n]]
        if verify_copy(region_lines, window):
            return True
    return False


def explained_by(
    why: str, runs: Runs, insertion: str, prov: Provenance | None, ai_frac: float, warn: float
) -> Judgement:
    """A burst a person's action explains; a copy or move of AI text keeps its flag."""
    if prov is None or ai_frac < 0.5 or not runs:
        return Judgement(why)
    regions = [
        Region(
            a,
            b,
            FLAG,
            prov.insertion,
            # A copy keeps the flag it was (an Information paste moved stays one); text
            # someone tagged as AI warns wherever it goes.
            score=max(prov.score, warn) if prov.tagged else prov.score,
            tool=prov.tool,
            code="ai-paste",
            evidence=[ev.copy_of_ai(f"{why} of text flagged or tagged as AI")],
        )
        for a, b in runs
    ]
    return Judgement("inherited", regions)
