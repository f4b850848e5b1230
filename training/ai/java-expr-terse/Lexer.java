package calc;

import java.util.ArrayList;
import java.util.List;

final class Lexer {
    enum K { NUM, ID, OP, LP, RP, COMMA, EOF }

    record Tok(K k, String s, int pos) {
        public String toString() { return k == K.EOF ? "<eof>" : s; }
    }

    static List<Tok> lex(String src) {
        var out = new ArrayList<Tok>();
        int i = 0, n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (Character.isWhitespace(c)) { i++; continue; }
            int st = i;
            if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(src.charAt(i + 1)))) {
                while (i < n && (Character.isDigit(src.charAt(i)) || src.charAt(i) == '.')) i++;
                if (i < n && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
                    i++;
                    if (i < n && (src.charAt(i) == '+' || src.charAt(i) == '-')) i++;
                    while (i < n && Character.isDigit(src.charAt(i))) i++;
                }
                out.add(new Tok(K.NUM, src.substring(st, i), st));
            } else if (Character.isLetter(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) i++;
                out.add(new Tok(K.ID, src.substring(st, i), st));
            } else if (c == '(') { out.add(new Tok(K.LP, "(", i++)); }
            else if (c == ')') { out.add(new Tok(K.RP, ")", i++)); }
            else if (c == ',') { out.add(new Tok(K.COMMA, ",", i++)); }
            else {
                String two = i + 1 < n ? src.substring(i, i + 2) : "";
                if (two.equals("**") || two.equals("<=") || two.equals(">=") || two.equals("==") || two.equals("!=")
                        || two.equals("&&") || two.equals("||")) {
                    out.add(new Tok(K.OP, two, i));
                    i += 2;
                } else if ("+-*/%^<>!?:".indexOf(c) >= 0) {
                    out.add(new Tok(K.OP, String.valueOf(c), i++));
                } else {
                    throw new CalcException("unexpected '" + c + "'", i);
                }
            }
        }
        out.add(new Tok(K.EOF, "", n));
        return out;
    }
}

class CalcException extends RuntimeException {
    final int pos;

    CalcException(String m, int pos) {
        super(pos >= 0 ? m + " at " + pos : m);
        this.pos = pos;
    }
}
