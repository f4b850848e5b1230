"""Agent Trace 0.1.0 export: the tagged regions of a tree as one trace record.

Ranges are the records' lines as the files are now (relocated, as the manifest finds
them), grouped by conversation (tool, model, session); the revision is git's HEAD.
Records that cannot be found again are left out and listed in metadata.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import uuid
from pathlib import Path
from typing import Any

from provmark import __version__
from provmark.pipeline.exclusion import file_result, read_sidecar, sidecar_files
from provmark.sources.gitinfo import git_command
from provmark.sources.sidecar import SidecarError

VERSION = "0.1.0"
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


def export(root: Path) -> dict[str, Any]:
    root = Path(root)
    files: list[dict[str, Any]] = []
    lost: list[dict[str, str]] = []
    for rel, path in sidecar_files(root):
        try:
            data = read_sidecar(root, rel, path)
        except (SidecarError, FileNotFoundError) as e:
            lost.append({"path": rel, "reason": str(e)[:300]})
            continue
        result = file_result(root, rel, sidecar_path=path)
        where = {r["id"]: r["lines"] for r in (result.records if result else [])}
        conversations: dict[tuple, dict[str, Any]] = {}
        for rec in data["records"]:
            lines = where.get(rec["id"])
            if lines is None:
                lost.append({"path": rel, "record": rec["id"]})
                continue
            o = rec["origin"]
            key = (o["kind"], o.get("tool"), o.get("model"), o.get("session"))
            conv = conversations.get(key)
            if conv is None:
                contributor: dict[str, Any] = {"type": o["kind"]}
                if model_id(o.get("model")):
                    contributor["model_id"] = model_id(o.get("model"))
                conv = conversations[key] = {"contributor": contributor, "ranges": []}
                # The tool that wrote it: Agent Trace's contributor names only a model, so
                # the tool (and its session) ride in `related`, as URNs.
                related = [{"type": "tool", "url": f"urn:provmark:tool:{o['tool']}"}] if o.get("tool") else []
                if o.get("session"):
                    related.append({"type": "session", "url": f"urn:{o.get('tool') or 'tool'}:session:{o['session']}"})
                if related:
                    conv["related"] = related
            conv["ranges"].append({"start_line": lines[0], "end_line": lines[1], "content_hash": rec["content_hash"]})
        if conversations:
            files.append({"path": rel, "conversations": list(conversations.values())})
    revision, dirty = _git_head(root)
    record: dict[str, Any] = {
        "version": VERSION,
        "id": str(uuid.uuid4()),
        "timestamp": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "tool": {"name": "provmark", "version": __version__},
        "files": files,
        "metadata": {"dev.provmark": {"worktree_differs_from_revision": dirty, "not_found": lost}},
    }
    if revision:
        record["vcs"] = {"type": "git", "revision": revision}
    return record
