/* core/segment.py's strings and comments blanked in C: blank(text, lexer).

   blank(text, 0) is _LEX_PYTHON.sub(_blank, text), blank(text, 1) _LEX_BRACES's and
   blank(text, 2) _LEX_RUST's: each string or comment those regular expressions match
   (at the same places, trying their alternatives in the same order) is removed, and
   each line break in it is kept followed by _IN_STRING ("\x01"). The lexers below are
   those expressions written out by hand; a test compares them on random and real texts.

   Optional: scripts/compile.sh builds it, and segment.py runs the expressions when it is
   absent. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

enum { PYTHON = 0, BRACES = 1, RUST = 2 };

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t n;
} Text;

static inline Py_UCS4 at(const Text *t, Py_ssize_t i) { return i < t->n ? PyUnicode_READ(t->kind, t->data, i) : 0; }
static inline int has(const Text *t, Py_ssize_t i, Py_UCS4 c) { return i < t->n && PyUnicode_READ(t->kind, t->data, i) == c; }

/* Python's \w on str: alphanumeric (str.isalnum) or the underscore. */
static inline int word(Py_UCS4 c) { /* \w: ASCII first, as the n-gram pass reads it */
    if (c < 128)
        return c == '_' || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
    return Py_UNICODE_ISALNUM(c);
}

/* The end of a match of  #[^\n]*  (or //[^\n]*) from i, past its opening of `skip` chars. */
static Py_ssize_t line_comment(const Text *t, Py_ssize_t i, Py_ssize_t skip) {
    i += skip;
    while (i < t->n && at(t, i) != '\n') i++;
    return i;
}

/* "q"q"q"[^q]*(?:q(?!qq)[^q]*)*(?:"q"q"q"|\Z) from i (which holds the three quotes). */
static Py_ssize_t triple(const Text *t, Py_ssize_t i, Py_UCS4 q) {
    i += 3;
    for (;;) {
        while (i < t->n && at(t, i) != q) i++;
        if (i >= t->n) return t->n;                                   /* \Z */
        if (has(t, i + 1, q) && has(t, i + 2, q)) return i + 3;       /* the closing three */
        i++;                                                          /* a quote alone */
    }
}

/* q[^q\\\n]*(?:\\[\s\S][^q\\\n]*)*(?:q|$)  (re.M: $ before a line break or at the end);
   with `lines` 0 the body may hold line breaks and the end is q or \Z (Rust's "..."). */
static Py_ssize_t quoted(const Text *t, Py_ssize_t i, Py_UCS4 q, int lines) {
    i++;
    for (;;) {
        while (i < t->n) {
            Py_UCS4 c = at(t, i);
            if (c == q || c == '\\' || (lines && c == '\n')) break;
            i++;
        }
        if (i >= t->n) return t->n; /* $ or \Z at the end */
        Py_UCS4 c = at(t, i);
        if (c == '\\') {
            /* A backslash ending the text: \\[\s\S] fails there, and so do q and $ (it is
               no line break), and nothing shorter ends the match: no string here. */
            if (i + 1 >= t->n) return -1;
            i += 2;
            continue;
        }
        if (c == q) return i + 1;
        return i; /* a line break: $ matches before it */
    }
}

/* /\*[^*]*(?:\*(?!/)[^*]*)*(?:\* /|\Z) from i. */
static Py_ssize_t block_comment(const Text *t, Py_ssize_t i) {
    i += 2;
    for (;;) {
        while (i < t->n && at(t, i) != '*') i++;
        if (i >= t->n) return t->n;
        if (has(t, i + 1, '/')) return i + 2;
        i++;
    }
}

/* `[^`\\]*(?:\\[\s\S][^`\\]*)*(?:`|\Z) from i. */
static Py_ssize_t template(const Text *t, Py_ssize_t i) {
    i++;
    for (;;) {
        while (i < t->n && at(t, i) != '`' && at(t, i) != '\\') i++;
        if (i >= t->n) return t->n;
        if (at(t, i) == '`') return i + 1;
        if (i + 1 >= t->n) return -1; /* a backslash ending the text: see quoted() */
        i += 2;
    }
}

static int regex_opener(Py_UCS4 c) {
    return c == '(' || c == ',' || c == '=' || c == ':' || c == '[' || c == '!' || c == '&' || c == '|' ||
           c == '?' || c == '{' || c == '}' || c == ';';
}

/* A regular expression literal at i (a '/'), as _LEX_BRACES reads one: its end, or -1. */
static Py_ssize_t regex_literal(const Text *t, Py_ssize_t i) {
    int after = (i >= 1 && regex_opener(at(t, i - 1))) || (i >= 2 && at(t, i - 1) == ' ' && regex_opener(at(t, i - 2)));
    if (!after || has(t, i + 1, '/') || has(t, i + 1, '*')) return -1;
    Py_ssize_t j = i + 1, body = 0;
    for (;;) {
        if (j >= t->n) return -1;
        Py_UCS4 c = at(t, j);
        if (c == '/') return body ? j + 1 : -1;
        if (c == '\n') return -1;
        if (c == '\\') { /* \\. : any character but a line break */
            if (j + 1 >= t->n || at(t, j + 1) == '\n') return -1;
            j += 2;
        } else if (c == '[') { /* \[(?:[^\]\\\n]|\\.)*\] */
            Py_ssize_t k = j + 1;
            for (;;) {
                if (k >= t->n) return -1;
                Py_UCS4 d = at(t, k);
                if (d == ']') break;
                if (d == '\n') return -1;
                if (d == '\\') {
                    if (k + 1 >= t->n || at(t, k + 1) == '\n') return -1;
                    k += 2;
                } else {
                    k++;
                }
            }
            j = k + 1;
        } else {
            j++;
        }
        body = 1;
    }
}

/* r(#*)"[\s\S]*?"\1 from i (which holds the opening quote after the hashes): its end or -1. */
static Py_ssize_t raw_string(const Text *t, Py_ssize_t quote, Py_ssize_t hashes) {
    for (Py_ssize_t j = quote + 1; j < t->n; j++) {
        if (at(t, j) != '"') continue;
        Py_ssize_t k = 0;
        while (k < hashes && has(t, j + 1 + k, '#')) k++;
        if (k == hashes) return j + 1 + hashes;
    }
    return -1;
}

/* '(?:[^'\\\n]|\\.[^'\n]{0,9})' from i: its end or -1. */
static Py_ssize_t char_literal(const Text *t, Py_ssize_t i) {
    Py_UCS4 c = at(t, i + 1);
    if (i + 1 >= t->n || c == '\n' || c == '\'') return -1;
    if (c != '\\') return has(t, i + 2, '\'') ? i + 3 : -1;
    if (i + 2 >= t->n || at(t, i + 2) == '\n') return -1;
    Py_ssize_t j = i + 3, k = 0;
    while (k < 9 && j < t->n && at(t, j) != '\'' && at(t, j) != '\n') {
        j++;
        k++;
    }
    return has(t, j, '\'') ? j + 1 : -1;
}

/* The end of the string or comment the lexer matches at i, or -1 where none does. */
static Py_ssize_t match_at(const Text *t, Py_ssize_t i, int lexer) {
    Py_UCS4 c = at(t, i);
    if (lexer == PYTHON) {
        if (c == '#') return line_comment(t, i, 1);
        if ((c == '"' || c == '\'') && has(t, i + 1, c) && has(t, i + 2, c)) return triple(t, i, c);
        if (c == '"' || c == '\'') return quoted(t, i, c, 1);
        return -1;
    }
    if (c == '/') {
        if (has(t, i + 1, '/')) return line_comment(t, i, 2);
        if (has(t, i + 1, '*')) return block_comment(t, i);
        return lexer == BRACES ? regex_literal(t, i) : -1;
    }
    if (lexer == BRACES) {
        if (c == '"' && has(t, i + 1, '"') && has(t, i + 2, '"')) return triple(t, i, '"');
        if (c == '`') return template(t, i);
        if (c == '"' || c == '\'') return quoted(t, i, c, 1);
        return -1;
    }
    /* RUST */
    if (c == 'r' && !(i >= 1 && word(at(t, i - 1)))) {
        Py_ssize_t j = i + 1;
        while (has(t, j, '#')) j++;
        if (has(t, j, '"')) {
            Py_ssize_t end = raw_string(t, j, j - i - 1);
            if (end >= 0) return end;
        }
    }
    if (c == 'b' && has(t, i + 1, 'r') && !(i >= 1 && word(at(t, i - 1)))) {
        Py_ssize_t j = i + 2;
        while (has(t, j, '#')) j++;
        if (has(t, j, '"')) {
            Py_ssize_t end = raw_string(t, j, j - i - 2);
            if (end >= 0) return end;
        }
    }
    if (c == '"') return quoted(t, i, '"', 0);
    if (c == '\'') return char_literal(t, i);
    return -1;
}

/* Whether a lexer's match can start at this character (none starts anywhere else). */
static inline int may_start(Py_UCS4 c, int lexer) {
    switch (lexer) {
    case PYTHON: return c == '#' || c == '"' || c == '\'';
    case BRACES: return c == '/' || c == '"' || c == '\'' || c == '`';
    default: return c == '/' || c == '"' || c == '\'' || c == 'r' || c == 'b';
    }
}

typedef struct {
    int kind;
    char *data;
    Py_ssize_t len, cap; /* in characters */
} Out;

static int reserve(Out *out, Py_ssize_t more) {
    if (out->len + more <= out->cap) return 0;
    Py_ssize_t cap = (out->len + more) * 2 + 16;
    char *grown = PyMem_Realloc(out->data, cap * out->kind);
    if (!grown) {
        PyErr_NoMemory();
        return -1;
    }
    out->data = grown;
    out->cap = cap;
    return 0;
}

static PyObject *blank(PyObject *module, PyObject *args) {
    PyObject *text;
    int lexer;
    if (!PyArg_ParseTuple(args, "Ui", &text, &lexer)) return NULL;
    if (lexer < PYTHON || lexer > RUST) {
        PyErr_SetString(PyExc_ValueError, "lexer must be 0 (Python), 1 (braces) or 2 (Rust)");
        return NULL;
    }
    Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text)};
    /* The output in the text's own width: it holds the text's characters, line breaks and
       _IN_STRING, none wider. */
    Out out = {t.kind, NULL, 0, 0};
    if (reserve(&out, t.n + 16) < 0) return NULL;
    Py_ssize_t i = 0;
    while (i < t.n) {
        Py_ssize_t run = i; /* characters no match starts at, copied as they are */
        while (run < t.n && !may_start(PyUnicode_READ(t.kind, t.data, run), lexer)) run++;
        if (run > i) {
            if (reserve(&out, run - i) < 0) goto fail;
            memcpy(out.data + out.len * t.kind, (const char *)t.data + i * t.kind, (run - i) * t.kind);
            out.len += run - i;
            i = run;
            continue;
        }
        Py_ssize_t end = match_at(&t, i, lexer);
        if (end <= i) { /* no match here (every alternative takes at least one character) */
            if (reserve(&out, 1) < 0) goto fail;
            PyUnicode_WRITE(out.kind, out.data, out.len, PyUnicode_READ(t.kind, t.data, i));
            out.len++;
            i++;
            continue;
        }
        for (Py_ssize_t k = i; k < end; k++) {
            if (PyUnicode_READ(t.kind, t.data, k) != '\n') continue;
            if (reserve(&out, 2) < 0) goto fail;
            PyUnicode_WRITE(out.kind, out.data, out.len, '\n');
            PyUnicode_WRITE(out.kind, out.data, out.len + 1, 0x01);
            out.len += 2;
        }
        i = end;
    }
    PyObject *result = PyUnicode_FromKindAndData(out.kind, out.data, out.len);
    PyMem_Free(out.data);
    return result;
fail:
    PyMem_Free(out.data);
    return NULL;
}

/* The first i in [from, end) where t holds ch (end if none): memchr on 1-byte text. */
static Py_ssize_t next_of(const Text *t, Py_UCS4 ch, Py_ssize_t from, Py_ssize_t end) {
    if (from >= end) return end;
    if (t->kind == PyUnicode_1BYTE_KIND) {
        if (ch > 0xff) return end;
        const char *base = t->data, *f = memchr(base + from, (int)ch, (size_t)(end - from));
        return f ? f - base : end;
    }
    while (from < end && PyUnicode_READ(t->kind, t->data, from) != ch) from++;
    return from;
}

static int is_mark(const Text *marks, Py_UCS4 ch) {
    for (Py_ssize_t k = 0; k < marks->n; k++)
        if (PyUnicode_READ(marks->kind, marks->data, k) == ch) return 1;
    return 0;
}

/* line_ends(text, marks, comment): how many matches re.findall finds of
       [<marks>][ \t]*(?:<comment>[^\n]*)?$      (re.M)
   that is, how many lines ("\n" apart; the last may be cut) hold one of `marks` with
   nothing after it but spaces and tabs, or those and a comment to the line's end. (A
   match runs to its line's end, so a line holds one at most.) segment.py's sniffing of
   Python against the brace languages: the regex engine tried its class of marks at
   every character. */
static PyObject *line_ends(PyObject *module, PyObject *args) {
    PyObject *text, *marks, *comment;
    if (!PyArg_ParseTuple(args, "UUU", &text, &marks, &comment))
        return NULL;
    const Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text)};
    const Text m = {PyUnicode_KIND(marks), PyUnicode_DATA(marks), PyUnicode_GET_LENGTH(marks)};
    const Text c = {PyUnicode_KIND(comment), PyUnicode_DATA(comment), PyUnicode_GET_LENGTH(comment)};
    if (c.n == 0) {
        PyErr_SetString(PyExc_ValueError, "an empty comment marker");
        return NULL;
    }
    Py_ssize_t found = 0;
    for (Py_ssize_t start = 0; start <= t.n;) {
        Py_ssize_t end = start;
        if (t.kind == PyUnicode_1BYTE_KIND) {
            const char *nl = memchr((const char *)t.data + start, '\n', (size_t)(t.n - start));
            end = nl ? nl - (const char *)t.data : t.n;
        } else {
            while (end < t.n && at(&t, end) != '\n') end++;
        }
        /* A match: a mark, then spaces and tabs, then the line's end (the mark is the
           last character that is neither) or the comment marker (the mark is the last
           such character before an occurrence of it). */
        int hit = 0;
        Py_ssize_t q = end;
        while (q > start && (at(&t, q - 1) == ' ' || at(&t, q - 1) == '\t')) q--;
        hit = q > start && is_mark(&m, at(&t, q - 1));
        const Py_UCS4 c0 = at(&c, 0);
        for (Py_ssize_t h = next_of(&t, c0, start, end); !hit && h + c.n <= end; h = next_of(&t, c0, h + 1, end)) {
            int whole = 1;
            for (Py_ssize_t k = 1; k < c.n && whole; k++) whole = at(&t, h + k) == at(&c, k);
            if (!whole) continue;
            Py_ssize_t p = h;
            while (p > start && (at(&t, p - 1) == ' ' || at(&t, p - 1) == '\t')) p--;
            hit = p > start && is_mark(&m, at(&t, p - 1));
        }
        found += hit;
        start = end + 1;
    }
    return PyLong_FromSsize_t(found);
}

/* ---- segment._Lines' loop over the lines, in C: shapes(...) ---- */

static inline Text text_of(PyObject *s) {
    const Text t = {PyUnicode_KIND(s), PyUnicode_DATA(s), PyUnicode_GET_LENGTH(s)};
    return t;
}

/* ch in set (an ASCII string), as Python's `ch in set` for one character. */
static inline int in_set(Py_UCS4 ch, const char *set) { return ch && ch < 128 && strchr(set, (int)ch) != NULL; }

/* Whether t[i:] starts with the ASCII text w. */
static int starts_with(const Text *t, Py_ssize_t i, const char *w) {
    for (Py_ssize_t k = 0; w[k]; k++)
        if (i + k >= t->n || at(t, i + k) != (Py_UCS4)(unsigned char)w[k]) return 0;
    return 1;
}

/* Whether t[i:] starts with one of the ASCII words and a \b follows it. */
static int keyword_at(const Text *t, Py_ssize_t i, const char *const *words) {
    for (; *words; words++) {
        const Py_ssize_t k = (Py_ssize_t)strlen(*words);
        if (starts_with(t, i, *words) && (i + k >= t->n || !word(at(t, i + k)))) return 1;
    }
    return 0;
}

static const char *const CLOSER_WORDS[] = {"else", "elif", "except", "finally", "catch", "where", NULL};
static const char *const CASE_WORD[] = {"case", NULL};
static const char *const NOT_TYPE_WORDS[] = {"import", "package", "use", "from", "return", "break", "continue",
                                             "goto", "export", "module", "else", "do", "try", NULL};

/* _CLOSER.match(s) is not None:  [\])}.?]|&&|\|\||=>|->|(?:else|elif|...)\b */
static int closer_at(const Text *s) {
    const Py_UCS4 c = at(s, 0), d = at(s, 1);
    if (in_set(c, "]).}?")) return 1;
    if ((c == '&' && d == '&') || (c == '|' && d == '|') || (c == '=' && d == '>') || (c == '-' && d == '>'))
        return 1;
    return keyword_at(s, 0, CLOSER_WORDS);
}

/* _LABEL.match(s) is not None:  case\b|default\s*:|[A-Za-z_]\w*\s*:$  (s holds no line break) */
static int label_at(const Text *s) {
    if (keyword_at(s, 0, CASE_WORD)) return 1;
    Py_ssize_t i;
    if (starts_with(s, 0, "default")) {
        for (i = 7; i < s->n && Py_UNICODE_ISSPACE(at(s, i));) i++;
        if (at(s, i) == ':' && i < s->n) return 1;
    }
    const Py_UCS4 c = at(s, 0);
    if (!(c == '_' || (c < 128 && (c | 32) >= 'a' && (c | 32) <= 'z'))) return 0;
    for (i = 1; i < s->n && word(at(s, i));) i++;
    while (i < s->n && Py_UNICODE_ISSPACE(at(s, i))) i++;
    return i + 1 == s->n && at(s, i) == ':';
}

/* _WORDS_ONLY.fullmatch(s) is not None:  (?:[\w*&<>,~\[\] \t]|::)+  (a lone ":" matches
   nothing, so reading from the left is the regex's one way through) */
static int words_only(const Text *s) {
    if (s->n == 0) return 0;
    for (Py_ssize_t i = 0; i < s->n;) {
        const Py_UCS4 c = at(s, i);
        if (word(c) || in_set(c, "*&<>,~[] \t"))
            i++;
        else if (c == ':' && at(s, i + 1) == ':' && i + 1 < s->n)
            i += 2;
        else
            return 0;
    }
    return 1;
}

/* _ATTACH.match(raw[a:]) is not None, for a line whose text starts at a with "@", "#",
   "/", "*" or "[" (not a space: the expression's \s* is empty). The "[...]" attribute is asked
   of the regular expression itself (`attach`: its match method). -1: an error. */
static int attach_at(PyObject *raw, const Text *t, Py_ssize_t a, PyObject *attach) {
    const Py_UCS4 c = at(t, a), d = at(t, a + 1);
    const int more = a + 1 < t->n;
    if (c == '@' || c == '*') return 1;
    if (c == '#') /* #\[ | #!\[ | #(?![\w$!]) */
        return !more || d == '[' || (d == '!' && a + 2 < t->n && at(t, a + 2) == '[') ||
               !(word(d) || d == '$' || d == '!');
    if (c == '/') return more && (d == '/' || d == '*');
    if (c != '[') return 0;
    PyObject *body = PyUnicode_Substring(raw, a, t->n);
    if (body == NULL) return -1;
    PyObject *m = PyObject_CallOneArg(attach, body);
    Py_DECREF(body);
    if (m == NULL) return -1;
    const int hit = m != Py_None;
    Py_DECREF(m);
    return hit;
}

typedef struct {
    Py_ssize_t *items; /* the indentation of the line that opened each bracket */
    Py_ssize_t n, cap;
    int listing;       /* the line above ended in a comma or an opening bracket */
    Py_UCS4 prev_end;  /* the last character of code on the line above */
} State;

typedef struct {
    Py_ssize_t indent, depth;
    int attach, cont, words;
} Shape;

/* segment._count over the brackets from `from` on. */
static int count_brackets(State *st, const Text *br, Py_ssize_t from, Py_ssize_t ind) {
    for (Py_ssize_t k = from; k < br->n; k++) {
        const Py_UCS4 ch = at(br, k);
        if (ch == '(' || ch == '[' || ch == '{') {
            if (st->n == st->cap) {
                const Py_ssize_t cap = st->cap ? 2 * st->cap : 64;
                Py_ssize_t *items = PyMem_Realloc(st->items, (size_t)cap * sizeof *items);
                if (items == NULL) {
                    PyErr_NoMemory();
                    return -1;
                }
                st->items = items;
                st->cap = cap;
            }
            st->items[st->n++] = ind;
        } else if (st->n) {
            st->n--;
        }
    }
    return 0;
}

/* One line of _Lines.__init__'s loop. */
static int shape_line(State *st, PyObject *raw, PyObject *code, PyObject *brackets, int python, PyObject *attach,
                      Shape *out) {
    const Text r = text_of(raw), t = text_of(code), br = text_of(brackets);
    Py_ssize_t lead = 0;
    while (lead < r.n && (at(&r, lead) == ' ' || at(&r, lead) == '\t')) lead++;
    Py_ssize_t k = lead;
    while (k < r.n && Py_UNICODE_ISSPACE(at(&r, k))) k++;
    out->indent = -1;
    out->depth = st->n;
    out->attach = out->cont = out->words = 0;
    if (k == r.n) return 0; /* blank */
    Py_ssize_t tabs = 0;
    for (k = 0; k < lead; k++) tabs += at(&r, k) == '\t';
    const Py_ssize_t ind = lead + 7 * tabs;
    const Py_UCS4 b0 = at(&r, lead);
    if (t.n && at(&t, 0) == 0x01) { /* starts inside a string or comment */
        out->indent = -2;
        return count_brackets(st, &br, 0, ind);
    }
    out->indent = ind;
    Py_ssize_t s0 = 0, s1 = t.n; /* cs = code.strip(): t[s0:s1] */
    while (s0 < s1 && Py_UNICODE_ISSPACE(at(&t, s0))) s0++;
    while (s1 > s0 && Py_UNICODE_ISSPACE(at(&t, s1 - 1))) s1--;
    const int attach_first = in_set(b0, "@#/*[");
    if (s0 == s1) { /* a comment, or a string that goes on below */
        out->attach = attach_first ? attach_at(raw, &r, lead, attach) : 0;
        return out->attach < 0 ? -1 : 0;
    }
    const Text cs = {t.kind, (const char *)t.data + s0 * t.kind, s1 - s0};
    const Py_UCS4 c0 = at(&cs, 0), c1 = at(&cs, 1), last = at(&cs, cs.n - 1);
    const int closer = closer_at(&cs) || (c0 == '{' && !(c1 == '}' && cs.n > 1) && !in_set(st->prev_end, ",([{};"));
    const int directive = c0 == '#' && !(c1 == '[' && cs.n > 1);
    Py_ssize_t from = 0;
    if (st->n) {
        if (b0 == ')' || b0 == ']' || b0 == '}') {
            /* _close_leading: the closers _LEADING matches close what lines indented as
               much as this one opened */
            Py_ssize_t closers = 0;
            if (in_set(c0, ")]}")) {
                for (k = 0; k < cs.n; k++) {
                    const Py_UCS4 ch = at(&cs, k);
                    if (in_set(ch, ")]}"))
                        closers++;
                    else if (!(ch == ',' || ch == ';' || Py_UNICODE_ISSPACE(ch)))
                        break;
                }
            }
            for (k = 0; k < closers && st->n && st->items[st->n - 1] >= ind; k++) st->n--;
            from = closers < br.n ? closers : br.n;
        }
        if (!directive && (closer || !((last == ':' || c0 == 'c' || c0 == 'd') && label_at(&cs)))) {
            const Py_ssize_t to = closer || st->listing ? ind : ind - 1; /* _heal */
            while (st->n && st->items[st->n - 1] > to) st->n--;
        }
    }
    out->depth = st->n;
    if (attach_first && (out->attach = attach_at(raw, &r, lead, attach)) < 0) return -1;
    out->cont = closer;
    if (!python && !in_set(last, ";{}(),")) {
        int space = 0;
        for (k = 0; k < cs.n && !space; k++) space = at(&cs, k) == ' ';
        out->words = space && words_only(&cs) && !keyword_at(&cs, 0, NOT_TYPE_WORDS);
    }
    if (count_brackets(st, &br, from, ind) < 0) return -1;
    Py_ssize_t e = cs.n; /* end = cs.rstrip("\\ \t")[-1:] (cs[-1] alone unless a backslash) */
    while (e > 0 && in_set(at(&cs, e - 1), "\\ \t")) e--;
    if (e > 0 && !directive) {
        const Py_UCS4 end = at(&cs, e - 1);
        st->listing = in_set(end, ",([");
        st->prev_end = end;
    }
    return 0;
}

/* shapes(lines, code, brackets, python, attach) -> (indent, depth, attach, cont, words):
   segment._Lines' loop over the lines, the same five lists. `code` holds each line with
   its strings and comments blanked, `brackets` each code line's brackets, `attach`
   _ATTACH.match (asked only of a line that starts with "["). The loop's other regular
   expressions (_CLOSER, _LABEL, _WORDS_ONLY, _NOT_TYPE, _LEADING) are written out
   above; a test compares the two on random and real texts. */
static PyObject *shapes(PyObject *module, PyObject *args) {
    PyObject *lines, *code, *brackets, *attach;
    int python;
    if (!PyArg_ParseTuple(args, "O!O!O!pO", &PyList_Type, &lines, &PyList_Type, &code, &PyList_Type, &brackets,
                          &python, &attach))
        return NULL;
    const Py_ssize_t n = PyList_GET_SIZE(lines);
    if (PyList_GET_SIZE(code) != n || PyList_GET_SIZE(brackets) != n) {
        PyErr_SetString(PyExc_ValueError, "lines, code and brackets differ in length");
        return NULL;
    }
    PyObject *out[5];
    for (int j = 0; j < 5; j++) out[j] = PyList_New(n); /* (items NULL until set: a list's dealloc allows it) */
    State st = {NULL, 0, 0, 0, ';'};
    Shape s;
    for (int j = 0; j < 5; j++)
        if (out[j] == NULL) goto fail;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *raw = PyList_GET_ITEM(lines, i), *c = PyList_GET_ITEM(code, i), *b = PyList_GET_ITEM(brackets, i);
        if (!PyUnicode_Check(raw) || !PyUnicode_Check(c) || !PyUnicode_Check(b)) {
            PyErr_SetString(PyExc_TypeError, "lines, code and brackets must hold str");
            goto fail;
        }
        if (shape_line(&st, raw, c, b, python, attach, &s) < 0) goto fail;
        PyObject *indent = PyLong_FromSsize_t(s.indent), *depth = PyLong_FromSsize_t(s.depth);
        if (indent == NULL || depth == NULL) {
            Py_XDECREF(indent);
            Py_XDECREF(depth);
            goto fail;
        }
        PyList_SET_ITEM(out[0], i, indent);
        PyList_SET_ITEM(out[1], i, depth);
        PyList_SET_ITEM(out[2], i, PyBool_FromLong(s.attach));
        PyList_SET_ITEM(out[3], i, PyBool_FromLong(s.cont));
        PyList_SET_ITEM(out[4], i, PyBool_FromLong(s.words));
    }
    PyMem_Free(st.items);
    return Py_BuildValue("(NNNNN)", out[0], out[1], out[2], out[3], out[4]);
fail:
    PyMem_Free(st.items);
    for (int j = 0; j < 5; j++) Py_XDECREF(out[j]);
    return NULL;
}

static PyMethodDef methods[] = {
    {"shapes", shapes, METH_VARARGS, "segment._Lines' indentation, depth and kinds of each line."},
    {"line_ends", line_ends, METH_VARARGS, "How many lines segment's _PY_HEADERS or _BRACE_ENDS match."},
    {"blank", blank, METH_VARARGS, "The text with its strings and comments removed, as segment._blank_strings."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    "_segmentc",
    "core/segment.py's lexers in C (optional; built by scripts/compile.sh).",
    -1,
    methods,
};

PyMODINIT_FUNC PyInit__segmentc(void) { return PyModule_Create(&module); }
