#ifndef ARENA_H
#define ARENA_H

#include <stddef.h>
#include <stdint.h>

typedef struct blk blk;

typedef struct {
    blk *cur;
    size_t blksz;
    size_t used_total;
} arena;

typedef struct {
    blk *b;
    size_t off;
} arena_mark;

void arena_init(arena *a, size_t blksz);
void arena_free(arena *a);
void *arena_alloc(arena *a, size_t n, size_t align);
void *arena_zalloc(arena *a, size_t n, size_t align);
char *arena_strndup(arena *a, const char *s, size_t n);
arena_mark arena_save(const arena *a);
void arena_restore(arena *a, arena_mark m);

#define ANEW(a, T) ((T *)arena_zalloc((a), sizeof(T), _Alignof(T)))
#define ANEWN(a, T, n) ((T *)arena_zalloc((a), sizeof(T) * (n), _Alignof(T)))

typedef struct {
    const char *s;
    uint32_t len, hash;
} istr;

typedef struct {
    arena *a;
    istr **tab;
    uint32_t cap, n;
} interner;

void intern_init(interner *in, arena *a);
void intern_free(interner *in);
const istr *intern(interner *in, const char *s, size_t n);

#endif
