"""The content model: cheap, explainable style features of a piece of code, and a
logistic model over them per language family that says how AI-written it looks.

Every feature is a ratio or a mean, so a block and a whole file are scored alike. The
weights come from `training/train.py` and ship as `data/style-model.json`; a missing or
broken weights file leaves the model out (score None), it never stops the server.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

FAMILIES = ("python", "js", "go", "rust", "clike", "other")

_EXT_FAMILY = {
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
    ".rb": "other",
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
_LANG_FAMILY = {
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
}
_HASH_COMMENT = {"python", "other"}

FEATURES = (
    "comment_ratio",  # comment lines among non-blank lines
    "comment_capital",  # line comments that start with a capital letter, like a sentence
    "comment_words",  # mean words per comment line
    "comment_period",  # comment lines ending in a full stop
    "todo",  # TODO / FIXME / XXX / HACK notes, which people leave and assistants rarely do
    "doc_ratio",  # definitions carrying a docstring or doc comment
    "ident_len",  # mean identifier length
    "short_ident",  # identifiers of one or two characters
    "multiword_ident",  # identifiers made of two or more words
    "line_len",  # mean length of non-blank lines
    "long_lines",  # lines over 100 characters
    "trailing_ws",  # lines ending in spaces or tabs
    "tab_indent",  # indented lines indented with tabs
    "odd_indent",  # indented lines whose width is not a multiple of two
    "blank_ratio",  # blank lines among all lines
    "blank_runs",  # blank lines next to another blank line (outside the PEP 8 pair between defs)
    "modern",  # syntax and library calls of recent language versions
    "legacy",  # syntax of older versions that modern code avoids
    "interpolation",  # string interpolation (f-strings, template literals) among string building
    "interpolation_rate",  # lines with string interpolation
    "typed",  # annotated definitions (Python)
    "non_ascii",  # lines with characters outside ASCII (emoji in messages, arrows in comments)
    "licence",  # a copyright or licence notice
    "print_calls",  # print / console.log / println lines
    "error_text",  # raised or returned errors carrying a formatted message
    "double_quotes",  # double-quoted among all quoted strings
)

# A ratio with nothing to count (no comments, no strings): the model then uses the
# training mean, so the feature neither raises nor lowers the score.
UNKNOWN = float("nan")

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_KEYWORDS = frozenset(
    """and as assert async await break case catch class const continue def default defer del delete do
    elif else enum except export extends false final finally fn for from func function go if impl import
    in instanceof interface is lambda let loop match mod mut new nil none not null or package pass private
    protected pub public raise return self static struct super switch this throw true try type typeof use
    var void where while with yield string int bool float str dict list none true false""".split()
)
_TODO = re.compile(r"\b(TODO|FIXME|XXX|HACK)\b")
_LICENCE = re.compile(r"(?i)\b(copyright|licen[cs]ed? under|all rights reserved|SPDX-License)")
_LEADING_WS = re.compile(r"^[ \t]*")

# Per family: (definition start, doc follows or precedes, modern syntax, legacy syntax,
# interpolation, other string building, print calls, error with a message).
_PY_DEF = re.compile(r"^\s*(async\s+def|def|class)\s+\w+")
_PY_MODERN = re.compile(
    r"(?<![\w\-'\"])[rR]?[fF][rR]?[\"']|\bfrom __future__ import annotations|\bdataclass\b|\bpathlib\b|\bPath\(|:=|"
    r"\b(list|dict|tuple|set)\[|\| None\b|\bmatch \w+:|\btyping\b|\bNamedTuple\b|\bEnum\b|\bperf_counter\b"
)
_PY_LEGACY = re.compile(
    r"\(object\)\s*:|\bsuper\(\w+,\s*self\)|\bu[\"']|%\s*\(|[\"']\s*%\s*[\w(]|\.format\(|\bprint\s+[\"'\w]|"
    r"\bbasestring\b|\bunicode\(|\bxrange\b|\biteritems\b|\bsix\.|\bexcept \w+, \w+:|\bhas_key\("
)
_PY_INTERP = re.compile(r"(?<![\w\-'\"])[rR]?[fF][rR]?[\"']")
_PY_BUILD = re.compile(r"[\"']\s*%\s*[\w(]|\.format\(|[\"']\s*\+\s*\w|\w\s*\+\s*[\"']")
_PY_PRINT = re.compile(r"^\s*print\(")
_PY_ERROR = re.compile(r"\braise \w+\(f?[\"']")
_PY_TYPED = re.compile(r"\)\s*->\s*[\w\[\"']|[(,]\s*\*{0,2}\w+\s*:\s*[\w\[\"']")

_JS_DEF = re.compile(
    r"^\s*(export\s+)?(default\s+)?(async\s+)?(function\*?\s+\w+|class\s+\w+|(const|let)\s+\w+\s*=\s*(async\s*)?\(|"
    r"(public|private|protected|static|async)?\s*\w+\s*\([^)]*\)\s*(:\s*[^{]+)?\{\s*$)"
)
_JS_MODERN = re.compile(
    r"\bconst\b|\blet\b|=>|\basync\b|\bawait\b|\?\.|\?\?|`|\.\.\.\w|\bimport\s|\bexport\s|\binterface\s|"
    r"\breadonly\b|\bPromise<|\bRecord<|\bunknown\b|\bclass \w+|\bnew Map\b|\bObject\.entries\b"
)
_JS_LEGACY = re.compile(
    r"\bvar\b|\bfunction\s*\(|\.prototype\.|\bself\s*=\s*this\b|\barguments\b|\.call\(this|\.apply\(this|"
    r"===?\s*undefined|\btypeof \w+ === ['\"]undefined|\bexports\.\w+\s*=|\b_this\b|\.bind\(this\)"
)
_JS_INTERP = re.compile(r"`[^`]*\$\{")
_JS_BUILD = re.compile(r"['\"]\s*\+\s*\w|\w\s*\+\s*['\"]")
_JS_PRINT = re.compile(r"^\s*console\.(log|error|warn|info)\(")
_JS_ERROR = re.compile(r"\bthrow new \w+\(\s*[`'\"]")

_GO_DEF = re.compile(r"^func\s|^type\s+\w+\s+(struct|interface)")
_GO_MODERN = re.compile(
    r"\bany\b|\[\w+ (any|comparable)\]|\berrors\.(Is|As)\(|%w|\bcontext\.\w+|\bmin\(|\bmax\(|\bslices\.|"
    r"\bmaps\.|\bsignal\.NotifyContext\b|\bhttp\.NewRequestWithContext\b|\bt\.Run\("
)
_GO_LEGACY = re.compile(r"\binterface\{\}|\bioutil\.|\bgolang\.org/x/net/context\b|\bsort\.Sort\(|\bos\.SEEK_")
_GO_BUILD = re.compile(r"\bfmt\.Sprintf\(|\"\s*\+\s*\w|\w\s*\+\s*\"")
_GO_PRINT = re.compile(r"^\s*(fmt\.Print|log\.Print|println\()")
_GO_ERROR = re.compile(r"\b(fmt\.Errorf|errors\.New)\(\s*\"")

_RS_DEF = re.compile(r"^\s*(pub(\([^)]*\))?\s+)?(fn|struct|enum|impl|trait|mod)\b")
_RS_MODERN = re.compile(
    r"\banyhow\b|\bthiserror\b|\bOnceLock\b|\bLazyLock\b|\blet\s+\w+\s*=.*\belse\s*\{|\bimpl\s+\w+\s+for\b|"
    r"\bimpl (AsRef|Into|Fn)|\{\w+(:[^}]*)?\}\"|\bclap::Parser\b|#\[derive\(.*Parser|#\[command|#\[arg"
)
_RS_LEGACY = re.compile(r"\btry!\(|\bextern crate\b|\.description\(\)|\bBox<Error>|\bstd::error::Error \+|&Fn\(")
_RS_BUILD = re.compile(r"\bformat!\(")
_RS_PRINT = re.compile(r"^\s*(e?println!|print!)\(")
_RS_ERROR = re.compile(r"#\[error\(\"|\bErr\(\w+::\w+\s*\{|\bbail!\(|\.context\(\"|\.with_context\(")

_C_DEF = re.compile(
    r"^\s*(public|private|protected|static|final|abstract|override|internal|fun|func|def)\b.*[({]\s*$|"
    r"^\s*(class|interface|enum|record|struct)\s+\w+"
)
_C_MODERN = re.compile(
    r"\bvar\s+\w+\s*=|\bOptional<|\.stream\(\)|->|\bList\.of\(|\bMap\.of\(|\brecord\s+\w+|\bswitch\b.*->|"
    r"\bauto\b|\bnullptr\b|\bstd::(optional|unique_ptr|make_unique|string_view)\b|\?\.|\bsuspend\b|\bval\b"
)
_C_LEGACY = re.compile(r"\bnew (Vector|Hashtable|StringBuffer)\b|\bNULL\b|\bmalloc\(|\bregister\b|\bsprintf\(|\bgoto\b")
_C_BUILD = re.compile(r"\bString\.format\(|\"\s*\+\s*\w|\w\s*\+\s*\"")
_C_PRINT = re.compile(r"^\s*(System\.out\.print|printf\(|std::cout|Console\.Write|println\(|print\()")
_C_ERROR = re.compile(r"\bthrow new \w+\(\s*\"|\bthrow new \w+\(\s*String\.format")

_NEVER = re.compile(r"(?!x)x")


@dataclass(frozen=True)
class _Syntax:
    definition: re.Pattern[str]
    modern: re.Pattern[str]
    legacy: re.Pattern[str]
    interp: re.Pattern[str]
    build: re.Pattern[str]
    printing: re.Pattern[str]
    error: re.Pattern[str]


_SYNTAX = {
    "python": _Syntax(_PY_DEF, _PY_MODERN, _PY_LEGACY, _PY_INTERP, _PY_BUILD, _PY_PRINT, _PY_ERROR),
    "js": _Syntax(_JS_DEF, _JS_MODERN, _JS_LEGACY, _JS_INTERP, _JS_BUILD, _JS_PRINT, _JS_ERROR),
    "go": _Syntax(_GO_DEF, _GO_MODERN, _GO_LEGACY, _NEVER, _GO_BUILD, _GO_PRINT, _GO_ERROR),
    "rust": _Syntax(_RS_DEF, _RS_MODERN, _RS_LEGACY, re.compile(r"\{\w+(:[^}]*)?\}"), _RS_BUILD, _RS_PRINT, _RS_ERROR),
    "clike": _Syntax(_C_DEF, _C_MODERN, _C_LEGACY, re.compile(r"\$\"|\$\{|\"\"\""), _C_BUILD, _C_PRINT, _C_ERROR),
    "other": _Syntax(
        re.compile(r"^\s*(def|function|fn|sub|proc)\s+\w+"),
        _NEVER,
        _NEVER,
        re.compile(r"#\{|\$\{|\$\w"),
        re.compile(r"\"\s*\+|\+\s*\""),
        re.compile(r"^\s*(puts|echo|print)\b"),
        re.compile(r"\b(raise|die|error)\b.*[\"']"),
    ),
}


def _fast(pattern: str) -> re.Pattern[str]:
    """Compiled to count over a whole block at once (^ is a line start). A leading \\b on
    an alternative stops the regex engine's literal-prefix search and makes it ten times
    slower; without it "xdataclass" would count too, which costs nothing measurable."""
    if pattern.startswith("\\b"):
        pattern = pattern[2:]
    return re.compile(pattern.replace("|\\b", "|"), re.M)


_SYNTAX = {
    name: _Syntax(*(_fast(getattr(syn, f).pattern) for f in _Syntax.__dataclass_fields__))
    for name, syn in _SYNTAX.items()
}


def family_for(path: str | None = None, language_id: str | None = None) -> str:
    if language_id and language_id.lower() in _LANG_FAMILY:
        return _LANG_FAMILY[language_id.lower()]
    if path:
        suffix = Path(path).suffix.lower()
        if suffix in _EXT_FAMILY:
            return _EXT_FAMILY[suffix]
    return "other"


_GUESS = {
    "python": re.compile(
        r"^\s*(async\s+)?def \w+\(.*\)\s*(->.*)?:\s*$|^\s*(from [\w.]+ )?import \w[\w., ]*$|^\s*class \w+.*:\s*$|"
        r"^\s*(elif|except|with) .*:\s*$|^\s*@\w+|\bself\.|\bNone\b|^\s*\"\"\"|^\s*(if|for|while) .*:\s*$"
    ),
    "go": re.compile(
        r"^func |^package \w+\s*$|:= |\berr != nil\b|\bfmt\.\w+\(|\[\](string|byte|int)\b|\bstruct \{|"
        r"^\t+(return|if|for|defer|go)\b|\bnil\b"
    ),
    "rust": re.compile(
        r"\bfn \w+|\blet mut\b|^\s*impl\b|\w::\w|&str\b|&self\b|#\[(derive|test|cfg)|\bpub (fn|struct|enum)\b|"
        r"\bprintln!|\bOk\(|\bSome\(|\.unwrap\(\)|\bmatch \w+ \{"
    ),
    "js": re.compile(
        r"\b(const|let|var) \w+\s*=|\bfunction\b|=>|\brequire\(|module\.exports|console\.\w+\(|===|"
        r"^\s*(export|import) |\binterface \w+ \{|\bundefined\b"
    ),
    "clike": re.compile(
        r"\b(public|private|protected)\s+(static\s+)?(final\s+)?[\w<>\[\]]+\s+\w+\s*[({=;]|System\.out|#include|"
        r"\bstd::|@Override|\bnew \w+(<.*>)?\(|\bString\[\]|\bvoid \w+\("
    ),
}


def guess_family(text: str) -> str | None:
    """The language family the text itself is written in, when it says so clearly (a
    chat answer in Python pasted into a JavaScript file is scored as Python)."""
    hits = dict.fromkeys(_GUESS, 0)
    for line in text.splitlines()[:400]:
        if not line.strip():
            continue
        for family, pattern in _GUESS.items():
            if pattern.search(line):
                hits[family] += 1
    ranked = sorted(hits.items(), key=lambda kv: -kv[1])
    (best, top), (_, second) = ranked[0], ranked[1]
    if top >= 3 and top >= 1.5 * second:
        return best
    return None


def _comment_text(stripped: str, family: str, in_block: bool) -> tuple[str | None, bool]:
    """The text of a comment line (None when the line is code) and whether a /* block goes on."""
    if in_block:
        end = "*/" in stripped
        return stripped.split("*/")[0].lstrip("*").strip(), not end
    if family in _HASH_COMMENT:
        if stripped.startswith("#") and not stripped.startswith("#!"):
            return stripped.lstrip("#").strip(), False
        return None, False
    if stripped.startswith("//"):
        return stripped.lstrip("/").lstrip("!").strip(), False
    if stripped.startswith("/*"):
        return stripped[2:].lstrip("*").split("*/")[0].strip(), "*/" not in stripped[2:]
    if family == "python" and stripped.startswith("#"):
        return stripped.lstrip("#").strip(), False
    return None, False


def _docstring_lines(lines: list[str]) -> set[int]:
    """Lines inside Python triple-quoted strings that open a line (docstrings, mostly)."""
    inside: set[int] = set()
    quote: str | None = None
    for i, line in enumerate(lines):
        s = line.strip()
        if quote is None:
            for q in ('"""', "'''"):
                body = s[1:] if s[:1] in "rRbBuU" and s[1:4] == q else s
                if body.startswith(q):
                    inside.add(i)
                    if body.count(q) == 1:
                        quote = q
                    break
        else:
            inside.add(i)
            if quote in s:
                quote = None
    return inside


def _split_comments(lines: list[str], family: str, docstrings: set[int]) -> tuple[list[str], list[str]]:
    """The comments' (and docstrings') text, and the code lines."""
    comments: list[str] = []
    code_lines: list[str] = []
    in_block = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if i in docstrings:
            comments.append(stripped.strip("\"'rRbBuU ").strip())
            continue
        body, in_block = _comment_text(stripped, family, in_block)
        if body is None:
            code_lines.append(line)
        else:
            comments.append(body)
    return comments, code_lines


def _documented(lines: list[str], family: str, syntax: _Syntax, docstrings: set[int]) -> tuple[int, int]:
    """How many definitions there are, and how many carry a doc comment or docstring."""
    definitions, documented = 0, 0
    for i, line in enumerate(lines):
        if not syntax.definition.match(line):
            continue
        definitions += 1
        if family == "python":
            nxt = next((j for j in range(i + 1, min(i + 8, len(lines))) if lines[j].strip()), None)
            # A signature may wrap; the docstring follows the line that ends in ':'.
            while nxt is not None and not lines[nxt - 1].rstrip().endswith(":") and nxt < min(i + 8, len(lines)) - 1:
                nxt += 1
            if nxt is not None and nxt in docstrings:
                documented += 1
        else:
            prev = next((j for j in range(i - 1, max(i - 4, -1), -1) if lines[j].strip()), None)
            if prev is not None:
                p = lines[prev].strip()
                if p.startswith(("*/", "///", "//", "*", "#[", "@")) or p.endswith("*/"):
                    documented += 1
    return definitions, documented


def features(text: str, family: str) -> dict[str, float]:
    """The style features of `text`; all in [0, 1] or small means, never dependent on size."""
    syntax = _SYNTAX.get(family, _SYNTAX["other"])
    lines = text.splitlines()
    total = max(len(lines), 1)
    nonblank = [ln for ln in lines if ln.strip()]
    n = max(len(nonblank), 1)
    docstrings = _docstring_lines(lines) if family == "python" else set()

    comments, code_lines = _split_comments(lines, family, docstrings)
    worded = [c for c in comments if c[:1].isalpha()]
    capital = sum(1 for c in worded if c[0].isupper())
    words = sum(len(c.split()) for c in comments)
    period = sum(1 for c in worded if c.endswith("."))

    definitions, documented = _documented(lines, family, syntax, docstrings)

    code = "\n".join(code_lines)
    idents = [w for w in _WORD.findall(code) if w.lower() not in _KEYWORDS]
    ni = max(len(idents), 1)
    ident_len = sum(len(w) for w in idents) / ni
    short = sum(1 for w in idents if len(w) <= 2)
    multi = sum(1 for w in idents if "_" in w.strip("_") or (w[0].islower() and w[1:].lower() != w[1:]))

    indented = [ln for ln in nonblank if ln[:1] in " \t"]
    nind = max(len(indented), 1)
    tabs = sum(1 for ln in indented if ln[0] == "\t")
    odd = 0
    for ln in indented:
        width = len(_LEADING_WS.match(ln).group(0))  # type: ignore[union-attr]
        if ln[0] == " " and width % 2 and not ln.lstrip().startswith("*"):
            odd += 1

    blanks = [not ln.strip() for ln in lines]
    runs = 0
    for i in range(1, len(blanks)):
        if blanks[i] and blanks[i - 1]:
            runs += 1
    # PEP 8 asks for two blank lines between top-level definitions: not a sign of anything.
    if family == "python":
        runs = sum(1 for i in range(2, len(blanks)) if blanks[i] and blanks[i - 1] and blanks[i - 2])

    interp = len(syntax.interp.findall(code))
    build = len(syntax.build.findall(code))
    singles = code.count("'") // 2
    doubles = code.count('"') // 2

    lengths = [len(ln) for ln in nonblank]
    f = {
        "comment_ratio": len(comments) / n,
        "comment_capital": capital / len(worded) if worded else UNKNOWN,
        "comment_words": min(words / len(comments), 20) / 10 if comments else 0.0,
        "comment_period": period / len(worded) if worded else UNKNOWN,
        "todo": min(len(_TODO.findall(text)) / n * 20, 1.0),
        "doc_ratio": (documented / definitions) if definitions else UNKNOWN,
        "ident_len": min(ident_len, 30) / 10,
        "short_ident": short / ni,
        "multiword_ident": multi / ni,
        "line_len": min(sum(lengths) / n, 160) / 80,
        "long_lines": sum(1 for x in lengths if x > 100) / n,
        "trailing_ws": sum(1 for ln in lines if ln != ln.rstrip()) / total,
        "tab_indent": tabs / nind,
        "odd_indent": odd / nind,
        "blank_ratio": (total - len(nonblank)) / total,
        "blank_runs": runs / total,
        "modern": min(len(syntax.modern.findall(code)) / n, 2.0),
        "legacy": min(len(syntax.legacy.findall(code)) / n, 2.0),
        # Go has no string interpolation: Sprintf or concatenation tells nothing there.
        "interpolation": interp / (interp + build) if interp + build and family != "go" else UNKNOWN,
        "interpolation_rate": min(interp / n * 5, 1.0) if family != "go" else UNKNOWN,
        "typed": UNKNOWN,
        "non_ascii": sum(1 for ln in nonblank if not ln.isascii()) / n,
        "licence": 1.0 if _LICENCE.search(text) else 0.0,
        "print_calls": len(syntax.printing.findall(code)) / n,
        "error_text": len(syntax.error.findall(code)) / n,
        "double_quotes": doubles / (singles + doubles) if singles + doubles else UNKNOWN,
    }
    if family == "python":
        defs = [ln for ln in code_lines if _PY_DEF.match(ln) and "class " not in ln.split("(")[0]]
        typed = sum(1 for ln in defs if _PY_TYPED.search(ln))
        f["typed"] = typed / len(defs) if defs else UNKNOWN
    return f


@dataclass(frozen=True)
class StyleModel:
    """Per family: feature means and scales (to standardise) and logistic weights."""

    version: str
    families: dict[str, dict]

    def probability(self, text: str, family: str) -> float | None:
        feats = features(text, family)
        return self.probability_of(feats, family)

    def _logit(self, feats: dict[str, float], params: dict) -> float:
        z = params["bias"]
        for name, w, mean, scale in zip(
            params["features"], params["weights"], params["mean"], params["scale"], strict=False
        ):
            value = feats.get(name, mean)
            if value == value:  # NaN (unknown) contributes nothing
                z += w * (value - mean) / scale
        return z

    def probability_of(self, feats: dict[str, float], family: str) -> float | None:
        # A family's own model knows its idioms but saw few repositories; averaging it with
        # the all-families model keeps one quirk of a small corpus from deciding alone.
        general = self.families.get("all")
        own = self.families.get(family)
        if general is None and own is None:
            return None
        parts = [self._logit(feats, p) for p in (own, general) if p is not None]
        z = max(-30.0, min(30.0, sum(parts) / len(parts)))
        return 1.0 / (1.0 + math.exp(-z))

    def explain(self, text: str, family: str, top: int = 3) -> list[tuple[str, float]]:
        """The features that pushed this text's score most, with their log-odds share."""
        return self.explain_features(features(text, family), family, top)

    def explain_features(self, feats: dict[str, float], family: str, top: int = 3) -> list[tuple[str, float]]:
        models = [p for p in (self.families.get(family), self.families.get("all")) if p is not None]
        if not models:
            return []
        share: dict[str, float] = {}
        for params in models:
            for name, w, mean, scale in zip(
                params["features"], params["weights"], params["mean"], params["scale"], strict=False
            ):
                value = feats.get(name, mean)
                if value != value:
                    value = mean
                share[name] = share.get(name, 0.0) + w * (value - mean) / scale / len(models)
        parts = list(share.items())
        parts.sort(key=lambda p: -abs(p[1]))
        return [(name, round(v, 2)) for name, v in parts[:top]]


def load_model(path: Path | None = None) -> StyleModel | None:
    try:
        if path is None:
            raw = resources.files("provmark").joinpath("data/style-model.json").read_text(encoding="utf-8")
        else:
            raw = path.read_text(encoding="utf-8")
        data = json.loads(raw)
        families = data["families"]
        for params in families.values():
            k = len(params["features"])
            if not (len(params["weights"]) == len(params["mean"]) == len(params["scale"]) == k):
                raise ValueError("weights do not match features")
            if any(s <= 0 for s in params["scale"]):
                raise ValueError("non-positive scale")
            float(params["bias"])
        return StyleModel(version=str(data.get("version", "?")), families=families)
    except (OSError, ValueError, KeyError, TypeError):
        return None


@lru_cache(maxsize=1)
def default_model() -> StyleModel | None:
    return load_model()
