"""Application settings from defaults, a TOML file and APP_* environment variables."""
from __future__ import annotations

import logging
import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

log = logging.getLogger(__name__)

ENV_PREFIX = "APP_"


class SettingsError(Exception):
    pass


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    debug: bool = False
    workers: int = 1
    database_url: str = "sqlite:///app.db"
    allowed_origins: tuple[str, ...] = field(default_factory=tuple)
    timeout: float = 30.0

    def __post_init__(self):
        if not 0 < self.port < 65536:
            raise SettingsError(f"port out of range: {self.port}")
        if self.workers < 1:
            raise SettingsError("workers must be at least 1")
        if self.timeout <= 0:
            raise SettingsError("timeout must be positive")


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _coerce(name: str, typ: str, raw):
    try:
        if typ == "bool":
            if isinstance(raw, bool):
                return raw
            s = str(raw).strip().lower()
            if s in _TRUE:
                return True
            if s in _FALSE:
                return False
            raise ValueError(raw)
        if typ == "int":
            if isinstance(raw, bool):
                raise ValueError(raw)
            return int(raw)
        if typ == "float":
            return float(raw)
        if typ.startswith("tuple"):
            if isinstance(raw, str):
                return tuple(p.strip() for p in raw.split(",") if p.strip())
            return tuple(str(x) for x in raw)
        return str(raw)
    except (TypeError, ValueError):
        raise SettingsError(f"invalid value for {name}: {raw!r}") from None


def load(path: str | os.PathLike | None = None, env: dict[str, str] | None = None) -> Settings:
    env = os.environ if env is None else env
    types = {f.name: f.type for f in fields(Settings)}
    values: dict[str, object] = {}

    path = path or env.get(ENV_PREFIX + "CONFIG")
    if path:
        p = Path(path)
        if not p.exists():
            raise SettingsError(f"config file not found: {p}")
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as e:
            raise SettingsError(f"{p}: {e}") from e
        section = data.get("app", data)
        for key, raw in section.items():
            if key not in types:
                log.warning("ignoring unknown setting %r in %s", key, p)
                continue
            values[key] = _coerce(key, types[key], raw)

    for name, typ in types.items():
        raw = env.get(ENV_PREFIX + name.upper())
        if raw is not None:
            values[name] = _coerce(name, typ, raw)

    return replace(Settings(), **values)
