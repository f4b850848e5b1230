/* hashmap.c - open-addressing hash map; see hashmap.h for the public contract. */
#include "hashmap_internal.h"

#include <stdlib.h>
#include <string.h>

/* strdup is POSIX rather than standard C, so provide our own. */
static char *copy_string(const char *s)
{
    size_t len = strlen(s) + 1;
    char *copy = malloc(len);
    return copy != NULL ? memcpy(copy, s, len) : NULL;
}

hashmap *hm_create(void)
{
    hashmap *map = malloc(sizeof *map);
    if (map == NULL) {
        return NULL;
    }
    /* calloc gives us zeroed slots, and SLOT_EMPTY is 0. */
    map->slots = calloc(HM_INITIAL_CAPACITY, sizeof *map->slots);
    if (map->slots == NULL) {
        free(map);
        return NULL;
    }
    map->capacity = HM_INITIAL_CAPACITY;
    map->count = map->tombstones = 0;
    return map;
}

void hm_destroy(hashmap *map)
{
    if (map == NULL) {
        return;
    }
    for (size_t i = 0; i < map->capacity; i++) {
        if (map->slots[i].state == SLOT_USED) {
            free(map->slots[i].key);
        }
    }
    free(map->slots);
    free(map);
}

/*
 * Finds the slot for `key`. If the key exists, *found is set to 1 and the
 * index of its slot is returned. Otherwise *found is 0 and the returned
 * index is the best place to insert it: the first tombstone seen along the
 * probe chain if any, else the empty slot that ended the chain.
 */
static size_t find_slot(const hashmap *map, const char *key, uint64_t hash, int *found)
{
    size_t mask = map->capacity - 1;
    size_t i = (size_t)hash & mask;
    size_t first_tombstone = SIZE_MAX;

    /* The load factor guarantees at least one empty slot, so this terminates. */
    for (;;) {
        const slot *s = &map->slots[i];
        if (s->state == SLOT_EMPTY) {
            *found = 0;
            return first_tombstone != SIZE_MAX ? first_tombstone : i;
        }
        if (s->state == SLOT_DELETED) {
            if (first_tombstone == SIZE_MAX) {
                first_tombstone = i;
            }
        } else if (s->hash == hash && strcmp(s->key, key) == 0) {
            *found = 1;
            return i;
        }
        i = (i + 1) & mask;
    }
}

/* Moves every live entry into a new table of `new_capacity` slots. */
static hm_status resize(hashmap *map, size_t new_capacity)
{
    slot *fresh = calloc(new_capacity, sizeof *fresh);
    if (fresh == NULL) {
        return HM_ERR_NO_MEMORY;
    }
    size_t mask = new_capacity - 1;
    for (size_t i = 0; i < map->capacity; i++) {
        const slot *old = &map->slots[i];
        if (old->state != SLOT_USED) {
            continue; /* empty slots and tombstones are simply dropped */
        }
        size_t j = (size_t)old->hash & mask;
        while (fresh[j].state != SLOT_EMPTY) {
            j = (j + 1) & mask;
        }
        fresh[j] = *old; /* the key pointer moves over; no copy needed */
    }
    free(map->slots);
    map->slots = fresh;
    map->capacity = new_capacity;
    map->tombstones = 0;
    return HM_OK;
}

/* Makes sure there is room for one more entry without breaking the load limit. */
static hm_status reserve_one(hashmap *map)
{
    size_t used = map->count + map->tombstones + 1;
    if (used * HM_MAX_LOAD_DEN <= map->capacity * HM_MAX_LOAD_NUM) {
        return HM_OK;
    }
    /*
     * If most of the pressure comes from tombstones, rebuilding at the same
     * size is enough. Otherwise double the capacity.
     */
    size_t target = map->capacity;
    if ((map->count + 1) * 2 * HM_MAX_LOAD_DEN > map->capacity * HM_MAX_LOAD_NUM) {
        if (target > SIZE_MAX / 2 / sizeof(slot)) {
            return HM_ERR_NO_MEMORY; /* doubling would overflow size_t */
        }
        target *= 2;
    }
    return resize(map, target);
}

hm_status hm_put(hashmap *map, const char *key, void *value, void **old_value)
{
    if (map == NULL || key == NULL) {
        return HM_ERR_NULL_ARG;
    }
    if (key[0] == '\0') {
        return HM_ERR_EMPTY_KEY;
    }

    uint64_t hash = hash_string(key);
    int found;
    size_t idx = find_slot(map, key, hash, &found);
    if (found) {
        if (old_value != NULL) {
            *old_value = map->slots[idx].value;
        }
        map->slots[idx].value = value;
        return HM_OK;
    }

    /* Copy the key before touching the table so a failure leaves it unchanged. */
    char *key_copy = copy_string(key);
    if (key_copy == NULL) {
        return HM_ERR_NO_MEMORY;
    }
    hm_status st = reserve_one(map);
    if (st != HM_OK) {
        free(key_copy);
        return st;
    }
    /* A resize invalidates idx, so look the slot up again. */
    idx = find_slot(map, key, hash, &found);

    slot *s = &map->slots[idx];
    if (s->state == SLOT_DELETED) {
        map->tombstones--;
    }
    s->state = SLOT_USED;
    s->hash = hash;
    s->key = key_copy;
    s->value = value;
    map->count++;
    if (old_value != NULL) {
        *old_value = NULL; /* there was no previous value */
    }
    return HM_OK;
}

hm_status hm_get(const hashmap *map, const char *key, void **out_value)
{
    if (map == NULL || key == NULL || out_value == NULL) {
        return HM_ERR_NULL_ARG;
    }
    int found;
    size_t idx = find_slot(map, key, hash_string(key), &found);
    if (!found) {
        return HM_ERR_NOT_FOUND;
    }
    *out_value = map->slots[idx].value;
    return HM_OK;
}

hm_status hm_remove(hashmap *map, const char *key, void **old_value)
{
    if (map == NULL || key == NULL) {
        return HM_ERR_NULL_ARG;
    }
    int found;
    size_t idx = find_slot(map, key, hash_string(key), &found);
    if (!found) {
        return HM_ERR_NOT_FOUND;
    }
    slot *s = &map->slots[idx];
    if (old_value != NULL) {
        *old_value = s->value;
    }
    free(s->key);
    s->key = NULL;
    s->value = NULL;
    s->state = SLOT_DELETED; /* keep the probe chain unbroken */
    map->count--;
    map->tombstones++;
    return HM_OK;
}

size_t hm_size(const hashmap *map)
{
    return map != NULL ? map->count : 0;
}

int hm_foreach(const hashmap *map, hm_visit_fn fn, void *ctx)
{
    if (map == NULL || fn == NULL) {
        return 0;
    }
    for (size_t i = 0; i < map->capacity; i++) {
        const slot *s = &map->slots[i];
        int rc = s->state == SLOT_USED ? fn(s->key, s->value, ctx) : 0;
        if (rc != 0) {
            return rc;
        }
    }
    return 0;
}

const char *hm_strerror(hm_status status)
{
    /* Indexed by hm_status; keep in the same order as the enum. */
    static const char *const messages[] = {
        "success",
        "a required argument was NULL",
        "out of memory",
        "key not found",
        "empty string is not a valid key",
    };
    if ((unsigned)status >= sizeof messages / sizeof messages[0]) {
        return "unknown hashmap status";
    }
    return messages[status];
}
