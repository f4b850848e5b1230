"""What the training pipeline leaves out, in one place: `[tool.provmark.pipeline]` in the
repository's pyproject.toml, or `[pipeline]` in `.provmark/config.toml` (which wins),
then the command line. The same policy drives `manifest`, `filter` and the datatrove
step.

    [tool.provmark.pipeline]
    unreviewed = "exclude"           # or "include": lines Provmark flagged, nobody decided
    commits = "exclude"              # or "include": lines from commits that declare an AI tool
    style_threshold = 0.95           # off unless set: untagged code the content model rates AI-like
    first_party_tools = ["our-bot"]  # AI tools whose output may be trained on

Tagged AI lines (`training: exclude`) are always left out. The content model is off by
default: on modern hand-written code it still errs too often to leave code out by itself. A key Provmark does not know,
or a value it cannot use, is an error that names it: a policy that silently fell back
to a default could let AI lines through.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from provmark.core.records import Record, status_of

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


class PolicyError(ValueError):
    """A policy that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Policy:
    unreviewed: Literal["exclude", "include"] = "exclude"
    commits: Literal["exclude", "include"] = "exclude"
    style_threshold: float | None = None
    first_party_tools: tuple[str, ...] = ()

    def excludes(self, rec: Record) -> bool:
        """Whether the lines of `rec` stay out of training."""
        if rec["training"] != "exclude":
            return False
        if status_of(rec) == "unreviewed":
            return self.unreviewed == "exclude" and self.excludes_tool(rec["origin"].get("tool"))
        return True

    def excludes_tool(self, tool: str | None) -> bool:
        """False for a first-party tool, whose output may be trained on."""
        return not (tool and tool in self.first_party_tools)


KNOWN = ("unreviewed", "commits", "style_threshold", "first_party_tools")


def threshold(value: Any, where: str) -> float | None:
    """A content-model threshold: a number in (0, 1], or "off"."""
    if value == "off":
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
        raise PolicyError(f'{where} = {value!r}: use a probability in (0, 1], or "off"')
    return float(value)


def _apply(policy: Policy, raw: Any, where: str) -> Policy:
    if not isinstance(raw, dict):
        raise PolicyError(f"{where}: the pipeline policy must be a table, not {type(raw).__name__}")
    for key, value in raw.items():
        if key in ("unreviewed", "commits"):
            if value not in ("exclude", "include"):
                raise PolicyError(f'{where}: {key} = {value!r}: use "exclude" or "include"')
            policy = replace(policy, **{key: value})
        elif key == "style_threshold":
            policy = replace(policy, style_threshold=threshold(value, f"{where}: style_threshold"))
        elif key == "first_party_tools":
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                raise PolicyError(f"{where}: first_party_tools = {value!r}: use a list of tool names")
            policy = replace(policy, first_party_tools=tuple(value))
        else:
            raise PolicyError(f"{where}: unknown pipeline policy key {key!r} (known: {', '.join(KNOWN)})")
    return policy


def load(root: Path) -> Policy:
    """The repository's policy (defaults when it states none)."""
    policy = Policy()
    sources = (
        (root / "pyproject.toml", ("tool", "provmark", "pipeline")),
        (root / ".provmark" / "config.toml", ("pipeline",)),
    )
    for path, table in sources:
        if not path.is_file():
            continue
        try:
            data: Any = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
            raise PolicyError(f"{path}: cannot read it ({e})") from e
        for part in table:
            data = data.get(part) if isinstance(data, dict) else None
        if data is not None:
            policy = _apply(policy, data, f"{path} [{'.'.join(table)}]")
    return policy
