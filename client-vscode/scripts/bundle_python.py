"""Bundle the Provmark server into the extension: bundled/libs holds provmark and every
package it needs, as pure Python, for any CPython 3.10+ on any platform.

Run by `npm run package` (through scripts/bundle-python.mjs), from client-vscode/:

    python scripts/bundle_python.py [--out bundled] [--wheelhouse DIR]

1. builds provmark's wheel from the repository (pip wheel --no-deps ..);
2. downloads its dependencies' wheels from the package registry, resolved for the oldest
   Python the server supports (3.10) and pinned by python-constraints.txt; a requirement
   that only some Pythons or platforms need (tomli, exceptiongroup on 3.10) is added too;
3. unpacks them into bundled/libs without their compiled modules: rapidfuzz then runs
   its own pure-Python implementation (the extension fetches the compiled one for the
   user's Python at first start, when the registry can be reached), and watchdog keeps
   the inotify and polling observers that Provmark uses, which are pure Python;
4. writes bundled/manifest.json and imports the server from the bundle alone to check it.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent  # client-vscode/
REPO = HERE.parent
CONSTRAINTS = HERE / "python-constraints.txt"
OLDEST = "3.10"
PYTHONS = ("3.10", "3.11", "3.12", "3.13", "3.14")
PLATFORMS = (("linux", "Linux", "posix"), ("darwin", "Darwin", "posix"), ("win32", "Windows", "nt"))
COMPILED = (".so", ".pyd", ".dylib", ".dll")
# The compiled modules fetched at first start, into the extension's storage (space-separated):
# rapidfuzz's scorers, and zstandard for Codex CLI's compressed sessions.
NATIVE = "rapidfuzz>=3.13,<4 zstandard>=0.22"


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pip(*args: str) -> None:
    cmd = [sys.executable, "-m", "pip", "--disable-pip-version-check", *args]
    r = subprocess.run(cmd, capture_output=True, text=True)
    noise = "is ignored: it is neither a file nor a directory"  # a find-links entry of this machine
    out = "\n".join(x for x in (r.stdout + r.stderr).splitlines() if noise not in x)
    if r.returncode != 0:
        sys.exit(f"bundle_python: {' '.join(cmd)} failed:\n{out}")


def markers():
    try:
        from packaging.requirements import Requirement
    except ImportError:  # pip carries its own copy
        from pip._vendor.packaging.requirements import Requirement  # type: ignore[no-redef]
    return Requirement


def wheel_meta(path: Path) -> tuple[str, str, list[str]]:
    with zipfile.ZipFile(path) as z:
        meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        text = z.read(meta).decode("utf-8")
    name = re.search(r"^Name: (.+)$", text, re.M)
    version = re.search(r"^Version: (.+)$", text, re.M)
    assert name and version, path
    return norm(name.group(1).strip()), version.group(1).strip(), re.findall(r"^Requires-Dist: (.+)$", text, re.M)


def needed(requires: list[str]) -> set[str]:
    """Names a package requires on any supported Python and platform (no extras)."""
    Requirement = markers()
    out = set()
    for line in requires:
        req = Requirement(line)
        if req.marker is None:
            out.add(norm(req.name))
            continue
        for py in PYTHONS:
            for sys_platform, system, os_name in PLATFORMS:
                env = {"python_version": py, "python_full_version": py + ".0", "sys_platform": sys_platform,
                       "platform_system": system, "os_name": os_name, "implementation_name": "cpython",
                       "platform_python_implementation": "CPython", "extra": ""}
                if req.marker.evaluate(env):
                    out.add(norm(req.name))
    return out


def download(wheelhouse: Path, provmark: Path) -> dict[str, Path]:
    """provmark's wheel and all it needs, for Python 3.10 (so for every later one)."""
    extra: set[str] = set()
    while True:
        pip("download", "-q", "-d", str(wheelhouse), "--only-binary", ":all:", "--python-version", OLDEST,
            "--implementation", "cp", "--abi", "cp310", "--abi", "abi3", "--abi", "none",
            "--platform", "manylinux2014_x86_64", "--platform", "any", "-c", str(CONSTRAINTS),
            str(provmark), *sorted(extra))
        wheels = {wheel_meta(w)[0]: w for w in wheelhouse.glob("*.whl")}
        wanted = set()
        for w in wheels.values():
            wanted |= needed(wheel_meta(w)[2])
        missing = wanted - set(wheels) - extra
        if not missing:
            return {n: w for n, w in wheels.items() if n in wanted | {"provmark"}}
        extra |= missing  # pip evaluates markers for the Python running it: add them by name


def unpack(wheel: Path, libs: Path) -> list[str]:
    """A wheel's files into libs, as pip would for a pure package; returns the compiled
    modules left out."""
    dropped = []
    with zipfile.ZipFile(wheel) as z:
        for info in z.infolist():
            name = info.filename
            if name.endswith("/"):
                continue
            if name.endswith(COMPILED) or "/__pyinstaller/" in name:
                dropped.append(name)
                continue
            parts = name.split("/")
            if parts[0].endswith(".data"):
                if len(parts) < 3 or parts[1] not in ("purelib", "platlib"):
                    continue  # scripts, headers, data: the server needs none
                parts = parts[2:]
            target = libs.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(z.read(info))
    return dropped


def smoke(libs: Path) -> None:
    """Import the server, the report and rapidfuzz from the bundle alone."""
    code = (
        "import sys; sys.path[:0] = [sys.argv[1]]\n"
        "import provmark, provmark.cli, provmark.lsp.server, provmark.batch.html_report, rapidfuzz.fuzz as f\n"
        "assert provmark.__file__.startswith(sys.argv[1]), provmark.__file__\n"
        "assert f.ratio('provmark', 'provmark') == 100\n"
    )
    r = subprocess.run([sys.executable, "-I", "-c", code, str(libs)], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"bundle_python: the bundled server does not import:\n{r.stderr}")


def build_provmark(wheelhouse: Path) -> Path:
    args = ["wheel", "-q", "--no-deps", str(REPO), "-w", str(wheelhouse)]
    try:  # setuptools here already: no isolated build environment to make (seconds)
        import setuptools

        if int(setuptools.__version__.split(".")[0]) >= 77:
            args.insert(1, "--no-build-isolation")
    except ImportError:
        pass
    pip(*args)
    return next(wheelhouse.glob("provmark-*.whl"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=HERE / "bundled")
    ap.add_argument("--wheelhouse", type=Path, help="keep the wheels here (default: a temporary folder)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        house = args.wheelhouse or Path(tmp)
        house.mkdir(parents=True, exist_ok=True)
        for old in house.glob("provmark-*.whl"):
            old.unlink()
        wheels = download(house, build_provmark(house))
        out = args.out
        shutil.rmtree(out, ignore_errors=True)
        libs = out / "libs"
        libs.mkdir(parents=True)
        packages, stripped = {}, {}
        for name, w in sorted(wheels.items()):
            packages[name] = wheel_meta(w)[1]
            dropped = unpack(w, libs)
            if dropped:
                stripped[name] = len(dropped)
    smoke(libs)
    manifest = {
        "provmark": packages["provmark"],
        "requires_python": ">=" + OLDEST,
        "packages": packages,
        "stripped": stripped,  # packages whose compiled modules were left out (count)
        "native": NATIVE,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    files = sum(1 for p in libs.rglob("*") if p.is_file())
    size = sum(p.stat().st_size for p in libs.rglob("*") if p.is_file())
    print(f"bundled/libs: {len(packages)} packages, {files} files, {size / 1e6:.1f} MB; compiled parts left out: "
          + (", ".join(f"{k} ({v})" for k, v in stripped.items()) or "none"))


if __name__ == "__main__":
    main()
