from __future__ import annotations

import math
import operator as o
import sys
from dataclasses import dataclass, field

from lex import Stream, Tok, lex

BIN = {
    "||": (1, False), "&&": (2, False),
    "==": (3, False), "!=": (3, False),
    "<": (4, False), "<=": (4, False), ">": (4, False), ">=": (4, False),
    "+": (5, False), "-": (5, False),
    "*": (6, False), "/": (6, False), "//": (6, False), "%": (6, False),
    "**": (8, True), "^": (8, True),
}  # fmt: skip
PREFIX_BP = 7
FNS = {
    "sqrt": math.sqrt, "abs": abs, "min": min, "max": max,
    "log": math.log, "sin": math.sin, "cos": math.cos, "round": round,
}  # fmt: skip
OPS = {
    "+": o.add, "-": o.sub, "*": o.mul, "/": o.truediv, "//": o.floordiv,
    "%": o.mod, "**": o.pow, "^": o.pow, "==": o.eq, "!=": o.ne,
    "<": o.lt, "<=": o.le, ">": o.gt, ">=": o.ge,
}  # fmt: skip


@dataclass
class Num:
    v: float


@dataclass
class Var:
    name: str


@dataclass
class Un:
    op: str
    x: object


@dataclass
class Bin:
    op: str
    l: object
    r: object


@dataclass
class Call:
    fn: str
    args: list = field(default_factory=list)


@dataclass
class Cond:
    c: object
    a: object
    b: object


def parse(src: str):
    s = Stream(lex(src))
    e = expr(s, 0)
    s.eat("eof")
    return e


def expr(s: Stream, rbp: int):
    lhs = nud(s, s.next())
    while True:
        t = s.peek()
        if t.kind != "op":
            break
        if t.val == "?" and rbp == 0:
            s.next()
            a = expr(s, 0)
            s.eat("op", ":")
            lhs = Cond(lhs, a, expr(s, 0))
            continue
        if t.val not in BIN:
            break
        bp, right = BIN[t.val]
        if bp <= rbp:
            break
        s.next()
        lhs = Bin(t.val, lhs, expr(s, bp - 1 if right else bp))
    return lhs


def nud(s: Stream, t: Tok):
    match t.kind, t.val:
        case "num", v:
            return Num(float(v))
        case "id", name if s.at("op", "("):
            s.next()
            args = []
            if not s.at("op", ")"):
                args.append(expr(s, 0))
                while s.at("op", ","):
                    s.next()
                    args.append(expr(s, 0))
            s.eat("op", ")")
            return Call(name, args)
        case "id", name:
            return Var(name)
        case "op", "(":
            e = expr(s, 0)
            s.eat("op", ")")
            return e
        case "op", ("-" | "+" | "!") as op:
            return Un(op, expr(s, PREFIX_BP))
    raise SyntaxError(f"unexpected {t.val or t.kind!r} at {t.line}:{t.col}")


def ev(n, env: dict[str, float] | None = None):
    env = env or {}
    match n:
        case Num(v):
            return v
        case Var(name):
            if name not in env:
                raise NameError(name)
            return env[name]
        case Un("-", x):
            return -ev(x, env)
        case Un("+", x):
            return +ev(x, env)
        case Un("!", x):
            return float(not ev(x, env))
        case Bin("&&", l, r):
            return ev(l, env) and ev(r, env)
        case Bin("||", l, r):
            return ev(l, env) or ev(r, env)
        case Bin(op, l, r):
            v = OPS[op](ev(l, env), ev(r, env))
            return float(v) if isinstance(v, bool) else v
        case Cond(c, a, b):
            return ev(a, env) if ev(c, env) else ev(b, env)
        case Call(fn, args):
            if fn not in FNS:
                raise NameError(f"no function {fn}")
            return FNS[fn](*(ev(a, env) for a in args))
    raise TypeError(n)


def show(n) -> str:
    match n:
        case Num(v):
            return f"{v:g}"
        case Var(x):
            return x
        case Un(op, x):
            return f"({op}{show(x)})"
        case Bin(op, l, r):
            return f"({show(l)} {op} {show(r)})"
        case Cond(c, a, b):
            return f"({show(c)} ? {show(a)} : {show(b)})"
        case Call(fn, args):
            return f"{fn}({', '.join(map(show, args))})"
    return repr(n)


def main(argv=None):
    argv = argv if argv is not None else sys.argv[1:]
    env = {}
    for a in argv:
        if "=" in a and not a.startswith("="):
            k, _, v = a.partition("=")
            env[k.strip()] = float(v)
    for ln in sys.stdin:
        if not (ln := ln.strip()) or ln.startswith("#"):
            continue
        try:
            tree = parse(ln)
            print(f"{show(tree)} => {ev(tree, env):g}")
        except (SyntaxError, NameError, ZeroDivisionError) as e:
            print(f"error: {e}", file=sys.stderr)


if __name__ == "__main__":
    main()
