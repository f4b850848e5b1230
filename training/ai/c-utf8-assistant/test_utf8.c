/*
 * test_utf8.c - tests for utf8.c, with no test framework needed.
 *
 *   cc -std=c99 -Wall -Wextra -fsanitize=address,undefined utf8.c test_utf8.c -o test_utf8 && ./test_utf8
 *
 * Each CHECK prints the failing expression and line, and the program exits
 * non-zero if any check failed, so it works as a CI step as-is.
 */
#include <stdio.h>
#include <string.h>

#include "utf8.h"

static int failures = 0;
static int checks = 0;

#define CHECK(expr)                                                          \
    do {                                                                     \
        checks++;                                                            \
        if (!(expr)) {                                                       \
            failures++;                                                      \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, \
                    #expr);                                                  \
        }                                                                    \
    } while (0)

/* Shorthand for string literals: pointer and length without the NUL. */
#define BYTES(s) (const uint8_t *)(s), (sizeof(s) - 1)

static void test_decode_valid(void)
{
    /* One example from each row of the well-formedness table. */
    static const struct {
        const char *bytes;
        size_t len;
        uint32_t cp;
    } cases[] = {
        {"A", 1, 0x41},
        {"\xC2\x80", 2, 0x80},
        {"\xDF\xBF", 2, 0x7FF},
        {"\xE0\xA0\x80", 3, 0x800},
        {"\xE2\x82\xAC", 3, 0x20AC}, /* euro sign */
        {"\xED\x9F\xBF", 3, 0xD7FF}, /* last code point before the surrogates */
        {"\xEE\x80\x80", 3, 0xE000},
        {"\xF0\x9F\x98\x80", 4, 0x1F600}, /* emoji */
        {"\xF4\x8F\xBF\xBF", 4, 0x10FFFF},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint32_t cp = 0;
        size_t len = 0;
        int rc = utf8_decode((const uint8_t *)cases[i].bytes, cases[i].len, &cp, &len);
        CHECK(rc == UTF8_OK);
        CHECK(cp == cases[i].cp);
        CHECK(len == cases[i].len);
    }
}

static void test_decode_invalid(void)
{
    static const struct {
        const char *bytes;
        size_t size;
        int status;
        size_t skip;
    } cases[] = {
        {"\x80", 1, UTF8_ERR_BAD_CONTINUATION, 1},     /* stray continuation */
        {"\xC0\xAF", 2, UTF8_ERR_OVERLONG, 1},         /* overlong '/' */
        {"\xE0\x80\xAF", 3, UTF8_ERR_OVERLONG, 1},     /* overlong, 3 bytes */
        {"\xED\xA0\x80", 3, UTF8_ERR_SURROGATE, 1},    /* U+D800 */
        {"\xF4\x90\x80\x80", 4, UTF8_ERR_TOO_LARGE, 1}, /* U+110000 */
        {"\xF5\x80\x80\x80", 4, UTF8_ERR_INVALID_LEAD, 1},
        {"\xE2\x82", 2, UTF8_ERR_TRUNCATED, 2},        /* euro sign, cut short */
        {"\xE2\x28\xA1", 3, UTF8_ERR_BAD_CONTINUATION, 1},
        {"\xF0\x9F\x98\x41", 4, UTF8_ERR_BAD_CONTINUATION, 3},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len = 0;
        int rc = utf8_decode((const uint8_t *)cases[i].bytes, cases[i].size, NULL, &len);
        CHECK(rc == cases[i].status);
        CHECK(len == cases[i].skip);
        CHECK(len >= 1); /* the caller must always be able to make progress */
    }
}

static void test_encode_round_trip(void)
{
    uint8_t buf[4];
    /* Every 64th code point, plus the edges of each length class. */
    for (uint32_t cp = 0; cp <= UTF8_MAX_CODEPOINT; cp += (cp < 0x10000 ? 1 : 64)) {
        size_t n = utf8_encode(cp, buf);
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            CHECK(n == 0);
            continue;
        }
        uint32_t back = 0;
        size_t len = 0;
        if (n == 0 || utf8_decode(buf, n, &back, &len) != UTF8_OK || back != cp || len != n) {
            fprintf(stderr, "round trip failed for U+%04X\n", (unsigned)cp);
            failures++;
            return;
        }
    }
    CHECK(utf8_encode(0x110000, buf) == 0);
    CHECK(utf8_encode(0xFFFF, buf) == 3);
}

static void test_validate_and_length(void)
{
    size_t offset = 99;
    CHECK(utf8_validate(BYTES("plain ascii"), &offset) == 1);
    CHECK(utf8_validate(BYTES("gr\xC3\xBC\xC3\x9F" "e"), NULL) == 1);
    CHECK(utf8_validate(BYTES("ok\xC3\xBC\xFFok"), &offset) == 0);
    CHECK(offset == 4);

    CHECK(utf8_length(BYTES("")) == 0);
    CHECK(utf8_length(BYTES("na\xC3\xAFve")) == 5);
    CHECK(utf8_length(BYTES("\xF0\x9F\x98\x80!")) == 2);
    CHECK(utf8_length(BYTES("bad\xC0")) == (size_t)-1);
}

static void test_truncate(void)
{
    /* "a€b": a (1 byte) + € (3 bytes) + b (1 byte) */
    const uint8_t s[] = {'a', 0xE2, 0x82, 0xAC, 'b'};
    CHECK(utf8_truncate(s, sizeof s, 0) == 0);
    CHECK(utf8_truncate(s, sizeof s, 1) == 1);
    CHECK(utf8_truncate(s, sizeof s, 2) == 1); /* would split the euro sign */
    CHECK(utf8_truncate(s, sizeof s, 3) == 1);
    CHECK(utf8_truncate(s, sizeof s, 4) == 4);
    CHECK(utf8_truncate(s, sizeof s, 100) == 5);
}

static void test_sanitize(void)
{
    uint8_t out[32];

    /* Two bad bytes become two replacement characters. */
    size_t n = utf8_sanitize(BYTES("a\xFF\xFE" "b"), out, sizeof out);
    CHECK(n == 1 + 3 + 3 + 1);
    CHECK(memcmp(out, "a\xEF\xBF\xBD\xEF\xBF\xBD" "b", n) == 0);

    /* A truncated sequence is replaced once, not byte by byte. */
    n = utf8_sanitize(BYTES("x\xE2\x82"), out, sizeof out);
    CHECK(n == 4);
    CHECK(memcmp(out, "x\xEF\xBF\xBD", 4) == 0);

    /* Measuring with a NULL buffer, then a buffer too small to hold it all. */
    CHECK(utf8_sanitize(BYTES("\xC3\xA9t\xC3\xA9"), NULL, 0) == 5);
    memset(out, 0, sizeof out);
    n = utf8_sanitize(BYTES("\xC3\xA9t\xC3\xA9"), out, 4);
    CHECK(n == 5);
    CHECK(memcmp(out, "\xC3\xA9t", 3) == 0 && out[3] == 0); /* no half character */
}

int main(void)
{
    test_decode_valid();
    test_decode_invalid();
    test_encode_round_trip();
    test_validate_and_length();
    test_truncate();
    test_sanitize();

    CHECK(strcmp(utf8_strerror(UTF8_ERR_SURROGATE), "encoded surrogate") == 0);

    if (failures) {
        fprintf(stderr, "%d of %d checks failed\n", failures, checks);
        return 1;
    }
    printf("all %d checks passed\n", checks);
    return 0;
}
