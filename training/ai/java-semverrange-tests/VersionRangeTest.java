package com.example.versions;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.versions.VersionRange.Version;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionRangeTest {

    @Nested
    @DisplayName("Version.parse")
    class VersionParsing {

        @ParameterizedTest(name = "\"{0}\" -> {1}.{2}.{3}")
        @CsvSource({
            "1.2.3, 1, 2, 3",
            "v1.2.3, 1, 2, 3",
            "1.2, 1, 2, 0",
            "7, 7, 0, 0",
            "' 0.0.1 ', 0, 0, 1",
        })
        void parsesValidVersions(String input, int major, int minor, int patch) {
            assertEquals(new Version(major, minor, patch), Version.parse(input));
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.2.3.4", "a.b.c", "1..2", "1.-2.0", "1.2.x"})
        void rejectsMalformedVersions(String input) {
            assertThrows(IllegalArgumentException.class, () -> Version.parse(input));
        }

        @Test
        void rejectsNull() {
            assertThrows(NullPointerException.class, () -> Version.parse(null));
        }

        @Test
        void toStringRoundTrips() {
            Version v = new Version(10, 0, 42);
            assertEquals(v, Version.parse(v.toString()));
        }

        @ParameterizedTest(name = "{0} < {1}")
        @CsvSource({"1.0.0, 2.0.0", "1.2.0, 1.10.0", "1.2.3, 1.2.4", "0.9.9, 1.0.0"})
        void comparesNumericallyNotLexically(String lower, String higher) {
            assertTrue(Version.parse(lower).compareTo(Version.parse(higher)) < 0);
            assertTrue(Version.parse(higher).compareTo(Version.parse(lower)) > 0);
        }
    }

    @Nested
    @DisplayName("VersionRange.contains")
    class Contains {

        static Stream<Arguments> rangeCases() {
            return Stream.of(
                // caret: compatible within the left-most non-zero part
                Arguments.of("^1.4.0", "1.4.0", true),
                Arguments.of("^1.4.0", "1.9.9", true),
                Arguments.of("^1.4.0", "2.0.0", false),
                Arguments.of("^1.4.0", "1.3.9", false),
                Arguments.of("^0.3.1", "0.3.9", true),
                Arguments.of("^0.3.1", "0.4.0", false),
                Arguments.of("^0.0.3", "0.0.3", true),
                Arguments.of("^0.0.3", "0.0.4", false),
                // tilde: patch-level changes only
                Arguments.of("~1.2.3", "1.2.9", true),
                Arguments.of("~1.2.3", "1.3.0", false),
                // explicit comparators
                Arguments.of(">=1.0.0 <2.0.0", "1.5.0", true),
                Arguments.of(">=1.0.0 <2.0.0", "2.0.0", false),
                Arguments.of(">1.0.0", "1.0.0", false),
                Arguments.of("<=1.0.0", "1.0.0", true),
                Arguments.of("=1.0.0", "1.0.0", true),
                Arguments.of("1.0.0", "1.0.1", false),
                // alternatives
                Arguments.of("^1.0.0 || ^3.0.0", "3.2.0", true),
                Arguments.of("^1.0.0 || ^3.0.0", "2.2.0", false),
                // wildcard
                Arguments.of("*", "99.0.0", true)
            );
        }

        @ParameterizedTest(name = "{0} contains {1}: {2}")
        @MethodSource("rangeCases")
        void evaluatesRanges(String range, String version, boolean expected) {
            assertEquals(expected, VersionRange.parse(range).contains(version));
        }

        @ParameterizedTest
        @NullAndEmptySource
        void emptyRangeMatchesEverything(String range) {
            if (range == null) {
                assertThrows(NullPointerException.class, () -> VersionRange.parse(range));
                return;
            }
            assertTrue(VersionRange.parse(range).contains("0.0.0"));
            assertTrue(VersionRange.parse(range).contains("123.4.5"));
        }

        @Test
        void extraWhitespaceIsIgnored() {
            VersionRange range = VersionRange.parse("  >=1.0.0    <1.5.0  ");
            assertAll(
                () -> assertTrue(range.contains("1.0.0")),
                () -> assertTrue(range.contains("1.4.99")),
                () -> assertFalse(range.contains("1.5.0"))
            );
        }

        @ParameterizedTest
        @ValueSource(strings = {">=abc", "^1.x", "~", "<1.2.3.4"})
        void invalidConstraintThrows(String range) {
            assertThrows(IllegalArgumentException.class, () -> VersionRange.parse(range));
        }
    }

    @Nested
    @DisplayName("VersionRange.maxSatisfying")
    class MaxSatisfying {

        private final List<Version> candidates = Stream.of("1.0.0", "1.2.0", "1.10.0", "2.0.0", "2.1.0")
            .map(Version::parse)
            .toList();

        @Test
        void picksHighestMatchingVersion() {
            assertEquals(Version.parse("1.10.0"), VersionRange.parse("^1.0.0").maxSatisfying(candidates));
        }

        @Test
        void returnsNullWhenNothingMatches() {
            assertNull(VersionRange.parse(">=3.0.0").maxSatisfying(candidates));
        }

        @Test
        void returnsNullForEmptyCandidateList() {
            assertNull(VersionRange.parse("*").maxSatisfying(List.of()));
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({"~1.2.0, 1.2.0", "<2.0.0, 1.10.0", "^2.0.0 || ^1.0.0, 2.1.0", "=2.0.0, 2.0.0"})
        void variousRanges(String range, String expected) {
            assertEquals(Version.parse(expected), VersionRange.parse(range).maxSatisfying(candidates));
        }
    }
}
