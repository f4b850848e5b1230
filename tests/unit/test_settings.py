from pathlib import Path

from provmark.settings import Settings, SettingsStore, merge


def test_camel_and_snake_case_and_validation() -> None:
    s, problems = merge(Settings(), {"warnThreshold": 0.7, "min_lines": 8, "ignore": "dist/*"}, "test")
    assert (s.warn_threshold, s.min_lines, s.ignore) == (0.7, 8, ("dist/*",)) and problems == []


def test_bad_values_fall_back_to_defaults_with_one_message_each() -> None:
    s, problems = merge(Settings(), {"warnThreshold": "high", "minLines": -3, "bogus": 1, "autoTag": "yes"}, "x")
    assert s == Settings()
    assert len(problems) == 4 and any("bogus" in p for p in problems)


def test_thresholds_must_be_ordered() -> None:
    s, problems = merge(Settings(), {"warn_threshold": 0.3, "report_threshold": 0.6}, "x")
    assert (s.warn_threshold, s.report_threshold) == (0.5, 0.2) and problems


def test_not_an_object() -> None:
    s, problems = merge(Settings(), [1, 2], "client")
    assert s == Settings() and "must be an object" in problems[0]


def test_sources_in_order(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.provmark]\nmin_lines = 7\nwarn_threshold = 0.6\n")
    (tmp_path / ".provmark").mkdir()
    (tmp_path / ".provmark" / "config.toml").write_text("min_lines = 9\n")
    store = SettingsStore(root=tmp_path, init_options={"minChars": 100}, client={"provmark": {"minChars": 50}})
    assert store.reload() == []
    s = store.current
    assert (s.min_lines, s.warn_threshold, s.min_chars) == (9, 0.6, 50)


def test_broken_toml_is_reported_and_ignored(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.provmark\nmin_lines = ")
    store = SettingsStore(root=tmp_path)
    problems = store.reload()
    assert store.current == Settings() and "cannot read it" in problems[0]
