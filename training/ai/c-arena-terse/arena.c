#include "arena.h"

#include <stdlib.h>
#include <string.h>

struct blk {
    blk *prev;
    size_t cap, off;
    _Alignas(max_align_t) unsigned char data[];
};

static blk *blk_new(size_t cap, blk *prev) {
    blk *b = malloc(sizeof *b + cap);
    if (!b) abort();
    b->prev = prev;
    b->cap = cap;
    b->off = 0;
    return b;
}

void arena_init(arena *a, size_t blksz) {
    a->cur = NULL;
    a->blksz = blksz ? blksz : 64 * 1024;
    a->used_total = 0;
}

void arena_free(arena *a) {
    for (blk *b = a->cur, *p; b; b = p) {
        p = b->prev;
        free(b);
    }
    a->cur = NULL;
    a->used_total = 0;
}

void *arena_alloc(arena *a, size_t n, size_t align) {
    blk *b = a->cur;
    size_t off = 0;
    if (b) off = (b->off + align - 1) & ~(align - 1);
    if (!b || off + n > b->cap) {
        size_t cap = n + align > a->blksz ? n + align : a->blksz;
        b = a->cur = blk_new(cap, a->cur);
        off = 0;
    }
    b->off = off + n;
    a->used_total += n;
    return b->data + off;
}

void *arena_zalloc(arena *a, size_t n, size_t align) {
    void *p = arena_alloc(a, n, align);
    memset(p, 0, n);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n) {
    char *d = arena_alloc(a, n + 1, 1);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

arena_mark arena_save(const arena *a) {
    return (arena_mark){a->cur, a->cur ? a->cur->off : 0};
}

void arena_restore(arena *a, arena_mark m) {
    while (a->cur != m.b) {
        blk *p = a->cur->prev;
        a->used_total -= a->cur->off;
        free(a->cur);
        a->cur = p;
    }
    if (a->cur) {
        a->used_total -= a->cur->off - m.off;
        a->cur->off = m.off;
    }
}
