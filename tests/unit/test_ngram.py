"""The token n-gram feature (core/ngram.py): what the token stream keeps and drops,
stable buckets across processes, per-line sums that add up to the whole, and a table
that loads or is refused."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

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
    text = Path(ngram.__file__).read_text(encoding="utf-8")
    sums, counts = table.by_line(text, "python")
    assert len(sums) == text.count("\n") + 1
    assert sum(sums) / sum(counts) == pytest.approx(table.score(text, "python"))


def test_the_scan_gives_the_file_the_same_score_as_the_model() -> None:
    """The scan reads n-grams per line; over the whole file that is the model's own score."""
    model = default_model()
    assert model is not None
    text = Path(ngram.__file__).read_text(encoding="utf-8")
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
