import logging
import textwrap

import pytest

from settings import Settings, SettingsError, load


@pytest.fixture
def write_config(tmp_path):
    """Write a TOML file into a temporary directory and return its path."""
    def _write(content: str, name: str = "config.toml"):
        path = tmp_path / name
        path.write_text(textwrap.dedent(content), encoding="utf-8")
        return path
    return _write


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    """Make sure APP_* variables from the developer's shell don't leak into tests."""
    import os
    for key in list(os.environ):
        if key.startswith("APP_"):
            monkeypatch.delenv(key)


class TestDefaults:
    def test_load_without_file_or_env_returns_defaults(self):
        assert load(env={}) == Settings()

    def test_default_values(self):
        s = Settings()
        assert (s.host, s.port, s.debug, s.workers) == ("127.0.0.1", 8000, False, 1)
        assert s.allowed_origins == ()

    def test_settings_are_immutable(self):
        with pytest.raises(AttributeError):
            Settings().port = 9000


class TestValidation:
    @pytest.mark.parametrize("port", [0, -1, 65536, 100000])
    def test_port_out_of_range(self, port):
        with pytest.raises(SettingsError, match="port out of range"):
            Settings(port=port)

    @pytest.mark.parametrize("port", [1, 80, 65535])
    def test_port_in_range(self, port):
        assert Settings(port=port).port == port

    def test_workers_must_be_positive(self):
        with pytest.raises(SettingsError, match="workers"):
            Settings(workers=0)

    def test_timeout_must_be_positive(self):
        with pytest.raises(SettingsError, match="timeout"):
            Settings(timeout=0)


class TestFile:
    def test_reads_values_from_app_section(self, write_config):
        path = write_config(
            """
            [app]
            host = "0.0.0.0"
            port = 9000
            debug = true
            allowed_origins = ["https://a.example", "https://b.example"]
            timeout = 2.5
            """
        )

        s = load(path, env={})

        assert s.host == "0.0.0.0"
        assert s.port == 9000
        assert s.debug is True
        assert s.allowed_origins == ("https://a.example", "https://b.example")
        assert s.timeout == 2.5

    def test_top_level_keys_work_without_section(self, write_config):
        path = write_config('port = 7000\nworkers = 4\n')
        s = load(path, env={})
        assert (s.port, s.workers) == (7000, 4)

    def test_unknown_keys_are_ignored_with_a_warning(self, write_config, caplog):
        path = write_config("[app]\nport = 8080\ncolour = 'blue'\n")

        with caplog.at_level(logging.WARNING, logger="settings"):
            s = load(path, env={})

        assert s.port == 8080
        assert "ignoring unknown setting 'colour'" in caplog.text

    def test_missing_file_raises(self, tmp_path):
        with pytest.raises(SettingsError, match="config file not found"):
            load(tmp_path / "nope.toml", env={})

    def test_invalid_toml_raises_settings_error(self, write_config):
        path = write_config("[app\nport = 1\n")
        with pytest.raises(SettingsError, match="config.toml"):
            load(path, env={})

    def test_wrong_type_in_file_raises(self, write_config):
        path = write_config("[app]\nport = 'eighty'\n")
        with pytest.raises(SettingsError, match="invalid value for port: 'eighty'"):
            load(path, env={})

    def test_boolean_is_not_accepted_as_integer(self, write_config):
        path = write_config("[app]\nworkers = true\n")
        with pytest.raises(SettingsError, match="workers"):
            load(path, env={})

    def test_file_path_can_come_from_app_config_env(self, write_config):
        path = write_config("[app]\nport = 5555\n")
        assert load(env={"APP_CONFIG": str(path)}).port == 5555


class TestEnvironment:
    @pytest.mark.parametrize(
        "var, raw, attr, expected",
        [
            ("APP_HOST", "example.internal", "host", "example.internal"),
            ("APP_PORT", "9090", "port", 9090),
            ("APP_WORKERS", "8", "workers", 8),
            ("APP_TIMEOUT", "0.5", "timeout", 0.5),
            ("APP_DATABASE_URL", "postgres://db/app", "database_url", "postgres://db/app"),
            ("APP_ALLOWED_ORIGINS", "https://x.io, https://y.io,", "allowed_origins", ("https://x.io", "https://y.io")),
        ],
    )
    def test_env_var_sets_value(self, var, raw, attr, expected):
        assert getattr(load(env={var: raw}), attr) == expected

    @pytest.mark.parametrize("raw", ["1", "true", "TRUE", "yes", "on", " On "])
    def test_truthy_debug_values(self, raw):
        assert load(env={"APP_DEBUG": raw}).debug is True

    @pytest.mark.parametrize("raw", ["0", "false", "no", "off", ""])
    def test_falsy_debug_values(self, raw):
        assert load(env={"APP_DEBUG": raw}).debug is False

    def test_unrecognised_boolean_raises(self):
        with pytest.raises(SettingsError, match="invalid value for debug: 'maybe'"):
            load(env={"APP_DEBUG": "maybe"})

    def test_non_numeric_port_raises(self):
        with pytest.raises(SettingsError, match="port"):
            load(env={"APP_PORT": "http"})

    def test_env_overrides_file(self, write_config):
        path = write_config("[app]\nport = 9000\nhost = 'file-host'\n")

        s = load(path, env={"APP_PORT": "9100"})

        assert s.port == 9100
        assert s.host == "file-host"  # untouched by env

    def test_reads_os_environ_by_default(self, monkeypatch):
        monkeypatch.setenv("APP_WORKERS", "3")
        assert load().workers == 3

    def test_validation_runs_after_env_overrides(self):
        with pytest.raises(SettingsError, match="port out of range"):
            load(env={"APP_PORT": "70000"})
