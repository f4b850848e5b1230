"""`provmark report` over a large tree: time and the page's size, first run and with the
scan's cache warm, beside `provmark scan` and `provmark manifest` on the same tree.

    python benchmarks/bench_report.py [--files 100000] [--no-repo] [--keep]

Builds a git repository of small Python files, 100 to a folder, 3 levels deep: every
50th file reads AI-written (the content model flags it), every 100th has a sidecar
with a tagged AI record, every 200th an unreviewed one, every 1,000th a broken sidecar;
one commit (January 2025) holds them all, a second (June 2025, declaring Claude Code)
adds a 10-line function to every 200th file. Each command runs as a child process with its own
home and cache folders (no AI tools' logs of this machine are read); the warm runs are
interleaved, --rounds times, and the best of each kept, with its CPU time (the child and
its workers), which load on a shared machine moves less than wall time. The page must
stay small whatever the tree: its sections are capped.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # tests/support: shared samples

from provmark.sources import sidecar
from support.samples import AI_ANSWER, AI_BLOCK

PER_DIR = 100


def human(i: int) -> str:
    return "".join(f"def f_{i}_{k}(x):\n    return g(x, {k})\n\n" for k in range(4))


def ai(i: int) -> str:
    return AI_BLOCK.replace("parse_duration", f"parse_duration_{i}") + "\n" + AI_ANSWER.replace("chunked", f"chunk_{i}")


def rel_of(i: int) -> str:
    return f"pkg{i // 10_000}/mod{i // 1_000 % 10}/part{i // PER_DIR % 10}/m{i}.py"


def build(root: Path, files: int, repo: bool) -> dict[str, int]:
    counts = {"ai": 0, "tagged": 0, "unreviewed": 0, "broken": 0}
    for i in range(files):
        path = root / rel_of(i)
        if i % PER_DIR == 0:
            path.parent.mkdir(parents=True, exist_ok=True)
        text = ai(i) if i % 50 == 25 else human(i)
        counts["ai"] += i % 50 == 25
        path.write_text(text)
        lines = text.splitlines()
        if i % 1000 == 7:
            bad = sidecar.sidecar_path(root, rel_of(i))
            bad.parent.mkdir(parents=True, exist_ok=True)
            bad.write_text("{not json")
            counts["broken"] += 1
        elif i % 100 == 3:
            rec = sidecar.make_record(lines[:4], 1, {"kind": "ai", "tool": "claude-code", "model": "m"}, "exclude")
            sidecar.update(root, rel_of(i), add=[rec])
            counts["tagged"] += 1
        elif i % 200 == 11:
            rec = sidecar.make_record(
                lines[4:8], 5, {"kind": "unknown", "tool": "codex"}, "exclude",
                evidence=[{"signal": "written-on-disk", "weight": 1.2}], tagged_by="provmark",
                status="unreviewed", score=0.8,
            )  # fmt: skip
            sidecar.update(root, rel_of(i), add=[rec])
            counts["unreviewed"] += 1
    if repo:
        dated = {"GIT_AUTHOR_DATE": "2025-01-15T10:00:00Z", "GIT_COMMITTER_DATE": "2025-01-15T10:00:00Z"}
        git_env(root, dated, "init", "-q", "-b", "main")
        git_env(root, dated, "add", "-A")
        git_env(root, dated, "commit", "-qm", "init")
        for i in range(0, files, 200):
            with open(root / rel_of(i), "a") as f:
                body = "".join(f"    y{k} = h(x, {k} + {i})\n" for k in range(8))
                f.write(f"\ndef added_{i}(x):\n{body}    return y0\n")
        june = {"GIT_AUTHOR_DATE": "2025-06-10T10:00:00Z", "GIT_COMMITTER_DATE": "2025-06-10T10:00:00Z"}
        git_env(root, june, "commit", "-qam", "Add helpers\n\nCo-Authored-By: Claude <noreply@anthropic.com>")
    return counts


def git_env(root: Path, env: dict[str, str], *args: str) -> None:
    full = {**os.environ, "GIT_AUTHOR_NAME": "dev", "GIT_AUTHOR_EMAIL": "d@x", "GIT_COMMITTER_NAME": "dev",
            "GIT_COMMITTER_EMAIL": "d@x", **env}  # fmt: skip
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=full)


def timed(args: list[str], env: dict[str, str], out: Path | None = None) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (the child and its workers) and the output's size of one
    `provmark` run (stdout to `out`)."""
    exe = shutil.which("provmark", path=str(Path(sys.executable).parent)) or "provmark"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with open(out or os.devnull, "wb") as sink:
        r = subprocess.run([exe, *args], env=env, stdout=sink, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if r.returncode not in (0, 1):
        sys.stderr.write(r.stderr.decode(errors="replace")[-3000:])
        raise SystemExit(f"provmark {args[0]} failed ({r.returncode})")
    return seconds, cpu, out.stat().st_size if out else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=2, help="warm runs of each command, interleaved (best kept)")
    ap.add_argument("--no-repo", dest="repo", action="store_false", help="a plain folder, no git history")
    ap.add_argument("--keep", action="store_true", help="keep the tree and the reports (printed)")
    args = ap.parse_args()
    base = Path(tempfile.mkdtemp(prefix="pm-report-"))
    root = base / "tree"
    root.mkdir()
    env = {**os.environ, "HOME": str(base / "home"), "XDG_CACHE_HOME": str(base / "cache")}
    t0 = time.perf_counter()
    counts = build(root, args.files, args.repo)
    print(f"built {args.files:,} files ({counts}) in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    commands = {
        "report, again (scan's cache warm)": (["report", str(root), "--stdout", "--progress", "never"], "r2.html"),
        "scan --format json, cache warm": (["scan", str(root), "--format", "json", "--progress", "never"], "s.json"),
        "manifest": (["manifest", str(root)], "m.jsonl"),
    }
    try:
        cold = timed(["report", str(root), "--stdout", "--progress", "never"], env, base / "r1.html")
        best: dict[str, tuple[float, float, int]] = {}
        for _ in range(args.rounds):  # interleaved: a burst of load elsewhere hits all of them alike
            for what, (argv, out) in commands.items():
                got = timed(argv, env, base / out)
                best[what] = min(best.get(what, got), got)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"\n{args.files:,} files{'' if args.repo else ' (no git)'}; peak memory of a child {peak:.0f} MB\n")
        print("| what | wall s | CPU s | page |\n|---|---|---|---|")
        rows = [("report, first run (scan's cache empty)", cold), *best.items()]
        for what, (wall, cpu, n) in rows:
            print(f"| {what} | {wall:.1f} | {cpu:.1f} | {f'{n:,} bytes' if n and what.startswith('report') else '-'} |")
        rep, scan, man = (best[w] for w in commands)
        print(f"\nreport (warm) against scan + manifest: wall {rep[0] / (scan[0] + man[0]):.2f}x, "
              f"CPU {rep[1] / (scan[1] + man[1]):.2f}x")  # fmt: skip
    finally:
        if args.keep:
            print(f"kept: {base}", file=sys.stderr)
        else:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
