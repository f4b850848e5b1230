/* Per-line facts of core/style.py's FileStyle in C: Idents(stats).

   Idents.prefix(code_lines) is FileStyle's
       list(accumulate(map(sum, map(map, repeat(_PACKED_IDENTS.__getitem__),
                                    map(_WORD.findall, code_lines))), initial=0))
   to the bit, unpacked: each line's identifiers (_WORD: [A-Za-z_][A-Za-z0-9_]*, found
   left to right as re.findall finds them), each one's six counts from `stats` (style's
   _ident_stats, asked once per distinct name and kept), summed per line, and the running
   totals as rows of six native uint64 in one bytes (style._IDENT_ROW; a packed int per
   line cost more to make than the counting).

   finds(text, words) is where any of the words occurs in text: every start, overlapping
   ones too, sorted, each once (style.py's _finds; str.find in a loop, per occurrence,
   cost more than the search).

   lines_holding(text, words) is the lines (split at "\n") where any of them starts, in
   order, each once (style.py's _lines_holding).

   line_starts(lines), word_counts(texts) and char_prefix(lines, chars) are where each
   line starts in the lines' join, len(x.split()) of each text, and running counts of
   some characters over the lines.

   line_facts(lines) and line_kinds(lines, hash_comments, docstrings) are style.py's
   _line_facts and _line_kinds (each line's simple facts; which lines are comments, their
   text, which are code), the same values from one loop each with no Python call per line.

   Optional: scripts/compile.sh builds it, and style.py runs the regular expression when
   it is absent. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FIELDS 6
#define MAX_NAMES (1 << 18) /* as _PackedIdents: a cache shared by every file, bounded */

typedef struct {
    char *name; /* ASCII, not NUL-terminated; NULL: an empty slot */
    Py_ssize_t len;
    uint64_t hash;
    uint32_t counts[FIELDS];
} Slot;

typedef struct {
    PyObject_HEAD
    PyObject *stats;
    PyObject *keywords; /* style._KEYWORDS: with it, a name's counts are read here (ascii_stats) */
    Slot *slots;
    Py_ssize_t capacity, used; /* capacity: a power of two */
} Idents;

static uint64_t hash_name(const char *s, Py_ssize_t n) {
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (Py_ssize_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static void clear_slots(Slot *slots, Py_ssize_t capacity) {
    for (Py_ssize_t i = 0; i < capacity; i++) PyMem_Free(slots[i].name);
}

static int reset(Idents *d, Py_ssize_t capacity) {
    Slot *slots = PyMem_Calloc(capacity, sizeof(Slot));
    if (!slots) {
        PyErr_NoMemory();
        return -1;
    }
    if (d->slots) {
        clear_slots(d->slots, d->capacity);
        PyMem_Free(d->slots);
    }
    d->slots = slots;
    d->capacity = capacity;
    d->used = 0;
    return 0;
}

static Slot *probe(Slot *slots, Py_ssize_t capacity, const char *s, Py_ssize_t n, uint64_t h) {
    Py_ssize_t i = (Py_ssize_t)(h & (uint64_t)(capacity - 1));
    while (slots[i].name && !(slots[i].hash == h && slots[i].len == n && memcmp(slots[i].name, s, n) == 0))
        i = (i + 1) & (capacity - 1);
    return &slots[i];
}

static int grow(Idents *d) {
    Py_ssize_t capacity = d->capacity * 2;
    Slot *slots = PyMem_Calloc(capacity, sizeof(Slot));
    if (!slots) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < d->capacity; i++) {
        if (d->slots[i].name) *probe(slots, capacity, d->slots[i].name, d->slots[i].len, d->slots[i].hash) = d->slots[i];
    }
    PyMem_Free(d->slots);
    d->slots = slots;
    d->capacity = capacity;
    return 0;
}

static int is_lower(char c) { return c >= 'a' && c <= 'z'; }
static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* style._ident_stats of an ASCII name, with its keywords: 0 (counts set), -1 on error.
       keyword (w.lower() in _KEYWORDS): all six 0
       else (1, len(w), len(w) <= 2, multi, _SNAKE.match(w), _CAMEL.match(w))
   multi: an "_" inside w.strip("_"), or a small first letter and a capital after it;
   _SNAKE ^[a-z]+(?:_[a-z0-9]+)+$ and _CAMEL ^[a-z]+(?:[A-Z][a-z0-9]*)+$ read left to
   right (the only way through either). */
static int ascii_stats(Idents *d, const char *w, Py_ssize_t n, uint32_t *counts) {
    PyObject *low = PyUnicode_New(n, 127);
    if (!low) return -1;
    Py_UCS1 *l = PyUnicode_1BYTE_DATA(low);
    for (Py_ssize_t i = 0; i < n; i++) l[i] = (Py_UCS1)(is_upper(w[i]) ? w[i] + 32 : w[i]);
    const int keyword = PySet_Contains(d->keywords, low);
    Py_DECREF(low);
    if (keyword < 0) return -1;
    memset(counts, 0, FIELDS * sizeof *counts);
    if (keyword) return 0;
    Py_ssize_t a = 0, b = n, i;
    while (a < b && w[a] == '_') a++;
    while (b > a && w[b - 1] == '_') b--;
    int multi = 0; /* an "_" inside w.strip("_") */
    for (i = a; i < b && !multi; i++) multi = w[i] == '_';
    for (i = 1; !multi && is_lower(w[0]) && i < n; i++) multi = is_upper(w[i]);
    for (i = 0; i < n && is_lower(w[i]);) i++;
    int snake = i > 0 && i < n;
    for (Py_ssize_t j; snake && i < n;) {
        if (w[i] != '_') {
            snake = 0;
            break;
        }
        for (j = ++i; i < n && (is_lower(w[i]) || is_digit(w[i]));) i++;
        snake = i > j;
    }
    for (i = 0; i < n && is_lower(w[i]);) i++;
    int camel = i > 0 && i < n && is_upper(w[i]);
    for (; camel && i < n; i++) camel = is_lower(w[i]) || is_upper(w[i]) || is_digit(w[i]);
    counts[0] = 1;
    counts[1] = (uint32_t)n;
    counts[2] = n <= 2;
    counts[3] = (uint32_t)multi;
    counts[4] = (uint32_t)snake;
    counts[5] = (uint32_t)camel;
    return 0;
}

static const uint32_t *keep(Idents *d, const char *s, Py_ssize_t n, uint64_t h, const uint32_t *counts);

/* The counts of one name: from the table, or asked of `stats` and kept. NULL on error. */
static const uint32_t *counts_of_hashed(Idents *d, const char *s, Py_ssize_t n, uint64_t h);

static const uint32_t *counts_of(Idents *d, const char *s, Py_ssize_t n) { return counts_of_hashed(d, s, n, hash_name(s, n)); }

/* counts_of, given the name's hash_name. */
static const uint32_t *counts_of_hashed(Idents *d, const char *s, Py_ssize_t n, uint64_t h) {
    Slot *slot = probe(d->slots, d->capacity, s, n, h);
    if (slot->name) return slot->counts;
    uint32_t counts[FIELDS];
    if (d->keywords != NULL && n <= 0x7fffffffL) {
        if (ascii_stats(d, s, n, counts) < 0) return NULL;
        return keep(d, s, n, h, counts);
    }
    PyObject *name = PyUnicode_FromStringAndSize(s, n);
    if (!name) return NULL;
    PyObject *got = PyObject_CallOneArg(d->stats, name);
    Py_DECREF(name);
    if (!got) return NULL;
    PyObject *seq = PySequence_Fast(got, "stats must give a sequence");
    Py_DECREF(got);
    if (!seq) return NULL;
    if (PySequence_Fast_GET_SIZE(seq) != FIELDS) {
        Py_DECREF(seq);
        PyErr_SetString(PyExc_ValueError, "stats must give six counts");
        return NULL;
    }
    for (int k = 0; k < FIELDS; k++) {
        long v = PyLong_AsLong(PySequence_Fast_GET_ITEM(seq, k)); /* (bools are ints) */
        if (v == -1 && PyErr_Occurred()) {
            Py_DECREF(seq);
            return NULL;
        }
        if (v < 0 || v > 0x7fffffffL) {
            Py_DECREF(seq);
            PyErr_SetString(PyExc_ValueError, "a count out of range");
            return NULL;
        }
        counts[k] = (uint32_t)v;
    }
    Py_DECREF(seq);
    if (!counts[0]) memset(counts, 0, sizeof counts); /* a keyword counts nothing (_PackedIdents: 0) */
    return keep(d, s, n, h, counts);
}

/* A name's counts kept in the table (once): the kept counts, NULL on error. */
static const uint32_t *keep(Idents *d, const char *s, Py_ssize_t n, uint64_t h, const uint32_t *counts) {
    /* A stats call may have run Python code (which may have used this table): look again. */
    Slot *slot = probe(d->slots, d->capacity, s, n, h);
    if (slot->name) return slot->counts;
    if (d->used >= MAX_NAMES) {
        if (reset(d, 1024) < 0) return NULL;
    } else if ((d->used + 1) * 2 > d->capacity) {
        if (grow(d) < 0) return NULL;
    }
    slot = probe(d->slots, d->capacity, s, n, h);
    slot->name = PyMem_Malloc(n ? n : 1);
    if (!slot->name) {
        PyErr_NoMemory();
        return NULL;
    }
    memcpy(slot->name, s, n);
    slot->len = n;
    slot->hash = h;
    memcpy(slot->counts, counts, FIELDS * sizeof *counts);
    d->used++;
    return slot->counts;
}

static int word_start(Py_UCS4 c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
static int word_char(Py_UCS4 c) { return word_start(c) || (c >= '0' && c <= '9'); }

static PyObject *Idents_prefix(Idents *d, PyObject *lines) {
    if (!d->slots) {
        PyErr_SetString(PyExc_RuntimeError, "Idents not initialised");
        return NULL;
    }
    if (!PyList_Check(lines)) {
        PyErr_SetString(PyExc_TypeError, "code_lines must be a list");
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(lines);
    if (n >= PY_SSIZE_T_MAX / (Py_ssize_t)sizeof(uint64_t[FIELDS]) - 1) return PyErr_NoMemory();
    PyObject *out = PyBytes_FromStringAndSize(NULL, (n + 1) * (Py_ssize_t)sizeof(uint64_t[FIELDS]));
    if (!out) return NULL;
    uint64_t *rows = (uint64_t *)PyBytes_AS_STRING(out); /* (ours alone until returned) */
    uint64_t totals[FIELDS] = {0};
    memcpy(rows, totals, sizeof totals);
    char name[256];
    for (Py_ssize_t i = 0; i < n && i < PyList_GET_SIZE(lines); i++) {
        PyObject *line = PyList_GET_ITEM(lines, i);
        if (!PyUnicode_Check(line)) {
            PyErr_SetString(PyExc_TypeError, "code lines must be str");
            goto fail;
        }
        Py_INCREF(line); /* (a stats call may run Python code that changes the list) */
        const int kind = PyUnicode_KIND(line);
        const void *data = PyUnicode_DATA(line);
        const Py_ssize_t len = PyUnicode_GET_LENGTH(line);
        Py_ssize_t j = 0;
        if (kind == PyUnicode_1BYTE_KIND) { /* (read in place, hashed while scanned: most lines) */
            const unsigned char *p = data;
            while (j < len) {
                if (!word_start(p[j])) {
                    j++;
                    continue;
                }
                const Py_ssize_t start = j;
                uint64_t h = 1469598103934665603ULL; /* hash_name's FNV-1a */
                for (; j < len && word_char(p[j]); j++) {
                    h ^= p[j];
                    h *= 1099511628211ULL;
                }
                const uint32_t *c = counts_of_hashed(d, (const char *)p + start, j - start, h);
                if (!c) {
                    Py_DECREF(line);
                    goto fail;
                }
                for (int k = 0; k < FIELDS; k++) totals[k] += c[k];
            }
        }
        while (j < len) {
            if (!word_start(PyUnicode_READ(kind, data, j))) {
                j++;
                continue;
            }
            Py_ssize_t start = j;
            while (j < len && word_char(PyUnicode_READ(kind, data, j))) j++;
            Py_ssize_t w = j - start;
            char *buf = w <= (Py_ssize_t)sizeof name ? name : PyMem_Malloc(w);
            if (!buf) {
                Py_DECREF(line);
                PyErr_NoMemory();
                goto fail;
            }
            for (Py_ssize_t k = 0; k < w; k++) buf[k] = (char)PyUnicode_READ(kind, data, start + k);
            const uint32_t *c = counts_of(d, buf, w);
            if (buf != name) PyMem_Free(buf);
            if (!c) {
                Py_DECREF(line);
                goto fail;
            }
            for (int k = 0; k < FIELDS; k++) totals[k] += c[k];
        }
        Py_DECREF(line);
        memcpy(rows + (i + 1) * FIELDS, totals, sizeof totals);
    }
    if (n != PyList_GET_SIZE(lines)) { /* shortened during a call */
        PyErr_SetString(PyExc_RuntimeError, "code_lines changed during the call");
        goto fail;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

static int Idents_init(Idents *d, PyObject *args, PyObject *kwds) {
    PyObject *stats, *keywords = NULL;
    static char *kwlist[] = {"stats", "keywords", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O", kwlist, &stats, &keywords)) return -1;
    if (!PyCallable_Check(stats)) {
        PyErr_SetString(PyExc_TypeError, "stats must be callable");
        return -1;
    }
    if (keywords == Py_None) keywords = NULL;
    if (keywords != NULL && !PyAnySet_Check(keywords)) {
        PyErr_SetString(PyExc_TypeError, "keywords must be a set");
        return -1;
    }
    if (reset(d, 1024) < 0) return -1;
    Py_INCREF(stats);
    Py_XSETREF(d->stats, stats);
    Py_XINCREF(keywords);
    Py_XSETREF(d->keywords, keywords);
    return 0;
}

static void Idents_dealloc(Idents *d) {
    if (d->slots) {
        clear_slots(d->slots, d->capacity);
        PyMem_Free(d->slots);
    }
    Py_XDECREF(d->stats);
    Py_XDECREF(d->keywords);
    Py_TYPE(d)->tp_free((PyObject *)d);
}

/* One of a list of lines, read as text: its kind, data and length. */
typedef struct {
    int kind;
    const void *data;
    Py_ssize_t n;
} Line;

/* lines[i] as a Line; -1 with a TypeError when it is not a str. */
static int line_at(PyObject *lines, Py_ssize_t i, Line *line) {
    PyObject *s = PyList_GET_ITEM(lines, i);
    if (!PyUnicode_Check(s)) {
        PyErr_SetString(PyExc_TypeError, "lines must be str");
        return -1;
    }
    line->kind = PyUnicode_KIND(s);
    line->data = PyUnicode_DATA(s);
    line->n = PyUnicode_GET_LENGTH(s);
    return 0;
}

static PyObject *new_flag_list(Py_ssize_t n, int value) {
    PyObject *out = PyList_New(n);
    PyObject *v = value ? Py_True : Py_False;
    for (Py_ssize_t i = 0; out && i < n; i++) {
        Py_INCREF(v);
        PyList_SET_ITEM(out, i, v);
    }
    return out;
}

static void set_flag(PyObject *list, Py_ssize_t i, int value) {
    PyObject *v = value ? Py_True : Py_False;
    Py_INCREF(v);
    Py_SETREF(((PyListObject *)list)->ob_item[i], v); /* (PyList_SET_ITEM would leak the old one) */
}

/* line_facts(lines, python): style._line_facts, the tuple (blank, trailing, chars,
   long_lines, non_ascii, lead, indented, tabs, runs, body_blanks) of per-line lists, to
   the value (runs and body_blanks as long as the comprehensions make them). */
static PyObject *line_facts(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyList_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "line_facts(lines: list[str], python: bool)");
        return NULL;
    }
    PyObject *lines = args[0];
    const int python = PyObject_IsTrue(args[1]);
    if (python < 0) return NULL;
    const Py_ssize_t n = PyList_GET_SIZE(lines);
    enum { BLANK, TRAILING, CHARS, LONG, NON_ASCII, LEAD, INDENTED, TABS, RUNS, BODY_BLANKS, FACTS };
    PyObject *out[FACTS];
    for (int k = 0; k < FACTS; k++) out[k] = k == CHARS ? NULL : new_flag_list(k < RUNS ? n : 0, k == LEAD);
    out[CHARS] = PyList_New(n);
    for (int k = 0; k < FACTS; k++)
        if (!out[k]) goto fail;
    PyObject *zero = PyLong_FromLong(0);
    if (!zero) goto fail;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_INCREF(zero);
        PyList_SET_ITEM(out[CHARS], i, zero);
    }
    Py_DECREF(zero);
    for (Py_ssize_t i = 0; i < n; i++) {
        Line x;
        if (line_at(lines, i, &x) < 0) goto fail;
        if (x.n == 0) {
            set_flag(out[BLANK], i, 1);
            continue;
        }
        const Py_UCS4 first = PyUnicode_READ(x.kind, x.data, 0);
        Py_ssize_t end = x.n; /* rstrip: str.isspace's characters */
        while (end > 0 && Py_UNICODE_ISSPACE(PyUnicode_READ(x.kind, x.data, end - 1))) end--;
        if (end != x.n) set_flag(out[TRAILING], i, 1);
        const int lead = first == ' ' || first == '\t';
        if (!lead) set_flag(out[LEAD], i, 0);
        if (end == 0) {
            set_flag(out[BLANK], i, 1);
            continue;
        }
        PyObject *chars = PyLong_FromSsize_t(x.n);
        if (!chars) goto fail;
        Py_SETREF(((PyListObject *)out[CHARS])->ob_item[i], chars);
        if (x.n > 100) set_flag(out[LONG], i, 1);
        if (!PyUnicode_IS_ASCII(PyList_GET_ITEM(lines, i))) set_flag(out[NON_ASCII], i, 1);
        if (lead) {
            set_flag(out[INDENTED], i, 1);
            if (first == '\t') set_flag(out[TABS], i, 1);
        }
    }
    { /* runs: [False] * skip, then blank[i - skip .. i] all blank; body_blanks: [False],
         blank[j] and lead[j - 1] and lead[j + 1] and not blank[j + 1] for j in 1..n-2,
         [False] */
        PyObject **blank = ((PyListObject *)out[BLANK])->ob_item, **lead = ((PyListObject *)out[LEAD])->ob_item;
        const Py_ssize_t skip = python ? 2 : 1;
        for (Py_ssize_t i = 0; i < (n > skip ? n : skip); i++) {
            int v = i >= skip && blank[i] == Py_True && blank[i - 1] == Py_True && (!python || blank[i - 2] == Py_True);
            if (PyList_Append(out[RUNS], v ? Py_True : Py_False) < 0) goto fail;
        }
        for (Py_ssize_t j = 0; j < (n > 2 ? n : 2); j++) {
            int v = j >= 1 && j + 1 < n && blank[j] == Py_True && lead[j - 1] == Py_True && lead[j + 1] == Py_True &&
                    blank[j + 1] != Py_True;
            if (PyList_Append(out[BODY_BLANKS], v ? Py_True : Py_False) < 0) goto fail;
        }
    }
    PyObject *tuple = PyTuple_New(FACTS);
    if (!tuple) goto fail;
    for (int k = 0; k < FACTS; k++) PyTuple_SET_ITEM(tuple, k, out[k]);
    return tuple;
fail:
    for (int k = 0; k < FACTS; k++) Py_XDECREF(out[k]);
    return NULL;
}

/* line_starts(lines): where each line starts in "\n".join(lines), and where one more
   would: list(accumulate((len(x) + 1 for x in lines), initial=0)). */
static PyObject *line_starts(PyObject *module, PyObject *lines) {
    if (!PyList_Check(lines)) {
        PyErr_SetString(PyExc_TypeError, "lines must be a list");
        return NULL;
    }
    const Py_ssize_t n = PyList_GET_SIZE(lines);
    PyObject *out = PyList_New(n + 1);
    Py_ssize_t at = 0;
    for (Py_ssize_t i = 0; out && i <= n; i++) {
        PyObject *v = PyLong_FromSsize_t(at);
        if (!v) {
            Py_CLEAR(out);
            break;
        }
        PyList_SET_ITEM(out, i, v);
        if (i == n) break;
        Line x;
        if (line_at(lines, i, &x) < 0) Py_CLEAR(out);
        else at += x.n + 1;
    }
    return out;
}

/* char_prefix(lines, chars): for each of the (at most 8) characters of `chars`, how
   many of it the lines before each line hold, from 0: a tuple of len(lines) + 1 running
   counts each (a run's count is then one subtraction, not a count over its text). */
static PyObject *char_prefix(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyList_Check(args[0]) || !PyUnicode_Check(args[1]) || PyUnicode_GET_LENGTH(args[1]) > 8) {
        PyErr_SetString(PyExc_TypeError, "char_prefix(lines: list[str], chars: str of at most 8)");
        return NULL;
    }
    PyObject *lines = args[0], *chars = args[1];
    const Py_ssize_t n = PyList_GET_SIZE(lines), m = PyUnicode_GET_LENGTH(chars);
    Py_UCS4 want[8];
    for (Py_ssize_t k = 0; k < m; k++) want[k] = PyUnicode_READ_CHAR(chars, k);
    PyObject *out = PyTuple_New(m);
    if (!out) return NULL;
    for (Py_ssize_t k = 0; k < m; k++) {
        PyObject *list = PyList_New(n + 1);
        if (!list) goto fail;
        PyTuple_SET_ITEM(out, k, list);
    }
    Py_ssize_t totals[8] = {0};
    for (Py_ssize_t i = 0; i <= n; i++) {
        for (Py_ssize_t k = 0; k < m; k++) {
            PyObject *v = PyLong_FromSsize_t(totals[k]);
            if (!v) goto fail;
            PyList_SET_ITEM(PyTuple_GET_ITEM(out, k), i, v);
        }
        if (i == n) break;
        Line x;
        if (line_at(lines, i, &x) < 0) goto fail;
        for (Py_ssize_t k = 0; k < m; k++) {
            if (x.kind == PyUnicode_1BYTE_KIND && want[k] < 256) { /* (memchr from one to the next: they are rare) */
                const char *at = x.data, *end = at + x.n;
                while (at < end && (at = memchr(at, (int)want[k], (size_t)(end - at))) != NULL) {
                    totals[k]++;
                    at++;
                }
            } else {
                for (Py_ssize_t j = 0; j < x.n; j++) totals[k] += PyUnicode_READ(x.kind, x.data, j) == want[k];
            }
        }
    }
    return out;
fail:
    Py_DECREF(out); /* (unset items are NULL, which the lists' and the tuple's dealloc skip) */
    return NULL;
}

/* word_counts(texts): len(x.split()) of each: its runs of what str.isspace does not
   find. */
static PyObject *word_counts(PyObject *module, PyObject *texts) {
    if (!PyList_Check(texts)) {
        PyErr_SetString(PyExc_TypeError, "texts must be a list");
        return NULL;
    }
    const Py_ssize_t n = PyList_GET_SIZE(texts);
    PyObject *out = PyList_New(n);
    for (Py_ssize_t i = 0; out && i < n; i++) {
        Line x;
        if (line_at(texts, i, &x) < 0) {
            Py_CLEAR(out);
            break;
        }
        Py_ssize_t words = 0;
        int in_word = 0;
        for (Py_ssize_t j = 0; j < x.n; j++) {
            const int space = Py_UNICODE_ISSPACE(PyUnicode_READ(x.kind, x.data, j));
            words += !space && !in_word;
            in_word = !space;
        }
        PyObject *v = PyLong_FromSsize_t(words);
        if (!v) {
            Py_CLEAR(out);
            break;
        }
        PyList_SET_ITEM(out, i, v);
    }
    return out;
}

/* A span [a, b) of a line, narrowed. */
static int is_any(Py_UCS4 c, const char *set) { return c < 128 && c && strchr(set, (int)c) != NULL; }

static void strip_space(const Line *x, Py_ssize_t *a, Py_ssize_t *b) {
    while (*a < *b && Py_UNICODE_ISSPACE(PyUnicode_READ(x->kind, x->data, *a))) (*a)++;
    while (*b > *a && Py_UNICODE_ISSPACE(PyUnicode_READ(x->kind, x->data, *b - 1))) (*b)--;
}

static void lstrip_chars(const Line *x, Py_ssize_t *a, Py_ssize_t b, const char *set) {
    while (*a < b && is_any(PyUnicode_READ(x->kind, x->data, *a), set)) (*a)++;
}

/* The first "*" "/" in [a, b), or -1. */
static Py_ssize_t find_close(const Line *x, Py_ssize_t a, Py_ssize_t b) {
    for (Py_ssize_t i = a; i + 1 < b; i++)
        if (PyUnicode_READ(x->kind, x->data, i) == '*' && PyUnicode_READ(x->kind, x->data, i + 1) == '/') return i;
    return -1;
}

static int append_index(PyObject *list, Py_ssize_t i) {
    PyObject *v = PyLong_FromSsize_t(i);
    if (!v) return -1;
    int rc = PyList_Append(list, v);
    Py_DECREF(v);
    return rc;
}

/* line_kinds(lines, hash_comments, docstrings): style._line_kinds, with hash_comments
   whether the family's comments are "#" ones (style._HASH_COMMENT) and docstrings a
   set of line indexes: (comment_at, comments, code_at, going_on) to the value. */
static PyObject *line_kinds(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3 || !PyList_Check(args[0]) || !PyAnySet_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "line_kinds(lines: list[str], hash_comments: bool, docstrings: set[int])");
        return NULL;
    }
    PyObject *lines = args[0];
    const int hash = PyObject_IsTrue(args[1]);
    if (hash < 0) return NULL;
    const Py_ssize_t n = PyList_GET_SIZE(lines);
    PyObject *comment_at = PyList_New(0), *comments = PyList_New(0), *code_at = PyList_New(0);
    PyObject *going_on = PySet_New(NULL), *result = NULL;
    unsigned char *doc = PyMem_Calloc((size_t)(n ? n : 1), 1);
    if (!comment_at || !comments || !code_at || !going_on || !doc) {
        if (!PyErr_Occurred()) PyErr_NoMemory();
        goto done;
    }
    { /* the docstring lines as a mask (one lookup per line of a set of ints cost more) */
        PyObject *it = PyObject_GetIter(args[2]), *item;
        if (!it) goto done;
        while ((item = PyIter_Next(it)) != NULL) {
            Py_ssize_t i = PyLong_Check(item) ? PyLong_AsSsize_t(item) : -1;
            Py_DECREF(item);
            if (i == -1 && PyErr_Occurred()) PyErr_Clear(); /* (an int too large: no line) */
            if (i >= 0 && i < n) doc[i] = 1;
        }
        Py_DECREF(it);
        if (PyErr_Occurred()) goto done;
    }
    int in_block = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Line x;
        if (line_at(lines, i, &x) < 0) goto done;
        if (in_block) {
            PyObject *v = PyLong_FromSsize_t(i);
            int rc = v ? PySet_Add(going_on, v) : -1;
            Py_XDECREF(v);
            if (rc < 0) goto done;
        }
        Py_ssize_t a = 0, b = x.n;
        strip_space(&x, &a, &b);
        if (a == b) continue;
        Py_ssize_t ta, tb; /* the comment's text, if a comment */
        int comment = 1;
        const Py_UCS4 c0 = PyUnicode_READ(x.kind, x.data, a), c1 = b - a > 1 ? PyUnicode_READ(x.kind, x.data, a + 1) : 0;
        if (doc[i]) { /* stripped.strip("\"'rRbBuU ").strip() */
            ta = a, tb = b;
            lstrip_chars(&x, &ta, tb, "\"'rRbBuU ");
            while (tb > ta && is_any(PyUnicode_READ(x.kind, x.data, tb - 1), "\"'rRbBuU ")) tb--;
        } else if (in_block) { /* stripped.split("*" "/")[0].lstrip("*").strip() */
            Py_ssize_t close = find_close(&x, a, b);
            ta = a, tb = close < 0 ? b : close;
            lstrip_chars(&x, &ta, tb, "*");
            in_block = close < 0;
        } else if (hash) { /* "#" but not "#!": stripped.lstrip("#").strip() */
            comment = c0 == '#' && c1 != '!';
            ta = a, tb = b;
            lstrip_chars(&x, &ta, tb, "#");
        } else if (c0 == '/' && c1 == '/') { /* stripped.lstrip("/").lstrip("!").strip() */
            ta = a, tb = b;
            lstrip_chars(&x, &ta, tb, "/");
            lstrip_chars(&x, &ta, tb, "!");
        } else if (c0 == '/' && c1 == '*') { /* stripped[2:].lstrip("*").split("*" "/")[0].strip() */
            ta = a + 2, tb = b;
            in_block = find_close(&x, ta, tb) < 0;
            lstrip_chars(&x, &ta, tb, "*");
            Py_ssize_t close = find_close(&x, ta, tb);
            if (close >= 0) tb = close;
        } else {
            comment = 0;
        }
        if (!comment) {
            if (append_index(code_at, i) < 0) goto done;
            continue;
        }
        strip_space(&x, &ta, &tb);
        PyObject *text = PyUnicode_Substring(PyList_GET_ITEM(lines, i), ta, tb);
        if (!text) goto done;
        int rc = PyList_Append(comments, text);
        Py_DECREF(text);
        if (rc < 0 || append_index(comment_at, i) < 0) goto done;
    }
    result = PyTuple_Pack(4, comment_at, comments, code_at, going_on);
done:
    Py_XDECREF(comment_at);
    Py_XDECREF(comments);
    Py_XDECREF(code_at);
    Py_XDECREF(going_on);
    PyMem_Free(doc);
    return result;
}

/* odd_indented(lines): the indexes of the lines _ODD_INDENT finds (a match at the line
   break before each):  \n (?:[ \t][ \t])*(?![ \t])[^\S\n]*[^\s*]  that is, a line
   that starts with a space, whose leading run of spaces and tabs is odd, and whose first
   character that is not whitespace (str.isspace) is not '*'. (Lines hold no line break.) */
static PyObject *odd_indented(PyObject *module, PyObject *lines) {
    if (!PyList_Check(lines)) {
        PyErr_SetString(PyExc_TypeError, "lines must be a list");
        return NULL;
    }
    PyObject *out = PyList_New(0);
    if (!out) return NULL;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(lines); i++) {
        Line line;
        if (line_at(lines, i, &line) < 0) {
            Py_DECREF(out);
            return NULL;
        }
        const int kind = line.kind;
        const void *data = line.data;
        const Py_ssize_t n = line.n;
        if (n == 0 || PyUnicode_READ(kind, data, 0) != ' ') continue;
        Py_ssize_t lead = 0;
        while (lead < n) {
            Py_UCS4 c = PyUnicode_READ(kind, data, lead);
            if (c != ' ' && c != '\t') break;
            lead++;
        }
        if (lead % 2 == 0) continue;
        Py_ssize_t j = lead;
        while (j < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j))) j++;
        if (j >= n || PyUnicode_READ(kind, data, j) == '*') continue;
        PyObject *index = PyLong_FromSsize_t(i);
        if (!index || PyList_Append(out, index) < 0) {
            Py_XDECREF(index);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(index);
    }
    return out;
}

typedef struct {
    Py_ssize_t *v;
    Py_ssize_t n, cap;
} Starts;

static int add_start(Starts *s, Py_ssize_t at) {
    if (s->n == s->cap) {
        Py_ssize_t cap = s->cap ? 2 * s->cap : 256;
        Py_ssize_t *v = PyMem_Realloc(s->v, (size_t)cap * sizeof(Py_ssize_t));
        if (!v) return -1;
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = at;
    return 0;
}

static int by_position(const void *a, const void *b) {
    Py_ssize_t x = *(const Py_ssize_t *)a, y = *(const Py_ssize_t *)b;
    return (x > y) - (x < y);
}

/* Characters from the most to the least frequent in code, roughly: the search goes from
   one of the word's rarest to the next (a guess that moves only the speed). */
static const char FREQUENT[] = " etaoinsrlcdhpumfgyb_.(),=:'\"[]wkvx0123456789"
                               "ABCDEFGHIJKLMNOPQRSTUVWXYZjqz-+*/#!|<>{}&%$@^~`?;\\";

static Py_ssize_t rarest(const char *w, Py_ssize_t m) {
    Py_ssize_t best = 0, best_rank = -1;
    for (Py_ssize_t i = 0; i < m; i++) {
        const char *at = w[i] ? strchr(FREQUENT, w[i]) : NULL;
        Py_ssize_t rank = at ? at - FREQUENT : (Py_ssize_t)sizeof(FREQUENT);
        if (rank > best_rank) best = i, best_rank = rank;
    }
    return best;
}

/* Every start of the m bytes w in the n bytes t (overlapping ones too) added to `out`:
   memchr to each of the word's rarest character, then the word compared (glibc's memmem
   sets its search up on every call: three times slower here, where words recur). */
static int add_byte_occurrences(Starts *out, const char *t, Py_ssize_t n, const char *w, Py_ssize_t m) {
    if (m == 0 || m > n) return 0;
    const Py_ssize_t k = rarest(w, m);
    const char *at = t + k, *last = t + (n - m) + k;
    while (at <= last && (at = memchr(at, w[k], (size_t)(last - at + 1))) != NULL) {
        const char *s = at - k; /* (both ends first: most hits differ there, and a call costs more) */
        if (s[0] == w[0] && s[m - 1] == w[m - 1] && (m <= 2 || memcmp(s + 1, w + 1, (size_t)(m - 2)) == 0) &&
            add_start(out, s - t) < 0)
            return -1;
        at++;
    }
    return 0;
}

/* Every start of `word` in `text`, character by character (a word that is not ASCII in
   a text that is not 1-byte: no caller's). */
static int add_occurrences(Starts *out, PyObject *text, PyObject *word) {
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text), m = PyUnicode_GET_LENGTH(word);
    if (m == 0 || m > n) return 0;
    const int kind = PyUnicode_KIND(text), wkind = PyUnicode_KIND(word);
    const void *data = PyUnicode_DATA(text), *wdata = PyUnicode_DATA(word);
    if (wkind > kind) return 0; /* (the word holds a character the text cannot) */
    const Py_UCS4 first = PyUnicode_READ(wkind, wdata, 0);
    for (Py_ssize_t i = 0; i + m <= n; i++) {
        if (PyUnicode_READ(kind, data, i) != first) continue;
        Py_ssize_t k = 1;
        while (k < m && PyUnicode_READ(kind, data, i + k) == PyUnicode_READ(wkind, wdata, k)) k++;
        if (k == m && add_start(out, i) < 0) return -1;
    }
    return 0;
}

/* A text that is not 1-byte as one byte per character, its ASCII kept and every other
   character 0x80 (which no ASCII word holds): the ASCII words' starts read there are
   theirs in the text, found by memchr (a character at a time, per word, cost 8% of the
   analysis on the standard library, where a few files hold one character past U+00FF). */
static char *ascii_projection(PyObject *text) {
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    char *out = PyMem_Malloc((size_t)(n ? n : 1));
    if (!out) return NULL;
    if (kind == PyUnicode_2BYTE_KIND) {
        const Py_UCS2 *c = data;
        for (Py_ssize_t i = 0; i < n; i++) out[i] = c[i] < 0x80 ? (char)c[i] : (char)0x80;
    } else {
        const Py_UCS4 *c = data;
        for (Py_ssize_t i = 0; i < n; i++) out[i] = c[i] < 0x80 ? (char)c[i] : (char)0x80;
    }
    return out;
}

/* Every start of any of `words` in `text`, sorted, each once, into *found; *projected:
   the text's ASCII projection where one was made (the caller frees both). -1 with an
   error set. */
static int find_all(PyObject *text, PyObject *words, Starts *found, char **projected) {
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const int one_byte = PyUnicode_KIND(text) == PyUnicode_1BYTE_KIND;
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(words); k++) {
        PyObject *word = PyTuple_GET_ITEM(words, k);
        if (!PyUnicode_Check(word)) {
            PyErr_SetString(PyExc_TypeError, "words must be str");
            return -1;
        }
        const char *w = PyUnicode_KIND(word) == PyUnicode_1BYTE_KIND ? PyUnicode_DATA(word) : NULL;
        const Py_ssize_t m = PyUnicode_GET_LENGTH(word);
        int failed;
        if (w && one_byte)
            failed = add_byte_occurrences(found, PyUnicode_DATA(text), n, w, m);
        else if (w && PyUnicode_IS_ASCII(word) && (*projected || (*projected = ascii_projection(text))))
            failed = add_byte_occurrences(found, *projected, n, w, m);
        else if (w && PyUnicode_IS_ASCII(word))
            failed = -1; /* (the projection could not be allocated) */
        else
            failed = add_occurrences(found, text, word);
        if (failed < 0) {
            PyErr_NoMemory();
            return -1;
        }
    }
    if (found->n > 1) qsort(found->v, (size_t)found->n, sizeof(Py_ssize_t), by_position);
    Py_ssize_t unique = 0;
    for (Py_ssize_t i = 0; i < found->n; i++)
        if (i == 0 || found->v[i] != found->v[i - 1]) found->v[unique++] = found->v[i];
    found->n = unique;
    return 0;
}

static PyObject *int_list(const Py_ssize_t *v, Py_ssize_t n) {
    PyObject *out = PyList_New(n);
    for (Py_ssize_t i = 0; out && i < n; i++) {
        PyObject *x = PyLong_FromSsize_t(v[i]);
        if (!x) {
            Py_CLEAR(out);
            break;
        }
        PyList_SET_ITEM(out, i, x);
    }
    return out;
}

static PyObject *finds(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyTuple_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "finds(text: str, words: tuple[str, ...])");
        return NULL;
    }
    Starts found = {NULL, 0, 0};
    char *projected = NULL;
    PyObject *out = find_all(args[0], args[1], &found, &projected) < 0 ? NULL : int_list(found.v, found.n);
    PyMem_Free(found.v);
    PyMem_Free(projected);
    return out;
}

/* lines_holding(text, words): the lines (text split at "\n", from 0) where any of the
   words starts, in order, each once: style._lines_holding for a LineText's joined text
   (its line breaks are "\n" alone), without a list of every start nor a search per
   start. */
static PyObject *lines_holding(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyTuple_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "lines_holding(text: str, words: tuple[str, ...])");
        return NULL;
    }
    PyObject *text = args[0];
    Starts found = {NULL, 0, 0};
    char *projected = NULL;
    PyObject *out = NULL;
    if (find_all(text, args[1], &found, &projected) < 0) goto done;
    if (found.n && PyUnicode_KIND(text) != PyUnicode_1BYTE_KIND && !projected &&
        !(projected = ascii_projection(text))) {
        PyErr_NoMemory();
        goto done;
    }
    const char *t = projected ? projected : (const char *)PyUnicode_DATA(text);
    Py_ssize_t line = 0, pos = 0, kept = 0;
    for (Py_ssize_t i = 0; i < found.n; i++) { /* (found.v reused for the lines: kept <= i) */
        const Py_ssize_t at = found.v[i];
        const char *nl;
        while ((nl = memchr(t + pos, '\n', (size_t)(at - pos))) != NULL) {
            line++;
            pos = nl - t + 1;
        }
        pos = at;
        if (kept == 0 || found.v[kept - 1] != line) found.v[kept++] = line;
    }
    out = int_list(found.v, kept);
done:
    PyMem_Free(found.v);
    PyMem_Free(projected);
    return out;
}

/* Each 1-byte character's class as the regex engine reads it (\w, \s, or neither),
   filled at import from Py_UNICODE_ISALNUM and Py_UNICODE_ISSPACE. */
enum { SPACE = 0, WORD = 1, PUNCT = 2 };
static unsigned char CLASS[256];

static void fill_classes(void) {
    for (Py_UCS4 ch = 0; ch < 256; ch++)
        CLASS[ch] = (ch == '_' || Py_UNICODE_ISALNUM(ch)) ? WORD : Py_UNICODE_ISSPACE(ch) ? SPACE : PUNCT;
}

/* line_tokens(lines): the tokens (style.token_count's: each run of word characters, \w,
   and each character neither a word character nor whitespace, \s, as the regex engine
   classes them) of the lines before each line, from 0: len(lines) + 1 running sums.
   A line break is whitespace, so each line counts alone. */
static PyObject *line_tokens(PyObject *module, PyObject *lines) {
    if (!PyList_Check(lines)) {
        PyErr_SetString(PyExc_TypeError, "lines must be a list");
        return NULL;
    }
    const Py_ssize_t n = PyList_GET_SIZE(lines);
    PyObject *out = PyList_New(n + 1);
    if (!out) return NULL;
    Py_ssize_t total = 0;
    for (Py_ssize_t i = 0; i <= n; i++) {
        PyObject *sum = PyLong_FromSsize_t(total);
        if (!sum) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, i, sum);
        if (i == n) break;
        Line line;
        if (line_at(lines, i, &line) < 0) {
            Py_DECREF(out);
            return NULL;
        }
        const int kind = line.kind;
        const void *data = line.data;
        const Py_ssize_t len = line.n;
        int in_word = 0;
        if (kind == PyUnicode_1BYTE_KIND) {
            const unsigned char *c = data;
            for (Py_ssize_t j = 0; j < len; j++) {
                const unsigned char cls = CLASS[c[j]];
                total += cls == PUNCT || (cls == WORD && !in_word);
                in_word = cls == WORD;
            }
        } else {
            for (Py_ssize_t j = 0; j < len; j++) {
                Py_UCS4 ch = PyUnicode_READ(kind, data, j);
                if (ch == '_' || Py_UNICODE_ISALNUM(ch)) {
                    total += !in_word;
                    in_word = 1;
                } else {
                    in_word = 0;
                    total += !Py_UNICODE_ISSPACE(ch);
                }
            }
        }
    }
    return out;
}

/* sums(lists, start, stop): (sum(x[start:stop]) for x in lists) as a tuple, slices read
   as Python reads them (a negative index counts from the end), each list of ints or
   bools. FileStyle.counts' many sums of runs of per-line facts in one call. */
static PyObject *sums(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3 || !PyTuple_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "sums(lists: tuple, start: int, stop: int)");
        return NULL;
    }
    const Py_ssize_t start = PyLong_AsSsize_t(args[1]), stop = PyLong_AsSsize_t(args[2]);
    if ((start == -1 || stop == -1) && PyErr_Occurred()) return NULL;
    const Py_ssize_t n = PyTuple_GET_SIZE(args[0]);
    PyObject *out = PyTuple_New(n);
    if (out == NULL) return NULL;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *list = PyTuple_GET_ITEM(args[0], k);
        if (!PyList_Check(list)) {
            PyErr_SetString(PyExc_TypeError, "sums: lists must hold lists");
            goto fail;
        }
        Py_ssize_t a = start, b = stop, total = 0;
        PySlice_AdjustIndices(PyList_GET_SIZE(list), &a, &b, 1);
        for (Py_ssize_t i = a; i < b; i++) {
            PyObject *x = PyList_GET_ITEM(list, i);
            if (x == Py_True) {
                total++;
            } else if (x != Py_False) {
                const Py_ssize_t v = PyLong_AsSsize_t(x);
                if (v == -1 && PyErr_Occurred()) goto fail;
                total += v;
            }
        }
        PyObject *v = PyLong_FromSsize_t(total);
        if (v == NULL) goto fail;
        PyTuple_SET_ITEM(out, k, v);
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

static PyMethodDef module_methods[] = {
    {"sums", (PyCFunction)(void (*)(void))sums, METH_FASTCALL, "The sum of each list's slice [start:stop], as a tuple."},
    {"line_tokens", line_tokens, METH_O, "Running token counts of the lines, one per line, from 0."},
    {"odd_indented", odd_indented, METH_O, "The lines _ODD_INDENT finds, by index."},
    {"line_facts", (PyCFunction)(void (*)(void))line_facts, METH_FASTCALL,
     "style._line_facts: per-line lists of simple facts."},
    {"line_starts", line_starts, METH_O, "Where each line starts in the lines joined by \"\\n\", and one more."},
    {"word_counts", word_counts, METH_O, "len(x.split()) of each text."},
    {"char_prefix", (PyCFunction)(void (*)(void))char_prefix, METH_FASTCALL,
     "Running counts of each of the characters over the lines, from 0."},
    {"line_kinds", (PyCFunction)(void (*)(void))line_kinds, METH_FASTCALL,
     "style._line_kinds: comment lines and their text, code lines, lines a block comment goes on into."},
    {"finds", (PyCFunction)(void (*)(void))finds, METH_FASTCALL, "Every start of any of the words in the text, sorted, once."},
    {"lines_holding", (PyCFunction)(void (*)(void))lines_holding, METH_FASTCALL,
     "The lines (split at \"\\n\") where any of the words starts, in order, once."},
    {NULL, NULL, 0, NULL},
};

static PyMethodDef Idents_methods[] = {
    {"prefix", (PyCFunction)Idents_prefix, METH_O, "Running identifier counts, a row of six uint64 per code line, from 0, as bytes."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject IdentsType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "provmark.core._stylec.Idents",
    .tp_basicsize = sizeof(Idents),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "FileStyle's identifier counts per line in C: Idents(stats).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Idents_init,
    .tp_dealloc = (destructor)Idents_dealloc,
    .tp_methods = Idents_methods,
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    "_stylec",
    "core/style.py's per-line facts in C (optional; built by scripts/compile.sh).",
    -1,
    module_methods,
};

PyMODINIT_FUNC PyInit__stylec(void) {
    fill_classes();
    if (PyType_Ready(&IdentsType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (!m) return NULL;
    Py_INCREF(&IdentsType);
    if (PyModule_AddObject(m, "Idents", (PyObject *)&IdentsType) < 0) {
        Py_DECREF(&IdentsType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
