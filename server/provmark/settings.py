"""Settings: defaults, validation, and the places they come from.

Order, later wins: built-in defaults, ``[tool.provmark]`` in the workspace's
``pyproject.toml``, ``.provmark/config.toml``, the client's initializationOptions, the
client's ``provmark`` configuration section. A bad value is reported once and replaced
by the default; it never stops the server.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass(frozen=True)
class Settings:
    warn_threshold: float = 0.5
    report_threshold: float = 0.2
    min_lines: int = 5
    min_chars: int = 300
    burst_window_ms: int = 40
    publish_delay_ms: int = 100
    max_file_bytes: int = 4_000_000
    rescan_burst: int = 2000
    ignore: tuple[str, ...] = ()
    first_party_tools: tuple[str, ...] = ()
    transcripts: bool = True
    # How long a flag no tool was named for waits for a tool's log that names its lines
    # (tools that log a write after making it); 0: never looked for again.
    transcript_wait_s: int = 600
    transcripts_off: tuple[str, ...] = ()  # tools whose logs are not read ("aider", "codex", ...)
    auto_tag: bool = False
    # Flags at or above record_threshold (never below report_threshold: only what is
    # shown is recorded), and agent writes, recorded in the sidecar as unreviewed at
    # once, so the pipeline sees them even when nobody clicks. Below the warning, too:
    # an unhinted paste the content model misjudges still reaches the pipeline (see the
    # leak benchmark in the README).
    record_unreviewed: bool = True
    record_threshold: float = 0.2
    content_model: bool = True  # let the text's style move scores (off: only other evidence)

    @property
    def record_at(self) -> float:
        """The score from which a flag is recorded as unreviewed."""
        return max(self.record_threshold, self.report_threshold)


# Allowed ranges; the two thresholds must also be ordered.
_BOUNDS: dict[str, tuple[float, float]] = {
    "warn_threshold": (0.0, 1.0),
    "report_threshold": (0.0, 1.0),
    "record_threshold": (0.0, 1.0),
    "min_lines": (1, 100_000),
    "min_chars": (1, 10_000_000),
    "burst_window_ms": (0, 5_000),
    "publish_delay_ms": (0, 10_000),
    "max_file_bytes": (1_000, 1_000_000_000),
    "rescan_burst": (1, 10_000_000),
    "transcript_wait_s": (0, 86_400),
}

# Keys of the client's provmark section that only the client uses, and the pipeline's
# own table (pipeline/policy.py reads it).
CLIENT_ONLY = {"interpreter", "trace", "serverArgs", "pipeline"}

# Accepted spellings: snake_case (TOML) and camelCase (VS Code settings).
_ALIASES = {f.name.replace("_", ""): f.name for f in fields(Settings)}


def _canonical(key: str) -> str | None:
    return _ALIASES.get(key.replace("_", "").replace("-", "").lower())


def merge(base: Settings, raw: Any, origin: str) -> tuple[Settings, list[str]]:
    """Apply the values in `raw` (a mapping) over `base`; return the result and one
    message per rejected value."""
    problems: list[str] = []
    if raw is None:
        return base, problems
    if not isinstance(raw, dict):
        return base, [f"{origin}: settings must be an object, got {type(raw).__name__}; using defaults"]
    changes: dict[str, Any] = {}
    types = {f.name: f.type for f in fields(Settings)}
    defaults = Settings()
    for key, value in raw.items():
        if str(key) in CLIENT_ONLY:
            continue
        name = _canonical(str(key))
        if name is None:
            problems.append(f"{origin}: unknown setting {key!r} ignored")
            continue
        kind = types[name]
        default = getattr(defaults, name)
        ok, converted = _convert(kind, value)
        if ok and name in _BOUNDS:
            lo, hi = _BOUNDS[name]
            ok = lo <= converted <= hi
        if not ok:
            problems.append(f"{origin}: {key} = {value!r} is not valid; using the default {default!r}")
            converted = default
        changes[name] = converted
    result = replace(base, **changes)
    if result.report_threshold > result.warn_threshold:
        problems.append(
            f"{origin}: report_threshold {result.report_threshold} is above warn_threshold "
            f"{result.warn_threshold}; using the defaults for both"
        )
        result = replace(result, report_threshold=defaults.report_threshold, warn_threshold=defaults.warn_threshold)
    return result, problems


def _convert(kind: Any, value: Any) -> tuple[bool, Any]:
    kind = str(kind)
    if kind == "bool":
        return isinstance(value, bool), value
    if kind == "int":
        if isinstance(value, bool):
            return False, None
        if isinstance(value, int):
            return True, value
        if isinstance(value, float) and value.is_integer():
            return True, int(value)
        return False, None
    if kind == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return False, None
        return True, float(value)
    if kind.startswith("tuple"):
        if isinstance(value, str):
            value = [value]
        if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            return True, tuple(value)
        return False, None
    return False, None


def from_files(root: Path | None) -> tuple[Settings, list[str]]:
    """Settings from the workspace's pyproject.toml and .provmark/config.toml."""
    settings, problems = Settings(), list[str]()
    if root is None:
        return settings, problems
    for path, table in ((root / "pyproject.toml", ("tool", "provmark")), (root / ".provmark" / "config.toml", ())):
        if not path.is_file():
            continue
        try:
            data: Any = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
            problems.append(f"{path}: cannot read it ({e}); its settings are ignored")
            continue
        for part in table:
            data = data.get(part) if isinstance(data, dict) else None
        if data is None:
            continue
        settings, more = merge(settings, data, str(path))
        problems += more
    return settings, problems


@dataclass
class SettingsStore:
    """The settings now in force, built from every source in order."""

    root: Path | None = None
    files: Settings = field(default_factory=Settings)
    init_options: Any = None
    client: Any = None
    current: Settings = field(default_factory=Settings)

    def reload(self) -> list[str]:
        self.files, problems = from_files(self.root)
        current = self.files
        for raw, origin in ((self.init_options, "initializationOptions"), (self.client, "provmark settings")):
            if isinstance(raw, dict) and isinstance(raw.get("provmark"), dict):
                raw = raw["provmark"]
            current, more = merge(current, raw, origin)
            problems += more
        self.current = current
        return problems
