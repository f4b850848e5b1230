package calc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import calc.Lexer.K;
import calc.Lexer.Tok;

final class Parser {
    sealed interface Node permits Num, Var, Un, Bin, Call, Cond {}
    record Num(double v) implements Node {}
    record Var(String name, int pos) implements Node {}
    record Un(String op, Node x) implements Node {}
    record Bin(String op, Node l, Node r) implements Node {}
    record Call(String fn, List<Node> args, int pos) implements Node {}
    record Cond(Node c, Node a, Node b) implements Node {}

    private static final Map<String, int[]> BIN = Map.ofEntries(
            Map.entry("||", new int[]{1, 0}), Map.entry("&&", new int[]{2, 0}),
            Map.entry("==", new int[]{3, 0}), Map.entry("!=", new int[]{3, 0}),
            Map.entry("<", new int[]{4, 0}), Map.entry("<=", new int[]{4, 0}),
            Map.entry(">", new int[]{4, 0}), Map.entry(">=", new int[]{4, 0}),
            Map.entry("+", new int[]{5, 0}), Map.entry("-", new int[]{5, 0}),
            Map.entry("*", new int[]{6, 0}), Map.entry("/", new int[]{6, 0}), Map.entry("%", new int[]{6, 0}),
            Map.entry("^", new int[]{8, 1}), Map.entry("**", new int[]{8, 1}));
    private static final int UNARY = 7;

    private final List<Tok> t;
    private int p;

    private Parser(List<Tok> t) { this.t = t; }

    static Node parse(String s) {
        var ps = new Parser(Lexer.lex(s));
        var n = ps.expr();
        if (ps.peek().k() != K.EOF) throw ps.fail("unexpected " + ps.peek());
        return n;
    }

    private Tok peek() { return t.get(p); }
    private Tok next() { return t.get(p++); }
    private CalcException fail(String m) { return new CalcException(m, peek().pos()); }

    private void want(K k, String what) {
        if (peek().k() != k) throw fail("expected " + what + ", got " + peek());
        p++;
    }

    private Node expr() {
        var c = bin(0);
        if (peek().k() == K.OP && peek().s().equals("?")) {
            p++;
            var a = expr();
            if (!(peek().k() == K.OP && peek().s().equals(":"))) throw fail("expected ':'");
            p++;
            return new Cond(c, a, expr());
        }
        return c;
    }

    private Node bin(int min) {
        var l = unary();
        while (peek().k() == K.OP && BIN.containsKey(peek().s())) {
            var pr = BIN.get(peek().s());
            if (pr[0] < min) break;
            var op = next().s();
            var r = bin(pr[1] == 1 ? pr[0] : pr[0] + 1);
            l = new Bin(op.equals("**") ? "^" : op, l, r);
        }
        return l;
    }

    private Node unary() {
        var tk = peek();
        if (tk.k() == K.OP && (tk.s().equals("-") || tk.s().equals("+") || tk.s().equals("!"))) {
            p++;
            var x = bin(UNARY);
            return tk.s().equals("+") ? x : new Un(tk.s(), x);
        }
        return atom();
    }

    private Node atom() {
        var tk = next();
        switch (tk.k()) {
            case NUM -> {
                try { return new Num(Double.parseDouble(tk.s())); }
                catch (NumberFormatException e) { throw new CalcException("bad number " + tk.s(), tk.pos()); }
            }
            case ID -> {
                if (peek().k() != K.LP) return new Var(tk.s(), tk.pos());
                p++;
                var args = new ArrayList<Node>();
                if (peek().k() != K.RP) {
                    do args.add(expr()); while (peek().k() == K.COMMA && next() != null);
                }
                want(K.RP, "')'");
                return new Call(tk.s(), args, tk.pos());
            }
            case LP -> {
                var e = expr();
                want(K.RP, "')'");
                return e;
            }
            default -> throw new CalcException("unexpected " + tk, tk.pos());
        }
    }
}
