package lineproto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import lineproto.LineProtocol.Point;
import lineproto.LineProtocol.Unsigned;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LineProtocolFormatTest {

    private static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void formatsAFullPoint() {
        Point p = new Point("cpu", new TreeMap<>(Map.of("host", "a", "dc", "x")), fields("usage", 0.5, "n", 3L), 99L);

        assertEquals("cpu,dc=x,host=a usage=0.5,n=3i 99", LineProtocol.format(p));
    }

    @Test
    void omitsTimestampWhenNull() {
        Point p = new Point("m", null, fields("v", 1.25), null);

        assertEquals("m v=1.25", LineProtocol.format(p));
    }

    @Test
    void wholeDoublesAreWrittenWithoutFraction() {
        Point p = new Point("m", null, fields("v", 2.0), null);

        assertEquals("m v=2", LineProtocol.format(p));
    }

    @Test
    void eachFieldTypeGetsItsSuffix() {
        Point p = new Point("m", null, fields("i", 7, "l", -7L, "u", new Unsigned(5), "b", true, "s", "x"), null);

        assertEquals("m i=7i,l=-7i,u=5u,b=true,s=\"x\"", LineProtocol.format(p));
    }

    @Test
    void escapesIdentifiersAndStrings() {
        Point p = new Point(
                "disk io,total",
                new TreeMap<>(Map.of("mount point", "/mnt/a=b")),
                fields("note", "said \"ok\" in C:\\"),
                null);

        assertEquals("disk\\ io\\,total,mount\\ point=/mnt/a\\=b note=\"said \\\"ok\\\" in C:\\\\\"", LineProtocol.format(p));
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void rejectsNonFiniteDoubles(double d) {
        Point p = new Point("m", null, fields("v", d), null);

        assertThrows(IllegalArgumentException.class, () -> LineProtocol.format(p));
    }

    @Test
    void rejectsUnsupportedFieldTypes() {
        Point p = new Point("m", null, fields("v", new StringBuilder("x")), null);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LineProtocol.format(p));
        assertEquals("unsupported field type StringBuilder", e.getMessage());
    }

    @Test
    void pointRequiresAtLeastOneField() {
        assertThrows(IllegalArgumentException.class, () -> new Point("m", null, Map.of(), null));
        assertThrows(IllegalArgumentException.class, () -> new Point("m", null, null, null));
    }

    @Test
    void pointRequiresMeasurement() {
        assertThrows(NullPointerException.class, () -> new Point(null, null, fields("v", 1.0), null));
        assertThrows(IllegalArgumentException.class, () -> new Point("", null, fields("v", 1.0), null));
    }

    @Test
    void pointCopiesItsMapsDefensively() {
        Map<String, Object> f = fields("v", 1.0);
        TreeMap<String, String> t = new TreeMap<>(Map.of("k", "v"));
        Point p = new Point("m", t, f, null);

        f.put("w", 2.0);
        t.put("x", "y");

        assertEquals(1, p.fields().size());
        assertEquals(1, p.tags().size());
        assertThrows(UnsupportedOperationException.class, () -> p.fields().put("z", 1.0));
    }

    static Stream<Arguments> roundTrips() {
        return Stream.of(
                Arguments.of("cpu usage=0.5"),
                Arguments.of("cpu,host=a,zone=b usage=0.5,n=3i 1700000000"),
                Arguments.of("weird\\ name\\,x,k\\=1=v\\ 2 f\\,g=\"q \\\"x\\\" \\\\\" -5"),
                Arguments.of("m big=18446744073709551615u,on=true,off=false"),
                Arguments.of("m tiny=1.0E-9,huge=1.0E20"));
    }

    @ParameterizedTest
    @MethodSource("roundTrips")
    void formatIsTheInverseOfParse(String line) {
        Point parsed = LineProtocol.parse(line);

        assertEquals(line, LineProtocol.format(parsed));
        assertEquals(parsed, LineProtocol.parse(LineProtocol.format(parsed)));
    }

    @Test
    void tagOrderIsNormalisedOnOutput() {
        Point p = LineProtocol.parse("m,z=1,a=2 v=1i");

        assertEquals("m,a=2,z=1 v=1i", LineProtocol.format(p));
    }
}
