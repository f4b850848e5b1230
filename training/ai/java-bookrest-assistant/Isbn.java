package com.example.library.book;

/**
 * Utility methods for validating and normalizing ISBNs.
 *
 * <p>Both ISBN-10 and ISBN-13 are accepted. Everything is normalized to
 * ISBN-13 so that the same book entered in either form is detected as a duplicate.</p>
 */
public final class Isbn {

    private Isbn() {
        // Utility class; not meant to be instantiated.
    }

    /**
     * Validates an ISBN and returns it as 13 digits without separators.
     *
     * @param raw the ISBN as typed by a user, possibly with hyphens or spaces
     * @return the normalized ISBN-13
     * @throws IllegalArgumentException if the input is not a valid ISBN
     */
    public static String normalize(String raw) {
        if (raw == null) {
            throw new IllegalArgumentException("ISBN must not be null");
        }

        // Strip the separators people commonly use when writing ISBNs.
        String digits = raw.replace("-", "").replace(" ", "").toUpperCase();

        if (digits.length() == 10) {
            if (!isValidIsbn10(digits)) {
                throw new IllegalArgumentException("Invalid ISBN-10 checksum: " + raw);
            }
            return toIsbn13(digits);
        }
        if (digits.length() == 13) {
            if (!isValidIsbn13(digits)) {
                throw new IllegalArgumentException("Invalid ISBN-13 checksum: " + raw);
            }
            return digits;
        }
        throw new IllegalArgumentException("ISBN must have 10 or 13 digits: " + raw);
    }

    static boolean isValidIsbn10(String s) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            char c = s.charAt(i);
            int value;
            if (i == 9 && c == 'X') {
                value = 10; // 'X' stands for 10, and only in the check position
            } else if (Character.isDigit(c)) {
                value = c - '0';
            } else {
                return false;
            }
            sum += value * (10 - i);
        }
        return sum % 11 == 0;
    }

    static boolean isValidIsbn13(String s) {
        int sum = 0;
        for (int i = 0; i < 13; i++) {
            char c = s.charAt(i);
            if (!Character.isDigit(c)) {
                return false;
            }
            // Weights alternate 1, 3, 1, 3, ...
            sum += (c - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return sum % 10 == 0;
    }

    /**
     * Converts a valid ISBN-10 to ISBN-13 by prefixing "978" and recomputing the check digit.
     */
    static String toIsbn13(String isbn10) {
        String body = "978" + isbn10.substring(0, 9);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (body.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        int check = (10 - (sum % 10)) % 10;
        return body + check;
    }
}
