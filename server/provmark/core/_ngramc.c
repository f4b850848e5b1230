/* The n-gram pass of core/ngram.py in C: _Fast.slots() and _Fast.line_sums() as one
 * loop over the text, with no Python object made per token. Optional: scripts/compile.sh
 * builds it beside ngram.py, which uses it when it imports and is the reference when it
 * does not. tests/unit/test_ngram.py checks both give the same bits on any text.
 *
 * The lexers below are ngram.py's _LEXERS read by hand: the same alternatives in the same
 * order, with Python's own tests of \w (alnum or "_"), \d (decimal) and \s (space). A
 * token's slot comes from the _Fast object (its _lexeme, _word and _slot), which owns the
 * slots and their n-gram multipliers; this module only caches what they answered.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

enum { LEX_HASH = 0, LEX_C = 1, LEX_RUST = 2 };
#define KEEP_CHARS 48   /* ngram._KEEP_CHARS: longer lexemes are not cached */
#define MAX_WORDS 40    /* ngram.MAX_WORDS */
#define CACHE_MAX (1 << 16)

/* -- a map from a short run of code points to the slots they stand for ---------------- */
typedef struct {
    uint64_t hash;
    Py_UCS4 *key; /* NULL: an empty place */
    Py_ssize_t len;
    int32_t *slots;
    Py_ssize_t nslots;
} Entry;

typedef struct {
    Entry *entries;
    size_t cap; /* a power of two, or 0 */
    size_t used;
} Map;

static void map_clear(Map *m) {
    for (size_t i = 0; i < m->cap; i++) {
        PyMem_Free(m->entries[i].key);
        PyMem_Free(m->entries[i].slots);
    }
    PyMem_Free(m->entries);
    m->entries = NULL;
    m->cap = m->used = 0;
}

static uint64_t hash_of(const Py_UCS4 *key, Py_ssize_t len) {
    uint64_t h = 1469598103934665603ULL;
    for (Py_ssize_t i = 0; i < len; i++) {
        h ^= key[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static Entry *map_find(Map *m, const Py_UCS4 *key, Py_ssize_t len, uint64_t h) {
    if (m->cap == 0)
        return NULL;
    size_t i = (size_t)h & (m->cap - 1);
    for (;;) {
        Entry *e = &m->entries[i];
        if (e->key == NULL)
            return NULL;
        if (e->hash == h && e->len == len && memcmp(e->key, key, (size_t)len * sizeof(Py_UCS4)) == 0)
            return e;
        i = (i + 1) & (m->cap - 1);
    }
}

static int map_grow(Map *m) {
    size_t cap = m->cap ? m->cap * 2 : 1024;
    Entry *entries = PyMem_Calloc(cap, sizeof(Entry));
    if (entries == NULL)
        return -1;
    for (size_t k = 0; k < m->cap; k++) {
        Entry *e = &m->entries[k];
        if (e->key == NULL)
            continue;
        size_t i = (size_t)e->hash & (cap - 1);
        while (entries[i].key != NULL)
            i = (i + 1) & (cap - 1);
        entries[i] = *e;
    }
    PyMem_Free(m->entries);
    m->entries = entries;
    m->cap = cap;
    return 0;
}

/* Takes a copy of key and of slots. */
static Entry *map_put(Map *m, const Py_UCS4 *key, Py_ssize_t len, uint64_t h, const int32_t *slots,
                      Py_ssize_t nslots) {
    if ((m->used + 1) * 2 > m->cap && map_grow(m) < 0)
        return NULL;
    Py_UCS4 *k = PyMem_Malloc((size_t)(len ? len : 1) * sizeof(Py_UCS4));
    int32_t *s = PyMem_Malloc((size_t)(nslots ? nslots : 1) * sizeof(int32_t));
    if (k == NULL || s == NULL) {
        PyMem_Free(k);
        PyMem_Free(s);
        return NULL;
    }
    memcpy(k, key, (size_t)len * sizeof(Py_UCS4));
    memcpy(s, slots, (size_t)nslots * sizeof(int32_t));
    size_t i = (size_t)h & (m->cap - 1);
    while (m->entries[i].key != NULL)
        i = (i + 1) & (m->cap - 1);
    Entry *e = &m->entries[i];
    e->hash = h;
    e->key = k;
    e->len = len;
    e->slots = s;
    e->nslots = nslots;
    m->used++;
    return e;
}

/* -- the scorer ------------------------------------------------------------------------ */
typedef struct {
    PyObject_HEAD
    PyObject *fast;  /* ngram._Fast */
    PyObject *table; /* bytes: a level per bucket */
    double levels[256];
    /* per slot, as _Fast's lists t1, t2, t3, w1 hold them (copied as slots appear) */
    uint32_t *t1, *t2, *t3;
    double *w1;
    Py_ssize_t known, cap;
    Map lexemes, words;
    Map norms;                       /* a normalised token -> its slot (plain_slot) */
    PyObject *keywords, *vocabulary; /* ngram.KEYWORDS, the model's vocabulary; NULL: not given */
    int32_t head_slot[3]; /* the slots of "#", '"' and "s"; -1 until asked */
    int busy;             /* in a call (a callback may let another thread in) */
} Scorer;

static const char *HEADS[3] = {"#", "\"", "s"};

static int sync_slots(Scorer *s, Py_ssize_t slot) {
    /* make t1..w1 cover `slot`, reading what _Fast's lists hold */
    if (slot < s->known)
        return 0;
    static const char *names[4] = {"t1", "t2", "t3", "w1"};
    PyObject *lists[4] = {NULL, NULL, NULL, NULL};
    int rc = -1;
    Py_ssize_t n = PY_SSIZE_T_MAX;
    for (int k = 0; k < 4; k++) {
        lists[k] = PyObject_GetAttrString(s->fast, names[k]);
        if (lists[k] == NULL || !PyList_Check(lists[k])) {
            if (lists[k] != NULL)
                PyErr_SetString(PyExc_TypeError, "_Fast's slot tables are not lists");
            goto done;
        }
        if (PyList_GET_SIZE(lists[k]) < n)
            n = PyList_GET_SIZE(lists[k]);
    }
    if (slot >= n) {
        PyErr_SetString(PyExc_RuntimeError, "a slot beyond _Fast's tables");
        goto done;
    }
    if (n > s->cap) {
        Py_ssize_t cap = s->cap ? s->cap : 1024;
        while (cap < n)
            cap *= 2;
        uint32_t *t1 = PyMem_Realloc(s->t1, (size_t)cap * sizeof(uint32_t));
        if (t1 != NULL) s->t1 = t1;
        uint32_t *t2 = PyMem_Realloc(s->t2, (size_t)cap * sizeof(uint32_t));
        if (t2 != NULL) s->t2 = t2;
        uint32_t *t3 = PyMem_Realloc(s->t3, (size_t)cap * sizeof(uint32_t));
        if (t3 != NULL) s->t3 = t3;
        double *w1 = PyMem_Realloc(s->w1, (size_t)cap * sizeof(double));
        if (w1 != NULL) s->w1 = w1;
        if (t1 == NULL || t2 == NULL || t3 == NULL || w1 == NULL) {
            PyErr_NoMemory();
            goto done;
        }
        s->cap = cap;
    }
    for (Py_ssize_t i = s->known; i < n; i++) {
        unsigned long a = PyLong_AsUnsignedLong(PyList_GET_ITEM(lists[0], i));
        unsigned long b = PyLong_AsUnsignedLong(PyList_GET_ITEM(lists[1], i));
        unsigned long c = PyLong_AsUnsignedLong(PyList_GET_ITEM(lists[2], i));
        double w = PyFloat_AsDouble(PyList_GET_ITEM(lists[3], i));
        if (PyErr_Occurred())
            goto done;
        /* the table's size is a power of two: what these xor together stays inside it */
        Py_ssize_t buckets = PyBytes_GET_SIZE(s->table);
        if ((Py_ssize_t)a >= buckets || (Py_ssize_t)b >= buckets || (Py_ssize_t)c >= buckets) {
            PyErr_SetString(PyExc_ValueError, "a slot's multiplier outside the table");
            goto done;
        }
        s->t1[i] = (uint32_t)a;
        s->t2[i] = (uint32_t)b;
        s->t3[i] = (uint32_t)c;
        s->w1[i] = w;
    }
    s->known = n;
    rc = 0;
done:
    for (int k = 0; k < 4; k++)
        Py_XDECREF(lists[k]);
    return rc;
}

static int32_t as_slot(Scorer *s, PyObject *value) {
    /* a slot from a callback's int (steals the reference); -1 with an error set */
    if (value == NULL)
        return -1;
    long v = PyLong_AsLong(value);
    Py_DECREF(value);
    if (v == -1 && PyErr_Occurred())
        return -1;
    if (v < 0 || v > INT32_MAX) {
        PyErr_SetString(PyExc_ValueError, "a negative slot");
        return -1;
    }
    if (sync_slots(s, v) < 0)
        return -1;
    return (int32_t)v;
}

static int32_t head(Scorer *s, int which) {
    if (s->head_slot[which] < 0)
        s->head_slot[which] = as_slot(s, PyObject_CallMethod(s->fast, "_slot", "s", HEADS[which]));
    return s->head_slot[which];
}

/* -- reading the text -------------------------------------------------------------------- */
typedef struct {
    int kind;
    const void *data;
    Py_ssize_t n;
} Text;

#define AT(t, i) PyUnicode_READ((t)->kind, (t)->data, (i))

/* \w and \d as the regex engine reads them, ASCII first (Py_UNICODE_ISALNUM asks four
   Unicode tables in turn of a space or a sign). */
static inline int is_word(Py_UCS4 ch) {
    if (ch < 128)
        return ch == '_' || (ch >= '0' && ch <= '9') || ((ch | 32) >= 'a' && (ch | 32) <= 'z');
    return Py_UNICODE_ISALNUM(ch);
}
static inline int is_decimal(Py_UCS4 ch) { return ch < 128 ? ch >= '0' && ch <= '9' : Py_UNICODE_ISDECIMAL(ch); }
static inline int is_letter(Py_UCS4 ch) { return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'); }
static inline int is_prefix(Py_UCS4 ch) {
    return ch == 'r' || ch == 'R' || ch == 'b' || ch == 'B' || ch == 'u' || ch == 'U' || ch == 'f' || ch == 'F';
}

/* "Q[^Q\\\n]*(?:\\.[^Q\\\n]*)*Q" at q (newline: whether the body may hold line breaks);
 * the end of the match, or -1. */
static Py_ssize_t quoted(const Text *t, Py_ssize_t q, Py_UCS4 quote, int newline) {
    if (q >= t->n || AT(t, q) != quote)
        return -1;
    for (Py_ssize_t i = q + 1; i < t->n;) {
        Py_UCS4 ch = AT(t, i);
        if (ch == quote)
            return i + 1;
        if (ch == '\\') {
            if (i + 1 >= t->n || AT(t, i + 1) == '\n')
                return -1; /* \\. : the escaped character is no line break */
            i += 2;
        } else if (ch == '\n' && !newline) {
            return -1;
        } else {
            i++;
        }
    }
    return -1;
}

/* "Q(?:\\.|[^Q\\\n])Q": one character or one escape between quotes */
static Py_ssize_t character(const Text *t, Py_ssize_t q) {
    if (q + 2 >= t->n || AT(t, q) != '\'')
        return -1;
    Py_UCS4 c = AT(t, q + 1);
    if (c == '\\') {
        if (q + 3 < t->n && AT(t, q + 2) != '\n' && AT(t, q + 3) == '\'')
            return q + 4;
        return -1;
    }
    if (c != '\'' && c != '\n' && AT(t, q + 2) == '\'')
        return q + 3;
    return -1;
}

/* Python's triple-quoted string at q: to the first three quotes after the opening ones. */
static Py_ssize_t triple(const Text *t, Py_ssize_t q, Py_UCS4 quote) {
    if (q + 2 >= t->n || AT(t, q) != quote || AT(t, q + 1) != quote || AT(t, q + 2) != quote)
        return -1;
    for (Py_ssize_t p = q + 3; p + 2 < t->n; p++)
        if (AT(t, p) == quote && AT(t, p + 1) == quote && AT(t, p + 2) == quote)
            return p + 3;
    return -1;
}

static Py_ssize_t line_end(const Text *t, Py_ssize_t i) {
    while (i < t->n && AT(t, i) != '\n')
        i++;
    return i;
}

/* "//[^\n]*" or a block comment "/\*...*\/" (to the first "*\/" after its opening) */
static Py_ssize_t slash_comment(const Text *t, Py_ssize_t q) {
    if (q + 1 >= t->n || AT(t, q) != '/')
        return -1;
    Py_UCS4 c = AT(t, q + 1);
    if (c == '/')
        return line_end(t, q + 2);
    if (c == '*') {
        for (Py_ssize_t p = q + 2; p + 1 < t->n; p++)
            if (AT(t, p) == '*' && AT(t, p + 1) == '/')
                return p + 2;
    }
    return -1;
}

/* The string or comment starting at q in this lexer, or -1. */
static Py_ssize_t string_or_comment(const Text *t, Py_ssize_t q, int lexer) {
    Py_UCS4 ch = AT(t, q);
    Py_ssize_t e;
    /* (Most lexemes start with a character none of these can: turned away first, the
       same answer for a fifth of the pass's time.) */
    if (lexer == LEX_HASH) {
        if (ch != '"' && ch != '\'' && ch != '#' && !is_prefix(ch))
            return -1;
        int prefix = 0;
        while (prefix < 2 && q + prefix < t->n && is_prefix(AT(t, q + prefix)))
            prefix++;
        for (int p = prefix; p >= 0; p--) { /* [rRbBuUfF]{0,2}, greedy, then shorter */
            Py_ssize_t s = q + p;
            if (s >= t->n || (AT(t, s) != '"' && AT(t, s) != '\''))
                continue; /* (each alternative starts with a quote) */
            if ((e = triple(t, s, '"')) >= 0 || (e = triple(t, s, '\'')) >= 0 || (e = quoted(t, s, '"', 0)) >= 0 ||
                (e = quoted(t, s, '\'', 0)) >= 0)
                return e;
        }
        return ch == '#' ? line_end(t, q + 1) : -1;
    }
    if (lexer == LEX_C) {
        if (ch != '"' && ch != '\'' && ch != '`' && ch != '/')
            return -1;
        if ((e = quoted(t, q, '"', 0)) >= 0 || (e = character(t, q)) >= 0 || (e = quoted(t, q, '`', 1)) >= 0)
            return e;
        return slash_comment(t, q);
    }
    /* Rust: r#*"[\s\S]*?"#*, then b?"...", then b?'.' */
    if (ch != 'r' && ch != 'b' && ch != '"' && ch != '\'' && ch != '/')
        return -1;
    if (ch == 'r') {
        Py_ssize_t i = q + 1;
        while (i < t->n && AT(t, i) == '#')
            i++;
        if (i < t->n && AT(t, i) == '"') {
            for (Py_ssize_t j = i + 1; j < t->n; j++) {
                if (AT(t, j) == '"') {
                    j++;
                    while (j < t->n && AT(t, j) == '#')
                        j++;
                    return j;
                }
            }
        }
    }
    Py_ssize_t s = ch == 'b' ? q + 1 : q;
    if ((e = quoted(t, s, '"', 1)) >= 0 || (e = character(t, s)) >= 0)
        return e; /* (b? given back leaves a "b" where a quote must be: no match) */
    return slash_comment(t, q);
}

/* The next lexeme from pos: [*a, *b) the token (empty for a skipped character); the
 * position after it, or -1 at the end. */
static Py_ssize_t next_lexeme(const Text *t, Py_ssize_t pos, int lexer, Py_ssize_t *a, Py_ssize_t *b) {
    while (pos < t->n) { /* [^\S\n]* */
        Py_UCS4 ch = AT(t, pos);
        if (ch == '\n' || !Py_UNICODE_ISSPACE(ch))
            break;
        pos++;
    }
    if (pos >= t->n)
        return -1;
    Py_UCS4 ch = AT(t, pos);
    Py_ssize_t e = string_or_comment(t, pos, lexer);
    if (e < 0) {
        if (ch == '\n' || !(is_word(ch) || Py_UNICODE_ISSPACE(ch))) {
            e = pos + 1; /* a line break, or punctuation */
        } else if (is_letter(ch) || ch == '_') {
            for (e = pos + 1; e < t->n && is_word(AT(t, e));)
                e++;
        } else if (is_decimal(ch)) {
            for (e = pos + 1; e < t->n && (is_word(AT(t, e)) || AT(t, e) == '.');)
                e++;
        } else { /* [^\W\dA-Za-z_]: a word character no token starts with */
            *a = *b = pos;
            return pos + 1;
        }
    }
    *a = pos;
    *b = e;
    return e;
}

/* -- a lexeme's slots -------------------------------------------------------------------- */
typedef struct {
    int32_t *v;
    Py_ssize_t n, cap;
} Slots;

static int push(Slots *out, int32_t slot) {
    if (out->n == out->cap) {
        Py_ssize_t cap = out->cap ? out->cap * 2 : 256;
        int32_t *v = PyMem_Realloc(out->v, (size_t)cap * sizeof(int32_t));
        if (v == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        out->v = v;
        out->cap = cap;
    }
    out->v[out->n++] = slot;
    return 0;
}

static PyObject *substring(const Text *t, Py_ssize_t a, Py_ssize_t b) {
    return PyUnicode_FromKindAndData(t->kind, (const char *)t->data + a * t->kind, b - a);
}

/* A plain lexeme in ASCII (an identifier, a number, one sign) read here, as _Fast._lexeme
 * and _slot read it: its raw token (_expand: "k:" or "i:" and the name, "n", the sign)
 * and that token normalised (ngram.normalise_one: a name outside the shared vocabulary
 * becomes its shape). The slot is the normalised token's, asked of _Fast._slot once per
 * normalised token (few: names mostly become one of some forty shapes). Returns the
 * slot, -1 on error, -2 when the lexeme is not one of these (the caller asks _lexeme). */
#define NORM_MAX (KEEP_CHARS + 16)

static Py_ssize_t shape_of(const char *name, Py_ssize_t n, char *out) {
    /* ngram.shape, for an ASCII name */
    const char *lead = name[0] == '_' ? "_" : "";
    Py_ssize_t a = 0, b = n;
    while (a < b && name[a] == '_') a++;
    while (b > a && name[b - 1] == '_') b--;
    const char *core = name + a;
    Py_ssize_t len = b - a, unders = 0;
    int lower = 0, upper = 0;
    for (Py_ssize_t i = 0; i < len; i++) {
        unders += core[i] == '_';
        lower |= core[i] >= 'a' && core[i] <= 'z';
        upper |= core[i] >= 'A' && core[i] <= 'Z';
    }
    if (len <= 2)
        return snprintf(out, NORM_MAX, "%si:short", lead);
    /* core.isupper() (a capital, no small letter) or (core.upper() == core and "_" in core) */
    if (!lower && (upper || unders))
        return snprintf(out, NORM_MAX, "%si:UPPER%d", lead, (int)(unders + 1 < 4 ? unders + 1 : 4));
    if (unders)
        return snprintf(out, NORM_MAX, "%si:snake%d", lead, (int)(unders + 1 < 4 ? unders + 1 : 4));
    Py_ssize_t humps = 1;
    for (Py_ssize_t i = 0; i + 1 < len; i++)
        humps += core[i + 1] >= 'A' && core[i + 1] <= 'Z' &&
                 ((core[i] >= 'a' && core[i] <= 'z') || (core[i] >= '0' && core[i] <= '9'));
    if (humps > 4)
        humps = 4;
    if (core[0] >= 'A' && core[0] <= 'Z')
        return snprintf(out, NORM_MAX, "%si:Pascal%d", lead, (int)humps);
    if (humps > 1)
        return snprintf(out, NORM_MAX, "%si:camel%d", lead, (int)humps);
    return snprintf(out, NORM_MAX, "%si:word", lead);
}

/* Whether set holds the ASCII text s[:n] (-1: an error). */
static int holds(PyObject *set, const char *s, Py_ssize_t n) {
    PyObject *str = PyUnicode_FromStringAndSize(s, n);
    if (str == NULL)
        return -1;
    int in = PySet_Contains(set, str);
    Py_DECREF(str);
    return in;
}

static int32_t plain_slot(Scorer *s, const Text *t, Py_ssize_t a, Py_ssize_t b) {
    const Py_ssize_t len = b - a;
    if (s->keywords == NULL || s->vocabulary == NULL || len > KEEP_CHARS)
        return -2;
    char lex[KEEP_CHARS + 1], raw[NORM_MAX], norm[NORM_MAX];
    for (Py_ssize_t i = 0; i < len; i++) {
        Py_UCS4 c = AT(t, a + i);
        if (c >= 128)
            return -2;
        lex[i] = (char)c;
    }
    Py_ssize_t nraw, nnorm;
    const char first = lex[0];
    if (first >= '0' && first <= '9') { /* a number: "n" */
        nraw = nnorm = 1;
        raw[0] = norm[0] = 'n';
    } else if (is_letter((Py_UCS4)first) || first == '_') { /* a name ("plain": it ends in none of "'#) */
        int kw = holds(s->keywords, lex, len);
        if (kw < 0)
            return -1;
        raw[0] = kw ? 'k' : 'i';
        raw[1] = ':';
        memcpy(raw + 2, lex, (size_t)len);
        nraw = len + 2;
        if (kw) {
            memcpy(norm, raw, (size_t)nraw);
            nnorm = nraw;
        } else {
            norm[0] = 'i';
            norm[1] = ':';
            for (Py_ssize_t i = 0; i < len; i++)
                norm[2 + i] = (lex[i] >= 'A' && lex[i] <= 'Z') ? (char)(lex[i] + 32) : lex[i];
            int known = holds(s->vocabulary, norm, len + 2);
            if (known < 0)
                return -1;
            nnorm = known ? len + 2 : shape_of(lex, len, norm);
        }
    } else if (len == 1) { /* a sign */
        nraw = nnorm = 1;
        raw[0] = norm[0] = first;
    } else {
        return -2;
    }
    if (nnorm <= 0 || nnorm >= NORM_MAX)
        return -2;
    Py_UCS4 key[NORM_MAX];
    for (Py_ssize_t i = 0; i < nnorm; i++)
        key[i] = (unsigned char)norm[i];
    uint64_t h = hash_of(key, nnorm);
    Entry *e = map_find(&s->norms, key, nnorm, h);
    if (e != NULL)
        return e->slots[0];
    PyObject *token = PyUnicode_FromStringAndSize(raw, nraw);
    if (token == NULL)
        return -1;
    int32_t slot = as_slot(s, PyObject_CallMethod(s->fast, "_slot", "O", token));
    Py_DECREF(token);
    if (slot >= 0 && map_put(&s->norms, key, nnorm, h, &slot, 1) == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    return slot;
}

/* The slots of one lexeme appended to out. key: its code points (scratch). */
static int lexeme_slots(Scorer *s, const Text *t, Py_ssize_t a, Py_ssize_t b, Slots *out, Py_UCS4 *key) {
    Py_ssize_t len = b - a;
    Py_UCS4 first = AT(t, a);
    if (len == 1 && first == '\n')
        return push(out, 0); /* slot 0 is "NL" */
    Py_UCS4 last = AT(t, b - 1);
    int plain = len < 2 || is_decimal(first) ||
                ((is_letter(first) || first == '_') && last != '"' && last != '\'' && last != '#');
    if (len <= KEEP_CHARS) {
        for (Py_ssize_t i = 0; i < len; i++)
            key[i] = AT(t, a + i);
        Entry *e = map_find(&s->lexemes, key, len, hash_of(key, len));
        if (e != NULL) {
            for (Py_ssize_t i = 0; i < e->nslots; i++)
                if (push(out, e->slots[i]) < 0)
                    return -1;
            return 0;
        }
    }
    if (plain) {
        int32_t slot = plain_slot(s, t, a, b);
        if (slot == -1)
            return -1;
        if (slot >= 0) {
            if (push(out, slot) < 0)
                return -1;
            if (len <= KEEP_CHARS) { /* (the callback may have run other threads' code: the key is ours) */
                for (Py_ssize_t i = 0; i < len; i++)
                    key[i] = AT(t, a + i);
                if (map_put(&s->lexemes, key, len, hash_of(key, len), &slot, 1) == NULL)
                    return PyErr_NoMemory(), -1;
            }
            return 0;
        }
        PyObject *lex = substring(t, a, b);
        if (lex == NULL)
            return -1;
        PyObject *got = PyObject_CallMethod(s->fast, "_lexeme", "O", lex);
        Py_DECREF(lex);
        if (got == NULL)
            return -1;
        PyObject *seq = PySequence_Fast(got, "_lexeme gave no sequence");
        Py_DECREF(got);
        if (seq == NULL)
            return -1;
        Py_ssize_t k = PySequence_Fast_GET_SIZE(seq);
        Py_ssize_t at = out->n;
        for (Py_ssize_t i = 0; i < k; i++) {
            PyObject *item = PySequence_Fast_GET_ITEM(seq, i);
            Py_INCREF(item);
            int32_t slot = as_slot(s, item);
            if (slot < 0 || push(out, slot) < 0) {
                Py_DECREF(seq);
                return -1;
            }
        }
        Py_DECREF(seq);
        if (len <= KEEP_CHARS) {
            /* (the callback may have run other threads' code: the key is ours, still) */
            for (Py_ssize_t i = 0; i < len; i++)
                key[i] = AT(t, a + i);
            if (map_put(&s->lexemes, key, len, hash_of(key, len), out->v + at, k) == NULL)
                return PyErr_NoMemory(), -1;
        }
        return 0;
    }
    /* A comment or string: its first MAX_WORDS words ([A-Za-z][a-z']*), each by its
     * slot (cached in lower case), after the slot of its head; then a "NL" per line
     * break in it. (Short ones are read here too, not asked of _Fast._lexeme: most
     * strings are new, and the call cost more than the reading.) */
    Py_ssize_t at = out->n;
    int32_t words[MAX_WORDS];
    Py_ssize_t nwords = 0, total = 0, spaces = 0, breaks = 0;
    for (Py_ssize_t i = a; i < b;) {
        Py_UCS4 ch = AT(t, i);
        if (ch == ' ')
            spaces++;
        else if (ch == '\n')
            breaks++;
        if (!is_letter(ch)) {
            i++;
            continue;
        }
        Py_ssize_t j = i + 1;
        while (j < b) {
            Py_UCS4 c = AT(t, j);
            if (!((c >= 'a' && c <= 'z') || c == '\''))
                break;
            j++;
        }
        total++;
        if (nwords < MAX_WORDS) {
            Py_ssize_t n = j - i;
            Py_UCS4 *heap = n > KEEP_CHARS ? PyMem_Malloc((size_t)n * sizeof(Py_UCS4)) : NULL;
            Py_UCS4 *w = n > KEEP_CHARS ? heap : key; /* (key: scratch of KEEP_CHARS + 1) */
            if (w == NULL)
                return PyErr_NoMemory(), -1;
            for (Py_ssize_t k = 0; k < n; k++) {
                Py_UCS4 c = AT(t, i + k);
                w[k] = (c >= 'A' && c <= 'Z') ? c + 32 : c;
            }
            uint64_t h = hash_of(w, n);
            Entry *e = map_find(&s->words, w, n, h);
            int32_t slot;
            if (e != NULL) {
                slot = e->slots[0];
            } else {
                PyObject *word = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, w, n);
                slot = word == NULL ? -1 : as_slot(s, PyObject_CallMethod(s->fast, "_word", "O", word));
                Py_XDECREF(word);
                if (slot >= 0 && map_put(&s->words, w, n, h, &slot, 1) == NULL) {
                    PyErr_NoMemory();
                    slot = -1;
                }
            }
            PyMem_Free(heap);
            if (slot < 0)
                return -1;
            words[nwords++] = slot;
        }
        /* the rest of the word: no space, no line break ([a-z'] only) */
        i = j;
    }
    int32_t lead;
    if (first == '#' || first == '/')
        lead = head(s, 0);
    else if (spaces >= 2 && total >= 3)
        lead = head(s, 1);
    else
        lead = head(s, 2), nwords = 0;
    if (lead < 0 || push(out, lead) < 0)
        return -1;
    for (Py_ssize_t i = 0; i < nwords; i++)
        if (push(out, words[i]) < 0)
            return -1;
    for (Py_ssize_t i = 0; i < breaks; i++)
        if (push(out, 0) < 0)
            return -1;
    if (len <= KEEP_CHARS) { /* (key was the words' scratch) */
        for (Py_ssize_t i = 0; i < len; i++)
            key[i] = AT(t, a + i);
        if (map_put(&s->lexemes, key, len, hash_of(key, len), out->v + at, out->n - at) == NULL)
            return PyErr_NoMemory(), -1;
    }
    return 0;
}

/* -- the methods ------------------------------------------------------------------------- */
/* The pass itself: per line (split at "\n"), the summed weight and the number of the
   n-grams that end on it, into sums[n_lines] and counts[n_lines] (zeroed by the caller).
   -1 with an error set. */
static int pass(Scorer *s, PyObject *text, int lexer, Py_ssize_t n_lines, double *sums, Py_ssize_t *counts) {
    if (s->lexemes.used > CACHE_MAX)
        map_clear(&s->lexemes);
    if (s->words.used > CACHE_MAX)
        map_clear(&s->words);
    if (s->norms.used > CACHE_MAX)
        map_clear(&s->norms);
    Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text)};
    Slots slots = {NULL, 0, 0};
    Py_UCS4 key[KEEP_CHARS + 1];
    const unsigned char *table = (const unsigned char *)PyBytes_AS_STRING(s->table);
    Py_ssize_t last = n_lines - 1, line = 0, grams = 0;
    double acc = 0.0;
    int32_t pa = -1, pb = -1; /* the slots of the two tokens before */
    Py_ssize_t pos = 0, a, b;
    while ((pos = next_lexeme(&t, pos, lexer, &a, &b)) >= 0) {
        if (a == b)
            continue;
        slots.n = 0;
        if (lexeme_slots(s, &t, a, b, &slots, key) < 0) {
            PyMem_Free(slots.v);
            return -1;
        }
        /* _Fast.line_sums, token by token (the same sums in the same order) */
        for (Py_ssize_t k = 0; k < slots.n; k++) {
            int32_t c = slots.v[k];
            double x = s->w1[c];
            if (pb < 0) {
                grams += 1;
            } else if (pa < 0) {
                x += s->levels[table[s->t2[pb] ^ s->t1[c]]];
                grams += 2;
            } else {
                uint32_t bi = s->t2[pb] ^ s->t1[c];
                x = x + s->levels[table[bi]] + s->levels[table[s->t3[pa] ^ bi]];
                grams += 3;
            }
            acc += x;
            if (c == 0 && line < last) {
                sums[line] = acc;
                counts[line] = grams;
                line++;
                acc = 0.0;
                grams = 0;
            }
            pa = pb;
            pb = c;
        }
    }
    sums[line] = acc;
    counts[line] = grams;
    PyMem_Free(slots.v);
    return 0;
}

/* The arguments every method takes first: (text, lexer, n_lines); 0, or -1 with an
   error set. */
static int text_args(PyObject *text, int lexer, Py_ssize_t n_lines) {
    if (lexer < LEX_HASH || lexer > LEX_RUST || n_lines < 1) {
        PyErr_SetString(PyExc_ValueError, "unknown lexer or no lines");
        return -1;
    }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0)
        return -1;
#endif
    return 0;
}

static PyObject *Scorer_line_sums(Scorer *s, PyObject *args) {
    PyObject *text;
    int lexer;
    Py_ssize_t n_lines;
    if (!PyArg_ParseTuple(args, "Uin", &text, &lexer, &n_lines) || text_args(text, lexer, n_lines) < 0)
        return NULL;
    if (s->busy) /* another thread is in a callback of ours: the caller takes the Python path */
        Py_RETURN_NONE;
    s->busy = 1;
    double *sums = PyMem_Calloc((size_t)n_lines, sizeof(double));
    Py_ssize_t *counts = PyMem_Calloc((size_t)n_lines, sizeof(Py_ssize_t));
    PyObject *result = NULL;
    if (sums == NULL || counts == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (pass(s, text, lexer, n_lines, sums, counts) < 0)
        goto done;
    PyObject *out_sums = PyList_New(n_lines), *out_counts = PyList_New(n_lines);
    if (out_sums == NULL || out_counts == NULL) {
        Py_XDECREF(out_sums);
        Py_XDECREF(out_counts);
        goto done;
    }
    for (Py_ssize_t i = 0; i < n_lines; i++) {
        PyObject *f = PyFloat_FromDouble(sums[i]), *c = PyLong_FromSsize_t(counts[i]);
        if (f == NULL || c == NULL) {
            Py_XDECREF(f);
            Py_XDECREF(c);
            Py_DECREF(out_sums);
            Py_DECREF(out_counts);
            goto done;
        }
        PyList_SET_ITEM(out_sums, i, f);
        PyList_SET_ITEM(out_counts, i, c);
    }
    result = Py_BuildValue("(NN)", out_sums, out_counts);
done:
    PyMem_Free(sums);
    PyMem_Free(counts);
    s->busy = 0;
    return result;
}

/* run_sums(text, lexer, n_lines, runs): for each run (start, end) of lines, the weight
   and the number of the n-grams ending on its lines, and the same for the whole text:
   (weights, counts, weight, count), each weight a difference of the running sums of
   line_sums' weights, taken in line order from 0.0 as itertools.accumulate takes them
   (so the same floats), without a Python object per line. None while another thread is
   in a call. */
static PyObject *Scorer_run_sums(Scorer *s, PyObject *args) {
    PyObject *text, *runs;
    int lexer;
    Py_ssize_t n_lines;
    if (!PyArg_ParseTuple(args, "UinO!", &text, &lexer, &n_lines, &PyList_Type, &runs) ||
        text_args(text, lexer, n_lines) < 0)
        return NULL;
    const Py_ssize_t n_runs = PyList_GET_SIZE(runs);
    Py_ssize_t *edges = PyMem_Malloc((size_t)(2 * n_runs + 1) * sizeof(Py_ssize_t));
    if (edges == NULL)
        return PyErr_NoMemory();
    for (Py_ssize_t r = 0; r < n_runs; r++) {
        PyObject *run = PyList_GET_ITEM(runs, r);
        Py_ssize_t a = -1, b = -1;
        if (!PyTuple_Check(run) || PyTuple_GET_SIZE(run) != 2 ||
            (a = PyLong_AsSsize_t(PyTuple_GET_ITEM(run, 0))) == -1 ||
            (b = PyLong_AsSsize_t(PyTuple_GET_ITEM(run, 1))) == -1 || a < 0 || b < a || b > n_lines) {
            if (!PyErr_Occurred() || PyErr_ExceptionMatches(PyExc_TypeError) || PyErr_ExceptionMatches(PyExc_OverflowError)) {
                PyErr_Clear();
                PyErr_SetString(PyExc_ValueError, "runs: (start, end) pairs of lines, 0 <= start <= end <= n_lines");
            }
            PyMem_Free(edges);
            return NULL;
        }
        edges[2 * r] = a;
        edges[2 * r + 1] = b;
    }
    if (s->busy) {
        PyMem_Free(edges);
        Py_RETURN_NONE;
    }
    s->busy = 1;
    double *sums = PyMem_Calloc((size_t)n_lines, sizeof(double));
    Py_ssize_t *counts = PyMem_Calloc((size_t)n_lines, sizeof(Py_ssize_t));
    double *weight = PyMem_Malloc((size_t)(n_lines + 1) * sizeof(double));
    Py_ssize_t *count = PyMem_Malloc((size_t)(n_lines + 1) * sizeof(Py_ssize_t));
    PyObject *result = NULL, *out_w = NULL, *out_c = NULL;
    if (sums == NULL || counts == NULL || weight == NULL || count == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (pass(s, text, lexer, n_lines, sums, counts) < 0)
        goto done;
    weight[0] = 0.0;
    count[0] = 0;
    for (Py_ssize_t i = 0; i < n_lines; i++) {
        weight[i + 1] = weight[i] + sums[i];
        count[i + 1] = count[i] + counts[i];
    }
    out_w = PyList_New(n_runs);
    out_c = PyList_New(n_runs);
    for (Py_ssize_t r = 0; out_w && out_c && r < n_runs; r++) {
        const Py_ssize_t a = edges[2 * r], b = edges[2 * r + 1];
        PyObject *w = PyFloat_FromDouble(weight[b] - weight[a]), *c = PyLong_FromSsize_t(count[b] - count[a]);
        if (w == NULL || c == NULL) {
            Py_XDECREF(w);
            Py_XDECREF(c);
            goto done;
        }
        PyList_SET_ITEM(out_w, r, w);
        PyList_SET_ITEM(out_c, r, c);
    }
    if (out_w && out_c)
        result = Py_BuildValue("(OOdn)", out_w, out_c, weight[n_lines], count[n_lines]);
done:
    Py_XDECREF(out_w);
    Py_XDECREF(out_c);
    PyMem_Free(edges);
    PyMem_Free(sums);
    PyMem_Free(counts);
    PyMem_Free(weight);
    PyMem_Free(count);
    s->busy = 0;
    return result;
}

static int Scorer_init(Scorer *s, PyObject *args, PyObject *kwargs) {
    static char *kwlist[] = {"fast", "table", "levels", "keywords", "vocabulary", NULL};
    PyObject *fast, *table, *levels, *keywords = NULL, *vocabulary = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OSO|OO", kwlist, &fast, &table, &levels, &keywords,
                                     &vocabulary))
        return -1;
    if ((keywords != NULL && !PyAnySet_Check(keywords)) || (vocabulary != NULL && !PyAnySet_Check(vocabulary))) {
        PyErr_SetString(PyExc_TypeError, "keywords and vocabulary: sets of str");
        return -1;
    }
    PyObject *seq = PySequence_Fast(levels, "levels: a sequence of 256 floats");
    if (seq == NULL)
        return -1;
    if (PySequence_Fast_GET_SIZE(seq) != 256) {
        Py_DECREF(seq);
        PyErr_SetString(PyExc_ValueError, "levels: a sequence of 256 floats");
        return -1;
    }
    for (int k = 0; k < 256; k++)
        s->levels[k] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(seq, k));
    Py_DECREF(seq);
    if (PyErr_Occurred())
        return -1;
    Py_ssize_t size = PyBytes_GET_SIZE(table);
    if (size < 1 || (size & (size - 1)) != 0) {
        PyErr_SetString(PyExc_ValueError, "table: its size a power of two");
        return -1;
    }
    Py_INCREF(fast);
    Py_XSETREF(s->fast, fast);
    Py_INCREF(table);
    Py_XSETREF(s->table, table);
    if (keywords != NULL && vocabulary != NULL) { /* (names are read here only with both) */
        Py_INCREF(keywords);
        Py_XSETREF(s->keywords, keywords);
        Py_INCREF(vocabulary);
        Py_XSETREF(s->vocabulary, vocabulary);
    } else {
        Py_CLEAR(s->keywords);
        Py_CLEAR(s->vocabulary);
    }
    map_clear(&s->norms);
    for (int k = 0; k < 3; k++)
        s->head_slot[k] = -1;
    return sync_slots(s, 0);
}

static void Scorer_dealloc(Scorer *s) {
    Py_XDECREF(s->fast);
    Py_XDECREF(s->table);
    PyMem_Free(s->t1);
    PyMem_Free(s->t2);
    PyMem_Free(s->t3);
    PyMem_Free(s->w1);
    map_clear(&s->lexemes);
    map_clear(&s->words);
    map_clear(&s->norms);
    Py_XDECREF(s->keywords);
    Py_XDECREF(s->vocabulary);
    Py_TYPE(s)->tp_free((PyObject *)s);
}

/* shape(name): shape_of for an ASCII name of at most KEEP_CHARS characters, as
   ngram.shape gives it (for the tests). */
static PyObject *shape(PyObject *module, PyObject *name) {
    if (!PyUnicode_Check(name) || !PyUnicode_IS_ASCII(name) || PyUnicode_GET_LENGTH(name) > KEEP_CHARS ||
        PyUnicode_GET_LENGTH(name) == 0) {
        PyErr_SetString(PyExc_ValueError, "shape: an ASCII name of 1 to 48 characters");
        return NULL;
    }
    char out[NORM_MAX];
    Py_ssize_t n = shape_of(PyUnicode_AsUTF8(name), PyUnicode_GET_LENGTH(name), out);
    return PyUnicode_FromStringAndSize(out, n);
}

static PyMethodDef module_methods[] = {
    {"shape", shape, METH_O, "ngram.shape of an ASCII name, as the n-gram pass reads it."},
    {NULL, NULL, 0, NULL},
};

static PyMethodDef Scorer_methods[] = {
    {"line_sums", (PyCFunction)Scorer_line_sums, METH_VARARGS,
     "line_sums(text, lexer, n_lines) -> (sums, counts), as _Fast.line_sums(_Fast.slots(text)); "
     "None while another thread is in a call"},
    {"run_sums", (PyCFunction)Scorer_run_sums, METH_VARARGS,
     "run_sums(text, lexer, n_lines, runs) -> (weights, counts, weight, count): each run's and the whole "
     "text's n-gram weight and count, as from the running sums of line_sums; None while another thread is in a call"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject ScorerType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "provmark.core._ngramc.Scorer",
    .tp_basicsize = sizeof(Scorer),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "A _Fast's n-gram pass in C: Scorer(fast, table, levels[, keywords, vocabulary]).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Scorer_init,
    .tp_dealloc = (destructor)Scorer_dealloc,
    .tp_methods = Scorer_methods,
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_ngramc",
    .m_doc = "core/ngram.py's n-gram pass in C (optional).",
    .m_size = -1,
    .m_methods = module_methods,
};

PyMODINIT_FUNC PyInit__ngramc(void) {
    if (PyType_Ready(&ScorerType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL)
        return NULL;
    Py_INCREF(&ScorerType);
    if (PyModule_AddObject(m, "Scorer", (PyObject *)&ScorerType) < 0) {
        Py_DECREF(&ScorerType);
        Py_DECREF(m);
        return NULL;
    }
    PyModule_AddIntConstant(m, "HASH", LEX_HASH);
    PyModule_AddIntConstant(m, "C", LEX_C);
    PyModule_AddIntConstant(m, "RUST", LEX_RUST);
    return m;
}
