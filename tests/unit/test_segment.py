"""The segmenter: long classes, impl blocks, object literals and test suites split into
their members in every language family; no block over MAX_FUNCTION_LINES lines unless
nothing inside it can be told apart; blocks in order, never empty, never overlapping,
covering every non-blank line, whatever the text."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from provmark.core import segment as segment_module
from provmark.core.segment import (
    _BRACE_ENDS,
    _NOT_BRACKET,
    _PY_HEADERS,
    MAX_BLOCK_LINES,
    MAX_FUNCTION_LINES,
    Block,
    _brackets,
    _name,
    segment,
)


def check(text: str) -> list[Block]:
    blocks = segment(text)
    lines = text.splitlines()
    end = 0
    for b in blocks:
        assert b.start >= end and b.end > b.start, blocks  # in order, not overlapping, not empty
        end = b.end
    covered = {i for b in blocks for i in range(b.start, b.end)}
    assert {i for i, x in enumerate(lines) if x.strip()} <= covered
    assert end <= len(lines)
    return blocks


def first_line(text: str, b: Block) -> str:
    return text.splitlines()[b.start].strip()


def starting(text: str, blocks: list[Block], prefix: str) -> list[Block]:
    return [b for b in blocks if first_line(text, b).startswith(prefix)]


def body(n: int, indent: str, line: str = "x = 1") -> str:
    return "".join(f"{indent}{line}\n" for _ in range(n))


# -- Python ---------------------------------------------------------------------------------
def test_python_long_class_splits_into_methods_with_their_decorators_and_comments() -> None:
    methods = "".join(
        f"    # what m{i} does\n    @property\n    def m{i}(self):\n        '''Doc {{ with a brace.'''\n"
        + body(12, "        ")
        + "\n"
        for i in range(30)
    )
    text = 'class Big:\n    """A long class."""\n\n' + methods
    blocks = check(text)
    assert len(blocks) >= 25 and max(b.lines for b in blocks) <= MAX_BLOCK_LINES
    assert blocks[0].start == 0 and blocks[0].name == "Big"  # the header goes with the first member
    for b in blocks[1:]:
        assert first_line(text, b).startswith("# what m")  # comment and decorator kept with it


def test_python_function_with_nested_defs_stays_whole_up_to_the_limit() -> None:
    inner = "".join(f"    def helper{i}(y):\n" + body(8, "        ") + "\n" for i in range(15))
    text = "def outer(x):\n" + inner + "    return x\n"
    assert MAX_BLOCK_LINES < len(text.splitlines()) <= MAX_FUNCTION_LINES
    blocks = check(text)
    assert [(b.start, b.name) for b in blocks] == [(0, "outer")]


def test_python_very_long_function_is_cut_into_runs_of_statements() -> None:
    text = "def huge(x):\n" + "".join(f"    if x == {i}:\n        x += {i}\n        x *= 2\n" for i in range(200))
    blocks = check(text)
    assert len(blocks) > 3 and max(b.lines for b in blocks) <= MAX_BLOCK_LINES
    assert blocks[0].name == "huge"


def test_python_crlf_tabs_and_a_long_module_docstring() -> None:
    doc = '"""Module.\n\n' + "".join(f"Paragraph {i} {{ (\nmore text\n\n" for i in range(150)) + '"""\n'
    cls = "class T:\n" + "".join(f"\tdef m{i}(self):\n" + body(10, "\t\t") + "\n" for i in range(20))
    text = (doc + cls).replace("\n", "\r\n")
    blocks = check(text)
    assert max(b.lines for b in blocks) <= MAX_FUNCTION_LINES  # the docstring is cut at paragraphs
    assert len(starting(text, blocks, "def m")) >= 15


def test_python_dict_literal_and_strings_with_brackets() -> None:
    entries = "".join(f"    'key{i}': (\n        '(unbalanced [',\n        \"}}\",\n    ),\n" for i in range(100))
    text = "TABLE = {\n" + entries + "}\n\n\ndef after():\n    x = TABLE\n    return x\n"
    blocks = check(text)
    assert max(b.lines for b in blocks) <= MAX_BLOCK_LINES
    assert blocks[-1].name == "after"  # the brackets in strings did not swallow it


# -- JavaScript / TypeScript ----------------------------------------------------------------
def test_js_class_object_literals_and_arrow_members() -> None:
    cls = (
        "export class Store {\n"
        + "".join(
            f"  /** Method {i}. */\n  async m{i}(a, b) {{\n" + body(10, "    ", "a = `${b} }`;") + "  }\n\n"
            for i in range(15)
        )
        + "".join(f"  handle{i} = (e) => {{\n" + body(6, "    ", "e.x += 1;") + "  };\n\n" for i in range(10))
        + "}\n"
    )
    blocks = check(cls)
    assert max(b.lines for b in blocks) <= MAX_BLOCK_LINES
    assert len(starting(cls, blocks, "/** Method")) >= 14 and len(starting(cls, blocks, "handle")) >= 9
    for opener in ("export default {\n", "module.exports = {\n"):
        text = opener + "".join(
            f"  m{i}(x) {{\n" + body(8, "    ", "x = x.replace(/[{(]/g, '');") + "  },\n" for i in range(20)
        )
        text += "  data: {\n" + "".join(f"    k{i}: {i},\n" for i in range(200)) + "  },\n};\n"
        blocks = check(text)
        assert max(b.lines for b in blocks) <= MAX_BLOCK_LINES, opener
        assert len(starting(text, blocks, "m")) >= 18


def test_js_test_suites_split_into_their_cases() -> None:
    cases = "".join(
        f"  it('does thing {i} (with a paren', async () => {{\n"
        + body(8, "    ", "expect(f()).toBe('}');")
        + "  });\n\n"
        for i in range(25)
    )
    inner = (
        "  describe('nested', () => {\n" + cases.replace("\n  ", "\n    ").replace("  it(", "    it(", 1) + "  });\n"
    )
    text = "describe('suite', () => {\n  beforeEach(() => {\n    setup();\n  });\n\n" + cases + inner + "});\n"
    blocks = check(text)
    assert max(b.lines for b in blocks) <= MAX_BLOCK_LINES
    assert len([b for b in blocks if "it(" in first_line(text, b)]) >= 40


# -- Go ---------------------------------------------------------------------------------------
def test_go_functions_methods_var_blocks_and_table_driven_tests() -> None:
    var = "var (\n" + "".join(f'\t// v{i} is a value\n\tv{i} = "{{{i}"\n' for i in range(150)) + ")\n\n"
    funcs = "".join(
        f"// F{i} does it.\nfunc (s *S) F{i}(x int) int {{\n" + body(9, "\t", "x++") + "\treturn x\n}\n\n"
        for i in range(10)
    )
    cases = "".join(
        f'\t\t{{\n\t\t\tname: "case {i} }}",\n\t\t\tin:   {i},\n\t\t\twant: {i},\n\t\t}},\n' for i in range(120)
    )
    table = (
        "func TestF(t *testing.T) {\n\ttests := []struct {\n\t\tname string\n\t\tin   int\n\t\twant int\n\t}{\n"
        + cases
        + "\t}\n\tfor _, tt := range tests {\n"
        + "\t\tt.Run(tt.name, func(t *testing.T) {\n\t\t\tcheck(t, tt)\n\t\t})\n\t}\n}\n"
    )
    text = 'package kv\n\nimport (\n\t"fmt"\n)\n\n' + var + funcs + table
    blocks = check(text)
    assert max(b.lines for b in blocks) <= MAX_BLOCK_LINES + 1  # (+ the func line above the table)
    assert len(starting(text, blocks, "// F")) == 10  # methods with their doc comments
    assert len(starting(text, blocks, "// v")) >= 2  # the var block in runs
    assert sum(1 for b in blocks if b.start >= text.splitlines().index("func TestF(t *testing.T) {")) >= 5


def test_go_switch_cases_in_a_long_function() -> None:
    cases = "".join(f"\tcase {i}:\n" + body(5, "\t\t", "x += 1") for i in range(70))
    text = "func big(x int) int {\n\tswitch x {\n" + cases + "\t}\n\treturn x\n}\n"
    blocks = check(text)
    assert len(blocks) >= 3 and max(b.lines for b in blocks) <= MAX_BLOCK_LINES


# -- Rust ---------------------------------------------------------------------------------------
def test_rust_impl_blocks_traits_mod_tests_and_match_heavy_functions() -> None:
    methods = "".join(
        f"    /// Method {i}.\n    #[inline]\n    pub fn m{i}<'a>(&'a self, c: char) -> &'a str {{\n"
        + body(8, "        ", "let s = r#\"}\"#; let c = '{';")
        + "    }\n\n"
        for i in range(20)
    )
    trait = "pub trait T {\n" + "".join(f"    /// t{i}\n    fn t{i}(&self) -> u32;\n\n" for i in range(60)) + "}\n\n"
    arms = "".join(
        f"        Kind::V{i} => {{\n            x += {i};\n            y -= 1;\n        }}\n" for i in range(90)
    )
    matcher = "fn dispatch(k: Kind) -> u32 {\n    let mut x = 0;\n    match k {\n" + arms + "    }\n    x\n}\n\n"
    tests = "#[cfg(test)]\nmod tests {\n    use super::*;\n\n" + "".join(
        f"    #[test]\n    fn case_{i}() {{\n" + body(8, "        ", 'assert_eq!(f("{{"), 1);') + "    }\n\n"
        for i in range(20)
    )
    tests += "}\n"
    text = "use std::fmt;\n\nimpl Thing {\n" + methods + "}\n\n" + trait + matcher + tests
    blocks = check(text)
    assert max(b.lines for b in blocks) <= MAX_BLOCK_LINES
    assert len(starting(text, blocks, "/// Method")) >= 19
    assert len(starting(text, blocks, "#[test]")) >= 19
    assert len([b for b in blocks if b.start > text.splitlines().index("fn dispatch(k: Kind) -> u32 {")]) > 20


# -- Java, C#, C++, C ---------------------------------------------------------------------------
def test_java_and_csharp_classes_split_into_methods() -> None:
    java = (
        "package a;\n\npublic class A {\n    private int n;\n\n"
        + "".join(
            f"    /**\n     * f{i} {{ doc.\n     */\n    @Override\n    public int f{i}(int x) {{\n"
            + body(8, "        ", 'x += "}".length();')
            + "    }\n\n"
            for i in range(20)
        )
        + "}\n"
    )
    blocks = check(java)
    assert max(b.lines for b in blocks) <= MAX_BLOCK_LINES and len(starting(java, blocks, "/**")) >= 19
    cs = (
        "namespace N\n{\n    public class C\n    {\n"
        + "".join(
            f"        [Fact]\n        public void T{i}()\n        {{\n"
            + body(8, "            ", "Assert.True(x);")
            + "        }\n\n"
            for i in range(20)
        )
        + "    }\n}\n"
    )
    blocks = check(cs)
    assert max(b.lines for b in blocks) <= MAX_BLOCK_LINES and len(starting(cs, blocks, "[Fact]")) >= 19


def test_cpp_namespaces_classes_and_c_functions() -> None:
    cpp = (
        "#include <vector>\n\nnamespace lib {\n\ntemplate <typename T>\nclass V {\n  public:\n"
        + "".join(f"    int f{i}(int x) const {{\n" + body(8, "        ", "x += '{';") + "    }\n\n" for i in range(20))
        + "  private:\n    int n_;\n};\n\n"
        + "".join(
            f"static int\nhelper{i}(int a)\n{{\n" + body(8, "    ", "a++;") + "    return a;\n}\n\n" for i in range(15)
        )
        + "}  // namespace lib\n"
    )
    blocks = check(cpp)
    assert max(b.lines for b in blocks) <= MAX_BLOCK_LINES
    assert len(starting(cpp, blocks, "int f")) >= 19
    assert len(starting(cpp, blocks, "static int")) == 15  # the return type line kept with its function
    c = "".join(
        f"/* f{i}: {{ */\nint f{i}(int a)\n{{\n#ifdef X\n    if (a) {{\n#else\n    if (!a) {{\n#endif\n"
        + body(6, "        ", "a--;")
        + "    }\n    return a;\n}\n\n"
        for i in range(30)
    )
    blocks = check(c)
    assert len(starting(c, blocks, "/* f")) == 30  # preprocessor branches do not throw the brackets off


# -- Robustness ------------------------------------------------------------------------------
def test_broken_and_odd_text_never_breaks_the_invariants() -> None:
    samples = [
        "",
        "\n\n  \n",
        "}}}\n)))\n",
        "{{{\n(((\n",
        'x = """never closed\n' + "a\n" * 400,
        "/* never closed\n" + "{\n" * 400,
        "`template never closed\n" + "b\n" * 50,
        "def f(:\n    return {\n\n\nclass\n",
        "\t\t  mixed\n  \t  indents\n\tx\n",
        "a\rb\r\nc\x0cd\u2028e\n",
        "x = [\n" + "[\n" * 3000,  # nested deeper than the recursion limit
        "".join(" " * i + "{\n" for i in range(3000)),
        "def f():\n" + "".join(" " * (i + 1) + "if x:\n" for i in range(2500)),
    ]
    rng = random.Random(7)
    pieces = [
        "{",
        "}",
        "(",
        ")",
        "[",
        "]",
        '"',
        "'",
        "`",
        '"""',
        "/*",
        "*/",
        "//",
        "#",
        "\n",
        "\n\n",
        "    ",
        "\t",
        "x",
        "def f():",
        "class A {",
        "\r\n",
    ]
    samples += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 600))) for _ in range(200)]
    for text in samples:
        check(text)


def test_no_block_over_the_limit_unless_it_is_unsplittable() -> None:
    # One string of 400 lines with no blank line: nothing inside it can be told apart.
    text = 'x = """\n' + "text (\n" * 400 + '"""\n'
    assert len(check(text)) == 1
    # The same with paragraphs: cut.
    text = "x = [\n" + "1 +\n1 +\n\n" * 200 + "1]\n"
    assert max(b.lines for b in check(text)) <= MAX_BLOCK_LINES


def test_names_of_php_ruby_and_csharp_definitions() -> None:
    """A finding names its block: PHP's and C#'s modifiers before `class`, Ruby's
    `module` and `def self.`"""
    php = (
        "<?php\n\nnamespace App;\n\n/**\n * Imports.\n */\nfinal class CsvImporter\n{\n"
        + "".join(
            f"    public static function load{i}(string $p): array\n    {{\n        return [$p];\n    }}\n\n"
            for i in range(30)
        )
        + "}\n"
    )
    names = [b.name for b in segment(php)]
    assert "CsvImporter" in names and {f"load{i}" for i in range(1, 30)} <= set(
        names
    )  # (load0 opens the class's piece)
    ruby = "module Throttle\n  class Limiter\n    def self.build(rate)\n      new(rate)\n    end\n  end\nend\n"
    assert segment(ruby)[0].name == "Throttle"
    assert _name(["  # Builds one.", "  def self.build(rate)", "    new(rate)", "  end"], 0, 4) == "build"
    cs = "public sealed class Store\n{\n    private int n;\n}\n\n\nabstract class Base\n{\n}\n"
    assert [b.name for b in segment(cs)][:2] == ["Store", "Base"]


# The lexers in C (core/_segmentc.c), where scripts/compile.sh built them: CI's compiled
# phase runs this file again on that build.
try:
    from provmark.core import _segmentc  # type: ignore[attr-defined]
except ImportError:
    _segmentc = None
needs_segmentc = pytest.mark.skipif(_segmentc is None, reason="core/_segmentc.c not built (scripts/compile.sh)")
LEXERS = (segment_module._LEX_PYTHON, segment_module._LEX_BRACES, segment_module._LEX_RUST)
LEX_PIECES = [
    "a", "r", "b", "br", "x", "_", "1", " ", "\t", "\n", "\r\n", "\r", "\\", "\\\\", "\\\n", '"', "'", '"""', "'''",
    "`", "#", "##", "/", "//", "/*", "*/", "*", "[", "]", "(", ",", "=", ":", "!", "&", "|", "?", "{", "}", ";",
    "= /", "( /", 'r"', 'r#"', '"#', 'br#"', "'a", "'\\u{1F600}'", "'\\n'", "é", "日", "\U0001f600", "\x01", "\u2028",
]  # fmt: skip


@needs_segmentc
@settings(max_examples=1500, deadline=None)
@given(hs.lists(hs.sampled_from(LEX_PIECES), max_size=40).map("".join), hs.sampled_from([0, 1, 2]))
def test_the_c_lexers_blank_what_the_regular_expressions_blank(text: str, which: int) -> None:
    assert _segmentc.blank(text, which) == LEXERS[which].sub(segment_module._blank, text)


@needs_segmentc
def test_the_c_lexers_on_real_files() -> None:
    root = Path(segment_module.__file__).resolve().parents[3]
    paths = [p for ext in ("py", "ts", "js", "rs", "go") for p in sorted(root.rglob(f"*.{ext}"))
             if ".venv" not in p.parts and "node_modules" not in p.parts][:400]  # fmt: skip
    assert len(paths) > 50
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        for which, lexer in enumerate(LEXERS):
            assert _segmentc.blank(text, which) == lexer.sub(segment_module._blank, text), (path, which)


@needs_segmentc
def test_the_c_lexers_refuse_what_they_do_not_know() -> None:
    with pytest.raises(ValueError):
        _segmentc.blank("x", 3)
    with pytest.raises(TypeError):
        _segmentc.blank(b"x", 0)


def test_brackets_are_what_the_regex_keeps() -> None:
    texts = ["f(x)[0] {a}\n", "naïve(é) → {ß}\n[\u2028]\ud800(", "", "no brackets\n\n", "“(”)\x85{}"]
    for text in texts:
        assert _brackets(text) == _NOT_BRACKET.sub("", text), text


SNIFF_PIECES = [":", ";", "{", "}", "#", "//", "/", " ", "\t", "\n", "a", "\r", "é", "x = 1", "\x0b"]


@needs_segmentc
@settings(max_examples=1500, deadline=None)
@given(hs.lists(hs.sampled_from(SNIFF_PIECES), max_size=40).map("".join))
def test_the_c_line_ends_count_what_the_sniffing_patterns_find(text: str) -> None:
    assert _segmentc.line_ends(text, ":", "#") == len(_PY_HEADERS.findall(text))
    assert _segmentc.line_ends(text, ";{}", "//") == len(_BRACE_ENDS.findall(text))


SHAPE_PIECES = [
    "a", "x = 1", "    ", "\t", "\n", "\n", "(", ")", "[", "]", "{", "}", ",", ";", ":", "::", "\\", " ", "#", "#[",
    "#![", "#!", "#$", "//", "/*", "*", "@", "[Test]", "[a(b), c]", "else", "elif x:", "except", "finally",
    "catch", "where", "elsewhere", "case", "case x:", "default :", "default", "label:", "&&", "||", "=>", "->",
    ".", "?", "import", "return", "do", "double", "try", "template<T>", "int *", "~", "&", "<", ">", "é", "日",
    "\x0b", "\x0c", "\x85", "\u2028", "\u00a0", '"', "'", '"""', "`", "\x00", "_", "$", "!", "c", "d", "{}",
]  # fmt: skip


def _shaped(
    text: str, native: bool, python: bool | None = None
) -> tuple[list[int], list[int], list[bool], list[bool], list[bool]]:
    lines = text.split("\n")
    code_text, sniffed = segment_module._blank_strings(lines)
    python = sniffed if python is None else python
    code = code_text.split("\n")
    brackets = _brackets(code_text).split("\n")
    if native:
        return _segmentc.shapes(lines, code, brackets, python, segment_module._ATTACH.match)
    return segment_module._shapes(lines, code, brackets, python)


@needs_segmentc
@settings(max_examples=2000, deadline=None)
@given(hs.lists(hs.sampled_from(SHAPE_PIECES), max_size=60).map("".join), hs.booleans())
def test_the_c_line_shapes_are_the_python_loops(text: str, python: bool) -> None:
    assert _shaped(text, True, python) == _shaped(text, False, python)


@needs_segmentc
def test_the_c_line_shapes_on_real_files() -> None:
    root = Path(segment_module.__file__).resolve().parents[3]
    paths = [p for ext in ("py", "ts", "js", "rs", "go", "c") for p in sorted(root.rglob(f"*.{ext}"))
             if ".venv" not in p.parts and "node_modules" not in p.parts][:400]  # fmt: skip
    assert len(paths) > 50
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        for python in (True, False):
            assert _shaped(text, True, python) == _shaped(text, False, python), path


@needs_segmentc
def test_the_c_line_shapes_refuse_bad_input() -> None:
    with pytest.raises(ValueError):
        _segmentc.shapes(["a"], [], [], True, segment_module._ATTACH.match)
    with pytest.raises(TypeError):
        _segmentc.shapes([b"a"], ["a"], [""], True, segment_module._ATTACH.match)
