package trie;

import java.util.*;

public final class Trie {
    private static final class Node {
        final TreeMap<Character, Node> kids = new TreeMap<>();
        long w;
        boolean end;
        String word;
        long best;
    }

    private final Node root = new Node();
    private int size;

    public int size() { return size; }

    public void add(String s, long w) {
        if (w < 0) throw new IllegalArgumentException("negative weight");
        Node n = root;
        Deque<Node> path = new ArrayDeque<>();
        path.push(n);
        for (char c : s.toCharArray()) {
            n = n.kids.computeIfAbsent(c, k -> new Node());
            path.push(n);
        }
        if (!n.end) size++;
        n.end = true;
        n.word = s;
        n.w = w;
        while (!path.isEmpty()) fix(path.pop());
    }

    public void bump(String s, long by) {
        Node n = find(s);
        add(s, (n != null && n.end ? n.w : 0) + by);
    }

    public boolean remove(String s) {
        Deque<Node> path = new ArrayDeque<>();
        Node n = root;
        path.push(n);
        for (char c : s.toCharArray()) {
            n = n.kids.get(c);
            if (n == null) return false;
            path.push(n);
        }
        if (!n.end) return false;
        n.end = false;
        n.word = null;
        n.w = 0;
        size--;
        int i = s.length();
        while (!path.isEmpty()) {
            Node cur = path.pop();
            fix(cur);
            if (!path.isEmpty() && !cur.end && cur.kids.isEmpty()) path.peek().kids.remove(s.charAt(i - 1));
            i--;
        }
        return true;
    }

    private static void fix(Node n) {
        long b = n.end ? n.w : -1;
        for (Node k : n.kids.values()) b = Math.max(b, k.best);
        n.best = b;
    }

    public boolean contains(String s) {
        Node n = find(s);
        return n != null && n.end;
    }

    public OptionalLong weight(String s) {
        Node n = find(s);
        return n != null && n.end ? OptionalLong.of(n.w) : OptionalLong.empty();
    }

    private Node find(String s) {
        Node n = root;
        for (int i = 0; i < s.length() && n != null; i++) n = n.kids.get(s.charAt(i));
        return n;
    }

    private record E(Node n, boolean word, long score) {}

    public List<String> complete(String pre, int k) {
        List<String> out = new ArrayList<>();
        Node start = find(pre);
        if (start == null || k <= 0 || start.best < 0) return out;
        // at equal score expand subtrees first, so ties among words resolve alphabetically
        PriorityQueue<E> pq = new PriorityQueue<>(Comparator
            .comparingLong((E e) -> -e.score)
            .thenComparing(e -> e.word)
            .thenComparing(e -> e.word ? e.n.word : ""));
        pq.add(new E(start, false, start.best));
        while (!pq.isEmpty() && out.size() < k) {
            E e = pq.poll();
            if (e.word) { out.add(e.n.word); continue; }
            if (e.n.end) pq.add(new E(e.n, true, e.n.w));
            for (Node c : e.n.kids.values()) if (c.best >= 0) pq.add(new E(c, false, c.best));
        }
        return out;
    }

    public List<String> withPrefix(String pre) {
        List<String> out = new ArrayList<>();
        Node n = find(pre);
        if (n != null) walk(n, out);
        return out;
    }

    private static void walk(Node n, List<String> out) {
        if (n.end) out.add(n.word);
        for (Node c : n.kids.values()) walk(c, out);
    }

    public String longestCommonPrefix(String pre) {
        Node n = find(pre);
        if (n == null) return null;
        StringBuilder sb = new StringBuilder(pre);
        while (!n.end && n.kids.size() == 1) {
            Map.Entry<Character, Node> e = n.kids.firstEntry();
            sb.append(e.getKey());
            n = e.getValue();
        }
        return sb.toString();
    }
}
