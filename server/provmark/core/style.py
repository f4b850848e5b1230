"""The content model: cheap, explainable style features of a piece of code, and a
logistic model over them per language family that says how AI-written it looks.

Every feature is a ratio or a mean, so a block and a whole file are scored alike. The
weights come from `training/train.py` and ship as `data/style-model.json`; a missing or
broken weights file leaves the model out (score None), it never stops the server.
"""

from __future__ import annotations

import codecs
import itertools
import json
import math
import re
import struct
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from operator import add, and_, is_not
from pathlib import Path
from typing import TYPE_CHECKING, Any

from provmark.core import forest, model_file, native, ngram
from provmark.core.families import FAMILIES
from provmark.core.forest import Forest

if TYPE_CHECKING:
    from provmark.core.segment import Block

_HASH_COMMENT = {"python", "ruby", "other"}

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

# The learned feature beside FEATURES: the mean n-gram log-likelihood ratio (core.ngram).
NGRAM = "ngram"

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
    from provmark.core.segment import segment

    lines = LineText(text.splitlines())
    return units_of(segment(text), lines)


def units_of(blocks: list[Block], text: LineText) -> list[Block]:
    """`judging_units` for blocks already found in `text`."""
    from provmark.core.segment import Block

    units: list[Block] = []
    start, end, tokens = None, 0, 0
    names: list[str] = []
    for b in blocks:
        if start is None:
            start, names, tokens = b.start, [], 0
        end = b.end
        names.append(b.name)
        tokens += text.tokens(b.start, b.end)
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
    "ruby": _Syntax(
        re.compile(r"^\s*(def|class|module)\s+[\w:.]+"),
        _NEVER,
        _NEVER,
        re.compile(r"#\{"),
        re.compile(r"\"\s*\+|\+\s*\"|<<\s*\""),
        re.compile(r"^\s*(puts|print|pp|p|warn|\$stderr\.puts)\b"),
        re.compile(r"\b(raise|fail)\b.*[\"']"),
    ),
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


def _docstring_state(lines: list[str], quoted: Iterable[int] | None = None) -> tuple[set[int], set[int]]:
    """Lines inside Python triple-quoted strings that open a line (docstrings, mostly),
    and those of them a string opened above goes on into (a run of lines starting there
    reads them differently). `quoted`: the lines holding a triple quote, if known (no
    other line changes anything)."""
    inside: set[int] = set()
    going_on: set[int] = set()
    quote: str | None = None
    last = -1
    for i in range(len(lines)) if quoted is None else [*quoted, len(lines)]:
        if quote is not None and i > last + 1:  # lines with no triple quote, inside one
            inside.update(range(last + 1, i))
            going_on.update(range(last + 1, i))
        last = i
        if i == len(lines):
            break
        s = lines[i].strip()
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
            going_on.add(i)
            if quote in s:
                quote = None
    return inside, going_on


def _line_kinds(
    lines: list[str], family: str, docstrings: set[int]
) -> tuple[list[int], list[str], list[int], set[int]]:
    """Which lines are comments (and docstrings), with their text, and which are code;
    and the lines a /* comment opened above goes on into."""
    if _stylec is not None:  # (the same lists: core/_stylec.c)
        kinds: tuple[list[int], list[str], list[int], set[int]] = _stylec.line_kinds(
            lines, family in _HASH_COMMENT, docstrings
        )
        return kinds
    return _python_line_kinds(lines, family, docstrings)


def _python_line_kinds(
    lines: list[str], family: str, docstrings: set[int]
) -> tuple[list[int], list[str], list[int], set[int]]:
    """_line_kinds in Python: the reference."""
    comment_at: list[int] = []
    comments: list[str] = []
    code_at: list[int] = []
    going_on: set[int] = set()
    in_block = False
    for i, line in enumerate(lines):
        if in_block:
            going_on.add(i)
        stripped = line.strip()
        if not stripped:
            continue
        if i in docstrings:
            comment_at.append(i)
            comments.append(stripped.strip("\"'rRbBuU ").strip())
            continue
        body, in_block = _comment_text(stripped, family, in_block)
        if body is None:
            code_at.append(i)
        else:
            comment_at.append(i)
            comments.append(body)
    return comment_at, comments, code_at, going_on


def _documented_at(lines: list[str], i: int, lo: int, hi: int, family: str, docstrings: set[int]) -> bool:
    """Whether the definition on line i of lines[lo:hi] carries a docstring or doc comment."""
    if family == "python":
        stop = min(i + 8, hi)
        nxt = next((j for j in range(i + 1, stop) if lines[j].strip()), None)
        # A signature may wrap; the docstring follows the line that ends in ':'.
        while nxt is not None and not lines[nxt - 1].rstrip().endswith(":") and nxt < stop - 1:
            nxt += 1
        return nxt is not None and nxt in docstrings
    prev = next((j for j in range(i - 1, max(i - 4, lo - 1), -1) if lines[j].strip()), None)
    if prev is None:
        return False
    p = lines[prev].strip()
    if family == "ruby":  # (RDoc and YARD: # comments right above the definition)
        return p.startswith("#") and not p.startswith("#!")
    return p.startswith(("*/", "///", "//", "*", "#[", "@")) or p.endswith("*/")


def _guarded_at(lines: list[str], i: int, hi: int, family: str) -> bool:
    """Whether the definition on line i (of lines[:hi]) opens by checking its arguments:
    one of the first three lines of its body (of the next seven, comments and blank ones
    left out) is a guard, and it or the line after it exits."""
    body: list[str] = []
    for ln in lines[i + 1 : min(i + 8, hi)]:
        stripped = ln.strip()
        if stripped and not _is_comment(stripped, family):
            body.append(ln)
            if len(body) == 4:  # (all that is read below)
                break
    guard, first = _GUARD[family], _GUARD_FIRST[family]
    for j in range(min(3, len(body))):
        # (the guard's ^\s* is lstrip's whitespace: a line not starting with its first
        # words cannot match, and most definitions start some other way)
        if body[j].lstrip().startswith(first) and guard.match(body[j]):
            return _EXIT.search(" ".join(body[j : j + 2])) is not None
    return False


def _uniformity(starts: list[int], end: int) -> float:
    """How alike in length the definitions starting at `starts` (up to `end`) are."""
    lengths = [b - a for a, b in zip(starts, [*starts[1:], end], strict=True)] if starts else []
    if len(lengths) >= 3:
        mean = sum(lengths) / len(lengths)
        sd = (sum((x - mean) ** 2 for x in lengths) / len(lengths)) ** 0.5
        return max(0.0, 1.0 - min(sd / mean, 2.0) / 2.0) if mean else UNKNOWN
    return UNKNOWN


@dataclass
class _Counts:
    """What the features of a text are computed from: counts, so that those of a run of
    a file's lines can be read off facts gathered once about each line."""

    lines: int = 0
    nonblank: int = 0
    chars: int = 0  # in non-blank lines
    long_lines: int = 0
    trailing: int = 0
    indented: int = 0
    tabs: int = 0
    odd: int = 0
    runs: int = 0
    non_ascii: int = 0
    comments: int = 0
    worded: int = 0
    capital: int = 0
    words: int = 0
    period: int = 0
    steps: int = 0
    informal: int = 0
    code_comments: int = 0
    sections: int = 0
    rules: int = 0
    todo: int = 0
    licence: bool = False
    definitions: int = 0
    documented: int = 0
    guarded: int = 0
    uniformity: float = UNKNOWN
    typed_defs: int = 0
    typed: int = 0
    idents: int = 0
    ident_chars: int = 0
    short: int = 0
    multi: int = 0
    snake: int = 0
    camel: int = 0
    modern: int = 0
    legacy: int = 0
    interp: int = 0
    build: int = 0
    printing: int = 0
    errors: int = 0
    singles: int = 0  # quote characters in code
    doubles: int = 0
    messages: int = 0
    message_words: int = 0
    tests: int = 0
    test_words: int = 0
    body_blanks: int = 0
    body_lines: int = 0


def _add_idents(c: _Counts, idents: Iterable[str]) -> None:
    """Identifier counts (keywords left out), each distinct name judged once."""
    stats = _IDENT_STATS
    for w, k in Counter(idents).items():
        s = stats.get(w)
        if s is None:
            s = stats[w] = _ident_stats(w)
        if s[0]:
            c.idents += k
            c.ident_chars += k * s[1]
            c.short += k * s[2]
            c.multi += k * s[3]
            c.snake += k * s[4]
            c.camel += k * s[5]


def _ident_stats(w: str) -> tuple[int, int, int, int, int, int]:
    if w.lower() in _KEYWORDS:
        return (0, 0, 0, 0, 0, 0)
    multi = "_" in w.strip("_") or (w[0].islower() and w[1:].lower() != w[1:])
    return (1, len(w), len(w) <= 2, multi, _SNAKE.match(w) is not None, _CAMEL.match(w) is not None)


_IDENT_STATS: dict[str, tuple[int, int, int, int, int, int]] = {}

# FileStyle sums identifier counts over runs of lines from per-line totals. Each
# identifier's five counts (left of _ident_stats' first) are packed into one int, a
# field of _FIELD bits each (no count can reach 2**40: none exceeds the text's length),
# so that adding packed ints adds every count at once, in C.
_FIELD = 40
_FIELD_MASK = (1 << _FIELD) - 1


class _PackedIdents(dict[str, int]):
    """identifier -> its _ident_stats packed (0 for a keyword); computed on a miss."""

    def __missing__(self, w: str) -> int:
        s = _ident_stats(w)
        value = sum(x << (_FIELD * k) for k, x in enumerate(s)) if s[0] else 0
        if len(self) > 1 << 18:  # a cache shared by every file of the process: keep it bounded
            self.clear()
        self[w] = value
        return value


_PACKED_IDENTS = _PackedIdents()


_stylec = native.load("_stylec")  # per-line facts in C
# Its Idents (the identifier counts, keeping each name's once asked), in a list a test
# may swap (None where core/_stylec.c is not built).
# (With the keywords, a name's counts are read in C; _ident_stats stays the reference.)
_IDENTS: list[Any] = [None if _stylec is None else _stylec.Idents(_ident_stats, keywords=_KEYWORDS)]


def _sums(lists: tuple[list[Any], ...], start: int, stop: int) -> tuple[int, ...]:
    """sum(x[start:stop]) of each list (of ints or bools): in one C call where
    core/_stylec.c is built."""
    if _stylec is not None:
        found: tuple[int, ...] = _stylec.sums(lists, start, stop)
        return found
    return tuple(sum(x[start:stop]) for x in lists)


def _odd_indented(text: LineText) -> list[int]:
    """The lines _ODD_INDENT finds (in C where core/_stylec.c is built)."""
    if _stylec is not None:
        found: list[int] = _stylec.odd_indented(text.lines)
        return found
    return _lines_with(_ODD_INDENT, text, "\n" + text.joined)  # (found at the line break before)


# A row of core/_stylec.c's running identifier counts: the six fields, unpacked.
_IDENT_ROW = struct.Struct("=6Q")


def _ident_prefix(code_lines: list[str]) -> bytes | list[int]:
    """The identifier counts of code_lines summed up to each line, from 0: in C, rows of
    _IDENT_ROW in one bytes; else packed ints."""
    idents = _IDENTS[0]
    if idents is not None:
        rows: bytes = idents.prefix(code_lines)
        return rows
    per_line = map(sum, map(map, repeat(_PACKED_IDENTS.__getitem__), map(_WORD.findall, code_lines)))
    return list(itertools.accumulate(per_line, initial=0))


def _add_ident_run(c: _Counts, prefix: bytes | list[int], ka: int, kb: int) -> None:
    """_add_idents for the code lines ka to kb, from _ident_prefix's sums."""
    if isinstance(prefix, bytes):
        a = _IDENT_ROW.unpack_from(prefix, _IDENT_ROW.size * ka)
        b = _IDENT_ROW.unpack_from(prefix, _IDENT_ROW.size * kb)
        c.idents, c.ident_chars, c.short, c.multi, c.snake, c.camel = (
            b[0] - a[0], b[1] - a[1], b[2] - a[2], b[3] - a[3], b[4] - a[4], b[5] - a[5]
        )  # fmt: skip
    else:
        _add_packed(c, prefix[kb] - prefix[ka])


def _add_packed(c: _Counts, packed: int) -> None:
    """_add_idents from the packed sum of a run's identifiers."""
    c.idents, c.ident_chars, c.short, c.multi, c.snake, c.camel = (
        (packed >> (_FIELD * k)) & _FIELD_MASK for k in range(6)
    )


def _count(text: str, family: str) -> _Counts:
    """The counts behind `features`, read straight from the text: the reference that
    `FileStyle` must agree with."""
    syntax = _SYNTAX.get(family, _SYNTAX["other"])
    lines = text.splitlines()
    c = _Counts(lines=len(lines))
    nonblank = [ln for ln in lines if ln.strip()]
    c.nonblank = len(nonblank)
    docstrings = _docstring_state(lines)[0] if family == "python" else set()
    _, comments, code_at, _ = _line_kinds(lines, family, docstrings)
    code_lines = [lines[i] for i in code_at]
    worded = [x for x in comments if x[:1].isalpha()]
    c.comments, c.worded = len(comments), len(worded)
    c.capital = sum(1 for x in worded if x[0].isupper())
    c.words = sum(len(x.split()) for x in comments)
    c.period = sum(1 for x in worded if x.endswith("."))
    c.steps = sum(1 for x in worded if _STEP.match(x))
    c.informal = sum(1 for x in comments if _INFORMAL.search(x))
    c.code_comments = sum(1 for x in comments if len(x) > 3 and _CODE_LIKE.match(x))
    c.sections = sum(1 for x in comments if _DOC_SECTION.match(x))
    c.rules = sum(1 for x in comments if _RULE.match(x))
    c.todo = len(_TODO.findall(text))
    c.licence = _LICENCE.search(text) is not None

    starts = [i for i, ln in enumerate(lines) if syntax.definition.match(ln)]
    c.definitions = len(starts)
    c.documented = sum(1 for i in starts if _documented_at(lines, i, 0, len(lines), family, docstrings))
    c.guarded = sum(1 for i in starts if _guarded_at(lines, i, len(lines), family))
    c.uniformity = _uniformity(starts, len(lines))
    if family == "python":
        defs = [ln for ln in code_lines if _PY_DEF.match(ln) and "class " not in ln.split("(")[0]]
        c.typed_defs = len(defs)
        c.typed = sum(1 for ln in defs if _PY_TYPED.search(ln))

    code = "\n".join(code_lines)
    _add_idents(c, _WORD.findall(code))
    indented = [ln for ln in nonblank if ln[:1] in " \t"]
    c.indented = len(indented)
    c.tabs = sum(1 for ln in indented if ln[0] == "\t")
    for ln in indented:
        width = len(_LEADING_WS.match(ln).group(0))  # type: ignore[union-attr]
        if ln[0] == " " and width % 2 and not ln.lstrip().startswith("*"):
            c.odd += 1
    blanks = [not ln.strip() for ln in lines]
    # PEP 8 asks for two blank lines between top-level definitions: not a sign of anything.
    if family == "python":
        c.runs = sum(1 for i in range(2, len(blanks)) if blanks[i] and blanks[i - 1] and blanks[i - 2])
    else:
        c.runs = sum(1 for i in range(1, len(blanks)) if blanks[i] and blanks[i - 1])
    c.chars = sum(len(ln) for ln in nonblank)
    c.long_lines = sum(1 for ln in nonblank if len(ln) > 100)
    c.trailing = sum(1 for ln in lines if ln != ln.rstrip())
    c.non_ascii = sum(1 for ln in nonblank if not ln.isascii())
    c.modern = len(syntax.modern.findall(code))
    c.legacy = len(syntax.legacy.findall(code))
    c.interp = len(syntax.interp.findall(code))
    c.build = len(syntax.build.findall(code))
    c.printing = len(syntax.printing.findall(code))
    c.errors = len(syntax.error.findall(code))
    c.singles, c.doubles = code.count("'"), code.count('"')
    messages = [m.group(2) for m in _ERROR_MESSAGE.finditer(code)]
    c.messages, c.message_words = len(messages), sum(len(x.split()) for x in messages)
    for ln in code_lines:
        words = _test_words(ln)
        if words:
            c.tests += 1
            c.test_words += words
    for i in range(1, len(lines) - 1):
        if not lines[i].strip():
            before, after = lines[i - 1], lines[i + 1]
            if before[:1] in " \t" and after[:1] in " \t" and after.strip():
                c.body_blanks += 1
        elif lines[i][:1] in " \t":
            c.body_lines += 1
    return c


def _test_words(line: str) -> int:
    """Words in the name of the test this line defines (0: not a test)."""
    if not line.lstrip().startswith(_TEST_FIRST):  # (most candidate lines: "fn", "func" inside a word)
        return 0
    m = _TEST_DEF.match(line)
    if m is None:
        return 0
    name = next(g for g in m.groups() if g)
    return _words_in_name(name) if "test" in name.lower() or not name.isidentifier() else 0


def features(text: str, family: str) -> dict[str, float]:
    """The style features of `text`; all in [0, 1] or small means, never dependent on size."""
    return _features(_count(text, family), family)


def _features(c: _Counts, family: str) -> dict[str, float]:
    total = max(c.lines, 1)
    n = max(c.nonblank, 1)
    ni = max(c.idents, 1)
    nind = max(c.indented, 1)
    interp, build = c.interp, c.build
    singles, doubles = c.singles // 2, c.doubles // 2
    comments, worded = c.comments, c.worded
    f = {
        "comment_ratio": comments / n,
        "comment_capital": c.capital / worded if worded else UNKNOWN,
        "comment_words": min(c.words / comments, 20) / 10 if comments else 0.0,
        "comment_period": c.period / worded if worded else UNKNOWN,
        "todo": min(c.todo / n * 20, 1.0),
        "doc_ratio": (c.documented / c.definitions) if c.definitions else UNKNOWN,
        "ident_len": min(c.ident_chars / ni, 30) / 10,
        "short_ident": c.short / ni,
        "multiword_ident": c.multi / ni,
        "line_len": min(c.chars / n, 160) / 80,
        "long_lines": c.long_lines / n,
        "trailing_ws": c.trailing / total,
        "tab_indent": c.tabs / nind,
        "odd_indent": c.odd / nind,
        "blank_ratio": (total - c.nonblank) / total,
        "blank_runs": c.runs / total,
        "modern": min(c.modern / n, 2.0),
        "legacy": min(c.legacy / n, 2.0),
        # Go has no string interpolation: Sprintf or concatenation tells nothing there.
        "interpolation": interp / (interp + build) if interp + build and family != "go" else UNKNOWN,
        "interpolation_rate": min(interp / n * 5, 1.0) if family != "go" else UNKNOWN,
        "typed": (c.typed / c.typed_defs if c.typed_defs else UNKNOWN) if family == "python" else UNKNOWN,
        "non_ascii": c.non_ascii / n,
        "licence": 1.0 if c.licence else 0.0,
        "print_calls": c.printing / n,
        "error_text": c.errors / n,
        "double_quotes": doubles / (singles + doubles) if singles + doubles else UNKNOWN,
        # What an author leaves, not what a formatter or a version decides:
        "comment_step": c.steps / worded if worded else UNKNOWN,
        "comment_informal": c.informal / comments if comments else UNKNOWN,
        "commented_code": c.code_comments / comments if comments else UNKNOWN,
        "doc_sections": min(c.sections / max(c.definitions, 1), 2.0) if comments else 0.0,
        "guards": c.guarded / c.definitions if c.definitions else UNKNOWN,
        "error_words": min(c.message_words / c.messages, 20) / 10 if c.messages else UNKNOWN,
        "naming_mixed": min(c.snake, c.camel) / (c.snake + c.camel) if c.snake + c.camel >= 4 else UNKNOWN,
        "section_rules": c.rules / comments if comments else UNKNOWN,
        "test_name_words": min(c.test_words / c.tests, 12) / 6 if c.tests else UNKNOWN,
        "uniformity": c.uniformity,
        "blank_in_body": c.body_blanks / c.body_lines if c.body_lines >= 5 else UNKNOWN,
    }
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
_STEP_LOWER = re.compile(_STEP.pattern)  # for lower-case ASCII text (FileStyle)
_INFORMAL_WORDS = (
    "hack|hacky|ugly|for now|not sure|i think|dunno|no idea|weird|magic|oops|sigh|meh|lol|"
    "kludge|workaround|temporary|temp fix|don't ask|should probably|maybe|hmm|gross|yuck|crap|stupid|silly|"
    "i'm|i am|we're|i've|we've|let's not"
).split("|")
_INFORMAL = re.compile(r"\?\s*$|!|\b(" + "|".join(_INFORMAL_WORDS) + r")\b", re.I)
_CODE_ENDS = (";", ")", "{", "}", "]", ":")
_CODE_LIKE = re.compile(
    r"^(if|for|while|return|import|from|def|class|var|let|const|func|fn|self\.|this\.|print|console\.)\b.*|"
    r".*(;|\)|\{|\}|\]|:)\s*$|^\w[\w.\[\]]*\s*[-+*/]?=\s*\S"
)
# For FileStyle, which reads comments already stripped: _CODE_LIKE's middle branch is
# then a comment ending in one of _CODE_ENDS (a test checks), and the others start it.
_CODE_START = re.compile(
    r"(if|for|while|return|import|from|def|class|var|let|const|func|fn|self\.|this\.|print|console\.)\b|"
    r"\w[\w.\[\]]*\s*[-+*/]?=\s*\S"
)
_CODE_START_WORDS = (
    "if", "for", "while", "return", "import", "from", "def", "class", "var", "let", "const", "func", "fn", "self.",
    "this.", "print", "console.",
)  # fmt: skip


def _may_start_code(comment: str) -> bool:
    """Necessary for _CODE_START.match: its first alternative starts with one of its
    words, its second holds an "="."""
    return comment.startswith(_CODE_START_WORDS) or "=" in comment


def _may_be_section(comment: str) -> bool:
    """Necessary for _DOC_SECTION.match: a heading ends in ":", a field starts with ":"
    or "@", a rule with "-"."""
    return ":" in comment or comment.startswith(("@", "-"))


_RULE_FIRST = "-=*#~_/"  # what a _RULE match starts with
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
    # (Ruby's guards mostly end in a modifier: `raise ArgumentError, "..." unless x`)
    "ruby": re.compile(r"^\s*(?:(if|unless)\b|(raise|return|fail)\b.*\b(if|unless)\b)"),
    "other": re.compile(r"^\s*(if|unless)\b"),
}
# What each _GUARD's match starts with after its leading whitespace (a test checks).
_GUARD_FIRST = {
    "python": ("if",),
    "js": ("if",),
    "go": ("if",),
    "rust": ("if", "let", "ensure!", "anyhow::ensure"),
    "clike": ("if",),
    "ruby": ("if", "unless", "raise", "return", "fail"),
    "other": ("if", "unless"),
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
# What a _TEST_DEF match starts with after its leading whitespace (a test checks).
_TEST_FIRST = ("def", "async", "it(", "test(", "func", "fn", "void", "public")
# Between a lower-case letter or digit and a capital: what r"([a-z0-9])([A-Z])" -> r"\1 \2"
# splits (a literal replacement: no template expanded per match).
_CAMEL_BREAK = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SNAKE = re.compile(r"^[a-z]+(?:_[a-z0-9]+)+$")
_CAMEL = re.compile(r"^[a-z]+(?:[A-Z][a-z0-9]*)+$")


def _words_in_name(name: str) -> int:
    parts = _CAMEL_BREAK.sub(" ", name).replace("_", " ").split()
    return len([p for p in parts if p.lower() not in ("test", "it", "should")]) or 1


def _is_comment(stripped: str, family: str) -> bool:
    return stripped.startswith(("#",) if family in _HASH_COMMENT else ("//", "/*", "*"))


# -- the same features, for every judging unit of a file and the whole file at once --------
# `features` reads a text from scratch; the scan needs them for each unit of a file and
# for the file, and reading each unit again cost five times the segmenting. `FileStyle`
# splits and classifies the lines once, runs each regular expression once over the file,
# and sums per-line facts over each unit's lines. A unit that starts inside a docstring
# or a /* comment (a long one cut at a paragraph) reads its lines differently: it is read
# from scratch, like a unit whose text would not split back into the same lines.


def _char_class(ch: str) -> int:
    """A character as _TOKEN sees it: w(ord), s(pace) or p(unctuation)."""
    return ord("w") if re.match(r"\w", ch) else ord("s") if re.match(r"\s", ch) else ord("p")


_CLASS_TABLE = bytes(_char_class(chr(b)) for b in range(256))  # (only ASCII is looked up)


class _AsAscii(dict[int, int]):
    """A character (code point) -> an ASCII one of its class: "a", " " or "!"."""

    def __missing__(self, ch: int) -> int:
        value = self[ch] = ord({ord("w"): "a", ord("s"): " "}.get(_char_class(chr(ch)), "!"))
        return value


_AS_ASCII = _AsAscii()


def _as_class(e: UnicodeError) -> tuple[str, int]:
    """An encoding error handler: the characters ASCII cannot hold, as ASCII ones of their class."""
    if not isinstance(e, UnicodeEncodeError):
        raise e
    return e.object[e.start : e.end].translate(_AS_ASCII), e.end


_CLASS_OF = "provmark-token-class"
codecs.register_error(_CLASS_OF, _as_class)


class LineText:
    """A file's lines joined once, with where each starts, for counting tokens (as
    `token_count` does) over any run of them without re-reading it."""

    def __init__(self, lines: list[str], joined: str | None = None, starts: list[int] | None = None) -> None:
        self.lines = lines
        self.joined = "\n".join(lines) if joined is None else joined
        self.starts = _line_starts(lines) if starts is None else starts
        self._classes: bytes | None = None
        # Where core/_stylec.c is built and `joined` is the lines': tokens per line,
        # summed up to each line (a run's count is then one subtraction).
        self._per_line = joined is None and _stylec is not None
        self._prefix: list[int] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Where "\\n".join(lines[start:end]) is in `joined`."""
        return self.starts[start], max(self.starts[start], self.starts[end] - 1)

    def tokens(self, start: int, end: int) -> int:
        """token_count("\\n".join(lines[start:end])): punctuation characters and runs of
        word characters, counted as the token starts ("T") in a string of character
        classes (w, s, p) where each punctuation character and each word character after
        a space or punctuation has become "T" (a run of lines starts after a line break);
        in C, each line's count (a line break is a space), summed up to each line."""
        if self._per_line:
            if start >= end:
                return 0
            prefix = self._prefix
            if prefix is None:
                prefix = self._prefix = _stylec.line_tokens(self.lines)
            return prefix[end] - prefix[start]
        a, b = self.span(start, end)
        if a >= b:
            return 0
        starts = self._classes
        if starts is None:
            j = self.joined
            # (each other character as an ASCII one of its class, by the codec's error
            # handler: a call per run of them, eight times faster than a regex's sub)
            cls = b"s" + j.encode("ascii", _CLASS_OF).translate(_CLASS_TABLE)  # (a space before the first line)
            starts = self._classes = cls.replace(b"sw", b"sT").replace(b"pw", b"pT").replace(b"p", b"T")[1:]
        return starts.count(b"T", a, b)

    def line_tokens(self) -> list[list[str]]:
        """Each line's tokens (as `token_count` counts them), for features over tokens."""
        out: list[list[str]] = [[]]
        for t in _TOKEN_OR_LINE.findall(self.joined):
            if t == "\n":
                out.append([])
            else:
                out[-1].append(t)
        return out if self.lines else []


_TOKEN_OR_LINE = re.compile(r"\w+|[^\w\s]|\n")


class _Matches:
    """One regular expression's matches over a whole string, so that `findall` over any
    run of its lines can be counted from them: the same, unless a match crosses either
    edge of the run (then that run is matched alone). Exact for patterns with no
    lookahead nor positive lookbehind, whose negative lookbehinds never match a line
    break (FileStyle checks this)."""

    def __init__(
        self,
        pattern: re.Pattern[str],
        text: str,
        group: int | None = None,
        found: Iterable[re.Match[str]] | None = None,
    ) -> None:
        self.pattern, self.text, self.group = pattern, text, group
        matches = list(pattern.finditer(text) if found is None else found)
        self.starts: list[int] = list(map(_START, matches))
        self.ends: list[int] = list(map(_END, matches))
        self.words: list[int] = [0]  # with a group: its words, summed up to each match
        if group is not None:
            words = map(len, map(str.split, map(re.Match.group, matches, repeat(group))))
            self.words = list(itertools.accumulate(words, initial=0))

    def count(self, a: int, b: int) -> tuple[int, int]:
        """How many matches `findall(text[a:b])` finds (a, b: the edges of lines), and
        the words in their group."""
        starts, ends = self.starts, self.ends
        i = bisect_left(starts, a)
        j = bisect_left(starts, b)
        k = bisect_right(starts, b) - 1
        if (i > 0 and ends[i - 1] >= a) or (k >= 0 and ends[k] > b):
            found = list(self.pattern.finditer(self.text[a:b]))
            if self.group is None:
                return len(found), 0
            return len(found), sum(len(m.group(self.group).split()) for m in found)
        return j - i, self.words[j] - self.words[i] if self.group is not None else 0


# Faster equivalents of some patterns, for FileStyle: the same matches (a test checks),
# but every alternative starts with a literal character, so the regex engine skips
# ahead to candidates instead of trying every alternative at every position (an f-string
# prefix's lookbehind moves after its first letter; a class of quotes becomes two
# alternatives). `build`'s matches are found from the +, % and .format( they hold.
_F_STRING = (
    r"r(?<![\w\-'\"]r)[fF][rR]?[\"']|R(?<![\w\-'\"]R)[fF][rR]?[\"']|"
    r"f(?<![\w\-'\"]f)[rR]?[\"']|F(?<![\w\-'\"]F)[rR]?[\"']"
)
_FAST = {
    ("python", "interp"): re.compile(_F_STRING),
    ("python", "modern"): re.compile(
        _F_STRING + r"|from __future__ import annotations|dataclass\b|pathlib\b|Path\(|:=|"
        r"list\[|dict\[|tuple\[|set\[|\| None\b|match \w+:|typing\b|NamedTuple\b|Enum\b|perf_counter\b"
    ),
}
# Python's `interp` matches are `modern`'s that end in a quote (only its f-string
# alternatives do): an f-string start is never inside another alternative's match, and at
# the same start the f-string alternatives come first (a test checks). (A named group
# around them would say which alternative matched, but stops the engine's skipping ahead.)
_QUOTES = ("'", '"')
# Where each family's `printing` (^\s*...) may match, as the line break before the line
# in "\n" + code (a literal the regex engine skips ahead to, where ^ with re.M is tried at
# every position); the code's lines are not blank, so \s* there never crosses a line.
assert all(s.printing.pattern.startswith("^\\s*") for s in _SYNTAX.values())
_PRINT_AFTER_BREAK = {
    family: re.compile("\n[^\\S\n]*" + syntax.printing.pattern.removeprefix("^\\s*"))
    for family, syntax in _SYNTAX.items()
}
# The words each family's `printing` alternatives start with after ^\s* (not Ruby's and
# the others', whose "p" and "echo" are everywhere): a match starts at the start of a
# line whose first word is one of them.
_PRINT_WORDS = {
    "python": ("print(",),
    "js": ("console.",),
    "go": ("fmt.Print", "log.Print", "println("),
    "rust": ("println!", "eprintln!", "print!"),
    "clike": ("System.out.print", "printf(", "std::cout", "Console.Write", "println(", "print("),
}


def _printing_starts(code: str, words: tuple[str, ...]) -> list[int]:
    """Where a family's `printing` may match in code (lines that are not blank): the
    start of each line where one of its words comes first (after spaces), found from the
    words (the regex engine stopped at every line break: 2% of the analysis)."""
    out: list[int] = []
    for q in _finds(code, words):
        while q > 0 and code[q - 1] != "\n" and code[q - 1].isspace():
            q -= 1
        if (q == 0 or code[q - 1] == "\n") and (not out or out[-1] != q):
            out.append(q)
    return out


_LICENCE_WORDS = ("copyright", "licen", "all rights reserved", "spdx-license")  # each match starts with one


def _spans(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """pattern.finditer(text), given every position where a match may start, in order."""
    pos = 0
    for q in starts:
        if q < pos:
            continue
        m = pattern.match(text, q)
        if m is not None:
            yield m
            pos = m.end() if m.end() > q else q + 1


def _build_starts(text: str) -> Iterator[int]:
    """Where Python's `build` may match: at .format(, or at the character before the
    spaces before a + or %."""
    out: set[int] = set()
    for q in _finds(text, (".format(", "+", "%")):  # (one C search: the pieces of three splits cost more)
        if text[q] == ".":
            out.add(q)
            continue
        while q > 0 and text[q - 1].isspace():
            q -= 1
        if q > 0:
            out.add(q - 1)
    return iter(sorted(out))


# Python's `legacy`: the literal each alternative starts with, but for the quote before
# a % (found from the %, as _build_starts finds it).
_LEGACY_WORDS = (
    "(object)", "super(", 'u"', "u'", "%", ".format(", "print", "basestring", "unicode(", "xrange", "iteritems",
    "six.", "except ", "has_key(",
)  # fmt: skip


def _legacy_starts(code: str) -> list[int]:
    """Where Python's `legacy` may match: at its words, and at a quote that a % follows
    after spaces. Its alternatives start with characters most code is full of (u, s, p,
    quotes), so the regex engine stopped at almost every character: 8% of the analysis."""
    found = _finds(code, _LEGACY_WORDS)
    quotes: list[int] = []
    for q in found:
        if code[q] == "%":
            while q > 0 and code[q - 1].isspace():
                q -= 1
            if q > 0 and code[q - 1] in _QUOTES:
                quotes.append(q - 1)
    return sorted(set(found).union(quotes)) if quotes else found


def _message_starts(text: str) -> Iterator[int]:
    """Where _ERROR_MESSAGE may match: where one of the words its alternatives start with is."""
    return _word_starts(text, _MESSAGE_WORDS)


# Python's fast `modern`: the literal each of its alternatives other than an f-string
# prefix starts with (a test checks the matches are the same).
_MODERN_WORDS = (
    "from __future__ import annotations", "dataclass", "pathlib", "Path(", ":=", "list[", "dict[", "tuple[",
    "set[", "| None", "match ", "typing", "NamedTuple", "Enum", "perf_counter",
)  # fmt: skip
_PREFIXED_QUOTES = tuple(a + q for a in "rRfF" for q in _QUOTES)


def _modern_starts(code: str) -> list[int]:
    """Where Python's fast `modern` may match: at its words, and up to two characters
    before an r, R, f or F that a quote follows (rf", fr', f"). Its alternatives all
    start with a letter or sign that most code is full of, so the regex engine stops at
    almost every character; str.find skips between these."""
    quoted = _finds(code, _PREFIXED_QUOTES)
    if not quoted:
        return _finds(code, _MODERN_WORDS)
    out = set(_finds(code, _MODERN_WORDS))
    for pos in quoted:
        out.update((pos, pos - 1, pos - 2))
    out.discard(-1)
    out.discard(-2)
    return sorted(out)


def _word_starts(text: str, words: tuple[str, ...]) -> Iterator[int]:
    """Where any of `words` occurs in `text`, in order."""
    return iter(_finds(text, words))


def _finds(text: str, words: tuple[str, ...]) -> list[int]:
    """Where any of `words` occurs in `text` (an empty word: nowhere), sorted, each start once: in C where
    core/_stylec.c is built (every start), else the occurrences str.split finds (all
    but those that start inside another occurrence of the same word: no caller reads a
    difference, as none of their words but "XXX" and the triple quotes overlaps itself,
    and those only mark lines and candidates)."""
    if _stylec is not None:
        found: list[int] = _stylec.finds(text, words)
        return found
    return sorted(set(itertools.chain.from_iterable(_occurrences(text, w) for w in words if w)))


# _TODO's words (none can overlap itself at a word's start, where \b lets a match begin)
_TODO_WORDS = ("TODO", "FIXME", "XXX", "HACK")


_MESSAGE_WORDS = ("raise", "throw", "Errorf", "errors.New", "Error(", "panic!", "bail!", "anyhow!", "expect")


def _occurrences(text: str, word: str) -> Iterable[int]:
    """Where `word` occurs in `text` (not overlapping), from str.split: C, and far faster
    than a regular expression stopping at every candidate character. The k-th piece
    ends where the k-th occurrence starts."""
    pieces = text.split(word)
    if len(pieces) == 1:
        return ()
    steps = map(add, map(len, pieces[1:-1]), repeat(len(word)))
    return itertools.accumulate(steps, initial=len(pieces[0]))


def _licence_starts(text: LineText) -> Iterator[int]:
    """Where _LICENCE may match in text.joined: where its words are, in lower case, on
    ASCII lines; its matches on the others (none crosses a line: its spaces are
    literal)."""
    low, odd = _lower_lines(text)
    out = _finds(low, _LICENCE_WORDS)  # (faster than a regex stopping at each c, l, a, s)
    if not odd:
        return iter(out)
    for i in odd:
        out += [text.starts[i] + m.start() for m in _LICENCE.finditer(text.lines[i])]
    return iter(sorted(out))


def _lower_lines(text: LineText) -> tuple[str, list[int]]:
    """text.joined in lower case, each line that is not ASCII blanked (as many spaces),
    and those lines: an ASCII text of the same length and line starts, where re.I
    folds nothing that lower() does not (it would, elsewhere: "K", the Kelvin sign,
    matches "k"), for case-sensitive patterns the regex engine runs much faster."""
    if text.joined.isascii():
        return text.joined.lower(), []
    odd = [i for i, x in enumerate(text.lines) if not x.isascii()]
    lines = text.lines.copy()
    for i in odd:
        lines[i] = " " * len(lines[i])
    return "\n".join(lines).lower(), odd


# Lines that may hold a match, found by one search over the whole text; the exact
# pattern then reads only those. Each finds a word every match of the pattern holds.
# What a family's definition pattern starts with after leading whitespace, where its
# words are few (a test checks): most lines holding "def" or "class" do not start so.
_DEFINITION_FIRST = {"python": ("async", "def", "class"), "go": ("func", "type")}
_MAY_DEFINE = {
    "python": ("def", "class"),
    "js": ("function", "class", "("),
    "go": ("func", "type"),
    "rust": ("fn", "struct", "enum", "impl", "trait", "mod"),
    "clike": (
        "public", "private", "protected", "static", "final", "abstract", "override", "internal", "fun", "def",
        "class", "interface", "enum", "record", "struct",
    ),
    "ruby": ("def", "class", "module"),
    "other": ("def", "function", "fn", "sub", "proc"),
}  # fmt: skip
_MAY_TEST = ("test_", "it(", "test(", "func", "fn", "void")  # _TEST_DEF
_TRIPLE_QUOTES = ('"""', "'''")


def _informal_lower() -> re.Pattern[str]:
    """_INFORMAL over lower-case ASCII lines joined by line breaks (re.M: a match starting
    on a line is one of that line's own; only `\\?\\s*$` reaches past a line's end, and
    only over line breaks), three times faster: case-sensitive, and
    each word's leading \\b moved after its first letter (words grouped by that letter),
    so every alternative starts with a literal the engine can skip ahead to."""
    by_letter: dict[str, list[str]] = {}
    for word in _INFORMAL_WORDS:
        by_letter.setdefault(word[0], []).append(word[1:])
    words = [f"{c}(?<!\\w{c})(?:{'|'.join(rest)})\\b" for c, rest in by_letter.items()]
    return re.compile(r"\?\s*$|!|" + "|".join(words), re.M)


_INFORMAL_LOWER = _informal_lower()
# Where _INFORMAL_LOWER may match: each of its alternatives starts with one of these.
_INFORMAL_MAY = (*_INFORMAL_WORDS, "?", "!")


def _informal_lines(comments: LineText, lower: str) -> list[int]:
    """The lines (comments) where _INFORMAL_LOWER finds a match in `lower` (the comments
    in lower case), tried only where one of its words or signs is: the regex engine
    stopped at every letter an informal word starts with. (finditer would skip no start
    found here: a match runs on past its line only over whitespace.)"""
    match = _INFORMAL_LOWER.match
    found = [q for q in _finds(lower, _INFORMAL_MAY) if match(lower, q) is not None]
    return list(dict.fromkeys(map(bisect_right, repeat(comments.starts[1:]), found)))


# An indented line whose indent (spaces and tabs, from a space) is odd wide and whose
# text does not start with "*" (a /* comment's): `odd_indent`, found from the line
# break before the line (a two-character literal the regex engine skips ahead to).
_ODD_INDENT = re.compile(r"\n (?:[ \t][ \t])*(?![ \t])[^\S\n]*[^\s*]")


def _lines_with(pattern: re.Pattern[str], text: LineText, joined: str | None = None) -> list[int]:
    """The lines where a match of `pattern` over the joined text (or `joined`, a text of
    the same length: the lower-cased one) starts, in order."""
    # Each match's line is where its start falls among the lines' starts past the
    # first: all in C (map, bisect, dict.fromkeys to drop repeats in order).
    found = pattern.finditer(text.joined if joined is None else joined)
    return list(dict.fromkeys(map(bisect_right, repeat(text.starts[1:]), map(_START, found))))


_START, _END = re.Match.start, re.Match.end


def _line_starts(lines: list[str]) -> list[int]:
    """Where each line starts in "\n".join(lines), and where one more would."""
    if _stylec is not None:
        found: list[int] = _stylec.line_starts(lines)
        return found
    return list(itertools.accumulate([len(x) + 1 for x in lines], initial=0))


def _quote_prefix(lines: list[str]) -> tuple[list[int], list[int]]:
    """How many single and double quotes the lines before each line hold, from 0."""
    if _stylec is not None:
        found: tuple[list[int], list[int]] = _stylec.char_prefix(lines, "'\"")
        return found
    singles = list(itertools.accumulate(map(str.count, lines, repeat("'")), initial=0))
    return singles, list(itertools.accumulate(map(str.count, lines, repeat('"')), initial=0))


def _word_counts(texts: list[str]) -> list[int]:
    """len(x.split()) of each text."""
    if _stylec is not None:
        found: list[int] = _stylec.word_counts(texts)
        return found
    return [len(x.split()) for x in texts]


def _lines_holding(text: LineText, words: tuple[str, ...]) -> list[int]:
    """The lines where any of `words` starts, in order (`text.joined` is its lines
    joined by "\n", as every LineText here is: in C, the line breaks are counted)."""
    if _stylec is not None:
        found: list[int] = _stylec.lines_holding(text.joined, words)
        return found
    return list(dict.fromkeys(map(bisect_right, repeat(text.starts[1:]), _finds(text.joined, words))))


# (blank, ends in a space, characters if not blank, over 100 of them, not ASCII, starts
# with a space or a tab (an empty line too, as `_count` has it), indented, by a tab; a
# run of blank lines goes on, a blank line inside a body)
_LineFacts = tuple[
    list[bool], list[bool], list[int], list[bool], list[bool], list[bool], list[bool], list[bool],
    list[bool], list[bool],
]  # fmt: skip


def _line_facts(lines: list[str], python: bool) -> _LineFacts:
    """FileStyle's simple facts about each line (blank, trailing, chars, long_lines,
    non_ascii, lead, indented, tabs) and two read from them: runs (a blank line after
    one blank, two for Python: PEP 8's two blank lines between top-level definitions do
    not count) and body_blanks (a blank line between two indented ones, the next not
    blank). In C where core/_stylec.c is built."""
    if _stylec is not None:
        facts: _LineFacts = _stylec.line_facts(lines, python)
        return facts
    return _python_line_facts(lines, python)


def _python_line_facts(lines: list[str], python: bool) -> _LineFacts:
    """_line_facts in Python, the reference: one loop that reads each line once (twice
    as fast as a comprehension per fact, and many times faster compiled)."""
    n = len(lines)
    blank, trailing, chars, long_lines = [False] * n, [False] * n, [0] * n, [False] * n
    non_ascii, lead, indented, tabs = [False] * n, [True] * n, [False] * n, [False] * n
    for i, x in enumerate(lines):
        if not x:
            blank[i] = True
            continue
        stripped = x.rstrip()
        if stripped != x:
            trailing[i] = True
        first = x[0]
        if first != " " and first != "\t":
            lead[i] = False
        if not stripped:  # (rstrip() removes what isspace() finds)
            blank[i] = True
            continue
        chars[i] = len(x)
        if len(x) > 100:
            long_lines[i] = True
        if not x.isascii():
            non_ascii[i] = True
        if lead[i]:
            indented[i] = True
            tabs[i] = first == "\t"
    if python:
        runs = [False, False] + [a and b and c for a, b, c in zip(blank, blank[1:], blank[2:], strict=False)]
    else:
        runs = [False] + [a and b for a, b in itertools.pairwise(blank)]
    body_blanks = (
        [False]
        + [b and p and q and not nb for b, p, q, nb in zip(blank[1:-1], lead, lead[2:], blank[2:], strict=False)]
        + [False]
    )
    return blank, trailing, chars, long_lines, non_ascii, lead, indented, tabs, runs, body_blanks


def _left_open(lines: list[str], family: str) -> str | None:
    """A line that closes what `lines` leave open at their end, as FileStyle reads them:
    a Python triple-quoted string opening a line (`_docstring_state`), a /* comment
    (`_line_kinds`); None if nothing is left open."""
    if family == "python":
        quote: str | None = None
        for line in lines:
            if '"""' not in line and "'''" not in line:  # (no other line changes anything)
                continue
            s = line.strip()
            if quote is None:
                for q in ('"""', "'''"):
                    body = s[1:] if s[:1] in "rRbBuU" and s[1:4] == q else s
                    if body.startswith(q):
                        if body.count(q) == 1:
                            quote = q
                        break
            elif quote in s:
                quote = None
        return quote
    if family in _HASH_COMMENT:
        return None
    in_block = False
    for line in lines:
        if "/*" not in line and "*/" not in line:  # (no other line changes anything)
            continue
        s = line.strip()
        if in_block:
            in_block = "*/" not in s
        elif s.startswith("/*"):
            in_block = "*/" not in s[2:]
    return "*/" if in_block else None


class FileStyle:
    """The content model's features of a file's runs of lines and of the whole file,
    equal to `features` on each text, from facts about each line gathered once."""

    def __init__(self, lines: list[str], family: str, text: LineText | None = None, era: bool = True) -> None:
        """`era`: False leaves out what only ERA_FEATURES' legacy and interpolation read
        (two regular expressions over the code; those two features are then UNKNOWN), for
        a model that reads none of them."""
        self.lines, self.family, self.era = lines, family, era
        self.text = text or LineText(lines)
        syntax = _SYNTAX.get(family, _SYNTAX["other"])
        python = family == "python"
        # Per line, each fact a list (summed over a run by `counts`).
        (blank, self.trailing, self.chars, self.long, self.non_ascii, _, self.indented, self.tabs, self.runs,
         self.body_blanks) = _line_facts(lines, python)  # fmt: skip
        self.blank = blank
        self.odd = [False] * len(lines)
        for i in _odd_indented(self.text):
            self.odd[i] = True

        quoted = _lines_holding(self.text, _TRIPLE_QUOTES) if python else []
        self.docstrings, going_on = _docstring_state(lines, quoted) if python else (set(), set())
        self.comment_at, comments, self.code_at, block_going_on = _line_kinds(lines, family, self.docstrings)
        self.going_on = going_on | block_going_on
        # Per comment.
        comment_text = LineText(comments)
        # In lower case where ASCII (lower() keeps every position, and re.I folds nothing
        # else there): case-sensitive patterns, which the regex engine runs much faster.
        # A comment that is not ASCII is blanked there (spaces: the lines keep their
        # starts) and read with the case-blind pattern alone: every pattern read here
        # finds its matches within one comment.
        lower, odd = _lower_lines(comment_text)
        worded = [x[:1].isalpha() for x in comments]
        self.worded = worded
        self.capital = [w and x[0].isupper() for x, w in zip(comments, worded, strict=True)]
        self.words = _word_counts(comments)
        self.period = [w and x.endswith(".") for x, w in zip(comments, worded, strict=True)]
        steps = list(map(is_not, map(_STEP_LOWER.match, lower.split("\n") if comments else []), repeat(None)))
        for i in odd:
            steps[i] = _STEP.match(comments[i]) is not None
        self.steps = list(map(and_, worded, steps))
        # One search over all the comments (each stripped, one a line) in place of one each.
        self.informal = [False] * len(comments)
        for i in _informal_lines(comment_text, lower):
            self.informal[i] = True
        for i in odd:
            self.informal[i] = _INFORMAL.search(comments[i]) is not None
        # _CODE_LIKE: a comment (stripped) ends in one of its characters, or starts like code
        # Each pattern tried only where its cheap necessary sign is (a test checks each).
        self.code_comments = [
            len(x) > 3 and (x.endswith(_CODE_ENDS) or (_may_start_code(x) and _CODE_START.match(x) is not None))
            for x in comments
        ]
        self.sections = [_may_be_section(x) and _DOC_SECTION.match(x) is not None for x in comments]
        self.rules = [x[:1] in _RULE_FIRST and x != "" and _RULE.match(x) is not None for x in comments]

        match, first = syntax.definition.match, _DEFINITION_FIRST.get(family, ("",))
        self.defs = defs = [
            i
            for i in _lines_holding(self.text, _MAY_DEFINE[family])
            if lines[i].lstrip().startswith(first) and match(lines[i])
        ]
        n = len(lines)
        self.documented = [_documented_at(lines, i, 0, n, family, self.docstrings) for i in defs]
        self.guarded = [_guarded_at(lines, i, n, family) for i in defs]
        is_code = set(self.code_at)
        self.typed_defs = [python and i in is_code and "class " not in lines[i].split("(")[0] for i in defs]
        self.typed = [t and _PY_TYPED.search(lines[i]) is not None for i, t in zip(defs, self.typed_defs, strict=True)]

        code_lines = list(map(lines.__getitem__, self.code_at))
        code = self.code = "\n".join(code_lines)
        self.code_starts = _line_starts(code_lines)
        self.singles, self.doubles = _quote_prefix(code_lines)
        # The identifiers' packed counts (_PackedIdents), summed up to each code line.
        self.idents = _ident_prefix(code_lines)
        self.tests = [0] * len(self.code_at)
        for k in _lines_holding(LineText([], code, self.code_starts), _MAY_TEST):
            self.tests[k] = _test_words(lines[self.code_at[k]])
        self.matches = {}
        fstrings: list[re.Match[str]] = []
        for name in ("modern", "legacy", "interp", "build", "printing", "error"):
            pattern = getattr(syntax, name)
            if not era and name in ("legacy", "build"):
                continue
            if name == "build" and python:
                found: Iterable[re.Match[str]] = _spans(pattern, code, _build_starts(code))
            elif name == "modern" and python:  # f-strings are `interp` too: one search finds both
                found = list(_spans(_FAST["python", "modern"], code, _modern_starts(code)))
                fstrings = [m for m in found if code[m.end() - 1] in _QUOTES]
            elif name == "interp" and python:
                found = fstrings
            elif name == "legacy" and python:
                found = _spans(pattern, code, _legacy_starts(code))
            elif name == "printing" and family in _PRINT_WORDS:
                found = _spans(pattern, code, _printing_starts(code, _PRINT_WORDS[family]))
            elif name == "printing":  # (^\s*: code lines are not blank, so from a line break)
                found = _spans(pattern, code, map(_START, _PRINT_AFTER_BREAK[family].finditer("\n" + code)))
            else:
                found = _FAST.get((family, name), pattern).finditer(code)
            self.matches[name] = _Matches(pattern, code, found=found)
        self.messages = _Matches(_ERROR_MESSAGE, code, 2, _spans(_ERROR_MESSAGE, code, _message_starts(code)))
        joined = self.text.joined
        self.todo = _Matches(_TODO, joined, found=_spans(_TODO, joined, _word_starts(joined, _TODO_WORDS)))
        self.licence = _Matches(_LICENCE, joined, found=_spans(_LICENCE, joined, _licence_starts(self.text)))

    def _code_span(self, start: int, end: int) -> tuple[int, int, int, int]:
        """The code lines among lines[start:end] (indices into code_at) and where their
        text is in `code`."""
        ka, kb = bisect_left(self.code_at, start), bisect_left(self.code_at, end)
        a = self.code_starts[ka]
        return ka, kb, a, max(a, self.code_starts[kb] - 1)

    def counts(self, start: int, end: int) -> _Counts:
        """The counts of lines[start:end], read from this file's line facts."""
        lines, family = self.lines, self.family
        c = _Counts(lines=end - start)
        blank, c.chars, c.long_lines, c.non_ascii, c.indented, c.tabs, c.odd, c.trailing = _sums(
            (self.blank, self.chars, self.long, self.non_ascii, self.indented, self.tabs, self.odd, self.trailing),
            start,
            end,
        )
        c.nonblank = end - start - blank
        c.runs = sum(self.runs[start + (2 if family == "python" else 1) : end])
        c.body_blanks, c.body_lines = _sums((self.body_blanks, self.indented), start + 1, end - 1)

        ca, cb = bisect_left(self.comment_at, start), bisect_left(self.comment_at, end)
        c.comments = cb - ca
        c.worded, c.capital, c.words, c.period, c.steps, c.informal, c.code_comments, c.sections, c.rules = _sums(
            (
                self.worded,
                self.capital,
                self.words,
                self.period,
                self.steps,
                self.informal,
                self.code_comments,
                self.sections,
                self.rules,
            ),
            ca,
            cb,
        )

        da, db = bisect_left(self.defs, start), bisect_left(self.defs, end)
        starts = self.defs[da:db]
        c.definitions = db - da
        c.documented, c.guarded, c.typed_defs, c.typed = _sums(
            (self.documented, self.guarded, self.typed_defs, self.typed), da, db
        )
        for k, i in enumerate(starts, da):  # near either edge, a definition reads fewer lines
            if i + 8 > end or i - 4 < start - 1:
                c.documented += _documented_at(lines, i, start, end, family, self.docstrings) - self.documented[k]
                c.guarded += _guarded_at(lines, i, end, family) - self.guarded[k]
        c.uniformity = _uniformity(starts, end)

        ka, kb, a, b = self._code_span(start, end)
        for name, m in self.matches.items():
            setattr(c, "errors" if name == "error" else name, m.count(a, b)[0])
        c.messages, c.message_words = self.messages.count(a, b)
        c.singles, c.doubles = self.singles[kb] - self.singles[ka], self.doubles[kb] - self.doubles[ka]
        tests = self.tests[ka:kb]
        c.tests = len(tests) - tests.count(0)
        c.test_words = sum(tests)
        _add_ident_run(c, self.idents, ka, kb)
        ta, tb = self.text.span(start, end)
        c.todo = self.todo.count(ta, tb)[0]
        c.licence = self.licence.count(ta, tb)[0] > 0
        return c

    def reads_alike(self, start: int, end: int) -> bool:
        """Whether lines[start:end] read alone are read as they are in the file."""
        return start < end and start not in self.going_on and self.lines[end - 1] != ""

    def features(self, runs: list[tuple[int, int]]) -> tuple[list[dict[str, float]], dict[str, float]]:
        """The features of each run of lines (in order, not overlapping) and of the
        whole file: as `features` gives them for those texts."""
        family, n = self.family, len(self.lines)
        counts = [self.counts(start, end) if self.reads_alike(start, end) else None for start, end in runs]
        # The others are read alone, as `features` would read them.
        texts = [
            "\n".join(self.lines[start:end]).splitlines() if c is None else []
            for (start, end), c in zip(runs, counts, strict=True)
        ]
        self._read_together(texts, counts)
        out = [
            self._era(_features(c if c is not None else FileStyle(x, family, era=self.era).counts(0, len(x)), family))
            for c, x in zip(counts, texts, strict=True)
        ]
        return out, self._era(_features(self.counts(0, n), family))

    def _read_together(self, texts: list[list[str]], counts: list[_Counts | None]) -> None:
        """Fill in the counts of the texts still None as each would read alone. A
        FileStyle each costs far more than their lines (a whole file's fixed work: 7% of
        the analysis where a file's triple quotes lose their parity and most units
        start "inside" a docstring), so they are read as one text, one after another,
        each followed by a line closing what it left open (a string, a /* comment): one
        that reads alike there reads as alone. Where one does not, the rest are read
        together again from it, while each round settles at least half its lines; what
        is left is read one by one."""
        pending = [i for i, c in enumerate(counts) if c is None and texts[i]]
        while len(pending) > 1:
            lines: list[str] = []
            at: list[int] = []
            for i in pending:
                at.append(len(lines))
                lines += texts[i]
                closer = _left_open(texts[i], self.family)
                if closer is not None:
                    lines.append(closer)
            together = FileStyle(lines, self.family, era=self.era)
            settled = 0
            rest: list[int] = []
            for k, i in enumerate(pending):
                start, end = at[k], at[k] + len(texts[i])
                if together.reads_alike(start, end):
                    counts[i] = together.counts(start, end)
                    settled += end - start
                elif k > 0:  # (the first one fails on its own lines: it is read alone)
                    rest = pending[k:]
                    break
            if 2 * settled < len(lines):
                break
            pending = rest

    def _era(self, f: dict[str, float]) -> dict[str, float]:
        """The features, with those not computed (era=False) unknown."""
        if not self.era:
            f["legacy"] = f["interpolation"] = UNKNOWN
        return f


# A model's features, weights, means and scales.
_Columns = tuple[tuple[str, ...], tuple[float, ...], tuple[float, ...], tuple[float, ...]]


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

    # The token n-gram table (core.ngram) behind the learned "ngram" feature; without
    # it that feature is unknown and weighs nothing.
    ngram: ngram.NgramModel | None = None
    # Boosted trees over the same features (core.forest): their log-odds are averaged
    # with the logistic models' before calibration.
    forest: Forest | None = None
    _cols: dict[int, _Columns] = field(default_factory=dict, compare=False, repr=False)

    def feature_values(self, text: str, family: str) -> dict[str, float]:
        """Every feature the model reads: the style features and the n-gram score."""
        feats = features(text, family)
        if self.ngram is not None:
            score = self.ngram.score(text, family)
            feats[NGRAM] = UNKNOWN if score is None else score
        return feats

    def reads_any(self, names: Iterable[str]) -> bool:
        """Whether any family's model or the trees read any of these features."""
        read = {f for params in self.families.values() for f in params["features"]}
        if self.forest is not None:
            read.update(self.forest.features)
        return not read.isdisjoint(names)

    def judges(self, text: str) -> bool:
        """Whether `text` is long enough to judge; shorter, the model abstains."""
        return self.min_tokens <= 0 or token_count(text) >= self.min_tokens

    def judges_tokens(self, tokens: int) -> bool:
        """`judges` for a text of this many tokens."""
        return self.min_tokens <= 0 or tokens >= self.min_tokens

    def probability(self, text: str, family: str, unit: str = "block") -> float | None:
        """The calibrated probability that `text` (a block, or a whole file) is AI-written,
        under a 50/50 prior (None: too short to judge, or no model for the family)."""
        if not self.judges(text):
            return None
        return self.probability_of(self.feature_values(text, family), family, unit)

    def _columns(self, params: dict) -> _Columns:
        """A model's features, weights, means and scales, as tuples (made once)."""
        cols = self._cols.get(id(params))
        if cols is None:
            names = tuple(params["features"])
            # One tuple for equal lists of features (the usual case): the models then
            # share their lookups (_models) and _explain's check is one `is`.
            names = next((c[0] for c in self._cols.values() if c[0] == names), names)
            cols = (names, tuple(params["weights"]), tuple(params["mean"]), tuple(params["scale"]))
            self._cols[id(params)] = cols
        return cols

    def _terms(self, feats: dict[str, float], params: dict, read: list[float | None] | None = None) -> _Terms:
        """One model's log-odds, and each feature's term in it, w * (value - mean) / scale
        (0.0 for an unknown value, NaN, which contributes nothing): both from one loop,
        where the probability and its explanation each used to make their own. `read`:
        the values of the model's features, as _read_values gives them, if known."""
        names, weights, means, scales = self._columns(params)
        z: float = float(params["bias"])  # (typed: the sums below in unboxed floats when compiled)
        n = min(len(names), len(weights), len(means), len(scales))
        terms = [0.0] * n  # (an unknown value, NaN, stays 0.0: as w * (mean - mean) / scale)
        values = read if read is not None and len(read) >= n else _read_values(feats, names)
        for i in range(n):  # (indexed, not zipped: compiled, no tuple per feature)
            mean: float = means[i]
            got = values[i]
            value: float = mean if got is None else got  # (feats.get(names[i], mean))
            if value == value:
                t = weights[i] * (value - mean) / scales[i]
                z += t
                terms[i] = t
        return z, names, terms

    def knows(self, family: str) -> bool:
        """Whether the model judges code of this family: every family of the training
        corpus (with its own model, or the all-families one where it had too few
        repositories), never "other": shell, Perl, Lua, SQL ... no corpus holds. Read with
        the all-families model, hand-written Perl and Lua were warned ten times as often
        as any trained family's files; it abstains on them instead."""
        return family in FAMILIES and family != "other" and (family in self.families or "all" in self.families)

    def _models(self, feats: dict[str, float], family: str) -> list[_Terms]:
        """The terms of the family's own model and of the all-families one (none for a
        family it does not know)."""
        if not self.knows(family):
            return []
        params = [p for p in (self.families.get(family), self.families.get("all")) if p is not None]
        names = [self._columns(p)[0] for p in params]
        # Models that read the same features (one tuple: _columns) look each up once.
        read = _read_values(feats, names[0]) if len(names) > 1 and all(x is names[0] for x in names) else None
        return [self._terms(feats, p, read) for p in params]

    def _probability(self, models: list[_Terms], unit: str, feats: dict[str, float]) -> float | None:
        # A family's own model knows its idioms but saw few repositories; averaging it with
        # the all-families model keeps one quirk of a small corpus from deciding alone.
        if not models:
            return None
        parts = [logit for logit, _, _ in models]
        z = max(-30.0, min(30.0, sum(parts) / len(parts)))
        if self.forest is not None:
            z = (z + max(-30.0, min(30.0, self.forest.logit(feats)))) / 2
        knots = self.calibration.get(unit)
        return _interpolate(knots, z) if knots else 1.0 / (1.0 + math.exp(-z))

    def probability_of(self, feats: dict[str, float], family: str, unit: str = "block") -> float | None:
        return self._probability(self._models(feats, family), unit, feats)

    def assess(
        self, feats: dict[str, float], family: str, unit: str = "block", top: int = 3
    ) -> tuple[float | None, list[tuple[str, float]]]:
        """probability_of, and explain_features where it is not None, from one reading."""
        models = self._models(feats, family)
        p = self._probability(models, unit, feats)
        return p, (_explain(models, top) if p is not None else [])

    def explain(self, text: str, family: str, top: int = 3) -> list[tuple[str, float]]:
        """The features that pushed this text's score most, with their log-odds share."""
        return self.explain_features(self.feature_values(text, family), family, top)

    def explain_features(self, feats: dict[str, float], family: str, top: int = 3) -> list[tuple[str, float]]:
        return _explain(self._models(feats, family), top)


# (a model's log-odds, its features, and each one's term in it)
_Terms = tuple[float, tuple[str, ...], list[float]]


def _read_values(feats: dict[str, float], names: tuple[str, ...]) -> list[float | None]:
    """Each feature's value in feats, None where it has none."""
    return [feats.get(name) for name in names]


def _explain(models: list[_Terms], top: int) -> list[tuple[str, float]]:
    """The `top` features whose terms, averaged over the models, are largest."""
    names = models[0][1] if models else ()
    if all(m[1] is names or m[1] == names for m in models):
        # The usual case, every model reading the same features: the same sums in the
        # same order as below, with no dict.
        n = float(len(models))
        shares = [0.0] * len(names)
        for _, _, terms in models:
            for i in range(min(len(terms), len(shares))):
                shares[i] = shares[i] + terms[i] / n
        keys = [-abs(v) for v in shares]
        return [(names[i], round(shares[i], 2)) for i in _first_by_key(keys, top)]
    share: dict[str, float] = {}
    for _, names, terms in models:
        for name, t in zip(names, terms, strict=False):
            share[name] = share.get(name, 0.0) + t / len(models)
    parts = list(share.items())
    parts.sort(key=lambda p: -abs(p[1]))
    return [(name, round(v, 2)) for name, v in parts[:top]]


def _first_by_key(keys: list[float], top: int) -> list[int]:
    """sorted(range(len(keys)), key=keys.__getitem__)[:top]: the `top` smallest keys'
    indexes, ties in order, picked one by one (the sort of every feature, with a call
    per key, cost more than the rest of the explanation)."""
    if any(k != k for k in keys):  # (NaN: whatever order the sort gives)
        return sorted(range(len(keys)), key=keys.__getitem__)[:top]
    picked: list[int] = []
    for _ in range(min(top, len(keys))):
        best = -1
        for i in range(len(keys)):
            if (best < 0 or keys[i] < keys[best]) and i not in picked:
                best = i
        picked.append(best)
    return picked


def _interpolate(knots: tuple[tuple[float, float], ...], z: float) -> float:
    if z <= knots[0][0]:
        return knots[0][1]
    for (z0, p0), (z1, p1) in itertools.pairwise(knots):
        if z <= z1:
            return p0 + (p1 - p0) * (z - z0) / (z1 - z0) if z1 > z0 else p1
    return knots[-1][1]


def load_model(path: Path | None = None) -> StyleModel | None:
    try:
        raw = model_file.read_shipped() if path is None else path.read_text(encoding="utf-8")
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
        threshold = model_file.scan_thresholds(data)
        return StyleModel(
            version=str(data.get("version", "?")),
            families=families,
            calibration=calibration,
            min_tokens=int(data.get("min_tokens", 0)),
            scan_threshold=threshold,
            ngram=ngram.load(data["ngram"]) if "ngram" in data else None,
            forest=forest.from_json(data["forest"]) if "forest" in data else None,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


@lru_cache(maxsize=1)
def default_model() -> StyleModel | None:
    return load_model()
