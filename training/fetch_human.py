"""Fetch the hand-written half of the training corpus: source files of package releases
published before 2021, through the ordinary clients (pip, npm, apt-get download).

    python training/fetch_human.py [--out DIR]

Nothing fetched is committed; `human.json` lists what to fetch, and each release lands in
DIR/<repo>/ (default ~/.cache/provmark-train/human) with a SOURCE file naming it. A
release already there is not fetched again.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = Path.home() / ".cache" / "provmark-train" / "human"
EXTENSIONS = {".py", ".js", ".mjs", ".ts", ".tsx", ".go", ".rs", ".java", ".c", ".h", ".cc", ".cpp", ".hpp", ".cs"}
# Folders that hold other people's code, bundles or data rather than the release's own source.
SKIP_PARTS = {"node_modules", "vendor", "dist", "build", "umd", "bundles", "fixtures", "testdata", "_vendor"}
MIN_BYTES, MAX_BYTES = 400, 100_000


def _run(cmd: list[str], cwd: Path) -> None:
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: {done.stderr.strip()[-400:]}")


def _download(entry: dict, into: Path) -> Path:
    if "pypi" in entry:
        cmd = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", str(into), entry["pypi"]]
        try:  # the sdist has the tests too; some old sdists no longer build their metadata
            _run([*cmd, "--no-binary", ":all:"], into)
        except RuntimeError:
            _run([*cmd, "--only-binary", ":all:"], into)
    elif "npm" in entry:
        _run(["npm", "pack", "--silent", entry["npm"]], into)
    elif "deb" in entry:
        _run(["apt-get", "download", "-q", entry["deb"]], into)
    else:
        raise ValueError(f"no source in {entry}")
    archives = [p for p in into.iterdir() if p.is_file()]
    if len(archives) != 1:
        raise RuntimeError(f"expected one archive for {entry['repo']}, got {len(archives)}")
    return archives[0]


def _unpack(archive: Path, into: Path) -> Path:
    name = archive.name
    if name.endswith(".deb"):
        _run(["dpkg-deb", "-x", str(archive), str(into)], into)
        return into
    if name.endswith((".zip", ".whl")):
        with zipfile.ZipFile(archive) as z:
            z.extractall(into)
    else:
        with tarfile.open(archive) as t:
            t.extractall(into, filter="data")
    tops = list(into.iterdir())
    return tops[0] if len(tops) == 1 and tops[0].is_dir() else into


def _wanted(path: Path, rel: Path) -> bool:
    if path.suffix not in EXTENSIONS or path.name.endswith((".d.ts", ".min.js")):
        return False
    if any(part in SKIP_PARTS for part in rel.parts[:-1]):
        return False
    size = path.stat().st_size
    return MIN_BYTES <= size <= MAX_BYTES


def fetch(entry: dict, out: Path) -> int:
    dest = out / entry["repo"]
    if (dest / "SOURCE").exists():
        return -1
    with tempfile.TemporaryDirectory() as tmp:
        dl, unpacked = Path(tmp, "dl"), Path(tmp, "x")
        dl.mkdir()
        unpacked.mkdir()
        root = _unpack(_download(entry, dl), unpacked)
        if entry.get("under"):
            root = root / entry["under"]
        shutil.rmtree(dest, ignore_errors=True)
        count = 0
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(root)
            if path.is_file() and not path.is_symlink() and _wanted(path, rel):
                target = dest / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
                count += 1
    source = entry.get("pypi") or entry.get("npm") or entry.get("deb")
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "SOURCE").write_text(f"{source}\n", encoding="utf-8")
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--list", type=Path, default=HERE / "human.json")
    args = parser.parse_args()
    failed = 0
    for entry in json.loads(args.list.read_text(encoding="utf-8")):
        try:
            n = fetch(entry, args.out)
        except (RuntimeError, OSError, ValueError, tarfile.TarError, zipfile.BadZipFile) as exc:
            failed += 1
            print(f"{entry.get('repo')}: {exc}", file=sys.stderr)
            continue
        print(f"{entry['repo']}: {'cached' if n < 0 else f'{n} files'}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
