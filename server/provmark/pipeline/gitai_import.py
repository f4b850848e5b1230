"""Import git-ai's authorship logs (Git AI Standard v3, notes under refs/notes/ai)
into sidecars, so that teams already using git-ai get the same exclusion.

Each log names, per file, the lines that AI sessions wrote in that commit, and in its
JSON metadata the agent (tool, session id, model) of each session. The lines are read
from the file as it was in that commit (`git show`) and recorded by their hashes; the
readers then find them in the file as it is now. Lines no longer in the file are not
imported (they would only make the file stale). Prompts and messages in the logs are
never read past the agent's names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from provmark.core.lines import content_hash, line_hash
from provmark.core.relocate import locate
from provmark.pipeline import gitai_notes
from provmark.sources import sidecar

NOTES_REF = gitai_notes.NOTES_REF
ATTR_KIND, ATTR_SCORE, ATTR_STATUS = gitai_notes.ATTR_KIND, gitai_notes.ATTR_SCORE, gitai_notes.ATTR_STATUS
TOOLS = {
    "claude": "claude-code",
    "claude-code": "claude-code",
    "codex": "codex",
    "cursor": "cursor",
    "copilot": "copilot",
    "github-copilot": "copilot",
    "gemini": "gemini-cli",
    "gemini-cli": "gemini-cli",
    "aider": "aider",
}


@dataclass
class Attestation:
    path: str
    session: str  # the attestation key
    ranges: list[tuple[int, int]]
    attributes: dict[str, str] = field(default_factory=dict)  # the session's custom attributes


def parse_log(text: str) -> tuple[list[Attestation], dict[str, dict]]:
    """The AI attestations of one authorship log, and each key's agent (`tool`, `id`,
    `model`). A person's lines (`h_` keys) are not AI and are left out. NoteError (a
    ValueError) says why a log cannot be read."""
    note = gitai_notes.parse(text)
    out: list[Attestation] = []
    agents: dict[str, dict] = {}
    for block in note.files:
        for entry in block.entries:
            if entry.key.startswith("h_"):
                continue
            rec = note.agent(entry.key) or {}
            agent = rec.get("agent_id")
            agents[entry.key] = agent if isinstance(agent, dict) else {}
            attrs = rec.get("custom_attributes")
            out.append(Attestation(block.path, entry.key, entry.ranges, attrs if isinstance(attrs, dict) else {}))
    return out, agents


def _named(value: Any) -> str | None:
    """A name from a log, None for git-ai's "unknown" (or nothing)."""
    return None if value in (None, "", gitai_notes.UNKNOWN) else str(value)


def _origin(agent: dict, attrs: dict[str, str]) -> tuple[dict[str, Any], bool, float | None]:
    """(origin, unreviewed?, score) of an attestation. Provmark's own exports mark, in
    the session's custom attributes, lines nobody has reviewed and origins other than AI."""
    raw_tool = _named(agent.get("tool"))
    tool = TOOLS.get(raw_tool.lower(), raw_tool) if raw_tool else None
    kind = attrs.get(ATTR_KIND, "ai")
    origin = {
        "kind": kind if kind in ("ai", "mixed", "unknown") else "ai",
        "tool": tool,
        "model": _named(agent.get("model")),
        "session": _named(agent.get("id")),
    }
    try:
        score = float(attrs[ATTR_SCORE]) if ATTR_SCORE in attrs else None
    except ValueError:
        score = None
    return origin, attrs.get(ATTR_STATUS) == "unreviewed", score if score is None or 0 <= score <= 1 else None


def import_notes(root: Path, first_party: tuple[str, ...] = ()) -> dict[str, int]:
    """Add a record for each AI range of each authorship log whose lines are still in
    the file; returns counts (logs, records added, ranges skipped, bad logs)."""
    root = root.resolve()
    counts = {"logs": 0, "records": 0, "skipped": 0, "bad": 0}
    listing = gitai_notes.git_out(root, "notes", f"--ref={NOTES_REF}", "list")
    if not listing:
        return counts
    commits = [line.split()[1] for line in listing.splitlines() if len(line.split()) == 2]
    order = gitai_notes.git_out(root, "rev-list", "--reverse", "--all") or ""
    rank = {sha: i for i, sha in enumerate(order.split())}
    commits.sort(key=lambda c: rank.get(c, -1))  # oldest first
    current: dict[str, list[str]] = {}
    for commit in commits:
        note = gitai_notes.git_out(root, "notes", f"--ref={NOTES_REF}", "show", commit)
        try:
            attestations, agents = parse_log(note or "")
        except ValueError:
            counts["bad"] += 1
            continue
        counts["logs"] += 1
        for att in attestations:
            then = gitai_notes.git_out(root, "show", f"{commit}:{att.path}")
            target = root / att.path
            if then is None or not target.is_file():
                counts["skipped"] += len(att.ranges)
                continue
            now = current.setdefault(att.path, target.read_text(encoding="utf-8", errors="replace").splitlines())
            hashes = [line_hash(x) for x in now]
            origin, unreviewed, score = _origin(agents.get(att.session, {}), att.attributes)
            training = "include" if origin["tool"] in first_party and not unreviewed else "exclude"
            lines_then = _git_lines(then)
            existing = _existing_hashes(root, att.path)
            records = []
            for a, b in att.ranges:
                body = lines_then[a - 1 : b]
                if not body or content_hash(body) in existing:
                    counts["skipped"] += 1
                    continue
                evidence = [{"signal": "git-ai-note", "weight": 4.0}]
                if unreviewed:
                    rec = sidecar.make_record(body, a, origin, training, evidence, "provmark", "unreviewed", score)
                else:
                    rec = sidecar.make_record(body, a, origin, training, evidence, tagged_by="auto")
                if locate(rec, hashes) is None:
                    counts["skipped"] += 1
                    continue
                records.append(rec)
                existing.add(rec["content_hash"])
            if records:
                sidecar.update(root, att.path, add=records)
                counts["records"] += len(records)
    return counts


def _git_lines(text: str) -> list[str]:
    """Lines as git numbers them (only a line feed ends one), as the logs count them."""
    lines = [x[:-1] if x.endswith("\r") else x for x in text.split("\n")]
    return lines[:-1] if lines and lines[-1] == "" else lines


def _existing_hashes(root: Path, rel: str) -> set[str]:
    try:
        data = sidecar.load(root, rel)
    except sidecar.SidecarError:
        return set()
    return {r["content_hash"] for r in data["records"]} if data else set()
