package trie;

import java.util.List;

public class Main {
    static int fails;

    static void eq(Object got, Object want) {
        if (!got.equals(want)) { fails++; System.out.println("FAIL: got " + got + ", want " + want); }
    }

    public static void main(String[] a) {
        Trie t = new Trie();
        String[] ws = {"car", "card", "care", "careful", "cart", "cat", "dog", "do", "door"};
        long[] w = {50, 10, 30, 5, 30, 80, 40, 100, 1};
        for (int i = 0; i < ws.length; i++) t.add(ws[i], w[i]);

        eq(t.size(), 9);
        eq(t.complete("ca", 3), List.of("cat", "car", "care"));
        eq(t.complete("car", 10), List.of("car", "care", "cart", "card", "careful"));
        eq(t.complete("d", 2), List.of("do", "dog"));
        eq(t.complete("x", 5), List.of());
        eq(t.complete("", 2), List.of("do", "cat"));
        eq(t.withPrefix("car"), List.of("car", "card", "care", "careful", "cart"));

        t.bump("careful", 100);
        eq(t.weight("careful").getAsLong(), 105L);
        eq(t.complete("ca", 1), List.of("careful"));

        eq(t.remove("careful"), true);
        eq(t.remove("careful"), false);
        eq(t.remove("ca"), false);
        eq(t.contains("care"), true);
        eq(t.complete("ca", 1), List.of("cat"));
        eq(t.size(), 8);

        t.remove("cat");
        eq(t.complete("cat", 5), List.of());
        eq(t.contains("ca"), false);
        eq(t.longestCommonPrefix("do"), "do");

        Trie u = new Trie();
        u.add("interstellar", 1);
        u.add("internal", 1);
        u.add("internet", 2);
        eq(u.longestCommonPrefix("i"), "inter");
        eq(u.longestCommonPrefix("inte"), "inter");
        eq(u.longestCommonPrefix("intern"), "intern");
        eq(u.complete("inter", 3), List.of("internet", "internal", "interstellar"));
        u.remove("internet");
        u.remove("internal");
        eq(u.longestCommonPrefix("i"), "interstellar");

        try { t.add("x", -1); fails++; System.out.println("FAIL: no throw"); }
        catch (IllegalArgumentException e) { }

        System.out.println(fails == 0 ? "ok" : fails + " failed");
        if (fails > 0) System.exit(1);
    }
}
