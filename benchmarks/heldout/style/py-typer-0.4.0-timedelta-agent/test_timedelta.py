import subprocess
from datetime import timedelta
from typing import List, Optional

import pytest
import typer
from typer.testing import CliRunner

from docs_src.parameter_types.timedelta import tutorial001 as mod

runner = CliRunner()

app = typer.Typer()
app.command()(mod.main)


def test_help():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "[1h30m|HH:MM:SS|SECONDS]" in result.output
    assert "--timeout" in result.output


def test_main():
    result = runner.invoke(app, ["1h30m"])
    assert result.exit_code == 0
    assert "Checking every: 1:30:00" in result.output
    assert "Total seconds: 5400.0" in result.output
    assert "Timeout: 0:00:30" in result.output


def test_option():
    result = runner.invoke(app, ["10m", "--timeout", "2m"])
    assert result.exit_code == 0
    assert "Checking every: 0:10:00" in result.output
    assert "Timeout: 0:02:00" in result.output


@pytest.mark.parametrize(
    "value,expected",
    [
        ("90", timedelta(seconds=90)),
        ("1.5", timedelta(seconds=1.5)),
        ("45s", timedelta(seconds=45)),
        ("500ms", timedelta(milliseconds=500)),
        ("2d", timedelta(days=2)),
        ("1w 2d", timedelta(weeks=1, days=2)),
        ("1H30M", timedelta(hours=1, minutes=30)),
        ("1.5h", timedelta(hours=1, minutes=30)),
        ("05:30", timedelta(minutes=5, seconds=30)),
        ("01:30:00", timedelta(hours=1, minutes=30)),
        ("-15m", timedelta(minutes=-15)),
    ],
)
def test_formats(value, expected):
    app = typer.Typer()

    @app.command()
    def main(delta: timedelta):
        typer.echo(f"seconds: {delta.total_seconds()}")

    # "--" so that negative durations are not parsed as options
    result = runner.invoke(app, ["--", value])
    assert result.exit_code == 0, result.output
    assert f"seconds: {expected.total_seconds()}" in result.output


@pytest.mark.parametrize(
    "value", ["soon", "1x", "1h1h", "h", "1:2:3:4", "1::2", "inf", "1h 30"]
)
def test_invalid(value):
    result = runner.invoke(app, [value])
    assert result.exit_code != 0
    assert "is not a valid duration" in result.output


def test_optional_default_none():
    app = typer.Typer()

    @app.command()
    def main(delay: Optional[timedelta] = None):
        if delay is None:
            typer.echo("No delay")
        else:
            typer.echo(f"Delay: {delay}")

    result = runner.invoke(app)
    assert result.exit_code == 0
    assert "No delay" in result.output

    result = runner.invoke(app, ["--delay", "3h"])
    assert result.exit_code == 0
    assert "Delay: 3:00:00" in result.output


def test_list():
    app = typer.Typer()

    @app.command()
    def main(steps: List[timedelta]):
        total = sum(steps, timedelta())
        typer.echo(f"Total: {total}")

    result = runner.invoke(app, ["1m", "30s", "00:00:30"])
    assert result.exit_code == 0
    assert "Total: 0:02:00" in result.output


def test_envvar():
    app = typer.Typer()

    @app.command()
    def main(ttl: timedelta = typer.Option("1h", envvar="APP_TTL")):
        typer.echo(f"TTL: {ttl}")

    result = runner.invoke(app)
    assert result.exit_code == 0
    assert "TTL: 1:00:00" in result.output

    result = runner.invoke(app, env={"APP_TTL": "2d"})
    assert result.exit_code == 0
    assert "TTL: 2 days, 0:00:00" in result.output


def test_script():
    result = subprocess.run(
        ["coverage", "run", mod.__file__, "--help"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        encoding="utf-8",
    )
    assert "Usage" in result.stdout
