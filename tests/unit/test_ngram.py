"""The token n-gram feature (core/ngram.py): what the token stream keeps and drops,
stable buckets across processes, per-line sums that add up to the whole, and a table
that loads or is refused."""

from __future__ import annotations

import itertools
import os
import random
import re
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provmark.batch.scan import analyse
from provmark.core import ngram
from provmark.core.style import NGRAM, default_model, load_model

SAMPLES = {
    "python": 'def f(x):\n    """Return the value, doubled."""\n    s = "#notacomment"  # a real comment\n'
    "    return x * 2\n\n\nclass A:\n    '''Multi\n    line\n    doc.'''\n",
    "js": "/* block\n comment */\nconst a = `tpl\n${x}`; // trailing\nfunction g() { return 'it is fine ok'; }\n",
    "rust": "fn f<'a>(s: &'a str) -> char {\n    let c = 'x'; // note\n    let r = r#\"raw\n\"#;\n    c\n}\n",
    "go": "package p\n\n// Add adds.\nfunc Add(a, b int) int {\n\ts := `raw\nstring`\n\t_ = s\n\treturn a + b\n}\n",
    "clike": '#include <x>\nint main() {\n  /* c */ printf("hello there you\\n");\n  return 0;\n}\n',
}


# The module's source, also when it runs compiled (scripts/compile.sh: __file__ is the .so).
NGRAM_SOURCE = Path(ngram.__file__).with_name("ngram.py")


def test_strings_and_comments_are_told_apart() -> None:
    toks = ngram.tokens(SAMPLES["python"], "python")
    assert "#" in toks and "w:real" in toks  # the comment's words
    assert "w:notacomment" not in toks  # a '#' inside a string is not a comment
    assert '"' in toks and "w:doubled" in toks  # a prose string (docstring) is read as words
    assert "k:def" in toks and "i:f" in toks and "k:return" in toks
    rust = ngram.tokens(SAMPLES["rust"], "rust")
    assert "i:a" in rust  # 'a is a lifetime, not the start of a string


@pytest.mark.parametrize("family", sorted(SAMPLES))
def test_one_line_token_per_line_break(family: str) -> None:
    """Line breaks inside strings and comments count too: per-line sums line up with lines."""
    text = SAMPLES[family] * 3
    assert ngram.tokens(text, family).count("NL") == text.count("\n")


def test_identifiers_keep_their_shape_not_their_topic() -> None:
    assert ngram.shape("parse_invoice_total") == "i:snake3"
    assert ngram.shape("invoiceTotal") == "i:camel2"
    assert ngram.shape("InvoiceParser") == "i:Pascal2"
    assert ngram.shape("MAX_RETRIES") == "i:UPPER2"
    assert ngram.shape("_private") == "_i:word"
    assert ngram.shape("ix") == "i:short"
    vocab = frozenset({"i:result", "w:the"})
    out = ngram.normalise(["i:Result", "i:invoiceTotal", "w:the", "w:invoice", "("], vocab)
    assert out == ["i:result", "i:camel2", "w:the", "w?", "("]


def test_buckets_do_not_depend_on_the_process() -> None:
    """Python's own str hash changes with PYTHONHASHSEED; the table's buckets must not."""
    code = "from provmark.core import ngram; print(ngram.grams([ngram.token_id(t) for t in ('k:def', 'i:word', '(')]))"
    runs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        runs.append(out.stdout)
    assert runs[0] == runs[1]
    assert len(eval(runs[0])) == 6  # three unigrams, two bigrams, one trigram


def test_line_sums_add_up_to_the_whole_text_score() -> None:
    model = default_model()
    assert model is not None and model.ngram is not None, "the shipped model carries its n-gram table"
    table = model.ngram
    text = NGRAM_SOURCE.read_text(encoding="utf-8")
    sums, counts = table.by_line(text, "python")
    assert len(sums) == text.count("\n") + 1
    assert sum(sums) / sum(counts) == pytest.approx(table.score(text, "python"))


def test_the_scan_gives_the_file_the_same_score_as_the_model() -> None:
    """The scan reads n-grams per line; over the whole file that is the model's own score."""
    model = default_model()
    assert model is not None
    text = NGRAM_SOURCE.read_text(encoding="utf-8")
    content = analyse(text, "python")
    assert content.p == pytest.approx(model.probability(text, "python", "file"), abs=1e-4)
    assert NGRAM in model.feature_values(text, "python")


def test_a_malformed_table_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        ngram.load({"vocabulary": []})
    with pytest.raises(ValueError):  # the wrong size
        ngram.load({"vocabulary": [], "step": 0.02, "table": ngram.pack([0.5] * 10, 0.02)})
    with pytest.raises(ValueError):  # not base64
        ngram.load({"vocabulary": [], "step": 0.02, "table": "%%%"})
    weights = [0.0] * ngram.BUCKETS
    weights[5], weights[7] = 0.5, -3.0
    good = ngram.load({"vocabulary": ["i:x"], "step": 3 / 127, "table": ngram.pack(weights, 3 / 127)})
    assert good.weight(5) == pytest.approx(0.5, abs=3 / 254) and good.weight(7) == pytest.approx(-3.0)
    assert good.weight(6) == 0.0
    # a model file whose table is broken is no model at all (never half a model)
    raw = (Path(__file__).parents[2] / "server/provmark/data/style-model.json").read_text(encoding="utf-8")
    broken = tmp_path / "m.json"
    broken.write_text(raw.replace('"table": "', '"table": "!', 1), encoding="utf-8")
    assert load_model(broken) is None


# What the token stream was before the lexer was made faster (the old finditer lexer's
# output, kept as the expected value): prefixed strings, f-strings, a docstring across
# lines, skipped word characters, Rust lifetimes and raw strings, template literals,
# block comments, an unterminated comment.
EXPECTED_TOKENS = [
    (
        "python",
        'x = rb"\\x00" + f"{y}" # why not\n"""A doc\nstring here."""\né²1.5e3',
        'i:x = s + s # w:why w:not NL " w:a w:doc w:string w:here NL NL n',
    ),
    (
        "rust",
        "fn f<'a>(s: &'a str) { r#\"raw\n\"#; b'y'; /* c */ }",
        "k:fn i:f < ' i:a > ( i:s : & ' i:a i:str ) { s NL ; s ; # w:c }",
    ),
    ("js", "a = `t ${b}\n`; /* x\n y */ c // z", "i:a = s NL ; # w:x w:y NL i:c # w:z"),
    ("go", "s := `raw\nstring` // ok", "i:s : = s NL # w:ok"),
    (
        "clike",
        "#include <x>\nchar c = '\\n'; /* unterminated",
        "# i:include < i:x > NL i:char i:c = s ; / * i:unterminated",
    ),
]


@pytest.mark.parametrize(("family", "text", "expected"), EXPECTED_TOKENS)
def test_the_token_stream_is_what_it_was(family: str, text: str, expected: str) -> None:
    assert ngram.tokens(text, family) == expected.split(" ")


ODD = [
    "",
    "\n",
    "# only a comment",
    "// only\n/* comments\n */",
    "'''never closed\n",
    '"open\n',
    "a\r\nb\r\n\tc\f d\u2028e\x0bf   \n",
    "über = naïve + 日本語 + x² + ٣4\n",
    "x" + " " * 50 + "é",
    '"""""""',
    "r#\"x\n\"# '\\'' `a\nb` /*/ */ //* x",
]
FAMILIES = ["python", "ruby", "other", "rust", "go", "js", "clike"]
CASES = [(family, text) for family in FAMILIES for text in [*SAMPLES.values(), *ODD]]


def random_model(seed: int = 13) -> ngram.NgramModel:
    """A table of random weights (the shipped one may be mid-retraining): exactness
    does not depend on which weights."""
    rng = random.Random(seed)
    vocab = frozenset({"i:result", "i:value", "i:x", "w:the", "w:a", "w:return", "i:self"})
    return ngram.NgramModel(vocab, bytes(rng.randrange(1, 256) for _ in range(ngram.BUCKETS)), 3 / 127)


MODEL = random_model()


def plain_score(model: ngram.NgramModel, text: str, family: str) -> float | None:
    """score() by its definition: the mean weight of grams(), summed in their order."""
    found = model.buckets(text, family)  # tokens -> ids -> grams, one token at a time
    return sum(model.weight(b) for b in found) / len(found) if found else None


def plain_by_line(model: ngram.NgramModel, text: str, family: str) -> tuple[list[float], list[int]]:
    """by_line() by its definition: each token's (unigram + bigram) + trigram weight,
    added one by one from 0.0 to the line the token ends on."""
    raw = ngram.tokens(text, family)
    found = iter(ngram.grams(model.ids(raw)))
    sums, counts = [0.0] * (text.count("\n") + 1), [0] * (text.count("\n") + 1)
    line = 0
    for i, t in enumerate(raw):
        w = model.weight(next(found))
        for _ in range(min(i, 2)):
            w += model.weight(next(found))
        sums[line] += w
        counts[line] += min(i, 2) + 1
        if t == "NL" and line < len(sums) - 1:
            line += 1
    return sums, counts


def bits(x: float | None) -> bytes | None:
    """A float's bytes: equal values, not approximately equal (and 0.0 is not -0.0)."""
    return None if x is None else struct.pack("<d", x)


def check_exact(model: ngram.NgramModel, text: str, family: str) -> None:
    assert ngram.tokens(text, family).count("NL") == text.count("\n")
    assert bits(model.score(text, family)) == bits(plain_score(model, text, family))
    sums, counts = model.by_line(text, family)
    want_sums, want_counts = plain_by_line(model, text, family)
    assert counts == want_counts and list(map(bits, sums)) == list(map(bits, want_sums))


@pytest.mark.parametrize(("family", "text"), CASES)
def test_score_and_lines_are_exactly_their_definition(family: str, text: str) -> None:
    """The fast paths (cached lexemes, three n-gram streams) give exactly what adding
    up grams() one token at a time gives, bit for bit, and the same twice over."""
    for _ in range(2):  # cold caches, then warm
        check_exact(MODEL, text, family)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*"ab_X19 \n\t\r\f'\"`#/*\\rbfué²{}.-", '"""', "'''", "the ", "日"]), max_size=60).map(
        "".join
    ),
    st.sampled_from(FAMILIES),
)
def test_exact_on_any_text(text: str, family: str) -> None:
    check_exact(MODEL, text, family)


def test_fast_buckets_are_grams() -> None:
    """The three bucket streams the fast path computes are grams(), in its order, so
    training/ngram_fit.py (numpy, from grams()) fits the buckets the server reads."""
    fast = MODEL._fast
    for family, text in CASES:
        uni, bi, tri = fast.buckets(fast.slots(text, family))
        merged = [*uni[:2], *bi[:1]] + [b for triple in zip(uni[2:], bi[1:], tri, strict=True) for b in triple]
        assert merged == MODEL.buckets(text, family) == ngram.grams(MODEL.ids(ngram.tokens(text, family)))


def test_long_runs_of_skipped_characters_take_linear_time() -> None:
    """Whitespace and word characters no token starts with are skipped inside the
    pattern: a long run of them before one more must not be rescanned from each start."""
    text = "x" + " " * 200_000 + "é" + "é" * 100_000 + "\t" * 100_000
    t0 = time.perf_counter()
    assert ngram.tokens(text, "python") == ["i:x"]
    assert MODEL.by_line(text, "js") == ([MODEL.score(text, "js")], [1])
    assert time.perf_counter() - t0 < 2.0


@pytest.mark.parametrize("family", FAMILIES)
def test_long_comments_and_strings_give_their_first_words(family: str) -> None:
    """A long comment's or string's first MAX_WORDS words, read from its start alone when
    that holds more of them, with a word across that edge, and when it holds fewer."""
    many = " ".join(f"w{'x' * (k % 7)}ord" for k in range(90))  # > MAX_WORDS in its first chars
    few = "a" + " " * 390 + "HTTPError isn't here " * 30  # under MAX_WORDS before the edge
    edge = "w " * 39 + " " * 318 + "abcdefghij" * 4 + " and more words"  # the 40th across character 400
    for body in (many, few, edge, "x" * 450 + " y z"):
        for text in (f"# {body}\n", f"// {body}\n", f'x = "{body}"\n', f"/* {body}\n{body} */\n", f'"""{body}\n"""\n'):
            check_exact(MODEL, text, family)


def test_the_word_pattern_finds_what_it_did_with_its_unused_alternative() -> None:
    before = re.compile(r"[A-Za-z][a-z']*|[A-Z]+(?![a-z])")
    for text in ["HTTPError isn't OK", "ABC def GHi jKL", "x'y' 'z é Ünïcode A1B2", *(t for _, t in CASES)]:
        assert ngram._WORDS.findall(text) == before.findall(text), text


# The n-gram pass in C (core/_ngramc.c), where scripts/compile.sh built it: CI's compiled
# run has it (compile.sh fails without it), the plain run has not.
NATIVE = MODEL._fast.native
needs_native = pytest.mark.skipif(NATIVE is None, reason="core/_ngramc.c not built (scripts/compile.sh)")
# Pieces of every lexer's edge cases: prefixes and raw strings, escapes before a line
# break, block comments' ends, and characters of one, two and four bytes (each its own
# string kind in CPython), spaces that are not " " and digits that are not ASCII.
PIECES = [
    *"ab_X19 \n\t\r\f'\"`#/*\\rbfRBuUFé²{}.-!",
    *('"""', "'''", "r#", '"#', "b'", 'br"', "\\\n", "/*", "*/", "//", "the ", "it's ", "Word "),
    *("日", "😀", "٣", "\u2028", "\x0b", "\u00a0", "\u3000", "ǅ", "x" * 50, "word " * 12),
    # names: in the shared vocabulary or not, keywords, every shape
    *("self ", "get ", "def ", "return ", "fooBar ", "FooBar", "FOO_BAR ", "foo_bar_baz ", "__dunder__ ", "HTTPServer"),
    *("a1B ", "_x ", "Ok ", "0x1F ", "1_000 ", "naïve ", "_1_2 ", "a_b "),
]


def c_pass(model: ngram.NgramModel, text: str, family: str) -> tuple[list[bytes | None], list[int]]:
    fast = model._fast
    got = fast.native.line_sums(text, ngram._NATIVE_LEXER[ngram._LEXER_OF.get(family, "c")], text.count("\n") + 1)
    return list(map(bits, got[0])), got[1]


def python_pass(model: ngram.NgramModel, text: str, family: str) -> tuple[list[bytes | None], list[int]]:
    fast = model._fast
    sums, counts = fast.line_sums(fast.slots(text, family), text.count("\n") + 1)
    return list(map(bits, sums)), counts


@needs_native
@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=80).map("".join), st.sampled_from(FAMILIES))
def test_the_c_pass_is_the_python_pass_on_any_text(text: str, family: str) -> None:
    """Same sums to the bit and same counts, cold and warm (its caches, then ngram.py's)."""
    assert c_pass(MODEL, text, family) == python_pass(MODEL, text, family) == c_pass(MODEL, text, family)


def python_run_sums(
    model: ngram.NgramModel, text: str, family: str, runs: list[tuple[int, int]]
) -> tuple[list[float], list[int], float, int]:
    """run_sums by its definition: differences of by_line's running sums."""
    sums, counts = model.by_line(text, family)
    weight = list(itertools.accumulate(sums, initial=0.0))
    count = list(itertools.accumulate(counts, initial=0))
    return (
        [weight[b] - weight[a] for a, b in runs],
        [count[b] - count[a] for a, b in runs],
        weight[-1],
        count[-1],
    )


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=80).map("".join), st.sampled_from(FAMILIES), st.data())
def test_run_sums_are_the_running_sums_differences(text: str, family: str, data: st.DataObject) -> None:
    """Each run's and the whole text's weight and count, to the bit (in C where built)."""
    n = text.count("\n") + 1
    edges = sorted(data.draw(st.lists(st.integers(0, n), max_size=8)))
    runs = list(zip(edges[::2], edges[1::2], strict=False))
    got, want = MODEL.run_sums(text, family, runs), python_run_sums(MODEL, text, family, runs)
    assert [bits(x) for x in got[0]] == [bits(x) for x in want[0]] and got[1] == want[1]
    assert bits(got[2]) == bits(want[2]) and got[3] == want[3]


@needs_native
def test_run_sums_refuse_runs_outside_the_text() -> None:
    for runs in ([(0, 3)], [(2, 1)], [(-1, 1)], [(0,)], [[0, 1]], [("a", 1)]):
        with pytest.raises(ValueError):
            NATIVE.run_sums("a\nb", 0, 2, runs)


@needs_native
@pytest.mark.parametrize(("family", "text"), CASES)
def test_the_c_pass_on_the_samples_and_odd_texts(family: str, text: str) -> None:
    fresh = ngram.NgramModel(MODEL.vocabulary, MODEL.table, MODEL.step)  # a new _Fast: all misses first
    assert c_pass(fresh, text, family) == python_pass(fresh, text, family)
    assert fresh.by_line(text, family) == plain_by_line(fresh, text, family)


@needs_native
def test_the_c_pass_on_this_repository() -> None:
    """Every source file of the project (Python, TypeScript, C, shell) in every lexer."""
    root = Path(__file__).resolve().parents[2]
    texts = [
        p.read_text(encoding="utf-8", errors="replace")
        for sub in ("server", "client-vscode/src", "tests", "scripts", "benchmarks")
        for p in sorted((root / sub).rglob("*"))
        if p.suffix in {".py", ".ts", ".c", ".sh", ".js"} and "node_modules" not in p.parts and p.is_file()
    ]
    assert len(texts) > 50
    for text in texts:
        for family in ("python", "js", "rust"):
            assert c_pass(MODEL, text, family) == python_pass(MODEL, text, family)


@needs_native
def test_the_c_pass_refuses_what_is_not_a_table() -> None:
    with pytest.raises(ValueError):
        ngram._ngramc.Scorer(MODEL._fast, b"x" * 1000, MODEL.levels)  # not a power of two
    with pytest.raises(ValueError):
        ngram._ngramc.Scorer(MODEL._fast, MODEL.table, MODEL.levels[:10])
    with pytest.raises(ValueError):
        NATIVE.line_sums("x", 7, 1)  # no such lexer


@needs_native
def test_a_second_caller_during_a_callback_is_told_to_take_the_python_pass() -> None:
    """A callback into _Fast may let another thread call the same C pass: mid-call, it
    answers None (by_line then reads the text in Python), and the first call goes on."""
    model = ngram.NgramModel(MODEL.vocabulary, MODEL.table, MODEL.step)
    fast = model._fast
    inner: list[object] = []

    class Reentrant:  # _Fast as the C pass sees it, calling the pass again from _lexeme
        def __getattr__(self, name: str) -> object:
            return getattr(fast, name)

        def _lexeme(self, lex: str) -> tuple[int, ...]:
            inner.append(scorer.line_sums("x = 1\n", 0, 2))
            return fast._lexeme(lex)

    scorer = ngram._ngramc.Scorer(Reentrant(), model.table, model.levels)
    got = scorer.line_sums("z = 3\n", 0, 2)
    assert inner and all(x is None for x in inner)
    assert got == plain_by_line(model, "z = 3\n", "python")


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="aZb1_Q9zé ÉxY٣", max_size=16))
def test_shapes_count_humps_as_the_regular_expression_did(name: str) -> None:
    assert ngram._humps(name) == len(re.findall(r"[a-z0-9][A-Z]", name))


@needs_native
@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="aZb_1QxY9#$", min_size=1, max_size=12))
def test_the_c_shapes_are_the_python_shapes(name: str) -> None:
    assert ngram._ngramc.shape(name) == ngram.shape(name)


@needs_native
def test_the_c_shape_refuses_what_it_does_not_read() -> None:
    for name in ("", "naïve", "x" * 49):
        with pytest.raises(ValueError):
            ngram._ngramc.shape(name)
