"""The content model: cheap, explainable style features of a piece of code, and a
logistic model over them per language family that says how AI-written it looks.

Every feature is a ratio or a mean, so a block and a whole file are scored alike. The
weights come from `training/train.py` and ship as `data/style-model.json`; a missing or
broken weights file leaves the model out (score None), it never stops the server.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from provmark.core.segment import Block

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

# Left out, though the code still reads them: quote style, tab indentation, string
# interpolation's share and legacy syntax. On held-out files they tell modern from old
# hand-written code (the era: AUROC 0.63, 0.56, 0.81, 0.68) and not AI from modern
# hand-written code (0.56, 0.44, 0.53, 0.46): a formatter's or a language version's
# choice, not an author's (training/report.json, "features").
ERA_FEATURES = ("tab_indent", "legacy", "interpolation", "double_quotes")
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
    "odd_indent",  # indented lines whose width is not a multiple of two
    "blank_ratio",  # blank lines among all lines
    "blank_runs",  # blank lines next to another blank line (outside the PEP 8 pair between defs)
    "modern",  # syntax and library calls of recent language versions
    "interpolation_rate",  # lines with string interpolation
    "typed",  # annotated definitions (Python)
    "non_ascii",  # lines with characters outside ASCII (emoji in messages, arrows in comments)
    "licence",  # a copyright or licence notice
    "print_calls",  # print / console.log / println lines
    "error_text",  # raised or returned errors carrying a formatted message
    # What an author leaves, not what an era or a formatter decides:
    "comment_step",  # comments narrating the next step with an imperative ("Create the ...", "Check if ...")
    "comment_informal",  # comments in a person's voice: questions, "hack", "for now", "not sure", "!"
    "commented_code",  # comment lines that are code someone switched off
    "doc_sections",  # docstrings and doc comments with Args/Returns/Raises or @param sections
    "guards",  # definitions that open by checking their arguments (raise or return early)
    "error_words",  # words per error message: assistants explain, people name the problem
    "naming_mixed",  # snake_case and camelCase locals side by side
    "section_rules",  # comment lines that draw a rule or a banner (# ----, // ===== Setup =====)
    "test_name_words",  # words in test functions' names
    "uniformity",  # how alike the definitions are in length (1: all the same)
    "blank_in_body",  # blank lines inside bodies, splitting them into commented paragraphs
)

# A ratio with nothing to count (no comments, no strings): the model then uses the
# training mean, so the feature neither raises nor lowers the score.
UNKNOWN = float("nan")

# Below this many tokens (about ten lines of code) the model abstains: too short to judge.
MIN_TOKENS = 150
_TOKEN = re.compile(r"\w+|[^\w\s]")


def token_count(text: str) -> int:
    return len(_TOKEN.findall(text))


def judging_units(text: str) -> list[Block]:
    """The file's blocks (`segment`), with runs of neighbours too short to judge alone
    merged until they reach MIN_TOKENS: a file of small functions is still judged, a
    function at a time where it can be, a few at a time where it cannot. A short run
    left at the end joins the unit before it."""
    from provmark.core.segment import Block, segment

    lines = text.splitlines()
    units: list[Block] = []
    start, end, tokens = None, 0, 0
    names: list[str] = []
    for b in segment(text):
        if start is None:
            start, names, tokens = b.start, [], 0
        end = b.end
        names.append(b.name)
        tokens += token_count("\n".join(lines[b.start : b.end]))
        if tokens >= MIN_TOKENS:
            units.append(Block(start, b.end, _unit_name(names)))
            start = None
    if start is not None:
        if units:
            prev = units.pop()
            units.append(Block(prev.start, end, _unit_name([prev.name, *names])))
        else:
            units.append(Block(start, end, _unit_name(names)))
    return units


def _unit_name(names: list[str]) -> str:
    named = [n for n in names if n]
    if not named:
        return ""
    return named[0] if len(named) == 1 else f"{named[0]} (+{len(named) - 1})"


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
    f.update(_authorship(lines, comments, worded, code, code_lines, family, syntax, idents))
    return f


_STEP = re.compile(
    r"^(create|check|initiali[sz]e|return|get|set|handle|parse|convert|ensure|add|update|calculate|compute|"
    r"validate|build|load|save|read|write|process|extract|filter|sort|find|remove|skip|use|try|fall ?back|"
    r"generate|format|store|send|fetch|open|close|clean ?up|wait|start|stop|reset|apply|merge|normali[sz]e|"
    r"split|determine|iterate|loop|append|collect|prepare|define|register|log|verify|make|keep|track|map|"
    r"replace|strip|wrap|call|run|emit|yield|raise|throw|print|display|show|configure|fill|count|group|"
    r"if|otherwise|now|first|then|finally|next)\b",
    re.I,
)
_INFORMAL = re.compile(
    r"\?\s*$|!|\b(hack|hacky|ugly|for now|not sure|i think|dunno|no idea|weird|magic|oops|sigh|meh|lol|"
    r"kludge|workaround|temporary|temp fix|don't ask|should probably|maybe|hmm|gross|yuck|crap|stupid|silly|"
    r"i'm|i am|we're|i've|we've|let's not)\b",
    re.I,
)
_CODE_LIKE = re.compile(
    r"^(if|for|while|return|import|from|def|class|var|let|const|func|fn|self\.|this\.|print|console\.)\b.*|"
    r".*(;|\)|\{|\}|\]|:)\s*$|^\w[\w.\[\]]*\s*[-+*/]?=\s*\S"
)
_DOC_SECTION = re.compile(
    r"^(args|arguments|parameters|params|returns?|yields?|raises|throws|examples?|attributes|note|"
    r"see also)\s*:\s*$|^(:param|:returns?|:raises|:type|:rtype|@param|@returns?|@throws|@return)\b|"
    r"^-{3,}\s*$",
    re.I,
)
_RULE = re.compile(r"^(?:[-=*#~_/]{4,}|[-=*#~_]{2,}\s*\w[\w\s]*[-=*#~_]{2,})\s*$")
_GUARD = {
    "python": re.compile(r"^\s*if\b.*(\bnot\b|\bis None\b|isinstance|len\(|<|>|==|!=).*:\s*(raise|return)?"),
    "js": re.compile(r"^\s*if\s*\(.*(!|===?|!==?|typeof|instanceof|<|>).*\)\s*\{?\s*(throw|return)?"),
    "go": re.compile(r"^\s*if\b.*(==|!=|<|>).*\{"),
    "rust": re.compile(r"^\s*(if\b.*(\.is_empty\(\)|==|!=|<|>)|let\s+Some|ensure!|anyhow::ensure)"),
    "clike": re.compile(r"^\s*if\s*\(.*(==|!=|<|>|!|null).*\)"),
    "other": re.compile(r"^\s*(if|unless)\b"),
}
_EXIT = re.compile(r"\b(raise|return|throw|panic!|bail!|Err\(|continue|break)\b")
_ERROR_MESSAGE = re.compile(
    r"(?:raise\s+\w+|throw\s+new\s+\w+|Errorf|errors\.New|Error\(|panic!|bail!|anyhow!|expect)\(\s*"
    r"[fF]?([\"'`])(.*?)\1"
)
_TEST_DEF = re.compile(
    r"^\s*(?:async\s+)?def\s+(test_\w+)|^\s*(?:it|test)\(\s*['\"`]([^'\"`]+)|^func\s+(Test\w+)\(|"
    r"^\s*fn\s+(test_\w+|\w+_\w+)\s*\(\)\s*\{|^\s*(?:public\s+)?void\s+(\w+)\s*\(\)\s*(?:throws\s+\w+\s*)?\{"
)
_SNAKE = re.compile(r"^[a-z]+(?:_[a-z0-9]+)+$")
_CAMEL = re.compile(r"^[a-z]+(?:[A-Z][a-z0-9]*)+$")


def _words_in_name(name: str) -> int:
    parts = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name).replace("_", " ").split()
    return len([p for p in parts if p.lower() not in ("test", "it", "should")]) or 1


def _authorship(
    lines: list[str],
    comments: list[str],
    worded: list[str],
    code: str,
    code_lines: list[str],
    family: str,
    syntax: _Syntax,
    idents: list[str],
) -> dict[str, float]:
    """Signs of who wrote the code: how comments speak, what is left behind, how the
    definitions open and how alike they are. None depends on a formatter or a version."""
    steps = sum(1 for c in worded if _STEP.match(c))
    informal = sum(1 for c in comments if _INFORMAL.search(c))
    code_comments = sum(1 for c in comments if len(c) > 3 and _CODE_LIKE.match(c))
    sections = sum(1 for c in comments if _DOC_SECTION.match(c))
    rules = sum(1 for c in comments if _RULE.match(c))
    # Definitions: where each starts (by indentation, the same rule for every family).
    starts = [i for i, ln in enumerate(lines) if syntax.definition.match(ln)]
    guarded = 0
    for i in starts:
        body = [ln for ln in lines[i + 1 : i + 8] if ln.strip() and not _is_comment(ln.strip(), family)]
        if any(_GUARD[family].match(ln) for ln in body[:3]):
            j = next(k for k, ln in enumerate(body[:3]) if _GUARD[family].match(ln))
            if _EXIT.search(" ".join(body[j : j + 2])):
                guarded += 1
    lengths = [b - a for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)] if starts else []
    if len(lengths) >= 3:
        mean = sum(lengths) / len(lengths)
        sd = (sum((x - mean) ** 2 for x in lengths) / len(lengths)) ** 0.5
        uniformity = max(0.0, 1.0 - min(sd / mean, 2.0) / 2.0) if mean else UNKNOWN
    else:
        uniformity = UNKNOWN
    messages = [m.group(2) for m in _ERROR_MESSAGE.finditer(code)]
    tests = [next(g for g in m.groups() if g) for ln in code_lines if (m := _TEST_DEF.match(ln))]
    tests = [t for t in tests if "test" in t.lower() or not t.isidentifier()]
    snake = sum(1 for w in idents if _SNAKE.match(w))
    camel = sum(1 for w in idents if _CAMEL.match(w))
    body_blanks = 0
    indented_lines = 0
    for i in range(1, len(lines) - 1):
        if not lines[i].strip():
            before, after = lines[i - 1], lines[i + 1]
            if before[:1] in " \t" and after[:1] in " \t" and after.strip():
                body_blanks += 1
        elif lines[i][:1] in " \t":
            indented_lines += 1
    return {
        "comment_step": steps / len(worded) if worded else UNKNOWN,
        "comment_informal": informal / len(comments) if comments else UNKNOWN,
        "commented_code": code_comments / len(comments) if comments else UNKNOWN,
        "doc_sections": min(sections / max(len(starts), 1), 2.0) if comments else 0.0,
        "guards": guarded / len(starts) if starts else UNKNOWN,
        "error_words": min(sum(len(x.split()) for x in messages) / len(messages), 20) / 10 if messages else UNKNOWN,
        "naming_mixed": min(snake, camel) / (snake + camel) if snake + camel >= 4 else UNKNOWN,
        "section_rules": rules / len(comments) if comments else UNKNOWN,
        "test_name_words": min(sum(_words_in_name(t) for t in tests) / len(tests), 12) / 6 if tests else UNKNOWN,
        "uniformity": uniformity,
        "blank_in_body": body_blanks / indented_lines if indented_lines >= 5 else UNKNOWN,
    }


def _is_comment(stripped: str, family: str) -> bool:
    return stripped.startswith(("#",) if family in _HASH_COMMENT else ("//", "/*", "*"))


@dataclass(frozen=True)
class StyleModel:
    """Per family: feature means and scales (to standardise) and logistic weights; a
    calibration of the combined log-odds (held-out repositories, a 50/50 prior); the
    fewest tokens it judges; and the probability from which the scan warns."""

    version: str
    families: dict[str, dict]
    # Per unit ("block", "file"): (log-odds, probability) knots, interpolated linearly;
    # none: the plain logistic
    calibration: dict[str, tuple[tuple[float, float], ...]] = field(default_factory=dict)
    min_tokens: int = 0
    # The calibrated probabilities from which the scan warns on style alone: for a
    # block, and for a whole file judged as one (None: no model-stated prior).
    scan_threshold: dict[str, float] | None = None

    def judges(self, text: str) -> bool:
        """Whether `text` is long enough to judge; shorter, the model abstains."""
        return self.min_tokens <= 0 or token_count(text) >= self.min_tokens

    def probability(self, text: str, family: str, unit: str = "block") -> float | None:
        """The calibrated probability that `text` (a block, or a whole file) is AI-written,
        under a 50/50 prior (None: too short to judge, or no model for the family)."""
        if not self.judges(text):
            return None
        return self.probability_of(features(text, family), family, unit)

    def _logit(self, feats: dict[str, float], params: dict) -> float:
        z = params["bias"]
        for name, w, mean, scale in zip(
            params["features"], params["weights"], params["mean"], params["scale"], strict=False
        ):
            value = feats.get(name, mean)
            if value == value:  # NaN (unknown) contributes nothing
                z += w * (value - mean) / scale
        return z

    def probability_of(self, feats: dict[str, float], family: str, unit: str = "block") -> float | None:
        # A family's own model knows its idioms but saw few repositories; averaging it with
        # the all-families model keeps one quirk of a small corpus from deciding alone.
        general = self.families.get("all")
        own = self.families.get(family)
        if general is None and own is None:
            return None
        parts = [self._logit(feats, p) for p in (own, general) if p is not None]
        z = max(-30.0, min(30.0, sum(parts) / len(parts)))
        knots = self.calibration.get(unit)
        return _interpolate(knots, z) if knots else 1.0 / (1.0 + math.exp(-z))

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


def _interpolate(knots: tuple[tuple[float, float], ...], z: float) -> float:
    if z <= knots[0][0]:
        return knots[0][1]
    for (z0, p0), (z1, p1) in itertools.pairwise(knots):
        if z <= z1:
            return p0 + (p1 - p0) * (z - z0) / (z1 - z0) if z1 > z0 else p1
    return knots[-1][1]


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
        calibration = {
            unit: tuple((float(z), float(p)) for z, p in knots)
            for unit, knots in (data.get("calibration") or {}).items()
        }
        for knots in calibration.values():
            if not knots or any(not 0.0 < p < 1.0 for _, p in knots) or list(knots) != sorted(knots):
                raise ValueError("calibration knots out of order or range")
        raw = data.get("scan_threshold")
        threshold = None if raw is None else {k: float(raw[k]) for k in ("block", "file")}
        if threshold is not None and not all(0.5 <= v < 1.0 for v in threshold.values()):
            raise ValueError("scan_threshold out of range")
        return StyleModel(
            version=str(data.get("version", "?")),
            families=families,
            calibration=calibration,
            min_tokens=int(data.get("min_tokens", 0)),
            scan_threshold=threshold,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


@lru_cache(maxsize=1)
def default_model() -> StyleModel | None:
    return load_model()
