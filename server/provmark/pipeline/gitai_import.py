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

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from provmark.core.lines import content_hash, line_hash
from provmark.core.relocate import locate
from provmark.sources import sidecar
from provmark.sources.gitinfo import git_command

NOTES_REF = "refs/notes/ai"
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
    session: str
    ranges: list[tuple[int, int]]


def _git(root: Path, *args: str) -> str | None:
    try:
        r = subprocess.run(git_command(root, *args), cwd=root, capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return r.stdout.decode("utf-8", errors="replace") if r.returncode == 0 else None


def parse_log(text: str) -> tuple[list[Attestation], dict[str, dict]]:
    """The attestation section and the prompts' agent ids of one authorship log."""
    head, sep, meta = text.partition("\n---\n")
    if not sep:
        raise ValueError("no '---' divider")
    data = json.loads(meta)
    if not str(data.get("schema_version", "")).startswith("authorship/3"):
        raise ValueError(f"unsupported schema_version {data.get('schema_version')!r}")
    agents = {k: (v.get("agent_id") or {}) for k, v in (data.get("prompts") or {}).items() if isinstance(v, dict)}
    out: list[Attestation] = []
    path: str | None = None
    for line in head.splitlines():
        if not line.strip():
            continue
        if not line.startswith(" "):
            path = line[1:-1] if line.startswith('"') and line.endswith('"') else line
            continue
        m = re.fullmatch(r"  ([0-9a-f]{7,16}) ([0-9,\-]+)", line)
        if m is None or path is None:
            raise ValueError(f"bad attestation line {line!r}")
        ranges = []
        for part in m.group(2).split(","):
            a, _, b = part.partition("-")
            ranges.append((int(a), int(b or a)))
        out.append(Attestation(path, m.group(1), ranges))
    return out, agents


def import_notes(root: Path, first_party: tuple[str, ...] = ()) -> dict[str, int]:
    """Add a record for each AI range of each authorship log whose lines are still in
    the file; returns counts (logs, records added, ranges skipped, bad logs)."""
    root = root.resolve()
    counts = {"logs": 0, "records": 0, "skipped": 0, "bad": 0}
    listing = _git(root, "notes", f"--ref={NOTES_REF}", "list")
    if not listing:
        return counts
    commits = [line.split()[1] for line in listing.splitlines() if len(line.split()) == 2]
    order = _git(root, "rev-list", "--reverse", "--all") or ""
    rank = {sha: i for i, sha in enumerate(order.split())}
    commits.sort(key=lambda c: rank.get(c, -1))  # oldest first
    current: dict[str, list[str]] = {}
    for commit in commits:
        note = _git(root, "notes", f"--ref={NOTES_REF}", "show", commit)
        try:
            attestations, agents = parse_log(note or "")
        except (ValueError, json.JSONDecodeError):
            counts["bad"] += 1
            continue
        counts["logs"] += 1
        for att in attestations:
            then = _git(root, "show", f"{commit}:{att.path}")
            target = root / att.path
            if then is None or not target.is_file():
                counts["skipped"] += len(att.ranges)
                continue
            now = current.setdefault(att.path, target.read_text(encoding="utf-8", errors="replace").splitlines())
            hashes = [line_hash(x) for x in now]
            agent = agents.get(att.session, {})
            tool = TOOLS.get(str(agent.get("tool", "")).lower(), agent.get("tool"))
            origin = {"kind": "ai", "tool": tool, "model": agent.get("model"), "session": agent.get("id")}
            training = "include" if tool in first_party else "exclude"
            lines_then = then.splitlines()
            existing = _existing_hashes(root, att.path)
            records = []
            for a, b in att.ranges:
                body = lines_then[a - 1 : b]
                if not body or content_hash(body) in existing:
                    counts["skipped"] += 1
                    continue
                rec = sidecar.make_record(
                    body, a, origin, training, [{"signal": "git-ai-note", "weight": 4.0}], tagged_by="auto"
                )
                if locate(rec, hashes) is None:
                    counts["skipped"] += 1
                    continue
                records.append(rec)
                existing.add(rec["content_hash"])
            if records:
                sidecar.update(root, att.path, add=records)
                counts["records"] += len(records)
    return counts


def _existing_hashes(root: Path, rel: str) -> set[str]:
    try:
        data = sidecar.load(root, rel)
    except sidecar.SidecarError:
        return set()
    return {r["content_hash"] for r in data["records"]} if data else set()
