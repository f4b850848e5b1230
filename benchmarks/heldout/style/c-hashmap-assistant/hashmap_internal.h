/*
 * hashmap_internal.h - data layout shared by hashmap.c and the white-box
 * tests. Application code should include only hashmap.h; nothing here is
 * part of the stable interface.
 */
#ifndef HASHMAP_INTERNAL_H
#define HASHMAP_INTERNAL_H

#include <stdint.h>

#include "hashmap.h"

/* The table always has a power-of-two capacity so we can mask instead of mod. */
#define HM_INITIAL_CAPACITY 16u

/*
 * Grow when live entries plus tombstones exceed 70% of the slots. Counting
 * tombstones matters: without them a table with many deletions could fill
 * up completely and lookups for missing keys would never terminate.
 */
#define HM_MAX_LOAD_NUM 7u
#define HM_MAX_LOAD_DEN 10u

/* A slot is empty, holds a live entry, or is a tombstone left by a removal. */
typedef enum { SLOT_EMPTY = 0, SLOT_USED, SLOT_DELETED } slot_state;

typedef struct {
    slot_state state;
    uint64_t hash; /* cached so resizing does not need to rehash the strings */
    char *key;
    void *value;
} slot;

struct hashmap {
    slot *slots;
    size_t capacity;   /* number of slots, always a power of two */
    size_t count;      /* live entries */
    size_t tombstones; /* slots in SLOT_DELETED state */
};

/* 64-bit FNV-1a: simple, fast enough, and good enough for a general map. */
static inline uint64_t hash_string(const char *s)
{
    uint64_t h = 14695981039346656037ull;
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        h ^= *p;
        h *= 1099511628211ull;
    }
    return h;
}

#endif /* HASHMAP_INTERNAL_H */
