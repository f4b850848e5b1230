"""Reading labelled code for training and evaluating the content model: files from
folders, code fences from Markdown chat answers, and the blocks each file splits into."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from provmark.core.families import EXTENSIONS, family_for
from provmark.core.style import judging_units

FENCE = re.compile(r"^```[ \t]*([\w+#-]*)[^\n]*\n(.*?)^```", re.M | re.S)
FENCE_LANG = {
    "python": ".py",
    "py": ".py",
    "javascript": ".js",
    "js": ".js",
    "jsx": ".jsx",
    "typescript": ".ts",
    "ts": ".ts",
    "tsx": ".tsx",
    "go": ".go",
    "golang": ".go",
    "rust": ".rs",
    "rs": ".rs",
    "java": ".java",
    "kotlin": ".kt",
    "c": ".c",
    "cpp": ".cpp",
    "c++": ".cpp",
    "csharp": ".cs",
    "cs": ".cs",
    "ruby": ".rb",
    "rb": ".rb",
    "php": ".php",
}
MIN_BLOCK_NONBLANK = 4


@dataclass(frozen=True)
class Sample:
    repo: str
    path: str
    family: str
    label: int  # 1: AI-written, 0: hand-written
    text: str
    kind: str  # "file" or "block"
    group: str = ""  # hand-written: the era ("modern", "old"); AI-written: the style ("terse", "tests", ...)


def source_files(root: Path) -> Iterator[tuple[Path, str, str]]:
    """(path, family, text) for every source file under root; Markdown yields its code fences."""
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.name == "SOURCE":
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        if path.suffix == ".md":
            for i, m in enumerate(FENCE.finditer(text)):
                ext = FENCE_LANG.get(m.group(1).lower())
                if ext and m.group(2).strip():
                    yield path.with_name(f"{path.name}#{i}{ext}"), family_for(f"x{ext}"), m.group(2)
        elif path.suffix.lower() in EXTENSIONS:
            yield path, family_for(str(path)), text


def samples(root: Path, repo: str, label: int, group: str = "") -> Iterator[Sample]:
    for path, family, text in source_files(root):
        rel = str(path.relative_to(root)) if path.is_relative_to(root) else path.name
        yield Sample(repo, rel, family, label, text, "file", group)
        lines = text.splitlines()
        for block in judging_units(text):
            body = "\n".join(lines[block.start : block.end])
            if sum(1 for ln in lines[block.start : block.end] if ln.strip()) >= MIN_BLOCK_NONBLANK:
                yield Sample(repo, f"{rel}:{block.start + 1}", family, label, body, "block", group)


def auroc(pos: list[float], neg: list[float]) -> float | None:
    """Probability that a random positive scores above a random negative (ties count half)."""
    if not pos or not neg:
        return None
    ranked = sorted([(s, 1) for s in pos] + [(s, 0) for s in neg])
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mid = (i + j + 1) / 2  # 1-based mean rank of the tie group
        rank_sum += mid * sum(1 for k in range(i, j) if ranked[k][1] == 1)
        i = j
    return (rank_sum - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))
