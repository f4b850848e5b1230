"""Load settings from defaults, a TOML file and environment variables, in that order."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping

ENV_PREFIX = "APP_"


class ConfigError(Exception):
    pass


@dataclass
class DatabaseConfig:
    url: str = "sqlite:///app.db"
    pool_size: int = 5
    echo: bool = False


@dataclass
class Config:
    debug: bool = False
    port: int = 8000
    workers: int = 1
    allowed_hosts: list[str] = field(default_factory=lambda: ["localhost"])
    database: DatabaseConfig = field(default_factory=DatabaseConfig)

    def validate(self) -> None:
        if not 0 < self.port < 65536:
            raise ConfigError(f"port out of range: {self.port}")
        if self.workers < 1:
            raise ConfigError("workers must be >= 1")
        if self.database.pool_size < 1:
            raise ConfigError("database.pool_size must be >= 1")


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _coerce(raw: str, target: Any, name: str) -> Any:
    if isinstance(target, bool):
        low = raw.strip().lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise ConfigError(f"{name}: expected a boolean, got {raw!r}")
    if isinstance(target, int):
        try:
            return int(raw)
        except ValueError:
            raise ConfigError(f"{name}: expected an integer, got {raw!r}") from None
    if isinstance(target, list):
        return [item.strip() for item in raw.split(",") if item.strip()]
    return raw


def _merge(obj: Any, data: Mapping[str, Any], where: str) -> None:
    known = {f.name: f for f in fields(obj)}
    for key, value in data.items():
        if key not in known:
            raise ConfigError(f"unknown setting {where}{key}")
        current = getattr(obj, key)
        if hasattr(current, "__dataclass_fields__"):
            if not isinstance(value, Mapping):
                raise ConfigError(f"{where}{key} must be a table")
            _merge(current, value, f"{where}{key}.")
            continue
        if isinstance(current, bool) and not isinstance(value, bool):
            raise ConfigError(f"{where}{key}: expected a boolean")
        if (
            isinstance(current, int)
            and not isinstance(current, bool)
            and (isinstance(value, bool) or not isinstance(value, int))
        ):
            raise ConfigError(f"{where}{key}: expected an integer")
        setattr(obj, key, value)


def _apply_env(cfg: Config, env: Mapping[str, str]) -> None:
    for key, raw in env.items():
        if not key.startswith(ENV_PREFIX) or key == f"{ENV_PREFIX}CONFIG":
            continue
        path = key[len(ENV_PREFIX) :].lower().split("__")
        target: Any = cfg
        for part in path[:-1]:
            if not hasattr(target, part):
                raise ConfigError(f"unknown setting from {key}")
            target = getattr(target, part)
        name = path[-1]
        if not hasattr(target, "__dataclass_fields__") or name not in {
            f.name for f in fields(target)
        }:
            raise ConfigError(f"unknown setting from {key}")
        setattr(target, name, _coerce(raw, getattr(target, name), key))


def load(
    path: str | Path | None = None, env: Mapping[str, str] | None = None
) -> Config:
    cfg = Config()
    if path is None:
        path = os.environ.get(f"{ENV_PREFIX}CONFIG")
    if path is not None:
        p = Path(path)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file not found: {p}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"invalid TOML in {p}: {exc}") from None
        _merge(cfg, data, "")
    _apply_env(cfg, os.environ if env is None else env)
    cfg.validate()
    return cfg
