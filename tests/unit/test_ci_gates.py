"""CI gates: `provmark scan --changed-since REF` (what a pull request changed), the GitLab
Code Quality report, the SARIF that GitHub code scanning takes, each validated against a
schema written from the vendor's documentation (tests/schemas/), and the example GitHub
Actions workflow and GitLab CI job in docs/ci/, run as CI would run them."""

from __future__ import annotations

import copy
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from conftest import ROOT
from provmark.batch.report import to_codequality, to_sarif
from provmark.batch.scan import (
    Cache,
    ChangedFilesError,
    FileReport,
    Report,
    changed_since,
    model_key,
    scan,
    select,
    walk,
)
from provmark.cli import build_parser
from provmark.core.findings import Finding
from provmark.sources import sidecar
from support.workloads import git

SCHEMAS = ROOT / "tests" / "schemas"
AI = (ROOT / "samples" / "shop" / "cart.py").read_text(encoding="utf-8")  # AI-written, warns on style alone
HUMAN = """import os, sys

def walk(top, cb):
    for d, dirs, files in os.walk(top):
        for f in files:
            cb(os.path.join(d, f))
"""


def schema(name: str) -> jsonschema.protocols.Validator:
    doc = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(doc)
    return jsonschema.Draft202012Validator(doc)


CODEQUALITY = "gitlab-codequality.schema.json"
SARIF_GITHUB = "sarif-github-code-scanning.schema.json"


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "provmark", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120
    )


def write(root: Path, rel: str, text: str) -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text)


# -- what changed since a revision -------------------------------------------------------
@pytest.fixture
def pr(tmp_path: Path) -> Path:
    """main with some files; a branch `feature` off it that edits, adds and renames files
    and deletes one; main moving on after the branch; and uncommitted work on top."""
    root = tmp_path / "pr"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    for rel in ("a.py", "b.py", "keep.py", "gone.py", "sub/c.py", "notes.md"):
        write(root, rel, HUMAN + f"# {rel}\n")
    write(root, ".gitignore", "ignored.py\n")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "main")
    git(root, "checkout", "-q", "-b", "feature")
    write(root, "a.py", HUMAN + "# edited\n")
    write(root, "new.py", HUMAN)
    git(root, "mv", "b.py", "b2.py")
    git(root, "rm", "-q", "gone.py")
    write(root, "sub/d.py", HUMAN)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "feature")
    git(root, "checkout", "-q", "main")
    write(root, "main_only.py", HUMAN)  # on main after the branch: not the pull request's
    git(root, "add", "-A")
    git(root, "commit", "-qm", "main moves on")
    git(root, "checkout", "-q", "feature")
    write(root, "staged.py", HUMAN)
    git(root, "add", "staged.py")
    write(root, "keep.py", HUMAN + "# not staged\n")
    write(root, "untracked.py", HUMAN)
    write(root, "ignored.py", HUMAN)
    return root


def test_changed_since_is_the_pull_requests_diff_plus_uncommitted_work(pr: Path) -> None:
    assert changed_since(pr, "main") == [
        "a.py", "b2.py", "keep.py", "new.py", "staged.py", "sub/d.py", "untracked.py"
    ]  # fmt: skip
    # From a folder inside the repository: its files only, relative to it.
    assert changed_since(pr / "sub", "main") == ["d.py"]
    git(pr, "stash", "-q", "--include-untracked")
    assert changed_since(pr, "main") == ["a.py", "b2.py", "new.py", "sub/d.py"]  # the commits alone, as CI sees them
    assert changed_since(pr, "HEAD") == []


@pytest.mark.parametrize("ref", ["no-such-branch", "--output={out}", "main..feature"])
def test_an_unknown_revision_is_a_clear_error(pr: Path, tmp_path: Path, ref: str) -> None:
    ref = ref.format(out=tmp_path / "written")  # a ref that git would read as an option
    with pytest.raises(ChangedFilesError, match="unknown revision"):
        changed_since(pr, ref)
    done = run_cli("scan", ".", f"--changed-since={ref}", cwd=pr)
    assert done.returncode == 2 and "--changed-since: unknown revision" in done.stderr
    assert "fetch-depth: 0" in done.stderr  # what to do in CI
    assert not (tmp_path / "written").exists()


def test_outside_git_and_unrelated_history_are_clear_errors(tmp_path: Path, pr: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    write(plain, "a.py", AI)
    done = run_cli("scan", ".", "--changed-since", "main", cwd=plain)
    assert done.returncode == 2 and "not in a git repository" in done.stderr
    git(pr, "checkout", "-q", "--orphan", "other")
    git(pr, "commit", "-qm", "unrelated")
    with pytest.raises(ChangedFilesError, match="no common ancestor"):
        changed_since(pr, "main")


def test_scan_changed_since_reports_only_the_changed_files(pr: Path, tmp_path: Path) -> None:
    """An untagged AI-written file already on main is not the pull request's business;
    one the pull request adds is, and so is a sidecar edit that untags a file."""
    git(pr, "stash", "-q", "--include-untracked")
    git(pr, "checkout", "-q", "main")
    write(pr, "old_ai.py", AI)
    rec = sidecar.make_record(AI.splitlines(), 1, {"kind": "ai"}, "exclude")
    sidecar.update(pr, "old_ai.py", add=[rec])
    git(pr, "add", "-A")
    git(pr, "commit", "-qm", "tagged AI file")
    git(pr, "checkout", "-q", "-b", "pr2")
    write(pr, "a.py", HUMAN + "# small fix\n")
    git(pr, "commit", "-qam", "fix")
    cache = ["--cache", str(tmp_path / "cache.json")]
    done = run_cli("scan", ".", "--changed-since", "main", "--format", "json", *cache, cwd=pr)
    assert done.returncode == 0, done.stdout + done.stderr
    data = json.loads(done.stdout)
    assert data["totals"]["files"] == 1 and data["files"] == []
    write(pr, "agent.py", AI)
    git(pr, "add", "agent.py")
    done = run_cli("scan", ".", "--changed-since", "main", "--format", "json", *cache, cwd=pr)
    assert done.returncode == 1
    assert [f["path"] for f in json.loads(done.stdout)["files"]] == ["agent.py"]
    # Untagging old_ai.py (its sidecar emptied) brings it into the pull request.
    git(pr, "rm", "-qf", "agent.py")
    (pr / ".provmark" / "old_ai.py.json").unlink()
    done = run_cli("scan", ".", "--changed-since", "main", *cache, cwd=pr)
    assert done.returncode == 1 and "old_ai.py:" in done.stdout


def test_select_finds_what_walk_finds(tmp_path: Path) -> None:
    """select (named paths, no walk) keeps exactly the files walk would yield."""
    root = tmp_path / "t"
    files = "a.py b.txt src/c.ts src/gen/x.py src/keep/y.py node_modules/m.js vendor/v.go lib/vendor/w.go"
    for rel in (files + " deep/.venv/z.py ignored/i.py src/local.py UP.PY").split():
        write(root, rel, HUMAN)
    write(root, ".gitignore", "ignored/\n*.log\n")
    write(root, "src/.gitignore", "gen/\nlocal.py\n")
    (root / "link.py").symlink_to(root / "a.py")
    (root / "linkdir").symlink_to(root / "src", target_is_directory=True)
    everything = [p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() or p.is_symlink()]
    everything += ["linkdir/c.ts", "nope.py", "../t/a.py", "/etc/passwd.py", "src/../a.py"]
    assert select(root, everything) == sorted(walk(root))
    assert [rel for rel, _ in select(root, [".provmark/src/c.ts.json", "./a.py"])] == ["a.py", "src/c.ts"]


def test_a_scan_of_some_files_keeps_the_cache_of_the_others(tmp_path: Path) -> None:
    root = tmp_path / "c"
    write(root, "a.py", AI)
    write(root, "b.py", HUMAN)
    cache = tmp_path / "cache.json"
    scan(root, jobs=1, cache_path=cache, git=False)
    write(root, "b.py", HUMAN + "# changed\n")
    part = scan(root, jobs=1, cache_path=cache, git=False, paths=["b.py"])
    assert [f.path for f in part.files] == ["b.py"]
    assert set(Cache(cache, model_key()).files) == {"a.py", "b.py"}
    assert scan(root, jobs=1, cache_path=cache, git=False).cached_files == 2


# -- GitLab Code Quality -----------------------------------------------------------------
@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A repository whose scanned folder is `app/`: an untagged AI file, a tagged one, a
    stale record, a hand-written file."""
    root = tmp_path / "mixed"
    git(root.parent, "init", "-q", "-b", "main", str(root))
    app = root / "app"
    write(app, "ai.py", AI)
    write(app, "tagged.py", AI.replace("Cart", "Basket"))
    write(app, "walk.py", HUMAN)
    lines = (app / "tagged.py").read_text().splitlines()
    sidecar.update(app, "tagged.py", add=[sidecar.make_record(lines, 1, {"kind": "ai", "tool": "codex"}, "exclude")])
    gone = sidecar.make_record(["nothing like this", "is in the file"], 1, {"kind": "ai"}, "exclude")
    sidecar.update(app, "walk.py", add=[gone])
    return root


def test_codequality_report_is_valid_and_says_what_a_reviewer_needs(mixed: Path) -> None:
    report = scan(mixed / "app", jobs=1, use_cache=False, git=False)
    issues = to_codequality(report, "app/")
    schema(CODEQUALITY).validate(issues)
    assert len({i["fingerprint"] for i in issues}) == len(issues)  # GitLab merges equal fingerprints
    by_path: dict[str, list[dict[str, Any]]] = {}
    for i in issues:
        by_path.setdefault(i["location"]["path"], []).append(i)
    assert set(by_path) == {"app/ai.py", "app/walk.py"}  # tagged regions are no issue
    assert {i["severity"] for i in by_path["app/ai.py"]} == {"major"}
    assert all(i["check_name"].startswith("provmark/ai-") for i in by_path["app/ai.py"])
    assert [(i["check_name"], i["severity"]) for i in by_path["app/walk.py"]] == [("provmark/stale-record", "minor")]
    assert "def " not in json.dumps(issues) and "class " not in json.dumps(issues)  # no source text


def test_codequality_fingerprints_survive_edits_elsewhere_in_the_file(tmp_path: Path) -> None:
    """The merge request widget tells new issues from old ones by fingerprint: an edit
    above a block must not make it look new; two blocks of one name stay two issues."""
    root = tmp_path / "fp"
    write(root, "ai.py", AI)
    before = {i["fingerprint"] for i in to_codequality(scan(root, use_cache=False, git=False))}
    write(root, "ai.py", "# a comment at the top\n\n" + AI)
    assert before and before == {i["fingerprint"] for i in to_codequality(scan(root, use_cache=False, git=False))}

    def blocks(shift: int) -> list[str]:
        found = [
            Finding(s + shift, s + shift + 9, "warning", "ai-style", 0.9, path="a.py", name="get") for s in (0, 20)
        ]
        report = Report("/r", [FileReport("a.py", "python", 40, 0.9, found, False)], {}, [], 0.0, 0, 0, 0.5, 0.2)
        return [i["fingerprint"] for i in to_codequality(report)]

    assert len(set(blocks(0))) == 2 and blocks(0) == blocks(5)


def test_codequality_from_the_command_line(mixed: Path) -> None:
    """Paths relative to the repository (GitLab's requirement) when the scan starts in a
    folder of it; plain JSON bytes, no byte order mark."""
    out = mixed / "gl-code-quality-report.json"
    done = run_cli("scan", "app", "--no-cache", "--format", "codequality", "-o", str(out), cwd=mixed)
    assert done.returncode == 1, done.stderr  # app/ai.py is untagged AI-written code
    raw = out.read_bytes()
    assert raw.startswith(b"[") and not raw.startswith(b"\xef\xbb\xbf")
    issues = json.loads(raw)
    schema(CODEQUALITY).validate(issues)
    assert {i["location"]["path"] for i in issues} == {"app/ai.py", "app/walk.py"}


def test_the_schemas_reject_what_the_vendors_reject(mixed: Path) -> None:
    """The hand-written schemas are not vacuous: each documented requirement, broken, fails."""
    report = scan(mixed / "app", jobs=1, use_cache=False, git=False)
    issues = to_codequality(report, "app/")
    cq = schema(CODEQUALITY)
    for path, value in [(("severity",), "warning"), (("location", "path"), "/abs/app/ai.py"),
                        (("location", "lines", "begin"), 0), (("fingerprint",), "")]:  # fmt: skip
        bad = copy.deepcopy(issues)
        target = bad[0]
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        assert not cq.is_valid(bad), path
    for key in ("description", "check_name", "fingerprint", "severity", "location"):
        bad = copy.deepcopy(issues)
        del bad[0][key]
        assert not cq.is_valid(bad), key
    doc = to_sarif(report)
    gh = schema(SARIF_GITHUB)
    gh.validate(doc)
    result, rule = doc["runs"][0]["results"][0], doc["runs"][0]["tool"]["driver"]["rules"][0]
    for where, key in [(doc, "$schema"), (result, "partialFingerprints"), (result, "locations"),
                       (rule, "help"), (doc["runs"][0]["tool"]["driver"], "name")]:  # fmt: skip
        saved = where.pop(key)
        assert not gh.is_valid(doc), key
        where[key] = saved
    result["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert not gh.is_valid(doc)


def test_sarif_leaves_tagged_regions_out(mixed: Path) -> None:
    """GitHub code scanning opens an alert for every result, `suppressions` or not: a
    region someone tagged is decided, not a problem. The run's totals still count it."""
    report = scan(mixed / "app", jobs=1, use_cache=False, git=False)
    doc = to_sarif(report)
    schema(SARIF_GITHUB).validate(doc)
    results = doc["runs"][0]["results"]
    assert {r["ruleId"] for r in results} & {"ai-tagged", "human-tagged"} == set()
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {"ai.py", "walk.py"}
    assert doc["runs"][0]["properties"]["totals"]["tagged"] == 1


# -- the examples in docs/ci/, run as CI runs them --------------------------------------
GITHUB = ROOT / "docs" / "ci" / "github-provmark.yml"
GITLAB = ROOT / "docs" / "ci" / "gitlab-provmark.yml"


def provmark_commands(script: str) -> list[list[str]]:
    """The provmark command lines of a step's shell script."""
    return [shlex.split(line) for line in script.splitlines() if line.strip().startswith("provmark ")]


def parses(argv: list[str]) -> Any:
    """argv (without `provmark`) against the real command line: it must name commands and
    options that exist."""
    return build_parser().parse_args(argv)


def test_the_github_workflow_is_what_code_scanning_needs() -> None:
    doc = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    on = doc.get("on", doc.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in on
    assert doc["permissions"]["security-events"] == "write"
    (job,) = doc["jobs"].values()
    steps = job["steps"]
    uses = [s.get("uses", "") for s in steps]
    checkout = steps[uses.index("actions/checkout@v4")]
    assert checkout["with"]["fetch-depth"] == 0  # the base branch and the merge base
    assert "actions/setup-python@v5" in uses
    assert any("pip install" in s.get("run", "") for s in steps)
    assert job["env"]["BASE_REF"] == "${{ github.base_ref }}"
    (scan_step,) = [s for s in steps if provmark_commands(s.get("run", ""))]
    (argv,) = provmark_commands(scan_step["run"])
    args = parses(argv[1:])
    assert args.command == "scan" and args.changed_since == "origin/$BASE_REF" and args.format == "sarif"
    upload = steps[uses.index("github/codeql-action/upload-sarif@v3")]
    assert upload["with"]["sarif_file"] == str(args.output)
    assert "cancelled()" in upload["if"] or "always()" in upload["if"]  # uploaded when the scan fails the check
    assert uses.index("github/codeql-action/upload-sarif@v3") > steps.index(scan_step)


def test_the_gitlab_job_is_what_code_quality_needs() -> None:
    doc = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    (job,) = doc.values()
    assert job["rules"][0]["if"] == '$CI_PIPELINE_SOURCE == "merge_request_event"'
    assert job["variables"]["GIT_DEPTH"] == "0"
    (argv,) = [c for line in job["script"] for c in provmark_commands(line)]
    args = parses(argv[1:])
    assert args.command == "scan" and args.format == "codequality"
    assert args.changed_since == "$CI_MERGE_REQUEST_DIFF_BASE_SHA"
    assert job["artifacts"]["reports"]["codequality"] == str(args.output)
    assert job["artifacts"]["when"] == "always"


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A repository as CI checks out a pull request: a clone of `main` (an untagged AI
    file already there), on a branch that adds an agent's file and edits another."""
    upstream = tmp_path / "upstream"
    upstream.mkdir()
    git(upstream, "init", "-q", "-b", "main")
    write(upstream, "old_ai.py", AI)
    write(upstream, "walk.py", HUMAN)
    git(upstream, "add", "-A")
    git(upstream, "commit", "-qm", "main")
    git(tmp_path, "clone", "-q", str(upstream), "clone")
    root = tmp_path / "clone"
    git(root, "checkout", "-q", "-b", "feature")
    write(root, "agent.py", AI.replace("Cart", "Order"))
    write(root, "walk.py", HUMAN + "# fix\n")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "feature")
    return root


def shell_run(script: str, root: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """A step's provmark command run as the CI shell would: variables expanded by a
    shell, `provmark` being this checkout's."""
    bin_dir = root.parent / "bin"
    bin_dir.mkdir(exist_ok=True)
    shim = bin_dir / "provmark"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m provmark "$@"\n')
    shim.chmod(0o755)
    full = {**os.environ, **env, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    full["XDG_CACHE_HOME"] = str(root.parent / "cache")
    return subprocess.run(["sh", "-ec", script], cwd=root, env=full, capture_output=True, text=True, timeout=300)


def test_the_github_workflow_scan_on_a_pull_request(clone: Path) -> None:
    doc = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    (job,) = doc["jobs"].values()
    (step,) = [s for s in job["steps"] if provmark_commands(s.get("run", ""))]
    done = shell_run(step["run"], clone, {"BASE_REF": "main"})  # ${{ github.base_ref }} on a pull request
    assert done.returncode == 1, done.stderr  # the check fails: the pull request adds untagged AI code
    sarif = json.loads((clone / "provmark.sarif").read_text())
    schema(SARIF_GITHUB).validate(sarif)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert uris == {"agent.py"}  # not old_ai.py: main's, not the pull request's


def test_the_gitlab_job_scan_on_a_merge_request(clone: Path) -> None:
    doc = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    (job,) = doc.values()
    script = "\n".join(line for line in job["script"] if line.startswith("provmark "))
    base = git(clone, "merge-base", "origin/main", "HEAD").strip()
    done = shell_run(script, clone, {"CI_MERGE_REQUEST_DIFF_BASE_SHA": base})
    assert done.returncode == 1, done.stderr
    report = json.loads((clone / job["artifacts"]["reports"]["codequality"]).read_text())
    schema(CODEQUALITY).validate(report)
    assert {i["location"]["path"] for i in report} == {"agent.py"}


def test_the_guide_shows_what_the_files_and_the_command_line_do() -> None:
    """docs/ci.md's YAML parses, its commands exist, its hook ids are the hook file's, and
    its copies of the two CI files say what the files say."""
    guide = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", guide, re.S)]
    hooks = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    (config,) = [b for b in blocks if "repos" in b]
    assert {h["id"] for r in config["repos"] for h in r["hooks"]} == hooks
    # Every command line the guide shows, in code or in prose (a $(...) substitution dropped).
    lines = [re.sub(r"\$\([^)]*\)", "", x) for x in re.findall(r"provmark [a-z-]+[^`\n]*", guide)]
    commands = [shlex.split(x) for x in lines if "FILE..." not in x]
    assert len(commands) >= 6
    for argv in commands:
        parses(argv[1:])
    (gh,) = [b for b in blocks if "jobs" in b]
    (gl,) = [b for b in blocks if "provmark" in b]

    def steps(doc: dict[str, Any]) -> list[str]:
        return [s.get("run") or s.get("uses") for job in doc["jobs"].values() for s in job["steps"]]

    assert steps(gh) == steps(yaml.safe_load(GITHUB.read_text(encoding="utf-8")))
    assert gl["provmark"]["script"] == yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["provmark"]["script"]
