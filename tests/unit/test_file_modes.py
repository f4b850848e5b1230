"""Files Provmark writes for people to commit and share (sidecars, `scan -o` reports,
`filter` output) get the mode any new file gets under the umask, 0o666 & ~umask."""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from provmark.cli import main
from provmark.pipeline.commands import cmd_filter
from provmark.sources import sidecar

BLOCK = [f"    value_{i} = compute(item, factor={i})" for i in range(12)]
MODES = [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)]
IDS = ["umask-022", "umask-077", "umask-002"]


@pytest.fixture
def umask() -> Iterator[None]:
    """Restores the test process's umask, whatever a test set."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("mask", "want"), MODES, ids=IDS)
def test_sidecars_get_the_umask_mode(tmp_path: Path, umask: None, mask: int, want: int) -> None:
    os.umask(mask)
    record = sidecar.make_record(BLOCK, 3, {"kind": "ai", "tool": "codex"}, "exclude")
    sidecar.update(tmp_path, "src/app.py", add=[record])
    assert mode(sidecar.sidecar_path(tmp_path, "src/app.py")) == want
    plain = tmp_path / "plain.txt"
    sidecar.write_atomic(plain, "x\n")
    assert mode(plain) == want
    sidecar.write_atomic(plain, "y\n")  # replacing a file: the same
    assert mode(plain) == want and plain.read_text() == "y\n"
    assert os.umask(mask) == mask  # the umask itself is left as it was


def test_umask_read_without_proc(monkeypatch: pytest.MonkeyPatch, umask: None) -> None:
    """Where /proc/self/status cannot be read, the umask is set and put back."""

    def no_proc(*_a: object, **_k: object) -> None:
        raise OSError("no /proc here")

    monkeypatch.setattr(sidecar, "open", no_proc, raising=False)
    for mask, _ in MODES:
        os.umask(mask)
        assert sidecar._umask() == mask
        assert os.umask(mask) == mask


@pytest.mark.parametrize(("mask", "want"), MODES[:2], ids=IDS[:2])
def test_scan_report_file_gets_the_umask_mode(tmp_path: Path, umask: None, mask: int, want: int) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "app.py").write_text("def add(a, b):\n    return a + b\n")
    out = tmp_path / "report.txt"
    os.umask(mask)
    code = main(
        [
            "scan",
            str(ws),
            "-o",
            str(out),
            "--no-cache",
            "--no-git",
            "--no-transcripts",
            "--jobs",
            "1",
            "--progress",
            "never",
        ]
    )
    assert code in (0, 1)
    assert mode(out) == want


@pytest.mark.parametrize(("mask", "want"), MODES[:2], ids=IDS[:2])
def test_filter_output_gets_the_umask_mode(tmp_path: Path, umask: None, mask: int, want: int) -> None:
    root = tmp_path / "repo"
    (root / "src").mkdir(parents=True)
    (root / "src" / "app.py").write_text("\n".join(["def f():", *BLOCK, "    return 1", ""]))
    (root / "README.md").write_text("hello\n")
    sidecar.update(root, "src/app.py", add=[sidecar.make_record(BLOCK, 2, {"kind": "ai"}, "exclude")])
    os.umask(mask)
    dest = tmp_path / "out"
    assert cmd_filter(root, dest, out=io.StringIO()) == 0
    written = [p for p in dest.rglob("*") if p.is_file()]
    assert {p.relative_to(dest).as_posix() for p in written} >= {"README.md", "src/app.py"}
    assert all(mode(p) == want for p in written), {str(p): oct(mode(p)) for p in written}
