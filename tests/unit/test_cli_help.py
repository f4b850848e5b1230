"""The command line's help: every command, positional and option says what it is for."""

from __future__ import annotations

import argparse

import pytest

from provmark.cli import build_parser, main


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


def test_every_argument_has_help() -> None:
    parser = build_parser()
    commands = _commands(parser)
    assert set(commands) == {
        "serve", "scan", "manifest", "filter", "check", "export", "import", "review", "report", "precommit",
        "merge-driver", "merge-sidecar",
    }  # fmt: skip
    for name, command in {"provmark": parser, **commands}.items():
        assert command.description, name
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                assert all(a.help for a in action._choices_actions), name
            else:
                assert action.help, f"{name} {action.dest}"


def test_top_level_help_describes_provmark(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert "``provmark``" not in text
    assert "AI-written code" in text and "examples:" in text
    for name in ("serve", "scan", "manifest", "filter", "check", "export", "import", "merge-driver"):
        assert f"    {name}" in text


@pytest.mark.parametrize(
    "argv",
    [
        ["scan", ".", "--fail-threshold", "3"],
        ["scan", ".", "--fail-threshold", "x"],
        ["scan", ".", "-j", "0"],
        ["scan", ".", "--format", "gitlab"],
        ["precommit", "--fail-on", "error"],
        ["precommit", "--fail-on", "1.5"],
        ["precommit", "--tag-as", "robot", "a.py"],
    ],
)
def test_bad_values_are_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 2
    assert "error: argument" in capsys.readouterr().err
