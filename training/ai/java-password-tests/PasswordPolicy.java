package com.example.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

public final class PasswordPolicy {

    public enum Violation {
        TOO_SHORT, TOO_LONG, NO_UPPERCASE, NO_LOWERCASE, NO_DIGIT, NO_SYMBOL,
        REPEATED_CHARACTERS, CONTAINS_USERNAME, COMMON_PASSWORD
    }

    public record Result(List<Violation> violations) {
        public boolean isValid() {
            return violations.isEmpty();
        }
    }

    private final int minLength;
    private final int maxLength;
    private final boolean requireSymbol;
    private final int maxRepeat;
    private final Set<String> commonPasswords;

    private PasswordPolicy(Builder b) {
        this.minLength = b.minLength;
        this.maxLength = b.maxLength;
        this.requireSymbol = b.requireSymbol;
        this.maxRepeat = b.maxRepeat;
        this.commonPasswords = Set.copyOf(b.commonPasswords);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Result check(String password, String username) {
        if (password == null) {
            throw new IllegalArgumentException("password must not be null");
        }
        List<Violation> v = new ArrayList<>();
        int len = password.codePointCount(0, password.length());
        if (len < minLength) v.add(Violation.TOO_SHORT);
        if (len > maxLength) v.add(Violation.TOO_LONG);
        if (password.codePoints().noneMatch(Character::isUpperCase)) v.add(Violation.NO_UPPERCASE);
        if (password.codePoints().noneMatch(Character::isLowerCase)) v.add(Violation.NO_LOWERCASE);
        if (password.codePoints().noneMatch(Character::isDigit)) v.add(Violation.NO_DIGIT);
        if (requireSymbol && password.codePoints().allMatch(Character::isLetterOrDigit)) v.add(Violation.NO_SYMBOL);
        if (maxRepeat > 0 && longestRun(password) > maxRepeat) v.add(Violation.REPEATED_CHARACTERS);
        if (username != null && username.length() >= 3
                && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            v.add(Violation.CONTAINS_USERNAME);
        }
        if (commonPasswords.contains(password.toLowerCase(Locale.ROOT))) v.add(Violation.COMMON_PASSWORD);
        return new Result(Collections.unmodifiableList(v));
    }

    static int longestRun(String s) {
        int best = 0, run = 0, prev = -1;
        for (int cp : s.codePoints().toArray()) {
            run = cp == prev ? run + 1 : 1;
            best = Math.max(best, run);
            prev = cp;
        }
        return best;
    }

    public static final class Builder {
        private int minLength = 12;
        private int maxLength = 128;
        private boolean requireSymbol = false;
        private int maxRepeat = 3;
        private Set<String> commonPasswords = Set.of("password", "123456789012", "qwertyuiop", "letmein12345");

        public Builder minLength(int n) { this.minLength = n; return this; }
        public Builder maxLength(int n) { this.maxLength = n; return this; }
        public Builder requireSymbol(boolean b) { this.requireSymbol = b; return this; }
        public Builder maxRepeat(int n) { this.maxRepeat = n; return this; }
        public Builder commonPasswords(Set<String> s) { this.commonPasswords = s; return this; }

        public PasswordPolicy build() {
            if (minLength < 1) throw new IllegalStateException("minLength must be at least 1");
            if (maxLength < minLength) throw new IllegalStateException("maxLength must be >= minLength");
            return new PasswordPolicy(this);
        }
    }
}
