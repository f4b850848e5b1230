package com.example.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.auth.PasswordPolicy.Result;
import com.example.auth.PasswordPolicy.Violation;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("PasswordPolicy")
class PasswordPolicyTest {

    private static final String STRONG = "Correct-Horse-42";

    private PasswordPolicy policy;

    @BeforeEach
    void setUp() {
        policy = PasswordPolicy.builder().build();
    }

    @Test
    @DisplayName("accepts a strong password")
    void acceptsStrongPassword() {
        Result result = policy.check(STRONG, "alice");

        assertTrue(result.isValid(), () -> "unexpected violations: " + result.violations());
    }

    @Test
    @DisplayName("rejects a null password with an exception")
    void rejectsNullPassword() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> policy.check(null, "alice"));
        assertEquals("password must not be null", ex.getMessage());
    }

    @Test
    @DisplayName("returns an unmodifiable list of violations")
    void violationsAreUnmodifiable() {
        Result result = policy.check("short", null);

        assertThrows(UnsupportedOperationException.class, () -> result.violations().add(Violation.TOO_LONG));
    }

    @Nested
    @DisplayName("length rules")
    class Length {

        @ParameterizedTest(name = "length {0} -> valid={1}")
        @CsvSource({
            "11, false",
            "12, true",
            "128, true",
            "129, false",
        })
        void enforcesBounds(int length, boolean valid) {
            String password = "Aa1" + pattern(length - 3);

            Result result = policy.check(password, null);

            assertEquals(valid, result.isValid(), () -> "violations: " + result.violations());
        }

        @Test
        void countsCodePointsNotUtf16Units() {
            // Each emoji is two UTF-16 chars but one code point.
            String password = "Aa1" + "\uD83D\uDE00\uD83D\uDE01\uD83D\uDE02".repeat(2);
            assertThat(policy.check(password, null).violations()).containsExactly(Violation.TOO_SHORT);
        }

        private String pattern(int n) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) sb.append("bcdefgh".charAt(i % 7));
            return sb.toString();
        }
    }

    @Nested
    @DisplayName("character classes")
    class CharacterClasses {

        static Stream<Arguments> missingClasses() {
            return Stream.of(
                Arguments.of("correct-horse-42", Violation.NO_UPPERCASE),
                Arguments.of("CORRECT-HORSE-42", Violation.NO_LOWERCASE),
                Arguments.of("Correct-Horse-xy", Violation.NO_DIGIT)
            );
        }

        @ParameterizedTest
        @MethodSource("missingClasses")
        void reportsMissingClass(String password, Violation expected) {
            assertThat(policy.check(password, null).violations()).containsExactly(expected);
        }

        @Test
        void reportsEveryMissingClassAtOnce() {
            assertThat(policy.check("############", null).violations())
                .containsExactlyInAnyOrder(Violation.NO_UPPERCASE, Violation.NO_LOWERCASE, Violation.NO_DIGIT,
                    Violation.REPEATED_CHARACTERS);
        }

        @Test
        void symbolIsOptionalByDefault() {
            assertTrue(policy.check("CorrectHorse42", null).isValid());
        }

        @Test
        void symbolIsRequiredWhenConfigured() {
            PasswordPolicy strict = PasswordPolicy.builder().requireSymbol(true).build();

            assertAll(
                () -> assertThat(strict.check("CorrectHorse42", null).violations()).containsExactly(Violation.NO_SYMBOL),
                () -> assertTrue(strict.check("CorrectHorse42!", null).isValid()),
                () -> assertTrue(strict.check("Correct Horse 42", null).isValid(), "space counts as a symbol")
            );
        }
    }

    @Nested
    @DisplayName("repeated characters")
    class Repeats {

        @ParameterizedTest
        @ValueSource(strings = {"Correct-Horse-42222", "Coooorrect-Horse-4"})
        void rejectsRunsLongerThanThree(String password) {
            assertThat(policy.check(password, null).violations()).contains(Violation.REPEATED_CHARACTERS);
        }

        @Test
        void allowsRunOfExactlyThree() {
            assertFalse(policy.check("Correct-Horse-222", null).violations().contains(Violation.REPEATED_CHARACTERS));
        }

        @Test
        void checkCanBeDisabled() {
            PasswordPolicy lenient = PasswordPolicy.builder().maxRepeat(0).build();
            assertTrue(lenient.check("Aaaaaaaaaaaa1", null).isValid());
        }

        @ParameterizedTest(name = "longestRun(\"{0}\") = {1}")
        @CsvSource({"'', 0", "a, 1", "abc, 1", "aab, 2", "abbbc, 3", "aaaa, 4"})
        void longestRun(String input, int expected) {
            assertEquals(expected, PasswordPolicy.longestRun(input));
        }
    }

    @Nested
    @DisplayName("username and common passwords")
    class Context {

        @ParameterizedTest
        @ValueSource(strings = {"alice", "ALICE", "Alice"})
        void rejectsPasswordContainingUsernameCaseInsensitively(String username) {
            assertThat(policy.check("MyNameIsAlice-99", username).violations())
                .containsExactly(Violation.CONTAINS_USERNAME);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"al"})
        void ignoresMissingOrVeryShortUsernames(String username) {
            assertTrue(policy.check("Always-Alert-77", username).isValid());
        }

        @Test
        void rejectsCommonPasswordsIgnoringCase() {
            PasswordPolicy p = PasswordPolicy.builder()
                .commonPasswords(Set.of("summer2024!!"))
                .build();

            assertThat(p.check("Summer2024!!", null).violations()).containsExactly(Violation.COMMON_PASSWORD);
        }
    }

    @Nested
    @DisplayName("builder")
    class BuilderValidation {

        @Test
        void rejectsNonPositiveMinLength() {
            IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> PasswordPolicy.builder().minLength(0).build());
            assertThat(ex).hasMessageContaining("minLength");
        }

        @Test
        void rejectsMaxBelowMin() {
            assertThrows(IllegalStateException.class,
                () -> PasswordPolicy.builder().minLength(20).maxLength(10).build());
        }

        @Test
        void customLengthsAreApplied() {
            PasswordPolicy p = PasswordPolicy.builder().minLength(4).maxLength(6).build();

            assertAll(
                () -> assertTrue(p.check("Ab1x", null).isValid()),
                () -> assertThat(p.check("Ab1xyzw", null).violations()).containsExactly(Violation.TOO_LONG)
            );
        }
    }
}
