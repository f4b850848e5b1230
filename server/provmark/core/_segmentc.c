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

static PyMethodDef methods[] = {
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
