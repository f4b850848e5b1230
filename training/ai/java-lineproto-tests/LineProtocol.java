package lineproto;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Parser and writer for the InfluxDB line protocol. */
public final class LineProtocol {

    public record Point(String measurement, SortedMap<String, String> tags, Map<String, Object> fields, Long timestamp) {
        public Point {
            Objects.requireNonNull(measurement, "measurement");
            if (measurement.isEmpty()) throw new IllegalArgumentException("measurement must not be empty");
            if (fields == null || fields.isEmpty()) throw new IllegalArgumentException("a point needs at least one field");
            tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags == null ? Map.of() : tags));
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /** Unsigned integer field value (the {@code u} suffix). */
    public record Unsigned(long bits) {
        @Override
        public String toString() {
            return Long.toUnsignedString(bits);
        }
    }

    public static final class ParseException extends RuntimeException {
        private final int column;

        ParseException(String message, int column) {
            super(message + " (column " + (column + 1) + ")");
            this.column = column;
        }

        public int column() {
            return column;
        }
    }

    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private final String s;
    private int i;

    private LineProtocol(String s) {
        this.s = s;
    }

    public static Point parse(String line) {
        return new LineProtocol(line).point();
    }

    /** Parses every non-blank, non-comment line. */
    public static List<Point> parseAll(String text) {
        List<Point> out = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            out.add(parse(t));
        }
        return out;
    }

    private Point point() {
        String measurement = token(", ");
        if (measurement.isEmpty()) throw error("missing measurement");
        SortedMap<String, String> tags = new TreeMap<>();
        while (peek() == ',') {
            i++;
            String key = token("= ,");
            expect('=');
            String value = token(", ");
            if (key.isEmpty() || value.isEmpty()) throw error("empty tag key or value");
            if (tags.put(key, value) != null) throw error("duplicate tag " + key);
        }
        expect(' ');
        Map<String, Object> fields = new LinkedHashMap<>();
        do {
            if (peek() == ',') i++;
            int start = i;
            String key = token("= ,");
            if (key.isEmpty()) throw error("empty field key");
            expect('=');
            Object value = fieldValue();
            if (fields.put(key, value) != null) {
                i = start;
                throw error("duplicate field " + key);
            }
        } while (peek() == ',');
        Long ts = null;
        if (peek() == ' ') {
            i++;
            int start = i;
            while (i < s.length() && s.charAt(i) != ' ') i++;
            try {
                ts = Long.parseLong(s.substring(start, i));
            } catch (NumberFormatException e) {
                i = start;
                throw error("bad timestamp");
            }
        }
        if (i != s.length()) throw error("trailing data");
        return new Point(measurement, tags, fields, ts);
    }

    private Object fieldValue() {
        if (peek() == '"') {
            i++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (i >= s.length()) throw error("unterminated string");
                char c = s.charAt(i++);
                if (c == '"') return sb.toString();
                if (c == '\\' && i < s.length() && (s.charAt(i) == '"' || s.charAt(i) == '\\')) c = s.charAt(i++);
                sb.append(c);
            }
        }
        int start = i;
        String raw = token(", ");
        if (raw.isEmpty()) throw error("empty field value");
        try {
            return switch (raw) {
                case "t", "T", "true", "True", "TRUE" -> Boolean.TRUE;
                case "f", "F", "false", "False", "FALSE" -> Boolean.FALSE;
                default -> {
                    char last = raw.charAt(raw.length() - 1);
                    String digits = raw.substring(0, raw.length() - 1);
                    if (last == 'i') yield Long.parseLong(digits);
                    if (last == 'u') yield new Unsigned(Long.parseUnsignedLong(digits));
                    if (!FLOAT.matcher(raw).matches()) throw new NumberFormatException(raw);
                    yield Double.parseDouble(raw);
                }
            };
        } catch (NumberFormatException e) {
            i = start;
            throw error("bad field value '" + raw + "'");
        }
    }

    private String token(String stops) {
        StringBuilder sb = new StringBuilder();
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(i + 1);
                if (n == ',' || n == '=' || n == ' ' || n == '\\') {
                    sb.append(n);
                    i += 2;
                    continue;
                }
            }
            if (stops.indexOf(c) >= 0) break;
            sb.append(c);
            i++;
        }
        return sb.toString();
    }

    private char peek() {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) throw error(i >= s.length() ? "unexpected end of line" : "expected '" + c + "'");
        i++;
    }

    private ParseException error(String msg) {
        return new ParseException(msg, i);
    }

    public static String format(Point p) {
        StringBuilder sb = new StringBuilder(escape(p.measurement(), ", "));
        p.tags().forEach((k, v) -> sb.append(',').append(escape(k, ",= ")).append('=').append(escape(v, ",= ")));
        sb.append(' ');
        boolean first = true;
        for (var e : p.fields().entrySet()) {
            if (!first) sb.append(',');
            first = false;
            sb.append(escape(e.getKey(), ",= ")).append('=');
            Object v = e.getValue();
            switch (v) {
                case String str -> sb.append('"').append(str.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                case Long l -> sb.append(l).append('i');
                case Integer n -> sb.append(n).append('i');
                case Unsigned u -> sb.append(u).append('u');
                case Boolean b -> sb.append(b);
                case Double d -> sb.append(formatDouble(d));
                default -> throw new IllegalArgumentException("unsupported field type " + v.getClass().getSimpleName());
            }
        }
        if (p.timestamp() != null) sb.append(' ').append(p.timestamp());
        return sb.toString();
    }

    private static String formatDouble(double d) {
        if (!Double.isFinite(d)) throw new IllegalArgumentException("line protocol cannot represent " + d);
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static String escape(String s, String chars) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (chars.indexOf(c) >= 0) sb.append('\\');
            sb.append(c);
        }
        return sb.toString();
    }
}
