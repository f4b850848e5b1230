import textwrap

import pytest


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    """Make sure APP_* variables from the developer's shell don't leak in."""
    import os

    for key in list(os.environ):
        if key.startswith("APP_"):
            monkeypatch.delenv(key)


@pytest.fixture
def write_toml(tmp_path):
    def _write(body: str, name: str = "config.toml"):
        path = tmp_path / name
        path.write_text(textwrap.dedent(body), encoding="utf-8")
        return path

    return _write
