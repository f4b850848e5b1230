package org.example.mailer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dead simple ${var} substitution for the notification emails.
 * We used to use velocity for this, which was overkill.
 *
 * Unknown variables are left as-is so they show up in testing.
 */
public class MailTemplate {

    private final String name;
    private final List<Object> parts; // String literal or Var

    private static final class Var {
        final String key;
        Var(String key) { this.key = key; }
    }

    private MailTemplate(String name, List<Object> parts) {
        this.name = name;
        this.parts = parts;
    }

    public static MailTemplate compile(String name, String src) {
        List<Object> parts = new ArrayList<Object>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '$' && i + 1 < src.length() && src.charAt(i + 1) == '{') {
                int end = src.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException(name + ": unclosed ${ at offset " + i);
                }
                String key = src.substring(i + 2, end).trim();
                if (key.length() == 0) {
                    throw new IllegalArgumentException(name + ": empty variable at offset " + i);
                }
                if (lit.length() > 0) {
                    parts.add(lit.toString());
                    lit.setLength(0);
                }
                parts.add(new Var(key));
                i = end + 1;
            } else {
                lit.append(c);
                i++;
            }
        }
        if (lit.length() > 0) parts.add(lit.toString());
        return new MailTemplate(name, Collections.unmodifiableList(parts));
    }

    public String render(Map<String, ?> vars) {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof Var) {
                String k = ((Var) p).key;
                Object v = vars.get(k);
                if (v == null) {
                    sb.append("${").append(k).append('}');
                } else {
                    sb.append(v);
                }
            } else {
                sb.append((String) p);
            }
        }
        return sb.toString();
    }

    /** names of all variables used, in order of first appearance */
    public List<String> variables() {
        List<String> out = new ArrayList<String>();
        for (Object p : parts) {
            if (p instanceof Var && !out.contains(((Var) p).key)) out.add(((Var) p).key);
        }
        return out;
    }

    public String getName() {
        return name;
    }

    // quick manual check
    public static void main(String[] args) {
        MailTemplate t = compile("welcome", "Hi ${first},\n\nyour order ${order} ships ${when}.\n");
        Map<String, Object> m = new HashMap<String, Object>();
        m.put("first", "Ann");
        m.put("order", 1042);
        System.out.println(t.render(m));
        System.out.println(t.variables());
    }
}
