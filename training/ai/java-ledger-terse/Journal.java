package ledger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

public final class Journal {
    private static final Pattern HEAD = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})\\s+(.*)$");
    private static final Pattern LEG = Pattern.compile("^\\s+(\\S(?:.*?\\S)?)(?:\\s{2,}|\\t)(-?[\\d,]+(?:\\.\\d+)?)?\\s*$");

    public static final class ParseError extends RuntimeException {
        public final int line;

        ParseError(int line, String msg) {
            super(line + ": " + msg);
            this.line = line;
        }
    }

    private Journal() {}

    public static List<Entry> parse(Reader in) throws IOException {
        var out = new ArrayList<Entry>();
        var r = new BufferedReader(in);
        LocalDate date = null;
        String memo = null;
        var legs = new ArrayList<Entry.Leg>();
        String open = null;
        int n = 0, start = 0;
        for (String s; (s = r.readLine()) != null; ) {
            n++;
            var c = s.indexOf(';');
            if (c >= 0) s = s.substring(0, c);
            if (s.isBlank()) {
                if (date != null) out.add(close(start, date, memo, legs, open));
                date = null;
                open = null;
                legs.clear();
                continue;
            }
            var h = HEAD.matcher(s);
            if (h.matches()) {
                if (date != null) out.add(close(start, date, memo, legs, open));
                legs.clear();
                open = null;
                start = n;
                try {
                    date = LocalDate.parse(h.group(1));
                } catch (DateTimeParseException e) {
                    throw new ParseError(n, "bad date " + h.group(1));
                }
                memo = h.group(2).strip();
                continue;
            }
            var l = LEG.matcher(s);
            if (date == null || !l.matches()) throw new ParseError(n, "unexpected: " + s.strip());
            var amt = l.group(2);
            if (amt == null) {
                if (open != null) throw new ParseError(n, "two legs without amount");
                open = l.group(1);
            } else {
                legs.add(new Entry.Leg(l.group(1), new BigDecimal(amt.replace(",", ""))));
            }
        }
        if (date != null) out.add(close(start, date, memo, legs, open));
        return out;
    }

    private static Entry close(int line, LocalDate d, String memo, List<Entry.Leg> legs, String open) {
        var ls = new ArrayList<>(legs);
        if (open != null) {
            var rest = ls.stream().map(Entry.Leg::amt).reduce(BigDecimal.ZERO, BigDecimal::add).negate();
            ls.add(new Entry.Leg(open, rest));
        }
        try {
            return new Entry(d, memo, ls);
        } catch (IllegalArgumentException e) {
            throw new ParseError(line, e.getMessage());
        }
    }
}
