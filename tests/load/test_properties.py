"""Property tests (hypothesis): random edit streams keep the server's text equal to the
client's and every finding inside its document; random and hostile sidecars never crash
a reader and always fail closed. PROVMARK_PROPERTY_EXAMPLES scales the runs (CI: the
default; a full run: thousands)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from provmark.core.text_diff import hunks
from provmark.core.textdoc import UTF8, UTF16, UTF32, split_lines
from provmark.core.tracker import Tracker
from provmark.pipeline.exclusion import excluded_ranges, filter_text
from provmark.settings import Settings
from provmark.sources import sidecar
from provmark.sources.workspace_index import WorkspaceIndex
from support.text import units

EXAMPLES = int(os.environ.get("PROVMARK_PROPERTY_EXAMPLES", "150"))
PROFILE = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Line ends LSP counts (\n, \r\n, lone \r) and characters that other splitters treat as
# line ends (form feed, U+2028, NEL), astral characters, tabs.
PIECES = st.sampled_from(["a", "b", " ", "\t", "\n", "\r\n", "\r", "\f", "\u2028", "\x85", "é", "😀", "中", "{", "}"])
TEXT = st.lists(PIECES, max_size=80).map("".join)
LONG_LINE = st.integers(min_value=500, max_value=5000).map(lambda n: "x" * n)
INSERT = st.one_of(TEXT, LONG_LINE, st.just(""), st.just("def f(x: int) -> int:\n    return x\n" * 6))


def position(text: str, offset: int, enc: str) -> tuple[int, int]:
    """The LSP position of a character offset, the slow and obvious way."""
    lines = split_lines(text)
    start = 0
    for i, line in enumerate(lines):
        body = line[:-2] if line.endswith("\r\n") else line.rstrip("\r\n")
        if offset <= start + len(body):
            return i, units(body[: offset - start], enc)
        start += len(line)
        if offset < start:  # inside a line ending: the position after it
            return i + 1, 0
    return len(lines) - 1, units(lines[-1].rstrip("\r\n"), enc) if lines else 0


def boundary(text: str, offset: int) -> int:
    """Move an offset off the middle of a \\r\\n pair (no client sends such a position)."""
    if 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n":
        return offset - 1
    return offset


EDITS = st.lists(
    st.tuples(st.floats(0, 1), st.floats(0, 1), INSERT, st.sampled_from([0.0005, 0.01, 0.2])),
    min_size=1,
    max_size=40,
)


@PROFILE
@given(initial=TEXT, edits=EDITS, enc=st.sampled_from([UTF16, UTF8, UTF32]))
def test_random_edit_streams_keep_the_text_and_findings_in_bounds(
    initial: str, edits: list[tuple[float, float, str, float]], enc: str
) -> None:
    tr = Tracker(Settings(), WorkspaceIndex(None), None)
    uri = "file:///ws/app.py"
    tr.open(uri, initial, 1, "python", "app.py", enc)
    text, now = initial, 0.0
    for version, (fa, fb, insert, gap) in enumerate(edits, start=2):
        a = boundary(text, int(fa * len(text)))
        b = boundary(text, int(fb * len(text)))
        a, b = min(a, b), max(a, b)
        start, end = position(text, a, enc), position(text, b, enc)
        tr.change(uri, version, [((start, end), insert)], now)
        text = text[:a] + insert + text[b:]
        now += gap
        tr.judge(uri, now + 1)
        doc = tr.docs[uri].doc
        assert doc.text == text
        for f in tr.findings(uri):
            assert 0 <= f.start <= f.end < doc.line_count


PASTE = "def f(x: int) -> int:\n    return x\n" * 6


@PROFILE
@given(initial=TEXT, edits=EDITS, enc=st.sampled_from([UTF16, UTF8, UTF32]))
# A paste, then the whole range sent back as it was (a formatter with nothing to do): the
# ranged client's flag went with it, the whole-text client's (no change at all) stayed.
@example(initial="", edits=[(0.0, 0.0, "", 0.0005), (0.0, 0.0, PASTE, 0.0005), (0.0, 1.0, PASTE, 0.0005)], enc=UTF16)
def test_the_same_stream_sent_as_whole_texts_gives_the_same_findings(
    initial: str, edits: list[tuple[float, float, str, float]], enc: str
) -> None:
    """A client that sends every change as the whole text (no range) gets the findings of
    one that sends ranges, as long as the smallest edit between the two texts is the edit
    made (inserting "ab" before "ab" could have been either): after the first step where
    it is not, the two may place a flag differently, and only the texts are compared.
    The one difference on purpose: a whole-text client's lines that go on where its last
    change ended weigh as typing (`continues-typing`, how ALE sends an insert session);
    from the first such flag on, only the texts are compared too."""
    ranged, whole = (Tracker(Settings(), WorkspaceIndex(None), None) for _ in range(2))
    uri = "file:///ws/app.py"
    for tr in (ranged, whole):
        tr.open(uri, initial, 1, "python", "app.py", enc)
    text, now, same_edits = initial, 0.0, True
    for version, (fa, fb, insert, gap) in enumerate(edits, start=2):
        a, b = sorted((boundary(text, int(fa * len(text))), boundary(text, int(fb * len(text)))))
        ranged.change(uri, version, [((position(text, a, enc), position(text, b, enc)), insert)], now)
        new = text[:a] + insert + text[b:]
        whole.change(uri, version, [(None, new)], now)
        same_edits = same_edits and hunks(text, new) in ([], [(a, b, insert)])
        text = new
        now += gap
        for tr in (ranged, whole):
            tr.judge(uri, now + 1)
        assert whole.docs[uri].doc.text == text
        batching = any(e.signal == "continues-typing" for r in whole.docs[uri].regions for e in r.evidence)
        same_edits = same_edits and not batching
        if same_edits:
            keys = [[(f.start, f.end, f.code, f.severity, f.score) for f in tr.findings(uri)] for tr in (ranged, whole)]
            assert keys[0] == keys[1]


@PROFILE
@given(text=st.one_of(TEXT, st.just("")), enc=st.sampled_from([UTF16, UTF8]))
def test_empty_and_odd_documents_open_and_close(text: str, enc: str) -> None:
    tr = Tracker(Settings(), WorkspaceIndex(None), None)
    tr.open("file:///ws/x.py", text, 1, "python", "x.py", enc)
    assert tr.docs["file:///ws/x.py"].doc.text == text
    tr.judge("file:///ws/x.py", 10.0)
    tr.close("file:///ws/x.py")


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=30,
)
RECORDISH = st.fixed_dictionaries(
    {
        "schema": st.sampled_from(["provmark/1", "provmark/2", "provmark/3", 1, None]),
        "file": st.sampled_from(["src/a.py", "../../etc/passwd", "/abs.py", "", 3]),
        "records": st.lists(
            st.dictionaries(
                st.sampled_from(
                    ["id", "start_line", "end_line", "line_hashes", "origin", "training", "content_hash", "x"]
                ),
                st.one_of(JSON, st.integers(-5, 10**12), st.lists(st.text(max_size=64), max_size=4)),
                max_size=8,
            ),
            max_size=4,
        ),
    }
)


@PROFILE
@given(payload=st.one_of(JSON, RECORDISH), raw=st.one_of(st.none(), st.binary(max_size=200)))
def test_hostile_sidecars_never_crash_and_fail_closed(tmp_path_factory, payload: object, raw: bytes | None) -> None:
    root = tmp_path_factory.mktemp("ws")
    (root / "src").mkdir()
    text = "".join(f"line {i}\n" for i in range(30))
    (root / "src" / "a.py").write_text(text)
    car = root / ".provmark" / "src" / "a.py.json"
    car.parent.mkdir(parents=True)
    if raw is not None:
        car.write_bytes(raw)
    else:
        car.write_text(json.dumps(payload))
    try:
        data = sidecar.load(root, "src/a.py")
    except sidecar.SidecarError:
        data = None
    exclude, status = excluded_ranges(root, "src/a.py", text)
    if data is None or sidecar.validate(data, "src/a.py"):
        # Not a sidecar to trust: the whole file is excluded.
        assert exclude == "all" and status == "invalid"
    out = filter_text(text, exclude)
    assert out is None or set(out.splitlines()) <= set(text.splitlines())


def test_the_property_profile_runs_enough_examples() -> None:
    assert EXAMPLES >= 50  # a smaller run would not be a property test worth the name
    assert Path(__file__).name == "test_properties.py"


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    import sys as _sys

    from support.lsp_client import StdioClient

    ws = tmp_path_factory.mktemp("live")
    c = StdioClient([str(Path(_sys.executable).parent / "provmark"), "serve"], cwd=str(ws), env={**os.environ})
    c.initialize(ws.as_uri())
    yield c, ws
    assert c.close() == 0


_doc_counter = iter(range(10**9))


@settings(max_examples=max(20, EXAMPLES // 5), deadline=None, suppress_health_check=list(HealthCheck))
@given(initial=TEXT, edits=EDITS)
def test_over_lsp_the_server_holds_exactly_the_clients_text(live_server, initial: str, edits: list) -> None:
    import hashlib

    c, ws = live_server
    uri = (ws / f"doc{next(_doc_counter)}.py").as_uri()
    c.open(uri, initial)
    text = initial
    for version, (fa, fb, insert, _gap) in enumerate(edits, start=2):
        a, b = sorted((boundary(text, int(fa * len(text))), boundary(text, int(fb * len(text)))))
        c.replace(uri, version, position(text, a, UTF16), position(text, b, UTF16), insert)
        text = text[:a] + insert + text[b:]
    doc = c.request("provmark/status", {"uri": uri})["document"]
    assert doc["sha256"] == hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    assert doc["version"] == len(edits) + 1
    c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    for d in c.diagnostics.get(uri, []):
        assert d["range"]["start"]["line"] <= d["range"]["end"]["line"] <= doc["lines"]
