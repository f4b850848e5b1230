"""Split a source file into blocks: its top-level definitions, with the comments,
decorators and attributes above them, and runs of small top-level statements (imports,
constants) merged into one block.

A block that is not one function (a class, an impl, a namespace, an object literal, a
test suite, a var block) and is longer than MAX_BLOCK_LINES is split again into its
members, and so on down; a function is kept whole up to MAX_FUNCTION_LINES and split
into runs of its statements (a table's rows, a match's arms) beyond that. So no block is
longer than MAX_FUNCTION_LINES unless nothing inside it can be told apart.

Indentation and brackets are enough for this in every common language, so no parser is
needed; the split only has to be close to what a person would call "a function". Strings
and comments are blanked out first (so braces inside them do not count), and brackets
left open by broken code or preprocessor branches are closed again by indentation: a
line is never inside a bracket opened on a line indented as much as it or more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from provmark.core import native

MAX_BLOCK_LINES = 120  # longer than this and not one function: split into members
MAX_FUNCTION_LINES = 300  # longer than this: split whatever it is
MIN_BLOCK_LINES = 3  # shorter pieces merge with their neighbours
MAX_NESTING = 40  # members of members ... this deep are not looked for (broken or generated code)

_NAME = re.compile(
    r"^\s*(?:export\s+)?(?:default\s+)?(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?(?:unsafe\s+)?"
    # (PHP's and C#'s modifiers before a class or function: `final class`, `public static function`)
    r"(?:(?:abstract|final|readonly|sealed|partial|static|public|private|protected|internal)\s+)*"
    r"(?:def|class|function\*?|func|fn|struct|enum|trait|impl|interface|type|mod|module|object|record|namespace)\s+"
    r"(?:\([^)]*\)\s*)?(?:self\.)?([A-Za-z_$][\w$]*)"  # (Ruby's `def self.name`)
)
_ASSIGN_NAME = re.compile(r"^\s*(?:export\s+)?(?:const|let|var|val)\s+([A-Za-z_$][\w$]*)")
_JAVA_NAME = re.compile(
    r"^\s*(?:@\w+\s+)*(?:(?:public|private|protected|static|final|abstract|override|"
    r"synchronized|internal|open)\s+)+[\w<>\[\], ?]*?\b([A-Za-z_]\w*)\s*\("
)
# Lines that go with the definition below them: comments, decorators, annotations,
# attributes (Rust's #[...], C#'s [...]).
_ATTACH_FIRST = frozenset("@#/*[")
_ATTACH = re.compile(
    r"\s*(?:@|#\[|#!\[|//|#(?![\w$!])|/\*|\*"
    r"|\[\w[\w.]*(?:\((?:[^()]|\([^()]*\))*\))?(?:,\s*\w[\w.]*(?:\((?:[^()]|\([^()]*\))*\))?)*\]\s*$)"
)
# Lines that continue the statement above them at the same indentation.
_CLOSER_FIRST = frozenset(")]}.?&|=-efcw")
_CLOSER = re.compile(r"[\])}.?]|&&|\|\||=>|->|(?:else|elif|except|finally|catch|where)\b")
_LABEL = re.compile(r"(?:case\b|default\s*:|[A-Za-z_]\w*\s*:$)")  # switch cases, public:, labels
# A line of words only (a C return type above the function's name, a template<...> line).
_WORDS_ONLY = re.compile(r"(?:[\w*&<>,~\[\] \t]|::)+")
_NOT_TYPE = re.compile(r"(?:import|package|use|from|return|break|continue|goto|export|module|else|do|try)\b")

# Strings and comments, blanked before brackets are counted. Single- and double-quoted
# strings end at the line's end (an apostrophe in a comment of another language stops
# there); triple quotes, template literals, raw strings and block comments span lines.
# Every alternative starts with a literal character, so that the regex engine skips
# quickly to the next candidate. A body is written "unrolled" (runs of ordinary
# characters matched in one step, `[^"]*(?:"(?!"")[^"]*)*` for `[\s\S]*?` before a
# closing '"""'): the same matches, without a branch or a lazy step per character.
_LEX_PYTHON = re.compile(
    r"#[^\n]*"
    r'|"""[^"]*(?:"(?!"")[^"]*)*(?:"""|\Z)'
    r"|'''[^']*(?:'(?!'')[^']*)*(?:'''|\Z)"
    r'|"[^"\\\n]*(?:\\[\s\S][^"\\\n]*)*(?:"|$)'
    r"|'[^'\\\n]*(?:\\[\s\S][^'\\\n]*)*(?:'|$)",
    re.M,
)
_LEX_BRACES = re.compile(
    r"//[^\n]*"
    r"|/\*[^*]*(?:\*(?!/)[^*]*)*(?:\*/|\Z)"
    r"|/(?:(?<=[(,=:\[!&|?{};]/)|(?<=[(,=:\[!&|?{};] /))(?![/*])(?:[^/\\\n\[]|\\.|\[(?:[^\]\\\n]|\\.)*\])+/"  # a regex
    r'|"""[^"]*(?:"(?!"")[^"]*)*(?:"""|\Z)'
    r"|`[^`\\]*(?:\\[\s\S][^`\\]*)*(?:`|\Z)"
    r'|"[^"\\\n]*(?:\\[\s\S][^"\\\n]*)*(?:"|$)'
    r"|'[^'\\\n]*(?:\\[\s\S][^'\\\n]*)*(?:'|$)",
    re.M,
)
_LEX_RUST = re.compile(
    r"//[^\n]*"
    r"|/\*[^*]*(?:\*(?!/)[^*]*)*(?:\*/|\Z)"
    r'|r(?<!\wr)(#*)"[\s\S]*?"\1'  # raw strings
    r'|br(?<!\wbr)(#*)"[\s\S]*?"\2'
    r'|"[^"\\]*(?:\\[\s\S][^"\\]*)*(?:"|\Z)'
    r"|'(?:[^'\\\n]|\\.[^'\n]{0,9})'",  # a char; a lifetime ('a) stays
    re.M,
)
_PY_HEADERS = re.compile(r":[ \t]*(?:#[^\n]*)?$", re.M)
_BRACE_ENDS = re.compile(r"[;{}][ \t]*(?://[^\n]*)?$", re.M)
_RUST_FN = re.compile(
    r"^[ \t]*(?:pub(?:\([^)\n]*\))?[ \t]+)?(?:(?:async|const|unsafe|extern[ \t]+\"\w+\")[ \t]+)*fn[ \t]+\w", re.M
)
_NOT_BRACKET = re.compile(r"[^()\[\]{}\n]+")
_SNIFF_CHARS = 50_000  # enough of a file to tell Python from the brace languages
_IN_STRING = "\x01"  # marks a line that starts inside a string or comment
_segmentc = native.load("_segmentc")  # the three lexers written out in C

# What makes a block one function.
_FUNCTION_KEYWORD = re.compile(
    r"(?:(?:export|default|pub(?:\([^)]*\))?|async|const|unsafe|extern\s+\"\w*\"|static|private|public|"
    r"protected|override|inline|suspend|open|internal)\s+)*(?:def|fn|func|function\*?|fun|sub)\b"
)
_TEST_CASE = re.compile(r"(?:it|test|specify|bench|benchmark|Deno\.test)(?:\.\w+)*\s*\(")
_SUITE = re.compile(r"(?:describe|context|suite|fdescribe|xdescribe)(?:\.\w+)*\s*\(")
_ARROW = re.compile(r"=>|\bfunction\b")
_CONTAINER = re.compile(
    r"(?:(?:export|default|declare|public|private|protected|internal|static|abstract|final|sealed|partial|"
    r"readonly|pub(?:\([^)]*\))?|unsafe|data|open|inline|template\s*<[^>]*>)\s+)*"
    r"(?:class|struct|interface|enum|trait|impl|mod|namespace|union|object|record|module|extern\s+\"C\"|type)\b"
)
_CONTROL = re.compile(
    r"(?:if|for|foreach|while|switch|match|catch|return|else|do|try|sizeof|new|throw|case|with|using|lock|"
    r"unsafe|loop|select|go|defer|await|yield)\b"
)
_LEADING = re.compile(r"[)\]}][)\]}\s,;]*")
_DIRECTIVE = re.compile(r"\s*#(?!!?\[)")  # the preprocessor's, C#'s #region
_EMPTY_COMMENT = re.compile(r"//[/!]?|#|\*|/\*+|\*/")  # (stripped) a paragraph break in a comment
_HEAD_END = re.compile(r"[{:;]\s*$|=>")
_SIGNATURE = re.compile(r"[\w:~<>*&,\[\]\s.]*?[\w~>\]]\s*\(")


@dataclass(frozen=True)
class Block:
    start: int  # first line, 0-based
    end: int  # one past the last line
    name: str  # the definition's name, "" for a run of statements

    @property
    def lines(self) -> int:
        return self.end - self.start


class _Lines:
    """Per line: indentation (-1 blank, -2 inside a string or comment), the depth of open
    brackets at its start, and what kind of line it is."""

    __slots__ = ("attach", "code", "cont", "depth", "indent", "raw", "words")

    def __init__(self, lines: list[str]) -> None:
        self.raw = lines
        code_text, python = _blank_strings(lines)
        self.code = code = code_text.split("\n")
        if len(code) != len(lines):  # cannot happen: every blanked match keeps its line breaks
            self.code = code = lines
            code_text = "\n".join(lines)
        all_brackets = _brackets(code_text).split("\n")
        if _segmentc is None:
            shaped = _shapes(lines, code, all_brackets, python)
        else:  # (the same lists: core/_segmentc.c)
            shaped = _segmentc.shapes(lines, code, all_brackets, python, _ATTACH.match)
        self.indent, self.depth, self.attach, self.cont, self.words = shaped


def _shapes(
    lines: list[str], code: list[str], all_brackets: list[str], python: bool
) -> tuple[list[int], list[int], list[bool], list[bool], list[bool]]:
    """Per line: indentation, bracket depth, and whether it goes with the definition
    below (attach), continues the statement above (cont), holds words only (words);
    from the lines, the same with strings and comments blanked, and their brackets."""
    n = len(lines)
    indent = [-1] * n
    depth = [0] * n
    attach = [False] * n
    cont = [False] * n  # continues the statement above at the same indentation
    words = [False] * n  # a line of words only: the next line continues it
    stack: list[int] = []  # the indentation of the line that opened each bracket
    listing = False  # the line above ended in a comma or an opening bracket
    prev_end = ";"  # the last character of code on the line above
    for i, raw in enumerate(lines):
        body = raw.lstrip(" \t")
        if not body or body.isspace():
            depth[i] = len(stack)
            continue
        c = code[i]
        brackets = all_brackets[i]
        lead = len(raw) - len(body)
        ind = lead + 7 * raw.count("\t", 0, lead) if lead else 0
        if c[:1] == _IN_STRING:
            indent[i] = -2
            depth[i] = len(stack)
            if brackets:
                _count(brackets, stack, ind)
            continue
        indent[i] = ind
        cs = c.strip()
        b0 = body[0]
        if not cs:  # a comment, or a string that goes on below
            depth[i] = len(stack)
            attach[i] = b0 in _ATTACH_FIRST and _ATTACH.match(body) is not None
            continue
        c0 = cs[0]
        # A closer, a continuation, or an opening brace of its own below a signature
        # (Allman style; after a comma or another brace it begins a table's row).
        closer = (c0 in _CLOSER_FIRST and _CLOSER.match(cs) is not None) or (
            c0 == "{" and cs[1:2] != "}" and prev_end not in ",([{};"
        )
        directive = c0 == "#" and cs[1:2] != "["
        if stack:
            if b0 in ")]}":
                brackets = _close_leading(cs, brackets, stack, ind)
            if not directive and (closer or not ((cs[-1] == ":" or c0 in "cd") and _LABEL.match(cs))):
                _heal(stack, ind if closer or listing else ind - 1)
        depth[i] = len(stack)
        if b0 in _ATTACH_FIRST:
            attach[i] = _ATTACH.match(body) is not None
        cont[i] = closer
        if not python and cs[-1] not in ";{}()," and " " in cs:
            words[i] = _WORDS_ONLY.fullmatch(cs) is not None and _NOT_TYPE.match(cs) is None
        if brackets:
            _count(brackets, stack, ind)
        end = cs[-1]
        if end in "\\ \t":
            end = cs.rstrip("\\ \t")[-1:]
        if end and not directive:
            listing = end in ",(["
            prev_end = end
    return indent, depth, attach, cont, words


def _brackets(text: str) -> str:
    """The text's brackets and line breaks, all else dropped, by bytes.translate: ten
    times faster than the regex. (Each character ASCII cannot hold becomes a "?", which
    goes too: no bracket is one of them.)"""
    return text.encode("ascii", "replace").translate(None, _NOT_BRACKET_BYTES).decode("ascii")


_NOT_BRACKET_BYTES = bytes(b for b in range(128) if chr(b) not in "()[]{}\n")


def _count(brackets: str, stack: list[int], ind: int) -> None:
    for ch in brackets:
        if ch in "([{":
            stack.append(ind)
        elif stack:
            stack.pop()


def _close_leading(cs: str, brackets: str, stack: list[int], ind: int) -> str:
    """Leading closers close what was opened on lines indented as much as this one; one
    further right than that closes a bracket already let go. The brackets left to count."""
    m = _LEADING.match(cs)
    k = len(_NOT_BRACKET.sub("", m.group())) if m else 0
    for _ in range(k):
        if not stack or stack[-1] < ind:
            break
        stack.pop()
    return brackets[k:]


def _heal(stack: list[int], ind: int) -> None:
    """Brackets left open by a string the lexer misread or by preprocessor branches are
    closed by indentation: a statement is not inside a bracket opened on a line indented
    as much as it (a closer or a continuation: more than it), unless the line above left
    a list open (a macro's or a call's arguments). Labels, case lines and preprocessor
    lines may sit further left, and do not close anything."""
    while stack and stack[-1] > ind:
        stack.pop()


def _blank_strings(lines: list[str]) -> tuple[str, bool]:
    """The text with strings and comments removed (a line that starts inside a multi-line
    string or comment starts with _IN_STRING), and whether it reads as Python."""
    text = "\n".join(lines)
    head = text[:_SNIFF_CHARS]
    if _segmentc is not None:  # (the same counts: core/_segmentc.c)
        python = _segmentc.line_ends(head, ":", "#") > _segmentc.line_ends(head, ";{}", "//")
    else:
        python = len(_PY_HEADERS.findall(head)) > len(_BRACE_ENDS.findall(head))
    if python:
        lexer, which = _LEX_PYTHON, 0
    elif _RUST_FN.search(head):
        lexer, which = _LEX_RUST, 2
    else:
        lexer, which = _LEX_BRACES, 1
    if _segmentc is not None:
        blanked: str = _segmentc.blank(text, which)  # (the same text: core/_segmentc.c)
        return blanked, python
    return lexer.sub(_blank, text), python


def _blank(m: re.Match[str]) -> str:
    s = m.group()
    n = s.count("\n")
    return ("\n" + _IN_STRING) * n if n else ""


def _name(lines: list[str], start: int, end: int) -> str:
    for line in lines[start:end]:
        if not line.strip() or _ATTACH.match(line):
            continue
        for pattern in (_NAME, _JAVA_NAME, _ASSIGN_NAME):
            m = pattern.match(line)
            if m:
                return m.group(1)
        return ""
    return ""


def _trim(info: _Lines, a: int, b: int) -> tuple[int, int]:
    ind = info.indent
    while a < b and ind[a] == -1:
        a += 1
    while b > a and ind[b - 1] == -1:
        b -= 1
    return a, b


def _header(info: _Lines, a: int, b: int) -> int | None:
    """The first line of code in lines[a:b] that is not a comment, decorator or attribute
    (nor inside the brackets of one)."""
    top = info.depth[a]
    for i in range(a, b):
        if info.indent[i] >= 0 and not info.attach[i] and info.depth[i] <= top:
            return i
    return None


def _is_function(info: _Lines, a: int, b: int) -> bool:
    h = _header(info, a, b)
    if h is None:
        return False
    head = info.code[h].strip()
    # A signature over several lines: read on to where its body opens.
    i = h
    while i + 1 < b and i - h < 8 and not _HEAD_END.search(head):
        i += 1
        head += " " + info.code[i].strip()
    if _SUITE.match(head):
        return False
    if _FUNCTION_KEYWORD.match(head) or _TEST_CASE.match(head):
        return True
    brace = head.find("{")
    before = head if brace < 0 else head[:brace]
    if _CONTROL.match(head) or (_CONTAINER.match(head) and not before.rstrip().endswith(")")):
        return False  # (a C function may return a struct: struct foo *make(void) {)
    if _ARROW.search(before):
        return True  # an arrow function or a function expression, assigned or passed
    # A C-like signature: name(...) with the body's brace after the closing parenthesis.
    if "=" in before.split("(", 1)[0] or not _SIGNATURE.match(before):
        return False
    return before.count("(") == before.count(")")


def _inner_level(info: _Lines, a: int, b: int, level: int) -> tuple[int, int] | None:
    """The indentation and bracket depth of the members of the block lines[a:b] whose
    header is at `level`: the lines indented least below the header, or, where the
    members sit as far left as the header (a switch's cases, C++'s public:), those."""
    ind, depth = info.indent, info.depth
    h = _header(info, a, b)
    if h is None:
        return None
    same = [
        depth[i]
        for i in range(h + 1, b)
        if ind[i] == level and depth[i] > depth[h] and not info.cont[i] and not _DIRECTIVE.match(info.code[i])
    ]
    if same:
        return level, min(same)
    levels = [x for x in ind[h + 1 : b] if x > level]
    if not levels:
        return None
    inner = min(levels)
    return inner, min(depth[i] for i in range(h + 1, b) if ind[i] == inner)


def _split_level(info: _Lines, a: int, b: int, level: int, floor: int) -> list[int]:
    """Where lines[a:b] splits into statements at indentation `level` and bracket depth
    `floor`: the first line of each, with the comments and decorators above it."""
    ind, depth, attach, cont, words = info.indent, info.depth, info.attach, info.cont, info.words
    starts: list[int] = []
    pending: int | None = None  # first comment/decorator line waiting for its definition
    prev_words = False
    for i in range(a, b):
        x = ind[i]
        if x == -2:
            continue
        if x == -1:
            if pending is not None and ind[i - 1] == -1:
                pending = None  # a comment two blank lines above belongs to nobody
            prev_words = False
            continue
        if x != level or depth[i] > floor:
            if pending is not None and depth[i] <= floor:
                pending = None
            prev_words = False
            continue
        if attach[i] and not cont[i]:
            if pending is None:
                pending = i
        elif not cont[i] and not prev_words:
            starts.append(pending if pending is not None else i)
            pending = None
        prev_words = words[i] and not attach[i]
    return starts


def _split(
    info: _Lines, a: int, b: int, level: int, in_function: bool, out: list[tuple[int, int]], nest: int = 0
) -> None:
    """Append the blocks of lines[a:b], a statement at indentation `level`, to `out`."""
    a, b = _trim(info, a, b)
    if b <= a:
        return
    size = b - a
    if size <= MAX_BLOCK_LINES:
        out.append((a, b))
        return
    function = in_function or _is_function(info, a, b)
    if size <= MAX_FUNCTION_LINES and function:
        out.append((a, b))
        return
    members = None if nest >= MAX_NESTING else _inner_level(info, a, b, level)
    h = _header(info, a, b)
    starts = [] if members is None or h is None else [s for s in _split_level(info, h + 1, b, *members) if s > h]
    if members is None or not starts:
        if size > MAX_FUNCTION_LINES:
            out.extend(_cut(info, a, b))
        else:
            out.append((a, b))
        return
    head = (a, starts[0])
    parts: list[tuple[int, int]] = []
    for x, y in zip(starts, [*starts[1:], b], strict=False):
        _split(info, x, y, members[0], function, parts, nest + 1)
    if not parts:
        out.append((a, b))
        return
    # The header (the class line, the signature) goes with the first member.
    h0, h1 = _trim(info, *head)
    if h1 > h0:
        if parts[0][1] - h0 <= MAX_FUNCTION_LINES:
            parts[0] = (h0, parts[0][1])
        elif h1 - h0 > MAX_FUNCTION_LINES:  # a long comment above the header
            parts[0:0] = _cut(info, h0, h1)
        else:
            parts.insert(0, (h0, h1))
    # ... and so does a first member too small to stand alone (a docstring, a field).
    while (
        len(parts) > 1
        and parts[0][1] - parts[0][0] < MIN_BLOCK_LINES
        and parts[1][1] - parts[0][0] <= MAX_FUNCTION_LINES
    ):
        parts[0:2] = [(parts[0][0], parts[1][1])]
    out.extend(_pack(parts) if function else parts)


def _cut(info: _Lines, a: int, b: int) -> list[tuple[int, int]]:
    """A long block with no members (a long string, a long comment, one long statement),
    cut into runs of paragraphs of up to MAX_BLOCK_LINES lines where it can be."""
    ind, raw = info.indent, info.raw
    breaks = [
        i + 1 for i in range(a, b - 1) if ind[i] == -1 or (ind[i] >= 0 and _EMPTY_COMMENT.fullmatch(raw[i].strip()))
    ]
    parts: list[tuple[int, int]] = []
    start, best = a, None
    for x in breaks:
        if x - start > MAX_BLOCK_LINES and best is not None:
            parts.append((start, best))
            start = best
        best = x
    if b - start > MAX_BLOCK_LINES and best is not None and best > start:
        parts.append((start, best))
        start = best
    parts.append((start, b))
    out = []
    for x, y in parts:
        x, y = _trim(info, x, y)
        if y > x:
            out.append((x, y))
    return out


def _pack(parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A long function's statements, in runs of up to MAX_BLOCK_LINES lines."""
    packed: list[tuple[int, int]] = []
    for x, y in parts:
        if packed and y - packed[-1][0] <= MAX_BLOCK_LINES:
            packed[-1] = (packed[-1][0], y)
        else:
            packed.append((x, y))
    return packed


def segment(text: str, lines: list[str] | None = None) -> list[Block]:
    """The blocks of `text`, in order, covering every non-blank line exactly once.
    `lines`: text.splitlines(), where the caller has them (not changed here)."""
    if lines is None:
        lines = text.splitlines()
    if not any(ln.strip() for ln in lines):
        return []
    info = _Lines(lines)
    levels = [x for x in info.indent if x >= 0]
    if not levels:  # every line inside one string
        a, b = _trim(info, 0, len(lines))
        return [Block(a, b, "")]
    base = min(levels)
    floor = min(info.depth[i] for i in range(len(lines)) if info.indent[i] == base)
    starts = _split_level(info, 0, len(lines), base, floor)
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    out: list[tuple[int, int]] = []
    for a, b in zip(starts, [*starts[1:], len(lines)], strict=False):
        _split(info, a, b, base, False, out)
    return _merge_small(lines, out)


def _merge_small(lines: list[str], spans: list[tuple[int, int]]) -> list[Block]:
    """Runs of short statements (imports, constants, closing braces) become one block,
    of at most MAX_BLOCK_LINES lines."""
    blocks: list[Block] = []
    run: tuple[int, int] | None = None
    for a, b in spans:
        if b - a < MIN_BLOCK_LINES:
            if run and b - run[0] <= MAX_BLOCK_LINES:
                run = (run[0], b)
            else:
                if run:
                    blocks.append(Block(run[0], run[1], ""))
                run = (a, b)
            continue
        if run:
            blocks.append(Block(run[0], run[1], ""))
            run = None
        blocks.append(Block(a, b, _name(lines, a, b)))
    if run:
        blocks.append(Block(run[0], run[1], ""))
    return blocks
