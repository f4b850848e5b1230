"""`provmark report` on a sample repository: its numbers are `provmark scan --format
json`'s totals and `provmark manifest`'s lines; broken sidecars are listed and the page
still renders; no git, no sidecars, no files each give a page that says so."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from provmark.batch.report_model import FileStat, Limits, Lines
from provmark.pipeline.report_gather import dates_of, one_commit_months
from support.report_tree import AI_FILE, WEIRD, git, run, sample_tree
from support.samples import AI_BLOCK


def summary(page: str) -> dict[str, Any]:
    raw = re.search(r'<script type="application/json" id="provmark-summary">(.*?)</script>', page, re.S)
    assert raw is not None, "no summary in the page"
    data: dict[str, Any] = json.loads(raw.group(1))
    return data


def card(page: str, key: str) -> int:
    m = re.search(rf'id="card-{key}"><span class="lbl">[^<]*</span><b data-value="(\d+)">([\d,]+)</b>', page)
    assert m is not None, key
    assert int(m.group(2).replace(",", "")) == int(m.group(1))
    return int(m.group(1))


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("report")
    return base, sample_tree(base)


@pytest.fixture(scope="module")
def page(tree: tuple[Path, Path]) -> str:
    base, root = tree
    out = base / "report.html"
    done = run("report", str(root), "-o", str(out), "--progress", "never", base=base)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and "AI-written lines" in done.stderr
    return out.read_text(encoding="utf-8")


def test_the_totals_are_the_scans_and_the_manifests(tree: tuple[Path, Path], page: str) -> None:
    base, root = tree
    scanned = run("scan", str(root), "--format", "json", "--progress", "never", base=base)
    assert scanned.returncode == 1, scanned.stderr  # untagged AI code
    totals = json.loads(scanned.stdout)["totals"]
    manifest = run("manifest", str(root), base=base)
    assert manifest.returncode == 0, manifest.stderr
    entries = [json.loads(x) for x in manifest.stdout.splitlines()]
    got = summary(page)

    totals.pop("blocks")
    assert got["totals"] == totals
    assert got["ai_lines"]["tagged"] == totals["tagged_ai_lines"] == 27
    assert got["ai_lines"]["unreviewed"] + got["ai_lines"]["detected"] == totals["ai_lines"]
    assert got["ai_lines"]["unreviewed"] == 14  # the unreviewed record's lines
    assert card(page, "files") == totals["files"]
    assert card(page, "untagged") == totals["ai_lines"]
    assert card(page, "tagged") == totals["tagged_ai_lines"]
    assert card(page, "ai-lines") == totals["ai_lines"] + totals["tagged_ai_lines"]

    pipe = got["pipeline"]
    ranges = [e for e in entries if e["exclude"] != "all"]
    assert pipe["files"] == len(entries)
    assert pipe["whole_files"] == sum(1 for e in entries if e["exclude"] == "all") == 1
    assert pipe["range_lines"] == sum(b - a + 1 for e in ranges for a, b in e["exclude"])
    reasons: dict[str, int] = {}
    for e in ranges:
        for why, runs in e.get("reasons", {}).items():
            reasons[why] = reasons.get(why, 0) + sum(b - a + 1 for a, b in runs)
    assert pipe["by_reason"] == reasons == {"commit": 24, "tagged": 27, "unreviewed": 14}
    whole = (root / "src" / "broken.py").read_text().count("\n")
    assert pipe["whole_lines"] == whole
    assert card(page, "left-out") == pipe["range_lines"] + whole


def test_the_page_lists_the_broken_sidecar_tools_months_and_files(page: str) -> None:
    got = summary(page)
    assert got["sidecars"] == {"files": 3, "records": 2, "broken": 1, "orphans": 0} and got["git"] == "ok"
    assert card(page, "broken") == 1
    assert "Broken sidecars (1)" in page and "src/broken.py</span>: " in page and "invalid JSON" in page
    assert ">claude-code<" in page and ">claude-test<" in page and ">codex<" in page
    for month in ("2025-01", "2025-03", "not committed"):  # the two commits, and files never committed
        assert re.search(rf"<title>{month}: [1-9][\d,]* detected only lines</title>", page), month
    assert "src/cart.py" in page and "src/deep/er/cart2.py" in page


def test_paths_are_escaped_and_no_source_text_is_in_the_page(page: str) -> None:
    assert "we&lt;ird&gt;&amp;&#x27;x&quot;.py" in page and "we<ird>" not in page
    for text in (AI_FILE, AI_BLOCK):
        for line in text.splitlines():
            if len(line.strip()) > 20:
                assert line.strip() not in page, line
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert "https://" not in page and "http://" not in page


def test_stdout_and_a_nonce_for_a_webview(tree: tuple[Path, Path], page: str) -> None:
    base, root = tree
    done = run("report", str(root), "--stdout", "--csp-nonce", "n0nce-for-test", "--progress", "never", base=base)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("<!DOCTYPE html>") and done.stdout.count('nonce="n0nce-for-test"') == 2
    assert summary(done.stdout) == summary(page)
    bad = run("report", str(root), "--stdout", "--csp-nonce", "x' y", base=base)
    assert bad.returncode == 2 and "nonce" in bad.stderr


def test_usage_errors(tmp_path: Path) -> None:
    done = run("report", str(tmp_path / "nope"), "--stdout", base=tmp_path)
    assert done.returncode == 2 and "not a folder" in done.stderr
    done = run("report", str(tmp_path), base=tmp_path)
    assert done.returncode == 2 and "--output" in done.stderr  # -o FILE or --stdout is required
    (tmp_path / "pyproject.toml").write_text('[tool.provmark.pipeline]\nunreviewed = "maybe"\n')
    done = run("report", str(tmp_path), "--stdout", base=tmp_path)
    assert done.returncode == 2 and "unreviewed" in done.stderr  # a policy that cannot be read, as manifest


def test_an_empty_folder_gives_a_page_that_says_so(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    done = run("report", str(tmp_path / "empty"), "--stdout", "--progress", "never", base=tmp_path)
    assert done.returncode == 0, done.stderr
    page = done.stdout
    assert "No source files were found to scan" in page and "No sidecars" in page
    assert "not a git repository" in page and page.rstrip().endswith("</html>")
    assert summary(page)["totals"]["files"] == 0


def test_no_history_and_no_git(tmp_path: Path) -> None:
    root = tmp_path / "fresh"
    root.mkdir()
    (root / "cart.py").write_text(AI_FILE)
    git(root, "init", "-q", "-b", "main")  # a repository with no commits yet
    done = run("report", str(root), "--stdout", "--progress", "never", base=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "no commits yet" in done.stdout and ">not committed</text>" in done.stdout
    done = run("report", str(root), "--stdout", "--no-git", "--progress", "never", base=tmp_path)
    assert done.returncode == 0 and "git history left out (--no-git)" in done.stdout
    assert summary(done.stdout)["git"] == "git history left out (--no-git)"


def test_a_weird_path_is_reported(tree: tuple[Path, Path], page: str) -> None:
    assert (tree[1] / WEIRD).is_file()
    assert summary(page)["files_with_untagged"] == 5


def test_a_git_folder_git_cannot_read_is_said_and_the_page_renders(tmp_path: Path) -> None:
    root = tmp_path / "broken-git"
    root.mkdir()
    (root / "cart.py").write_text(AI_FILE)
    (root / ".git").write_text("gitdir: /nowhere\n")
    done = run("report", str(root), "--stdout", "--progress", "never", base=tmp_path)
    assert done.returncode == 0, done.stderr
    got = summary(done.stdout)
    assert got["git"].startswith("git cannot read") and got["pipeline"]["error"]
    assert "The pipeline cannot say what it leaves out" in done.stdout  # manifest would stop (exit 2)


def test_dates_one_commit_files_without_blame_the_others_by_blame_within_the_budget(tmp_path: Path) -> None:
    root = tmp_path / "d"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    for name in ("one.py", "a[1].py", "edited.py"):  # a[1]: a name git must not read as a pattern
        (root / name).write_text("a\nb\n")
    (root / "two.py").write_text("a\n")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "one", date="2025-01-15T10:00:00Z")
    (root / "two.py").write_text("a\nb\n")
    git(root, "commit", "-qam", "two", date="2025-02-15T10:00:00Z")
    (root / "edited.py").write_text("a\nB\n")  # not committed
    (root / "new.py").write_text("x\n")  # not tracked
    names = ["one.py", "a[1].py", "two.py", "edited.py"]
    assert one_commit_months(root, names) == {"one.py": "2025-01", "a[1].py": "2025-01"}
    stats = [FileStat(p, 2, Lines(detected=2), span=2) for p in names] + [
        FileStat("new.py", 1, Lines(detected=1), span=1)
    ]
    dates, undated = dates_of(root, stats, Limits())
    assert undated == 0 and dates == {
        "one.py": ["2025-01", "2025-01"],
        "a[1].py": ["2025-01", "2025-01"],
        "two.py": ["2025-01", "2025-02"],
        "edited.py": ["2025-01", None],
        "new.py": [None],
    }
    dates, undated = dates_of(root, stats, Limits(), budget=0)  # no time left for git blame
    assert set(dates) == {"one.py", "a[1].py", "new.py"} and undated == 2
    dates, undated = dates_of(root, stats, Limits(blame_files=2))
    assert len(dates) == 2 and undated == 3
