"""Token n-grams: how an author strings code together, as one more content feature.

The text becomes a stream of tokens that keeps what an author chooses and drops what a
project's topic decides: keywords and punctuation as they are; identifiers as their
shape (snake_case of three words, a one-letter name, ...) unless they are words every
codebase uses (`result`, `err`, `value`), which stay as themselves; comments, docstrings
and prose strings as their common words. A naive Bayes table, trained by
`training/train.py` on the same corpora as the style features, gives each unigram,
bigram and trigram of that stream a log-likelihood ratio (AI against hand-written); a
text's score is their mean. Pure Python, no dependencies; never imports pygls.
"""

from __future__ import annotations

import base64
import binascii
import re
import threading
import zlib
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, chain
from operator import itemgetter
from typing import Any, TypeVar

from provmark.core import native

_ngramc = native.load("_ngramc")  # the n-gram pass in C (this module is the reference)

# One pass per text: strings and comments first, so a '#' or '//' inside a string is not
# a comment and a quote inside a comment is not a string.
# Bodies are "unrolled" (`"[^"\\]*(?:\\.[^"\\]*)*"` for `"(?:\\.|[^"\\])*"`, and
# `[^"]*(?:"(?!"")[^"]*)*` for a lazy `[\s\S]*?` before '"""'): the same matches, with
# runs of plain characters taken in one step instead of a branch per character.
_STRING = (
    r"""[rRbBuUfF]{0,2}(?:\"\"\"[^"]*(?:"(?!"")[^"]*)*\"\"\"|'''[^']*(?:'(?!'')[^']*)*'''|"""
    r""""[^"\\\n]*(?:\\.[^"\\\n]*)*"|'[^'\\\n]*(?:\\.[^'\\\n]*)*')"""
)
# core/_ngramc.c reads these lexers by hand (the n-gram pass in C): change both; the
# tests compare the two on any text.
_BLOCK_COMMENT = r"/\*[^*]*(?:\*(?!/)[^*]*)*\*/"
_PATTERNS = {
    "hash": rf"(?P<s>{_STRING})|(?P<c>#[^\n]*)",
    "c": r"""(?P<s>"[^"\\\n]*(?:\\.[^"\\\n]*)*"|'(?:\\.|[^'\\\n])'|`[^`\\]*(?:\\.[^`\\]*)*`)"""
    rf"|(?P<c>//[^\n]*|{_BLOCK_COMMENT})",
    # Rust: 'a is a lifetime, not a string; raw strings r"..." and r#"..."#.
    "rust": r"""(?P<s>r#*"[\s\S]*?"#*|b?"[^"\\]*(?:\\.[^"\\]*)*"|b?'(?:\\.|[^'\\\n])')"""
    rf"|(?P<c>//[^\n]*|{_BLOCK_COMMENT})",
}
_REST = r"|(?P<n>\n)|(?P<i>[A-Za-z_]\w*)|(?P<d>\d[\w.]*)|(?P<p>[^\w\s])"
_LEXERS = {name: re.compile(p + _REST) for name, p in _PATTERNS.items()}
_LEXER_OF = {"python": "hash", "ruby": "hash", "other": "hash", "rust": "rust"}
_NATIVE_LEXER = {"hash": 0, "c": 1, "rust": 2}  # _ngramc's HASH, C, RUST
# A word of a comment or a string: a letter and the lower-case letters and apostrophes
# after it ("HTTPError" is "H", "T", "T", "P", "Error"). (It was written with a second
# alternative, [A-Z]+(?![a-z]), which never matched: the first takes any letter. Left
# out, the engine skips ahead to letters, and the words are the same.)
_WORDS = re.compile(r"[A-Za-z][a-z']*")

KEYWORDS = frozenset(
    """abstract and as assert async await break case catch class const continue crate def default defer del
    delete do dyn elif else enum except export extends false final finally fn for from func function go if
    impl implements import in instanceof interface is lambda let loop match mod move mut namespace new nil
    none not null or override package pass private protected pub public raise readonly ref return select
    self static struct super switch this throw throws true try type typeof unsafe use using var void where
    while with yield True False None chan map range fallthrough goto virtual template typename auto""".split()
)
# Words in one comment or prose string, at most: a licence header is one long comment.
MAX_WORDS = 40
# _Fast reads the words of a long comment or string from its first this many characters
# when they hold more than MAX_WORDS (then the first MAX_WORDS are whole), not all of it.
_WORDS_SPAN = 400


def lexer_for(family: str) -> re.Pattern[str]:
    return _LEXERS[_LEXER_OF.get(family, "c")]


# The lexers as findall() runs them: one group around the token, so findall hands back
# plain strings and a token's kind is read off its characters (_expand), which costs
# less than a match object and its lastgroup. Whitespace, and the word characters no
# branch starts with ("é", "²"), are consumed in the pattern instead of by the search
# failing at each of them; they are matched outside the group (findall gives "" for
# them and for the end), so no match ever backtracks over a run of them. The tokens,
# and the text each covers, are the same.
_SKIP = r"[^\S\n]*(?:({})|[^\W\dA-Za-z_]|\Z)"
_FLAT = {name: re.compile(_SKIP.format(re.sub(r"\(\?P<\w>", "(?:", lexer.pattern))) for name, lexer in _LEXERS.items()}
_IDENT_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
_NL = ("NL",)


def _expand(lex: str) -> tuple[str, ...]:
    """The raw tokens of one lexeme, as tokens() documents them. The lexers' branches
    are told apart by their first and last characters: an identifier starts with a
    letter or "_" and ends with a word character (a prefixed string such as r"x",
    b'x' or r#"x"# ends with a quote or "#"); a number starts with a digit; a one-
    character lexeme is "\n" or punctuation (or a bare "#" comment, whose token is
    "#" too); longer ones starting with "#" or "/" are comments, the rest strings."""
    if not lex:  # a skipped character, or the end
        return ()
    first = lex[0]
    if first in _IDENT_START and lex[-1] not in "\"'#":
        return ("k:" + lex,) if lex in KEYWORDS else ("i:" + lex,)
    if lex == "\n":
        return _NL
    if first.isdecimal():  # what \d matches
        return ("n",)
    if len(lex) == 1:
        return (lex,)
    words = _WORDS.findall(lex)
    if first in "#/":
        head = ["#", *("w:" + w.lower() for w in words[:MAX_WORDS])]
    elif lex.count(" ") >= 2 and len(words) >= 3:  # a prose string is read like a comment
        head = ['"', *("w:" + w.lower() for w in words[:MAX_WORDS])]
    else:
        head = ["s"]
    # a block comment's or a string's own line breaks still count as lines
    return (*head, *(_NL * lex.count("\n")))


_V = TypeVar("_V")
# Lexemes longer than this are not kept: long comments and strings seldom repeat.
_KEEP_CHARS = 48
# A cache is emptied, between texts, once it holds this many keys.
_CACHE_MAX = 1 << 16


class _Cache(dict[str, _V]):
    """Key -> value, computed on a miss: map(cache.__getitem__, ...) stays in C on
    every hit."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[str], _V]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: str) -> _V:
        value = self.make(key)
        if len(key) <= _KEEP_CHARS:
            self[key] = value
        return value


_RAW: _Cache[tuple[str, ...]] = _Cache(_expand)


def _lexemes(text: str, family: str) -> list[str]:
    return _FLAT[_LEXER_OF.get(family, "c")].findall(text)


def tokens(text: str, family: str) -> list[str]:
    """The raw token stream: "i:<identifier>" as written, "w:<word>" for each word of a
    comment or prose string (lower case), "#" opening a comment, '"' a prose string,
    "s" any other string, "n" a number, "k:<keyword>", punctuation, and "NL" per line."""
    if len(_RAW) > _CACHE_MAX:
        _RAW.clear()
    return list(chain.from_iterable(map(_RAW.__getitem__, _lexemes(text, family))))


def _humps(core: str) -> int:
    """len(re.findall(r"[a-z0-9][A-Z]", core)): where an ASCII lower-case letter or digit
    is followed by an ASCII capital (two such pairs never overlap: a capital starts
    none), counted in one loop instead of a regular expression's list."""
    n = 0
    for i in range(len(core) - 1):
        a, b = core[i], core[i + 1]
        if "A" <= b <= "Z" and ("a" <= a <= "z" or "0" <= a <= "9"):
            n += 1
    return n


def shape(name: str) -> str:
    """An identifier's shape: its case convention and how many words it is made of."""
    lead = "_" if name.startswith("_") else ""
    core = name.strip("_")
    if len(core) <= 2:
        return f"{lead}i:short"
    if core.isupper() or (core.upper() == core and "_" in core):
        return f"{lead}i:UPPER{min(core.count('_') + 1, 4)}"
    if "_" in core:
        return f"{lead}i:snake{min(core.count('_') + 1, 4)}"
    humps = _humps(core) + 1
    if core[0].isupper():
        return f"{lead}i:Pascal{min(humps, 4)}"
    if humps > 1:
        return f"{lead}i:camel{min(humps, 4)}"
    return f"{lead}i:word"


def normalise(raw: Iterable[str], vocabulary: frozenset[str] | set[str]) -> list[str]:
    """Identifiers and words outside `vocabulary` (the words most codebases share)
    become their shape or "w?": what a project is about says nothing about its author."""
    return [normalise_one(t, vocabulary) for t in raw]


def normalise_one(t: str, vocabulary: frozenset[str] | set[str]) -> str:
    """One raw token, as `normalise` gives it."""
    if t[:2] == "i:":
        low = "i:" + t[2:].lower()
        return low if low in vocabulary else shape(t[2:])
    if t[:2] == "w:":
        return t if t in vocabulary else "w?"
    return t


BUCKETS = 1 << 20
_SALT = (0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D)


@lru_cache(maxsize=1 << 14)
def token_id(token: str) -> int:
    """A stable id for a token (Python's own hash of a str changes with every process)."""
    h = 2166136261
    for ch in token.encode("utf-8"):
        h = ((h ^ ch) * 16777619) & 0xFFFFFFFF
    return h


def grams(ids: Sequence[int]) -> list[int]:
    """The buckets of every unigram, bigram and trigram of a stream of token ids."""
    out: list[int] = []
    append = out.append
    a = b = -1
    s1, s2, s3 = _SALT
    for c in ids:
        append((c * s1) % BUCKETS)
        if b >= 0:
            append(((b * s2) ^ (c * s1)) % BUCKETS)
            if a >= 0:
                append(((a * s3) ^ (b * s2) ^ (c * s1) ^ 0x5BD1E995) % BUCKETS)
        a, b = b, c
    return out


_MASK = BUCKETS - 1
assert BUCKETS & _MASK == 0  # a power of two: "% BUCKETS" keeps the low bits of each xor-ed term
_MIX = 0x5BD1E995 & _MASK
_U32 = "I" if array("I").itemsize == 4 else "L"


def _gather(seq: Sequence[_V], idx: Sequence[int]) -> tuple[_V, ...]:
    """seq[i] for each i in idx, in one C call (itemgetter of one index is no tuple)."""
    if len(idx) > 1:
        return itemgetter(*idx)(seq)
    return tuple(seq[i] for i in idx)


def _xor(n: int, *parts: bytes) -> array[int]:
    """The xor of equally long runs of 32-bit words, taken as one big integer each:
    one C pass instead of a Python xor per n-gram."""
    acc = 0
    for part in parts:
        acc ^= int.from_bytes(part, "little")
    out = array(_U32)
    out.frombytes(acc.to_bytes(4 * n, "little"))
    return out


class _Fast:
    """A model's caches for score() and by_line(). Each distinct normalised token gets
    a slot, with its id times each salt (masked: the bucket of an n-gram is the xor of
    these) and its unigram's weight. Slot 0 is "NL"."""

    def __init__(self, model: NgramModel) -> None:
        self.model = model
        self.lexemes: _Cache[tuple[int, ...]] = _Cache(self._lexeme)
        # A comment's or prose string's word, as _WORDS finds it -> the slot of its "w:"
        # token: long comments are not kept whole, but their words repeat.
        self.words: _Cache[int] = _Cache(self._word)
        self.raw: dict[str, int] = {}  # raw token -> slot
        self.slot_of: dict[int, int] = {}  # token id -> slot
        self.t1: list[int] = []
        self.t2: list[int] = []
        self.t3: list[int] = []  # with the trigram's constant folded in
        self.w1: list[float] = []
        self.lock = threading.Lock()  # the four lists must grow together
        self._slot("NL")
        # by_line in C: the same lexers, and the slots asked of this object
        self.native: Any = (
            None
            if _ngramc is None
            else _ngramc.Scorer(self, model.table, model.levels, keywords=KEYWORDS, vocabulary=model.vocabulary)
        )

    def _slot(self, raw: str) -> int:
        slot = self.raw.get(raw)
        if slot is not None:
            return slot
        c = token_id(normalise_one(raw, self.model.vocabulary))
        with self.lock:
            slot = self.slot_of.get(c)
            if slot is None:
                s1, s2, s3 = _SALT
                slot = self.slot_of[c] = len(self.t1)
                self.t1.append((c * s1) & _MASK)
                self.t2.append((c * s2) & _MASK)
                self.t3.append(((c * s3) & _MASK) ^ _MIX)
                self.w1.append(self.model.weight((c * s1) & _MASK))
        self.raw[raw] = slot
        return slot

    def _word(self, word: str) -> int:
        return self._slot("w:" + word.lower())

    def _lexeme(self, lex: str) -> tuple[int, ...]:
        """tuple(map(self._slot, _expand(lex))), with a comment's or a string's words
        looked up in one C call."""
        first = lex[:1]
        if len(lex) < 2 or first.isdecimal() or (first in _IDENT_START and lex[-1] not in "\"'#"):
            return tuple(map(self._slot, _expand(lex)))
        words = _WORDS.findall(lex, 0, _WORDS_SPAN)  # (a docstring's first MAX_WORDS words)
        if len(words) <= MAX_WORDS and len(lex) > _WORDS_SPAN:
            words = _WORDS.findall(lex)
        if first in "#/":
            head = (self._slot("#"), *map(self.words.__getitem__, words[:MAX_WORDS]))
        elif lex.count(" ") >= 2 and len(words) >= 3:
            head = (self._slot('"'), *map(self.words.__getitem__, words[:MAX_WORDS]))
        else:
            head = (self._slot("s"),)
        return head + (0,) * lex.count("\n")  # slot 0: "NL"

    def slots(self, text: str, family: str) -> list[int]:
        """The text's token stream as slots."""
        if len(self.lexemes) > _CACHE_MAX:
            self.lexemes.clear()
        if len(self.raw) > _CACHE_MAX:
            self.raw.clear()
        if len(self.words) > _CACHE_MAX:
            self.words.clear()
        return list(chain.from_iterable(map(self.lexemes.__getitem__, _lexemes(text, family))))

    def buckets(self, slots: list[int]) -> tuple[array[int], array[int], array[int]]:
        """The bucket of the unigram, the bigram and the trigram ending at each token
        (from the first, second and third token on): grams() as three streams."""
        get = itemgetter(*slots) if len(slots) > 1 else lambda seq: tuple(seq[i] for i in slots)
        u1 = array(_U32, get(self.t1))
        if len(slots) < 2:
            return u1, array(_U32), array(_U32)
        b1, b2, b3 = u1.tobytes(), array(_U32, get(self.t2)).tobytes(), array(_U32, get(self.t3)).tobytes()
        return u1, _xor(len(slots) - 1, b2[:-4], b1[4:]), _xor(len(slots) - 2, b3[:-8], b2[4:-4], b1[8:])

    def line_sums(self, slots: list[int], n_lines: int) -> tuple[list[float], list[int]]:
        """by_line's sums and counts: each token's (unigram + bigram) + trigram weight,
        added one by one from 0.0 to the sum of the line it ends on; a line ends with its
        NL token (slot 0), and NL tokens past the last line break stay on it. One typed
        loop: as fast as the C calls of parts() in Python, and many times faster compiled."""
        t1, t2, t3, w1 = self.t1, self.t2, self.t3, self.w1
        table, levels = self.model.table, self.model.levels
        sums = [0.0] * n_lines
        counts = [0] * n_lines
        last = n_lines - 1
        line = grams = 0
        acc = 0.0
        a = b = -1  # the slots of the two tokens before
        for c in slots:
            x = w1[c]
            if b < 0:
                grams += 1
            elif a < 0:
                x += levels[table[t2[b] ^ t1[c]]]
                grams += 2
            else:
                bi = t2[b] ^ t1[c]
                x = x + levels[table[bi]] + levels[table[t3[a] ^ bi]]
                grams += 3
            acc += x
            if c == 0 and line < last:
                sums[line] = acc
                counts[line] = grams
                line += 1
                acc = 0.0
                grams = 0
            a, b = b, c
        sums[line] = acc
        counts[line] = grams
        return sums, counts

    def parts(self, slots: list[int]) -> tuple[tuple[float, ...], tuple[float, ...], tuple[float, ...]]:
        """The weights of those three streams."""
        _, bi, tri = self.buckets(slots)
        # the one-byte table and its 256 levels: a list of a million floats is slower
        table, levels = self.model.table, self.model.levels
        return _gather(self.w1, slots), _gather(levels, _gather(table, bi)), _gather(levels, _gather(table, tri))


@dataclass(frozen=True)
class NgramModel:
    """The shipped table: the shared vocabulary and each bucket's log-likelihood ratio,
    quantised to one byte (level k weighs (k - 128) * step)."""

    vocabulary: frozenset[str]
    table: bytes
    step: float
    levels: tuple[float, ...] = field(init=False, compare=False, repr=False)
    _ids: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    _fast: _Fast = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "levels", tuple((k - 128) * self.step for k in range(256)))
        object.__setattr__(self, "_fast", _Fast(self))

    def weight(self, bucket: int) -> float:
        return self.levels[self.table[bucket]]

    def ids(self, raw: list[str]) -> list[int]:
        cache = self._ids
        if len(cache) > 200_000:
            cache.clear()
        out = []
        for t in raw:
            i = cache.get(t)
            if i is None:
                i = cache[t] = token_id(normalise((t,), self.vocabulary)[0])
            out.append(i)
        return out

    def buckets(self, text: str, family: str) -> list[int]:
        return grams(self.ids(tokens(text, family)))

    def score(self, text: str, family: str) -> float | None:
        """The mean log-likelihood ratio of the text's n-grams (None: no tokens)."""
        slots = self._fast.slots(text, family)
        if not slots:
            return None
        uni, bi, tri = self._fast.parts(slots)
        # summed by sum() in grams() order, as ever (sum() of 3.12 on compensates)
        head = uni[:2] + bi[:1]
        rest = chain.from_iterable(zip(uni[2:], bi[1:], tri, strict=True))
        return sum(chain(head, rest)) / (len(uni) + len(bi) + len(tri))

    def by_line(self, text: str, family: str) -> tuple[list[float], list[int]]:
        """Per line (split at "\n"): the summed weight and the number of the n-grams
        that end on it, so any run of lines is scored from one pass over the file."""
        fast = self._fast
        if fast.native is not None:
            got = fast.native.line_sums(text, _NATIVE_LEXER[_LEXER_OF.get(family, "c")], text.count("\n") + 1)
            if got is not None:  # (None: another thread is in it)
                return got
        return fast.line_sums(fast.slots(text, family), text.count("\n") + 1)

    def run_sums(
        self, text: str, family: str, runs: list[tuple[int, int]]
    ) -> tuple[list[float], list[int], float, int]:
        """For each run (start, end) of lines (split at "\n"), the weight and the number
        of the n-grams that end on its lines, and the whole text's: the differences of
        by_line's running sums (in C without a Python object per line)."""
        fast = self._fast
        n_lines = text.count("\n") + 1
        if fast.native is not None:
            got = fast.native.run_sums(text, _NATIVE_LEXER[_LEXER_OF.get(family, "c")], n_lines, runs)
            if got is not None:  # (None: another thread is in it)
                return got
        sums, counts = self.by_line(text, family)
        weight = list(accumulate(sums, initial=0.0))
        count = list(accumulate(counts, initial=0))
        weights = [weight[end] - weight[start] for start, end in runs]
        return weights, [count[end] - count[start] for start, end in runs], weight[-1], count[-1]


def load(data: dict) -> NgramModel:
    """The table from the model file's "ngram" entry (vocabulary, step, and the table as
    base64 of zlib-compressed bytes); ValueError when it is malformed."""
    try:
        vocabulary = frozenset(str(w) for w in data["vocabulary"])
        step = float(data["step"])
        table = zlib.decompress(base64.b64decode(data["table"], validate=True))
    except (KeyError, TypeError, AttributeError, binascii.Error, zlib.error) as exc:
        raise ValueError(f"malformed n-gram table: {exc}") from exc
    if len(table) != BUCKETS or not 0.0 < step < 1.0:
        raise ValueError("n-gram table of the wrong size, or a bad step")
    return NgramModel(vocabulary, table, step)


def pack(weights: Sequence[float], step: float) -> str:
    """A table of BUCKETS weights as load() reads it (for training/train.py)."""
    levels = bytes(max(1, min(255, 128 + round(w / step))) for w in weights)
    return base64.b64encode(zlib.compress(levels, 9)).decode("ascii")
