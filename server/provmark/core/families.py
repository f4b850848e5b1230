"""The language families the content model knows, and which family a file is in (by
its extension or the editor's language id). Apart from the model itself, so that what
only needs a file's family (walking a tree, a cached rescan) does not load the model's
code."""

from __future__ import annotations

from pathlib import Path

FAMILIES = ("python", "js", "go", "rust", "clike", "ruby", "other")

# A file's extension (lower case) -> its family.
EXTENSIONS = {
    ".py": "python",
    ".pyi": "python",
    ".pyw": "python",
    ".js": "js",
    ".mjs": "js",
    ".cjs": "js",
    ".jsx": "js",
    ".ts": "js",
    ".tsx": "js",
    ".mts": "js",
    ".cts": "js",
    ".go": "go",
    ".rs": "rust",
    ".java": "clike",
    ".kt": "clike",
    ".kts": "clike",
    ".scala": "clike",
    ".c": "clike",
    ".h": "clike",
    ".cc": "clike",
    ".cpp": "clike",
    ".cxx": "clike",
    ".hpp": "clike",
    ".hh": "clike",
    ".cs": "clike",
    ".swift": "clike",
    ".php": "clike",
    ".dart": "clike",
    ".m": "clike",
    ".rb": "ruby",
    ".rake": "ruby",
    ".gemspec": "ruby",
    ".sh": "other",
    ".bash": "other",
    ".lua": "other",
    ".pl": "other",
    ".r": "other",
    ".ex": "other",
    ".exs": "other",
    ".jl": "other",
    ".sql": "other",
}
# An LSP language id -> its family.
LANGUAGE_IDS = {
    "python": "python",
    "javascript": "js",
    "typescript": "js",
    "javascriptreact": "js",
    "typescriptreact": "js",
    "go": "go",
    "rust": "rust",
    "java": "clike",
    "c": "clike",
    "cpp": "clike",
    "csharp": "clike",
    "kotlin": "clike",
    "swift": "clike",
    "php": "clike",
    "scala": "clike",
    "dart": "clike",
    "ruby": "ruby",
}


def family_for(path: str | None = None, language_id: str | None = None) -> str:
    """The language family of a file, by the editor's language id first, else by its
    extension ("other" if neither is known)."""
    if language_id and language_id.lower() in LANGUAGE_IDS:
        return LANGUAGE_IDS[language_id.lower()]
    if path:
        suffix = Path(path).suffix.lower()
        if suffix in EXTENSIONS:
            return EXTENSIONS[suffix]
    return "other"
