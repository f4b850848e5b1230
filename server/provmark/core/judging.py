"""Judging a settled burst of changes in an open document, in two steps around the
facts gathered off the loop (facts.py):

`inquire` explains what memory can (typing, a formatter, undo and moves, copies of
open documents, copies of AI text that keep their provenance) and asks a Question
for the rest, holding the lines as PENDING regions; `conclude` turns the Facts into
evidence and the evidence into flags. Pure."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from provmark.core import evidence as ev
from provmark.core.bursts import DocState, Judgement, Pending, is_bulk
from provmark.core.copies import verify_copy
from provmark.core.facts import Facts, Question
from provmark.core.lines import is_solid, normalize
from provmark.core.memory import Memory, Provenance
from provmark.core.regions import FLAG, PENDING, Region, new_id
from provmark.core.style import family_for, guess_family
from provmark.core.textdoc import TextDocument
from provmark.settings import Settings

_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass
class Inquiry:
    """A burst waiting for its facts. Its lines are held in the document as PENDING
    regions, which edits move like any other region."""

    uri: str
    insertion: str
    question: Question
    ai_fraction: float = 0.0
    provenance: Provenance | None = None
    hint: str | None = None


def inquire(
    state: DocState, uri: str, parts: list[Pending], memory: Memory, docs: Iterable[DocState]
) -> Judgement | Inquiry:
    """A verdict from what memory explains, or the question to gather facts for."""
    s = memory.settings
    if max(p.longest for p in parts) <= 2:
        return Judgement("typing")
    new_norms = new_lines(parts)
    if len(new_norms) < s.min_lines and sum(len(n) for n in new_norms) < s.min_chars:
        return Judgement("small")
    if _reformatted(parts):
        return Judgement("format")
    # The region: lines of the parts holding new text.
    new_set = set(new_norms)
    doc = state.doc
    last = doc.line_count - 1
    spans = {i for p in parts for a, b in p.spans for i in range(a, min(b, last) + 1)}
    lines_new = sorted(i for i in spans if normalize(doc.line(i)) in new_set)
    if not lines_new:
        return Judgement("vanished")
    runs = runs_of(doc, lines_new, s)
    start, end = runs[0][0], runs[-1][1]
    region_lines = [x for a, b in runs for x in doc.lines(a, b + 1)]
    solid = [n for n in new_norms if is_solid(n)] or new_norms
    # Copies and moves of AI text carry its provenance along.
    ai_frac, prov = memory.ai.lookup(solid)
    insertion = new_id("i")
    # Undo, redo and moves: the text was deleted earlier in this session; copies of
    # text in open documents.
    restored = sum(1 for n in solid if n in memory.deleted) / len(solid)
    explained = "restored" if restored >= 0.8 else open_copy(docs, state, start, end, region_lines)
    if explained is not None:
        return explained_by(explained, runs, insertion, prov, ai_frac, s.warn_threshold)
    question = Question(
        state.rel,
        region_lines,
        solid,
        guess_family("\n".join(region_lines)) or family_for(state.rel or doc.uri, doc.language_id),
        probe_text=doc.text if state.rel is not None else None,
        content_model=s.content_model,
        transcripts=s.transcripts,
    )
    hint = next((src for a, b, src in state.early_hints if a <= end and b >= start), None)
    state.early_hints = []
    state.regions.extend(Region(a, b, PENDING, insertion, hint=hint) for a, b in runs)
    return Inquiry(uri, insertion, question, ai_frac, prov, hint)


def conclude(state: DocState, q: Inquiry, facts: Facts, memory: Memory) -> Judgement:
    """The inquiry's held lines, wherever edits moved them, judged with the facts."""
    held = [r for r in state.regions if r.kind == PENDING and r.insertion == q.insertion]
    state.regions = [r for r in state.regions if not (r.kind == PENDING and r.insertion == q.insertion)]
    runs = [(r.start, r.end) for r in held]
    hint = next((r.hint for r in held if r.hint), None) or q.hint
    explained = "copy" if facts.copy else "reload-git" if facts.writer == "git" else None
    if explained is not None:
        warn = memory.settings.warn_threshold
        return explained_by(explained, runs, q.insertion, q.provenance, q.ai_fraction, warn)
    if not runs:
        return Judgement("vanished")
    return _flag(state, q, facts, runs, hint, memory)


def _flag(
    state: DocState, q: Inquiry, facts: Facts, runs: list[tuple[int, int]], hint: str | None, memory: Memory
) -> Judgement:
    evidence = [ev.prior(ev.INSERT)]
    if facts.writer == "disk":
        evidence.append(ev.written_on_disk())
    hint_ev = ev.paste_hint(hint)
    if hint_ev:
        evidence.append(hint_ev)
    region_lines = [x for a, b in runs for x in state.doc.lines(a, b + 1)]
    evidence.append(ev.size(len([x for x in region_lines if x.strip()])))
    evidence += facts.evidence()
    if 0.3 <= facts.copy_fraction < 0.8:
        evidence.append(ev.partly_in_workspace(facts.copy_fraction))
    inherits = q.provenance is not None and q.ai_fraction >= 0.5
    if inherits:
        evidence.append(ev.copy_of_ai("most lines match text flagged or tagged as AI"))
    regions = [Region(a, b, FLAG, q.insertion, evidence=list(evidence), hint=hint) for a, b in runs]
    for region in regions:
        if inherits and q.provenance is not None:
            region.tool = q.provenance.tool
        region.attribute(facts.match)
        region.rescore()
    if regions[0].score >= memory.settings.warn_threshold:
        memory.ai.add(region_lines, Provenance(regions[0].score, regions[0].tool, False, q.insertion))
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


def runs_of(doc: TextDocument, lines: list[int], settings: Settings) -> list[tuple[int, int]]:
    """Runs of new lines (blank lines between them bridged). A burst that holds one
    bulk run and a few small ones (a snippet typed or pasted right after a paste)
    keeps only the bulk; one made only of small runs (a multi-cursor paste) keeps all."""
    runs: list[tuple[int, int]] = []
    for i in lines:
        if runs and all(not doc.line(k).strip() for k in range(runs[-1][1] + 1, i)):
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    big = [r for r in runs if is_bulk(doc.lines(r[0], r[1] + 1), settings)]
    return big or runs


def open_copy(docs: Iterable[DocState], state: DocState, start: int, end: int, region_lines: list[str]) -> str | None:
    """'copy' when the text exists in an open document (elsewhere in this one too)."""
    # A cheap first pass on stripped lines (re-indentation does not matter), then
    # rapidfuzz on a window around the matches.
    want = {x.strip() for x in region_lines if is_solid(normalize(x))}
    n = len(region_lines)
    for other in docs:
        if other.skipped:
            continue
        raw = other.doc.raw_lines()
        hits = [i for i, x in enumerate(raw) if x.strip() in want and (other is not state or not start <= i <= end)]
        if not hits or len(hits) < 0.8 * len(want):
            continue  # (no solid line at all: nothing to recognise a copy by)
        mid = hits[len(hits) // 2]
        lo, hi = max(0, mid - 2 * n), mid + 2 * n
        window = [
            other.doc.line(i) for i in range(lo, min(hi, len(raw))) if other is not state or not start <= i <= end
        ]
        if verify_copy(region_lines, window):
            return "copy"
    return None


def explained_by(
    why: str,
    runs: list[tuple[int, int]],
    insertion: str,
    prov: Provenance | None,
    ai_frac: float,
    warn: float,
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
            score=max(prov.score, warn),
            tool=prov.tool,
            code="ai-paste",
            evidence=[ev.copy_of_ai(f"{why} of text flagged or tagged as AI")],
        )
        for a, b in runs
    ]
    return Judgement("inherited", regions)
