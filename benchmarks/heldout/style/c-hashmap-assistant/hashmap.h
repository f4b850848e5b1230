/*
 * hashmap.h - a small string-keyed hash map using open addressing.
 *
 * Keys are NUL-terminated strings that the map copies on insert, so the
 * caller may free or reuse its own buffers afterwards. Values are opaque
 * `void *` pointers that the map never dereferences or frees.
 *
 * Collisions are resolved with linear probing. Deleted slots are marked
 * with a tombstone so that probe chains stay intact; tombstones are
 * cleaned up whenever the table is resized.
 */
#ifndef HASHMAP_H
#define HASHMAP_H

#include <stddef.h>

/* Result codes returned by the functions below. */
typedef enum {
    HM_OK = 0,         /* operation succeeded */
    HM_ERR_NULL_ARG,   /* a required pointer argument was NULL */
    HM_ERR_NO_MEMORY,  /* malloc/calloc failed */
    HM_ERR_NOT_FOUND,  /* the key is not present in the map */
    HM_ERR_EMPTY_KEY   /* the empty string is not accepted as a key */
} hm_status;

typedef struct hashmap hashmap;

/*
 * Callback for hm_foreach. Return 0 to keep iterating, or any non-zero
 * value to stop early; that value is passed back to the caller.
 */
typedef int (*hm_visit_fn)(const char *key, void *value, void *ctx);

/* Creates an empty map. Returns NULL if memory could not be allocated. */
hashmap *hm_create(void);

/* Frees the map and its copies of the keys. Values are left untouched. NULL is allowed. */
void hm_destroy(hashmap *map);

/*
 * Inserts or replaces the value for `key`. If `old_value` is not NULL it
 * receives the previous value (or NULL if the key was new), which lets the
 * caller free a replaced value.
 */
hm_status hm_put(hashmap *map, const char *key, void *value, void **old_value);

/* Looks up `key`. On success the value is stored in *out_value. */
hm_status hm_get(const hashmap *map, const char *key, void **out_value);

/* Removes `key`. If `old_value` is not NULL it receives the removed value. */
hm_status hm_remove(hashmap *map, const char *key, void **old_value);

/* Number of live entries in the map (0 for a NULL map). */
size_t hm_size(const hashmap *map);

/*
 * Calls `fn` for every entry in unspecified order. The map must not be
 * modified from inside the callback. Returns the first non-zero value
 * returned by `fn`, or 0 if every entry was visited.
 */
int hm_foreach(const hashmap *map, hm_visit_fn fn, void *ctx);

/* Human-readable description of a status code, for error messages. */
const char *hm_strerror(hm_status status);

#endif /* HASHMAP_H */
