import pytest

from layeredconf import Config, ConfigError, load


def test_defaults_without_file_or_env():
    cfg = load(env={})
    assert cfg == Config()
    assert cfg.database.url == "sqlite:///app.db"


def test_file_overrides_defaults(write_toml):
    path = write_toml(
        """
        debug = true
        port = 9000
        allowed_hosts = ["example.com", "api.example.com"]

        [database]
        url = "postgresql://db/app"
        pool_size = 20
        """
    )
    cfg = load(path, env={})
    assert cfg.debug is True
    assert cfg.port == 9000
    assert cfg.allowed_hosts == ["example.com", "api.example.com"]
    assert cfg.database.url == "postgresql://db/app"
    assert cfg.database.pool_size == 20
    assert cfg.database.echo is False  # untouched default


def test_partial_table_keeps_other_defaults(write_toml):
    cfg = load(write_toml("[database]\necho = true\n"), env={})
    assert cfg.database.echo is True
    assert cfg.database.pool_size == 5


def test_env_overrides_file(write_toml):
    path = write_toml("port = 9000\n")
    cfg = load(path, env={"APP_PORT": "9100"})
    assert cfg.port == 9100


def test_nested_env_uses_double_underscore():
    cfg = load(env={"APP_DATABASE__POOL_SIZE": "12", "APP_DATABASE__URL": "mysql://x"})
    assert cfg.database.pool_size == 12
    assert cfg.database.url == "mysql://x"


def test_env_list_is_comma_separated():
    cfg = load(env={"APP_ALLOWED_HOSTS": "a.com, b.com,,c.com "})
    assert cfg.allowed_hosts == ["a.com", "b.com", "c.com"]


def test_unrelated_env_vars_are_ignored():
    cfg = load(env={"PATH": "/usr/bin", "HOME": "/root", "APPLE": "1"})
    assert cfg == Config()


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("1", True),
        ("true", True),
        ("YES", True),
        (" on ", True),
        ("0", False),
        ("off", False),
        ("", False),
    ],
)
def test_env_booleans(raw, expected):
    assert load(env={"APP_DEBUG": raw}).debug is expected


@pytest.mark.parametrize(
    "env, message",
    [
        ({"APP_DEBUG": "maybe"}, "expected a boolean"),
        ({"APP_PORT": "eighty"}, "expected an integer"),
        ({"APP_NOPE": "1"}, "unknown setting"),
        ({"APP_DATABASE__NOPE": "1"}, "unknown setting"),
        ({"APP_NOPE__PORT": "1"}, "unknown setting"),
        ({"APP_PORT__X": "1"}, "unknown setting"),
    ],
)
def test_bad_env_values(env, message):
    with pytest.raises(ConfigError, match=message):
        load(env=env)


@pytest.mark.parametrize(
    "body, message",
    [
        ("colour = 'blue'\n", "unknown setting colour"),
        ("[database]\nhost = 'x'\n", r"unknown setting database\.host"),
        ("port = '80'\n", "port: expected an integer"),
        ("port = true\n", "port: expected an integer"),
        ("debug = 1\n", "debug: expected a boolean"),
        ("database = 'sqlite'\n", "database must be a table"),
    ],
)
def test_bad_file_values(write_toml, body, message):
    with pytest.raises(ConfigError, match=message):
        load(write_toml(body), env={})


def test_invalid_toml(write_toml):
    with pytest.raises(ConfigError, match="invalid TOML"):
        load(write_toml("port = = 1\n"), env={})


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load(tmp_path / "missing.toml", env={})


def test_config_path_from_environment(monkeypatch, write_toml):
    path = write_toml("workers = 4\n")
    monkeypatch.setenv("APP_CONFIG", str(path))
    assert load().workers == 4


def test_explicit_path_wins_over_app_config(monkeypatch, write_toml):
    monkeypatch.setenv("APP_CONFIG", str(write_toml("workers = 4\n", "a.toml")))
    explicit = write_toml("workers = 2\n", "b.toml")
    assert load(explicit, env={}).workers == 2


def test_reads_process_environment_by_default(monkeypatch):
    monkeypatch.setenv("APP_WORKERS", "3")
    assert load().workers == 3


@pytest.mark.parametrize(
    "env, message",
    [
        ({"APP_PORT": "0"}, "port out of range"),
        ({"APP_PORT": "70000"}, "port out of range"),
        ({"APP_WORKERS": "0"}, "workers"),
        ({"APP_DATABASE__POOL_SIZE": "0"}, "pool_size"),
    ],
)
def test_validation_runs_after_all_layers(env, message):
    with pytest.raises(ConfigError, match=message):
        load(env=env)


def test_default_lists_are_not_shared():
    a = load(env={})
    a.allowed_hosts.append("evil.com")
    assert load(env={}).allowed_hosts == ["localhost"]
