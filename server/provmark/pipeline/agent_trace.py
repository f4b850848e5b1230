"""Agent Trace 0.1.0 export: the recorded regions of a tree as one trace record.

Built on the manifest (`exclusion.manifest` under the pipeline's policy): ranges are the
records' lines as the files are now (relocated, as the manifest finds them), grouped by
conversation (contributor, tool, model, session); the revision is git's HEAD. A record
nobody reviewed is contributor `unknown`, with its tool in `related`, never `human`.
Lines the manifest leaves out for a reason no record carries get a conversation of that
reason's contributor. `metadata["dev.provmark"]["excluded"]` holds the manifest's lines
themselves, so the trace and the pipeline agree on what is left out. Records that cannot
be found again are listed in metadata.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import uuid
from dataclasses import asdict
from pathlib import Path
from typing import Any

from provmark import __version__
from provmark.core.records import Origin, Record, status_of
from provmark.core.regions import merge_runs
from provmark.pipeline.exclusion import DEFAULT, FileResult, manifest, read_sidecar
from provmark.pipeline.policy import Policy
from provmark.sources.gitinfo import git_command
from provmark.sources.sidecar import SidecarError

VERSION = "0.1.0"
# How each reason the manifest gives for leaving lines out shows as an Agent Trace
# contributor: the one place to extend when the pipeline learns a new reason. A record's
# reason is its status: "tagged" takes the record's own origin kind (None here),
# "unreviewed" is "unknown" (Provmark flagged the lines and nobody decided: never a
# person's). The other reasons leave out lines no record covers and become conversations
# of their own. A reason missing here is exported as "unknown", never as "human".
CONTRIBUTOR_OF_REASON: dict[str, str | None] = {
    "tagged": None,
    "unreviewed": "unknown",
    "commit": "ai",  # lines of a commit that declares an AI tool
    "style": "unknown",  # untagged code the content model rates AI-like
}
# models.dev provider prefixes for model names as the tools log them
_PROVIDERS = (
    ("claude", "anthropic"),
    ("gpt", "openai"),
    ("o1", "openai"),
    ("o3", "openai"),
    ("o4", "openai"),
    ("codex", "openai"),
    ("gemini", "google"),
)


def model_id(model: str | None) -> str | None:
    if not model:
        return None
    if "/" in model:
        return model[:250]
    provider = next((p for prefix, p in _PROVIDERS if model.lower().startswith(prefix)), None)
    return (f"{provider}/{model}" if provider else model)[:250]


def _git_head(root: Path) -> tuple[str | None, bool]:
    try:
        head = subprocess.run(
            git_command(root, "rev-parse", "HEAD"), cwd=root, capture_output=True, text=True, timeout=10
        )
        dirty = subprocess.run(
            git_command(root, "status", "--porcelain"), cwd=root, capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return None, False
    if head.returncode != 0:
        return None, False
    return head.stdout.strip(), bool(dirty.stdout.strip())


def contributor_type(reason: str, kind: str | None = None) -> str:
    """The Agent Trace contributor for lines left out for `reason` (a record's reason is
    its status), `kind` being the record's origin kind when there is a record."""
    mapped = CONTRIBUTOR_OF_REASON.get(reason, "unknown")
    return mapped or kind or "unknown"


def export(root: Path, policy: Policy = DEFAULT) -> dict[str, Any]:
    """One Agent Trace record for `root`: every record found again, by conversation, and
    (in metadata) the manifest under `policy`, line for line what `provmark manifest`
    prints, so that what the trace says is excluded agrees with the pipeline."""
    root = Path(root)
    files: list[dict[str, Any]] = []
    lost: list[dict[str, str]] = []
    excluded: list[dict[str, Any]] = []
    for result in manifest(root, policy):
        excluded.append(result.to_json())
        if result.status in ("invalid", "unreadable"):
            lost.append({"path": result.path, "reason": "; ".join(result.problems)[:300]})
            continue
        try:
            records = read_sidecar(root, result.path)["records"]
        except FileNotFoundError:  # lines left out for another reason than a record
            records = []
        except SidecarError as e:
            lost.append({"path": result.path, "reason": str(e)[:300]})
            continue
        conversations = _conversations(result, records, lost)
        if conversations:
            files.append({"path": result.path, "conversations": conversations})
    revision, dirty = _git_head(root)
    meta = {"worktree_differs_from_revision": dirty, "not_found": lost, "excluded": excluded,
            "policy": asdict(policy)}  # fmt: skip
    record: dict[str, Any] = {
        "version": VERSION,
        "id": str(uuid.uuid4()),
        "timestamp": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "tool": {"name": "provmark", "version": __version__},
        "files": files,
        "metadata": {"dev.provmark": meta},
    }
    if revision:
        record["vcs"] = {"type": "git", "revision": revision}
    return record


def _conversations(result: FileResult, records: list[Record], lost: list[dict[str, str]]) -> list[dict[str, Any]]:
    """One file's conversations: its records where they are now (as the manifest found
    them), grouped by contributor and tool, model and session; then the lines the
    manifest leaves out that no record covers, one conversation per reason."""
    where = {r["id"]: r["lines"] for r in result.records}
    conversations: dict[tuple, dict[str, Any]] = {}
    covered: set[int] = set()
    for rec in records:
        lines = where.get(rec["id"])
        if lines is None:
            lost.append({"path": result.path, "record": rec["id"]})
            continue
        covered.update(range(lines[0], lines[1] + 1))
        o = rec["origin"]
        reason = status_of(rec)
        kind = contributor_type(reason, o["kind"])
        key = (kind, reason, o.get("tool"), o.get("model"), o.get("session"))
        conv = conversations.get(key)
        if conv is None:
            conv = conversations[key] = _conversation(kind, reason, o)
        conv["ranges"].append({"start_line": lines[0], "end_line": lines[1], "content_hash": rec["content_hash"]})
    out = list(conversations.values())
    for why, runs in sorted(result.reasons.items()):
        rest = merge_runs([(n, n) for a, b in runs for n in range(a, b + 1) if n not in covered])
        if rest:
            out.append(
                {
                    "contributor": {"type": contributor_type(why)},
                    "ranges": [{"start_line": a, "end_line": b} for a, b in rest],
                    "related": [{"type": "provmark-reason", "url": f"urn:provmark:reason:{why}"}],
                }
            )
    return out


def _conversation(kind: str, reason: str, o: Origin) -> dict[str, Any]:
    contributor: dict[str, Any] = {"type": kind}
    if model_id(o.get("model")):
        contributor["model_id"] = model_id(o.get("model"))
    conv: dict[str, Any] = {"contributor": contributor, "ranges": []}
    # The tool that wrote it: Agent Trace's contributor names only a model, so the tool
    # (and its session) ride in `related`, as URNs; so does a record nobody reviewed.
    related = [{"type": "tool", "url": f"urn:provmark:tool:{o['tool']}"}] if o.get("tool") else []
    if o.get("session"):
        related.append({"type": "session", "url": f"urn:{o.get('tool') or 'tool'}:session:{o['session']}"})
    if reason != "tagged":
        related.append({"type": "provmark-reason", "url": f"urn:provmark:reason:{reason}"})
    if related:
        conv["related"] = related
    return conv
