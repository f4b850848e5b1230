/*
 * test_hashmap.c - self-checking tests for the hash map.
 *
 * Build and run:
 *   cc -std=c11 -Wall -Wextra hashmap.c test_hashmap.c -o test_hashmap && ./test_hashmap
 *
 * Each CHECK prints the failing expression and line, and the program exits
 * with a non-zero status if anything failed, so it can be used in CI.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hashmap_internal.h"

static int failures = 0;

#define CHECK(cond)                                                        \
    do {                                                                   \
        if (!(cond)) {                                                     \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,         \
                    __LINE__, #cond);                                      \
            failures++;                                                    \
        }                                                                  \
    } while (0)

/* Stores small integers in the void * values without allocating. */
#define AS_PTR(n) ((void *)(intptr_t)(n))
#define AS_INT(p) ((int)(intptr_t)(p))

static void test_basic_put_get(void)
{
    hashmap *m = hm_create();
    CHECK(m != NULL);
    void *v = NULL, *old = AS_PTR(99);

    CHECK(hm_put(m, "alpha", AS_PTR(1), &old) == HM_OK);
    CHECK(old == NULL); /* new key reports no previous value */
    CHECK(hm_get(m, "alpha", &v) == HM_OK && AS_INT(v) == 1);
    CHECK(hm_get(m, "beta", &v) == HM_ERR_NOT_FOUND);

    /* Replacing a value returns the old one and does not change the size. */
    CHECK(hm_put(m, "alpha", AS_PTR(2), &old) == HM_OK);
    CHECK(AS_INT(old) == 1);
    CHECK(hm_size(m) == 1);
    CHECK(hm_get(m, "alpha", &v) == HM_OK && AS_INT(v) == 2);
    hm_destroy(m);
}

static void test_key_is_copied(void)
{
    hashmap *m = hm_create();
    char buf[16];
    strcpy(buf, "temp");
    CHECK(hm_put(m, buf, AS_PTR(7), NULL) == HM_OK);
    strcpy(buf, "XXXX"); /* mutating the caller's buffer must not affect the map */
    void *v = NULL;
    CHECK(hm_get(m, "temp", &v) == HM_OK && AS_INT(v) == 7);
    CHECK(hm_get(m, "XXXX", &v) == HM_ERR_NOT_FOUND);
    hm_destroy(m);
}

static void test_bad_arguments(void)
{
    hashmap *m = hm_create();
    void *v;
    CHECK(hm_put(NULL, "k", NULL, NULL) == HM_ERR_NULL_ARG);
    CHECK(hm_put(m, NULL, NULL, NULL) == HM_ERR_NULL_ARG);
    CHECK(hm_put(m, "", NULL, NULL) == HM_ERR_EMPTY_KEY);
    CHECK(hm_get(m, "k", NULL) == HM_ERR_NULL_ARG);
    CHECK(hm_get(NULL, "k", &v) == HM_ERR_NULL_ARG);
    CHECK(hm_remove(m, NULL, NULL) == HM_ERR_NULL_ARG);
    CHECK(hm_size(NULL) == 0);
    CHECK(hm_foreach(NULL, NULL, NULL) == 0);
    hm_destroy(NULL); /* documented as a no-op */
    hm_destroy(m);
}

static void test_remove_and_tombstones(void)
{
    hashmap *m = hm_create();
    char key[32];
    void *v;
    for (int i = 0; i < 10; i++) {
        snprintf(key, sizeof key, "k%d", i);
        CHECK(hm_put(m, key, AS_PTR(i), NULL) == HM_OK);
    }
    CHECK(hm_remove(m, "k3", &v) == HM_OK && AS_INT(v) == 3);
    CHECK(hm_remove(m, "k3", &v) == HM_ERR_NOT_FOUND);
    CHECK(hm_size(m) == 9 && m->tombstones == 1);

    /* Keys that probed past the removed slot must still be reachable. */
    for (int i = 0; i < 10; i++) {
        snprintf(key, sizeof key, "k%d", i);
        hm_status st = hm_get(m, key, &v);
        CHECK(i == 3 ? st == HM_ERR_NOT_FOUND : (st == HM_OK && AS_INT(v) == i));
    }

    /* Churn: repeated insert/remove must not exhaust the table via tombstones. */
    for (int round = 0; round < 5000; round++) {
        snprintf(key, sizeof key, "churn%d", round);
        CHECK(hm_put(m, key, AS_PTR(round), NULL) == HM_OK);
        CHECK(hm_remove(m, key, NULL) == HM_OK);
    }
    CHECK(hm_size(m) == 9);
    CHECK(m->capacity <= 64); /* rebuilding, not endless growth */
    CHECK(hm_get(m, "definitely-missing", &v) == HM_ERR_NOT_FOUND);
    hm_destroy(m);
}

static void test_growth(void)
{
    hashmap *m = hm_create();
    char key[32];
    void *v;
    const int n = 20000;
    for (int i = 0; i < n; i++) {
        snprintf(key, sizeof key, "key-%d", i);
        CHECK(hm_put(m, key, AS_PTR(i), NULL) == HM_OK);
    }
    CHECK(hm_size(m) == (size_t)n);
    CHECK((m->capacity & (m->capacity - 1)) == 0); /* still a power of two */
    CHECK(m->count * 10 <= m->capacity * 7);       /* load factor respected */
    for (int i = 0; i < n; i++) {
        snprintf(key, sizeof key, "key-%d", i);
        if (hm_get(m, key, &v) != HM_OK || AS_INT(v) != i) {
            fprintf(stderr, "lookup of %s failed after growth\n", key);
            failures++;
            break;
        }
    }
    hm_destroy(m);
}

/* hm_foreach callback: sums the values and counts the entries. */
static int sum_values(const char *key, void *value, void *ctx)
{
    long *acc = ctx;
    (void)key;
    acc[0] += AS_INT(value);
    acc[1]++;
    return 0;
}

/* hm_foreach callback that stops as soon as it sees the key in ctx. */
static int stop_at(const char *key, void *value, void *ctx)
{
    (void)value;
    return strcmp(key, (const char *)ctx) == 0 ? 42 : 0;
}

static void test_foreach(void)
{
    hashmap *m = hm_create();
    const char *words[] = {"one", "two", "three", "four", "five"};
    for (int i = 0; i < 5; i++) {
        hm_put(m, words[i], AS_PTR(i + 1), NULL);
    }
    long acc[2] = {0, 0};
    CHECK(hm_foreach(m, sum_values, acc) == 0);
    CHECK(acc[0] == 15 && acc[1] == 5);
    CHECK(hm_foreach(m, stop_at, "three") == 42);
    CHECK(hm_foreach(m, stop_at, "absent") == 0);
    hm_destroy(m);
}

static void test_strerror(void)
{
    CHECK(strcmp(hm_strerror(HM_OK), "success") == 0);
    CHECK(strcmp(hm_strerror(HM_ERR_NOT_FOUND), "key not found") == 0);
    CHECK(strcmp(hm_strerror((hm_status)123), "unknown hashmap status") == 0);
}

int main(void)
{
    test_basic_put_get();
    test_key_is_copied();
    test_bad_arguments();
    test_remove_and_tombstones();
    test_growth();
    test_foreach();
    test_strerror();

    if (failures != 0) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return EXIT_FAILURE;
    }
    puts("all hashmap tests passed");
    return EXIT_SUCCESS;
}
