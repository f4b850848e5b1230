package com.example.versions;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A set of version constraints such as {@code ">=1.2.0 <2.0.0"}, {@code "^1.4"} or {@code "~0.3.1"}.
 * Alternatives are separated by {@code "||"}.
 */
public final class VersionRange {

    public record Version(int major, int minor, int patch) implements Comparable<Version> {
        public Version {
            if (major < 0 || minor < 0 || patch < 0) {
                throw new IllegalArgumentException("version parts must be non-negative");
            }
        }

        public static Version parse(String text) {
            Objects.requireNonNull(text, "text");
            String[] parts = text.trim().replaceFirst("^v", "").split("\\.", -1);
            if (parts.length == 0 || parts.length > 3) {
                throw new IllegalArgumentException("invalid version: " + text);
            }
            int[] nums = new int[3];
            for (int i = 0; i < parts.length; i++) {
                try {
                    nums[i] = Integer.parseInt(parts[i]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid version: " + text, e);
                }
            }
            return new Version(nums[0], nums[1], nums[2]);
        }

        @Override
        public int compareTo(Version o) {
            int c = Integer.compare(major, o.major);
            if (c == 0) c = Integer.compare(minor, o.minor);
            if (c == 0) c = Integer.compare(patch, o.patch);
            return c;
        }

        @Override
        public String toString() {
            return major + "." + minor + "." + patch;
        }
    }

    private record Comparator(String op, Version v) {
        boolean test(Version x) {
            int c = x.compareTo(v);
            return switch (op) {
                case ">=" -> c >= 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case "<" -> c < 0;
                case "=" -> c == 0;
                default -> throw new IllegalStateException(op);
            };
        }
    }

    private final List<List<Comparator>> alternatives;

    private VersionRange(List<List<Comparator>> alternatives) {
        this.alternatives = alternatives;
    }

    public static VersionRange parse(String text) {
        Objects.requireNonNull(text, "text");
        List<List<Comparator>> alts = new ArrayList<>();
        for (String alt : text.split("\\|\\|")) {
            List<Comparator> set = new ArrayList<>();
            String trimmed = alt.trim();
            if (trimmed.isEmpty() || trimmed.equals("*")) {
                set.add(new Comparator(">=", new Version(0, 0, 0)));
            } else {
                for (String token : trimmed.split("\\s+")) {
                    set.addAll(expand(token));
                }
            }
            alts.add(set);
        }
        return new VersionRange(alts);
    }

    private static List<Comparator> expand(String token) {
        if (token.startsWith("^")) {
            Version v = Version.parse(token.substring(1));
            Version upper = v.major() > 0 ? new Version(v.major() + 1, 0, 0)
                : v.minor() > 0 ? new Version(0, v.minor() + 1, 0)
                : new Version(0, 0, v.patch() + 1);
            return List.of(new Comparator(">=", v), new Comparator("<", upper));
        }
        if (token.startsWith("~")) {
            Version v = Version.parse(token.substring(1));
            return List.of(new Comparator(">=", v), new Comparator("<", new Version(v.major(), v.minor() + 1, 0)));
        }
        for (String op : new String[] {">=", "<=", ">", "<", "="}) {
            if (token.startsWith(op)) {
                return List.of(new Comparator(op, Version.parse(token.substring(op.length()))));
            }
        }
        return List.of(new Comparator("=", Version.parse(token)));
    }

    public boolean contains(Version v) {
        return alternatives.stream().anyMatch(set -> set.stream().allMatch(c -> c.test(v)));
    }

    public boolean contains(String v) {
        return contains(Version.parse(v));
    }

    public Version maxSatisfying(List<Version> candidates) {
        return candidates.stream().filter(this::contains).max(Version::compareTo).orElse(null);
    }
}
