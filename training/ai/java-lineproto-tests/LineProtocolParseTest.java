package lineproto;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import lineproto.LineProtocol.ParseException;
import lineproto.LineProtocol.Point;
import lineproto.LineProtocol.Unsigned;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LineProtocolParseTest {

    @Nested
    @DisplayName("well-formed lines")
    class WellFormed {

        @Test
        void parsesMeasurementTagsFieldsAndTimestamp() {
            Point p = LineProtocol.parse("cpu,host=web01,region=eu-west usage=0.64,cores=8i 1700000000000000000");

            assertAll(
                    () -> assertEquals("cpu", p.measurement()),
                    () -> assertEquals(Map.of("host", "web01", "region", "eu-west"), p.tags()),
                    () -> assertEquals(0.64, p.fields().get("usage")),
                    () -> assertEquals(8L, p.fields().get("cores")),
                    () -> assertEquals(1700000000000000000L, p.timestamp()));
        }

        @Test
        void timestampIsOptional() {
            Point p = LineProtocol.parse("mem free=1024i");

            assertNull(p.timestamp());
            assertTrue(p.tags().isEmpty());
        }

        @Test
        void tagsAreSortedByKeyRegardlessOfInputOrder() {
            Point p = LineProtocol.parse("disk,path=/var,device=sda1,fstype=ext4 used=12.5");

            assertEquals(List.of("device", "fstype", "path"), List.copyOf(p.tags().keySet()));
        }

        @Test
        void fieldsKeepTheirInputOrder() {
            Point p = LineProtocol.parse("net bytes_recv=10i,bytes_sent=20i,errors=0i");

            assertEquals(List.of("bytes_recv", "bytes_sent", "errors"), List.copyOf(p.fields().keySet()));
        }

        @Test
        void negativeTimestampsAreAllowed() {
            assertEquals(-42L, LineProtocol.parse("m v=1 -42").timestamp());
        }
    }

    @Nested
    @DisplayName("field value types")
    class FieldTypes {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({
            "1, 1.0",
            "-1.5, -1.5",
            "3e2, 300.0",
            ".25, 0.25",
            "+7.0, 7.0",
            "1.5E-3, 0.0015",
        })
        void floats(String raw, double expected) {
            Object v = LineProtocol.parse("m v=" + raw).fields().get("v");

            assertEquals(Double.class, v.getClass());
            assertEquals(expected, (Double) v, 1e-12);
        }

        @ParameterizedTest
        @CsvSource({"0i, 0", "42i, 42", "-9223372036854775808i, -9223372036854775808"})
        void integers(String raw, long expected) {
            assertEquals(expected, LineProtocol.parse("m v=" + raw).fields().get("v"));
        }

        @Test
        void unsignedAboveLongMaxKeepsAllBits() {
            Object v = LineProtocol.parse("m v=18446744073709551615u").fields().get("v");

            assertEquals(new Unsigned(-1L), v);
            assertEquals("18446744073709551615", v.toString());
        }

        @ParameterizedTest
        @ValueSource(strings = {"t", "T", "true", "True", "TRUE"})
        void trueSpellings(String raw) {
            assertEquals(Boolean.TRUE, LineProtocol.parse("m ok=" + raw).fields().get("ok"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"f", "F", "false", "False", "FALSE"})
        void falseSpellings(String raw) {
            assertEquals(Boolean.FALSE, LineProtocol.parse("m ok=" + raw).fields().get("ok"));
        }

        @Test
        void stringFieldsMayContainSpacesCommasAndEquals() {
            Point p = LineProtocol.parse("log msg=\"a b, c=d\",level=\"warn\"");

            assertEquals("a b, c=d", p.fields().get("msg"));
            assertEquals("warn", p.fields().get("level"));
        }

        @Test
        void stringFieldsUnescapeQuotesAndBackslashes() {
            Point p = LineProtocol.parse("log msg=\"say \\\"hi\\\" to C:\\\\temp\"");

            assertEquals("say \"hi\" to C:\\temp", p.fields().get("msg"));
        }

        @Test
        void otherBackslashesInStringsAreKeptVerbatim() {
            assertEquals("a\\nb", LineProtocol.parse("log msg=\"a\\nb\"").fields().get("msg"));
        }
    }

    @Nested
    @DisplayName("escaped identifiers")
    class Escaping {

        @Test
        void measurementWithEscapedSpaceAndComma() {
            assertEquals("cpu load,total", LineProtocol.parse("cpu\\ load\\,total v=1").measurement());
        }

        @Test
        void tagKeysAndValuesWithEscapedSeparators() {
            Point p = LineProtocol.parse("m,my\\ tag=a\\=b\\,c v=1");

            assertEquals(Map.of("my tag", "a=b,c"), p.tags());
        }

        @Test
        void fieldKeyWithEscapedEquals() {
            assertTrue(LineProtocol.parse("m a\\=b=1i").fields().containsKey("a=b"));
        }
    }

    @Nested
    @DisplayName("malformed lines")
    class Malformed {

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @ValueSource(strings = {
            "",
            "cpu",
            "cpu ",
            ",host=a v=1",
            "cpu,host v=1",
            "cpu,host= v=1",
            "cpu v=",
            "cpu v=\"open",
            "cpu v=abc",
            "cpu v=1.5i",
            "cpu v=NaN",
            "cpu v=Infinity",
            "cpu v=0x10",
            "cpu v=1 notanumber",
            "cpu v=1 123 extra",
        })
        void areRejected(String line) {
            assertThrows(ParseException.class, () -> LineProtocol.parse(line));
        }

        @Test
        void duplicateTagIsRejected() {
            ParseException e = assertThrows(ParseException.class, () -> LineProtocol.parse("m,a=1,a=2 v=1"));

            assertTrue(e.getMessage().contains("duplicate tag a"), e.getMessage());
        }

        @Test
        void duplicateFieldReportsColumnOfSecondKey() {
            ParseException e = assertThrows(ParseException.class, () -> LineProtocol.parse("m v=1,v=2"));

            assertEquals(6, e.column());
        }

        @Test
        void badFieldValueReportsItsColumn() {
            ParseException e = assertThrows(ParseException.class, () -> LineProtocol.parse("m a=1,b=zz"));

            assertEquals(8, e.column());
            assertTrue(e.getMessage().endsWith("(column 9)"), e.getMessage());
        }
    }

    @Nested
    class ParseAll {

        @Test
        void skipsBlankLinesAndComments() {
            String text = """
                    # exported 2024-05-01
                    cpu usage=0.5 1

                    cpu usage=0.7 2
                    \t
                    """;

            List<Point> points = LineProtocol.parseAll(text);

            assertEquals(2, points.size());
            assertEquals(List.of(1L, 2L), points.stream().map(Point::timestamp).toList());
        }

        @Test
        void acceptsWindowsLineEndings() {
            assertEquals(2, LineProtocol.parseAll("a v=1\r\nb v=2\r\n").size());
        }

        @Test
        void stopsAtTheFirstBadLine() {
            assertThrows(ParseException.class, () -> LineProtocol.parseAll("a v=1\nb v=\nc v=3"));
        }
    }
}
