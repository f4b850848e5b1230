"""`provmark report` rendered by headless Chromium (Debian package `chromium`; `.ci/run`
installs it): a screenshot kept as a test artifact (test-artifacts/report/), not blank;
the page under a webview's strict nonce CSP runs its one script and breaks no rule;
nothing in it points to the network.

Skipped when Chromium is missing, except in CI ($CI set), where that is a failure."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from conftest import ROOT
from support.report_tree import run, sample_tree

ARTIFACTS = ROOT / "test-artifacts" / "report"


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed in CI (.ci/run installs it: apt-get install chromium)")
    pytest.skip("chromium is not installed (apt-get install chromium)")


def browse(exe: str, profile: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [exe, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}", *args],
        capture_output=True,
        timeout=180,
    )


def png_pixels(data: bytes) -> tuple[int, int, bytes]:
    """(width, height, the decompressed image data) of a PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    width = height = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    return width, height, zlib.decompress(idat)


def test_the_report_renders_in_chromium(tmp_path: Path) -> None:
    exe = chromium()
    root = sample_tree(tmp_path)
    page = tmp_path / "report.html"
    done = run("report", str(root), "-o", str(page), "--progress", "never", base=tmp_path)
    assert done.returncode == 0, done.stderr
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href|action|poster|data)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert "http://" not in html and "https://" not in html and "url(" not in html

    shot = tmp_path / "report.png"
    r = browse(exe, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,2000", page.as_uri())
    assert shot.is_file(), r.stderr.decode(errors="replace")[-2000:]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    kept = ARTIFACTS / "report.png"
    shutil.copyfile(shot, kept)
    shutil.copyfile(page, ARTIFACTS / "report.html")
    print(f"screenshot: {kept}")

    data = shot.read_bytes()
    width, height, pixels = png_pixels(data)
    assert (width, height) == (1280, 2000)
    # A blank page compresses to a few KB and holds a handful of byte values; text, bars
    # and charts give far more of both.
    assert len(data) > 60_000, len(data)
    assert len(set(pixels)) > 100


def test_the_report_keeps_a_strict_webview_csp(tmp_path: Path) -> None:
    exe = chromium()
    root = sample_tree(tmp_path)
    done = run("report", str(root), "--stdout", "--csp-nonce", "r3p0rtN0nce", "--progress", "never", base=tmp_path)
    assert done.returncode == 0, done.stderr
    page = tmp_path / "webview.html"
    page.write_text(done.stdout, encoding="utf-8")
    r = browse(exe, tmp_path / "profile", "--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri())
    dom, log = r.stdout.decode(errors="replace"), r.stderr.decode(errors="replace")
    assert re.search(r"<html[^>]*class=\"[^\"]*\bjs\b", dom), "the page's script did not run under its CSP"
    assert "Content Security Policy" not in log, [x for x in log.splitlines() if "Content Security" in x][:3]
