/* The boosted trees of core/forest.py walked in C: Walker(trees, features, fsum).

   Walker.logit(feats) is Forest.logit's sum: each feature read from the dict (NaN
   where missing), each tree walked by Tree.value's rules, and the leaves summed by the
   given fsum (math.fsum) in tree order, so the float is the same to the bit (for
   math.fsum and leaves whose bits span little, as one wide integer rounded once:
   prepare_exact). The leaves are the trees' own float objects; nothing is rounded on
   the way.

   Optional: scripts/compile.sh builds it, and forest.py walks the trees itself when it
   is absent. The constructor checks what from_json checks (indices in range, children
   after their split), so a walk always ends. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <limits.h>
#include <math.h>

enum { NONE = 0, ZERO = 1, NAN_KIND = 2 };
static const double ZERO_BAND = 1e-35; /* LightGBM's kZeroThreshold */

typedef struct {
    Py_ssize_t first; /* index of its first split in the split arrays */
    Py_ssize_t splits;
    Py_ssize_t leaf0; /* index of its first leaf in the leaf array */
} TreeSpan;

typedef struct {
    PyObject_HEAD
    Py_ssize_t n_trees, n_features;
    TreeSpan *trees;
    int *feature, *missing, *default_left, *left, *right;
    double *threshold;
    PyObject **leaf; /* the trees' own float objects */
    Py_ssize_t n_leaves;
    PyObject *names; /* tuple of str */
    PyObject *fsum;
#ifdef __SIZEOF_INT128__
    __int128 *fixed; /* each leaf times 2**-low, an integer: see prepare_exact */
#endif
    int low;   /* the exponent of the lowest bit any leaf sets */
    int exact; /* the sums are read from `fixed` */
} Walker;

#ifdef __SIZEOF_INT128__
/* math.fsum gives the sum of its floats correctly rounded (half to even). Where every
   leaf is a finite float whose bits, from the highest any leaf sets to the lowest, span
   few enough places that any sum of one leaf per tree fits in 126 bits, that sum is
   exact as an integer count of 2**low, and one conversion to double rounds it correctly:
   the same float, without a list and fsum's partials per call (its leaves span 69 bits
   in the shipped model). Kept to results that are normal and far from overflow, so the
   scaling back is exact; elsewhere fsum sums the list. */
static void prepare_exact(Walker *w) {
    w->exact = 0;
    PyObject *math = PyImport_ImportModule("math");
    PyObject *fsum = math ? PyObject_GetAttrString(math, "fsum") : NULL;
    Py_XDECREF(math);
    const int is_fsum = fsum != NULL && fsum == w->fsum;
    Py_XDECREF(fsum);
    PyErr_Clear();
    if (!is_fsum || w->n_leaves == 0) return;
    int low = INT_MAX, high = INT_MIN;
    for (Py_ssize_t i = 0; i < w->n_leaves; i++) {
        if (!PyFloat_CheckExact(w->leaf[i])) return;
        const double v = PyFloat_AS_DOUBLE(w->leaf[i]);
        if (!isfinite(v)) return;
        if (v == 0.0) {
            if (signbit(v)) return; /* (-0.0: fsum keeps the sign of an all-zero sum) */
            continue;
        }
        int e;
        const double m = frexp(v, &e);                          /* |m| in [0.5, 1) */
        unsigned long long bits = (unsigned long long)fabs(ldexp(m, 53)); /* exact */
        int lowest = e - 53;
        while (!(bits & 1)) bits >>= 1, lowest++;
        if (lowest < low) low = lowest;
        if (e > high) high = e;
    }
    if (low == INT_MAX) low = high = 0; /* (every leaf +0.0) */
    int tree_bits = 0;
    while (((Py_ssize_t)1 << tree_bits) <= w->n_trees) tree_bits++;
    if (high - low + tree_bits > 125 || low < -960 || high > 960) return;
    w->fixed = PyMem_Calloc((size_t)w->n_leaves, sizeof(__int128));
    if (!w->fixed) return; /* (fsum then: slower, the same) */
    for (Py_ssize_t i = 0; i < w->n_leaves; i++) w->fixed[i] = (__int128)ldexp(PyFloat_AS_DOUBLE(w->leaf[i]), -low);
    w->low = low;
    w->exact = 1;
}
#endif

static void free_arrays(Walker *w) {
    if (w->leaf) {
        for (Py_ssize_t i = 0; i < w->n_leaves; i++) Py_XDECREF(w->leaf[i]);
    }
    PyMem_Free(w->trees);
    PyMem_Free(w->feature);
    PyMem_Free(w->missing);
    PyMem_Free(w->default_left);
    PyMem_Free(w->left);
    PyMem_Free(w->right);
    PyMem_Free(w->threshold);
    PyMem_Free(w->leaf);
#ifdef __SIZEOF_INT128__
    PyMem_Free(w->fixed);
    w->fixed = NULL;
#endif
    w->exact = 0;
    w->trees = NULL;
    w->feature = w->missing = w->default_left = w->left = w->right = NULL;
    w->threshold = NULL;
    w->leaf = NULL;
    w->n_trees = w->n_leaves = 0;
    Py_CLEAR(w->names);
    Py_CLEAR(w->fsum);
}

/* A tuple attribute of a tree (a new reference), or NULL with an exception set. */
static PyObject *column(PyObject *tree, const char *name) {
    PyObject *v = PyObject_GetAttrString(tree, name);
    if (v && !PyTuple_Check(v)) {
        PyErr_Format(PyExc_TypeError, "a tree's %s must be a tuple", name);
        Py_CLEAR(v);
    }
    return v;
}

static int long_at(PyObject *tuple, Py_ssize_t i, long *out) {
    *out = PyLong_AsLong(PyTuple_GET_ITEM(tuple, i));
    return (*out == -1 && PyErr_Occurred()) ? -1 : 0;
}

static int Walker_init(Walker *w, PyObject *args, PyObject *kwds) {
    PyObject *trees, *names, *fsum;
    static char *kwlist[] = {"trees", "features", "fsum", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "OO!O", kwlist, &trees, &PyTuple_Type, &names, &fsum)) return -1;
    if (!PyCallable_Check(fsum)) {
        PyErr_SetString(PyExc_TypeError, "fsum must be callable");
        return -1;
    }
    free_arrays(w);
    PyObject *seq = PySequence_Fast(trees, "trees must be a sequence");
    if (!seq) return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    Py_ssize_t n_features = PyTuple_GET_SIZE(names);
    for (Py_ssize_t i = 0; i < n_features; i++) {
        if (!PyUnicode_Check(PyTuple_GET_ITEM(names, i))) {
            PyErr_SetString(PyExc_TypeError, "feature names must be str");
            Py_DECREF(seq);
            return -1;
        }
    }
    /* First pass: sizes. */
    Py_ssize_t total_splits = 0, total_leaves = 0;
    for (Py_ssize_t t = 0; t < n; t++) {
        PyObject *f = column(PySequence_Fast_GET_ITEM(seq, t), "feature");
        PyObject *l = f ? column(PySequence_Fast_GET_ITEM(seq, t), "leaf") : NULL;
        if (!l) {
            Py_XDECREF(f);
            Py_DECREF(seq);
            return -1;
        }
        total_splits += PyTuple_GET_SIZE(f);
        total_leaves += PyTuple_GET_SIZE(l);
        Py_DECREF(f);
        Py_DECREF(l);
    }
    w->trees = PyMem_Calloc(n ? n : 1, sizeof(TreeSpan));
    w->feature = PyMem_Calloc(total_splits + 1, sizeof(int));
    w->missing = PyMem_Calloc(total_splits + 1, sizeof(int));
    w->default_left = PyMem_Calloc(total_splits + 1, sizeof(int));
    w->left = PyMem_Calloc(total_splits + 1, sizeof(int));
    w->right = PyMem_Calloc(total_splits + 1, sizeof(int));
    w->threshold = PyMem_Calloc(total_splits + 1, sizeof(double));
    w->leaf = PyMem_Calloc(total_leaves + 1, sizeof(PyObject *));
    if (!w->trees || !w->feature || !w->missing || !w->default_left || !w->left || !w->right || !w->threshold ||
        !w->leaf) {
        Py_DECREF(seq);
        free_arrays(w);
        PyErr_NoMemory();
        return -1;
    }
    static const char *names_of[] = {"feature", "threshold", "missing", "default_left", "left", "right", "leaf"};
    Py_ssize_t s0 = 0, l0 = 0;
    for (Py_ssize_t t = 0; t < n; t++) {
        PyObject *tree = PySequence_Fast_GET_ITEM(seq, t);
        PyObject *col[7] = {NULL};
        int ok = 1;
        for (int c = 0; c < 7 && ok; c++) ok = (col[c] = column(tree, names_of[c])) != NULL;
        Py_ssize_t splits = ok ? PyTuple_GET_SIZE(col[0]) : 0;
        Py_ssize_t leaves = ok ? PyTuple_GET_SIZE(col[6]) : 0;
        if (ok) {
            for (int c = 1; c < 6; c++) ok = ok && PyTuple_GET_SIZE(col[c]) == splits;
            ok = ok && leaves == splits + 1;
            if (!ok) PyErr_SetString(PyExc_ValueError, "a tree whose parts do not fit together");
        }
        for (Py_ssize_t i = 0; ok && i < splits; i++) {
            long feature, missing, left, right;
            if (long_at(col[0], i, &feature) || long_at(col[2], i, &missing) || long_at(col[4], i, &left) ||
                long_at(col[5], i, &right)) {
                ok = 0;
                break;
            }
            double threshold = PyFloat_AsDouble(PyTuple_GET_ITEM(col[1], i));
            int default_left = PyObject_IsTrue(PyTuple_GET_ITEM(col[3], i));
            if ((threshold == -1.0 && PyErr_Occurred()) || default_left < 0) {
                ok = 0;
                break;
            }
            /* from_json's checks: a known feature, children in range and after the split */
            if (feature < 0 || feature >= n_features || left < -leaves || left >= splits || right < -leaves ||
                right >= splits || (left >= 0 && left <= i) || (right >= 0 && right <= i)) {
                PyErr_SetString(PyExc_ValueError, "a tree whose parts do not fit together");
                ok = 0;
                break;
            }
            w->feature[s0 + i] = (int)feature;
            w->missing[s0 + i] = (int)missing;
            w->left[s0 + i] = (int)left;
            w->right[s0 + i] = (int)right;
            w->threshold[s0 + i] = threshold;
            w->default_left[s0 + i] = default_left;
        }
        for (Py_ssize_t k = 0; ok && k < leaves; k++) {
            PyObject *v = PyTuple_GET_ITEM(col[6], k);
            if (!PyFloat_Check(v)) {
                PyErr_SetString(PyExc_TypeError, "a leaf must be a float");
                ok = 0;
                break;
            }
            Py_INCREF(v);
            w->leaf[l0 + k] = v;
            w->n_leaves = l0 + k + 1;
        }
        for (int c = 0; c < 7; c++) Py_XDECREF(col[c]);
        if (!ok) {
            Py_DECREF(seq);
            free_arrays(w);
            return -1;
        }
        w->trees[t].first = s0;
        w->trees[t].splits = splits;
        w->trees[t].leaf0 = l0;
        s0 += splits;
        l0 += leaves;
    }
    Py_DECREF(seq);
    w->n_trees = n;
    w->n_features = n_features;
    Py_INCREF(names);
    w->names = names;
    Py_INCREF(fsum);
    w->fsum = fsum;
#ifdef __SIZEOF_INT128__
    prepare_exact(w);
#endif
    return 0;
}

/* Tree.value: the index (into w->leaf) of the leaf x reaches. */
static Py_ssize_t walk(const Walker *w, const TreeSpan *t, const double *x) {
    if (t->splits == 0) return t->leaf0; /* a tree that is one leaf */
    const Py_ssize_t s = t->first;
    int node = 0;
    while (node >= 0) {
        const double v = x[w->feature[s + node]];
        const int kind = w->missing[s + node];
        const double threshold = w->threshold[s + node];
        if (v == v && (kind != ZERO || !(-ZERO_BAND <= v && v <= ZERO_BAND)))
            node = v <= threshold ? w->left[s + node] : w->right[s + node];
        else if (kind == NONE) /* NaN where the split learnt no way for it: read as 0.0 */
            node = threshold >= 0.0 ? w->left[s + node] : w->right[s + node];
        else /* NaN on a NaN split, or zero on a ZERO split */
            node = w->default_left[s + node] ? w->left[s + node] : w->right[s + node];
    }
    return t->leaf0 + ~node;
}

static PyObject *Walker_logit(Walker *w, PyObject *feats) {
    if (!w->names) {
        PyErr_SetString(PyExc_RuntimeError, "Walker not initialised");
        return NULL;
    }
    if (!PyDict_Check(feats)) {
        PyErr_SetString(PyExc_TypeError, "feats must be a dict");
        return NULL;
    }
    /* The values on the stack (or the heap for a very wide model): a value's __float__
       may run Python code, which may call this walker again. */
    double local[128];
    double *x = w->n_features <= 128 ? local : PyMem_Malloc(w->n_features * sizeof(double));
    if (!x) return PyErr_NoMemory();
    PyObject *names = w->names, *fsum = w->fsum;
    Py_INCREF(names); /* (kept alive through any such call) */
    Py_INCREF(fsum);
    PyObject *leaves = NULL, *sum = NULL;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(names); i++) {
        PyObject *v = PyDict_GetItemWithError(feats, PyTuple_GET_ITEM(names, i));
        if (!v) {
            if (PyErr_Occurred()) goto done;
            x[i] = Py_NAN;
            continue;
        }
        Py_INCREF(v);
        double d = PyFloat_AsDouble(v);
        Py_DECREF(v);
        if (d == -1.0 && PyErr_Occurred()) goto done;
        x[i] = d;
    }
    Py_ssize_t n = w->n_trees;
    if (w->names != names || w->n_trees != n) { /* re-initialised meanwhile (from a callback) */
        PyErr_SetString(PyExc_RuntimeError, "Walker changed during a call");
        goto done;
    }
#ifdef __SIZEOF_INT128__
    if (w->exact) {
        __int128 total = 0;
        for (Py_ssize_t t = 0; t < n; t++) total += w->fixed[walk(w, &w->trees[t], x)];
        if (total != 0) { /* (zero: fsum's sign of zero, below) */
            sum = PyFloat_FromDouble(ldexp((double)total, w->low));
            goto done;
        }
    }
#endif
    leaves = PyList_New(n);
    if (!leaves) goto done;
    for (Py_ssize_t t = 0; t < n; t++) {
        PyObject *leaf = w->leaf[walk(w, &w->trees[t], x)];
        Py_INCREF(leaf);
        PyList_SET_ITEM(leaves, t, leaf);
    }
    sum = PyObject_CallOneArg(fsum, leaves);
done:
    Py_XDECREF(leaves);
    Py_DECREF(names);
    Py_DECREF(fsum);
    if (x != local) PyMem_Free(x);
    return sum;
}

static void Walker_dealloc(Walker *w) {
    free_arrays(w);
    Py_TYPE(w)->tp_free((PyObject *)w);
}

static PyMethodDef Walker_methods[] = {
    {"logit", (PyCFunction)Walker_logit, METH_O, "The sum of the trees' leaves for these feature values."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject WalkerType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "provmark.core._forestc.Walker",
    .tp_basicsize = sizeof(Walker),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "A forest's trees walked in C: Walker(trees, features, fsum).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Walker_init,
    .tp_dealloc = (destructor)Walker_dealloc,
    .tp_methods = Walker_methods,
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    "_forestc",
    "core/forest.py's trees walked in C (optional; built by scripts/compile.sh).",
    -1,
    NULL,
};

PyMODINIT_FUNC PyInit__forestc(void) {
    if (PyType_Ready(&WalkerType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (!m) return NULL;
    Py_INCREF(&WalkerType);
    if (PyModule_AddObject(m, "Walker", (PyObject *)&WalkerType) < 0) {
        Py_DECREF(&WalkerType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
