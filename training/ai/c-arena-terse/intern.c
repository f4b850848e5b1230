#include <stdlib.h>
#include <string.h>

#include "arena.h"

static uint32_t fnv1a(const char *s, size_t n) {
    uint32_t h = 2166136261u;
    while (n--) h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

void intern_init(interner *in, arena *a) {
    in->a = a;
    in->cap = 256;
    in->n = 0;
    in->tab = calloc(in->cap, sizeof *in->tab);
    if (!in->tab) abort();
}

void intern_free(interner *in) {
    free(in->tab);
    in->tab = NULL;
    in->cap = in->n = 0;
}

static void grow(interner *in) {
    uint32_t nc = in->cap * 2;
    istr **nt = calloc(nc, sizeof *nt);
    if (!nt) abort();
    for (uint32_t i = 0; i < in->cap; i++) {
        istr *e = in->tab[i];
        if (!e) continue;
        uint32_t j = e->hash & (nc - 1);
        while (nt[j]) j = (j + 1) & (nc - 1);
        nt[j] = e;
    }
    free(in->tab);
    in->tab = nt;
    in->cap = nc;
}

const istr *intern(interner *in, const char *s, size_t n) {
    if ((in->n + 1) * 4 > in->cap * 3) grow(in);
    uint32_t h = fnv1a(s, n), i = h & (in->cap - 1);
    for (istr *e; (e = in->tab[i]); i = (i + 1) & (in->cap - 1))
        if (e->hash == h && e->len == n && !memcmp(e->s, s, n)) return e;
    istr *e = ANEW(in->a, istr);
    e->s = arena_strndup(in->a, s, n);
    e->len = (uint32_t)n;
    e->hash = h;
    in->tab[i] = e;
    in->n++;
    return e;
}

#ifdef INTERN_MAIN
#include <ctype.h>
#include <stdio.h>

int main(void) {
    arena a;
    interner in;
    arena_init(&a, 0);
    intern_init(&in, &a);
    char line[4096];
    size_t words = 0;
    while (fgets(line, sizeof line, stdin)) {
        for (char *p = line; *p;) {
            while (*p && !isalnum((unsigned char)*p)) p++;
            char *q = p;
            while (*q && isalnum((unsigned char)*q)) q++;
            if (q > p) intern(&in, p, (size_t)(q - p)), words++;
            p = q;
        }
    }
    printf("%zu words, %u unique, %zu bytes in arena\n", words, in.n, a.used_total);
    intern_free(&in);
    arena_free(&a);
    return 0;
}
#endif
