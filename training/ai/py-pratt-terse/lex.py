from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

SPEC = [
    ("num", r"\d+(?:\.\d*)?(?:[eE][+-]?\d+)?"),
    ("id", r"[A-Za-z_]\w*"),
    ("op", r"\*\*|//|==|!=|<=|>=|&&|\|\||[-+*/%^(),<>!=?:]"),
    ("ws", r"[ \t]+"),
    ("nl", r"\n"),
    ("bad", r"."),
]
RX = re.compile("|".join(f"(?P<{k}>{v})" for k, v in SPEC))
KW = {"and": "&&", "or": "||", "not": "!"}


@dataclass(frozen=True, slots=True)
class Tok:
    kind: str
    val: str
    line: int
    col: int

    def __repr__(self):
        return f"{self.kind}:{self.val!r}@{self.line}:{self.col}"


class LexError(SyntaxError):
    pass


def lex(src: str) -> Iterator[Tok]:
    line, start = 1, 0
    for m in RX.finditer(src):
        k, v = m.lastgroup, m.group()
        col = m.start() - start + 1
        match k:
            case "ws":
                continue
            case "nl":
                line, start = line + 1, m.end()
                continue
            case "bad":
                raise LexError(f"unexpected {v!r} at {line}:{col}")
            case "id" if v in KW:
                yield Tok("op", KW[v], line, col)
            case _:
                yield Tok(k, v, line, col)
    yield Tok("eof", "", line, len(src) - start + 1)


class Stream:
    def __init__(self, toks):
        self.t = list(toks)
        self.i = 0

    def peek(self, n=0) -> Tok:
        return self.t[min(self.i + n, len(self.t) - 1)]

    def next(self) -> Tok:
        t = self.peek()
        self.i += 1
        return t

    def at(self, kind, val=None) -> bool:
        t = self.peek()
        return t.kind == kind and (val is None or t.val == val)

    def eat(self, kind, val=None) -> Tok:
        if not self.at(kind, val):
            t = self.peek()
            want = val or kind
            raise SyntaxError(
                f"expected {want!r}, got {t.val or t.kind!r} at {t.line}:{t.col}"
            )
        return self.next()
