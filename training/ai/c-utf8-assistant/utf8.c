/*
 * utf8.c - implementation of utf8.h.
 *
 * The decoder is written as straightforward branches rather than a DFA
 * table. It is slower than the fastest validators (which use SIMD), but it is
 * easy to audit, and auditing is what matters for code that sits on a trust
 * boundary.
 *
 * Reference: Unicode Standard, chapter 3, table 3-7 "Well-Formed UTF-8 Byte
 * Sequences". The second-byte ranges in that table are what rule out
 * overlong forms and surrogates without decoding first:
 *
 *   U+0000..U+007F      00..7F
 *   U+0080..U+07FF      C2..DF  80..BF
 *   U+0800..U+0FFF      E0      A0..BF  80..BF
 *   U+1000..U+CFFF      E1..EC  80..BF  80..BF
 *   U+D000..U+D7FF      ED      80..9F  80..BF
 *   U+E000..U+FFFF      EE..EF  80..BF  80..BF
 *   U+10000..U+3FFFF    F0      90..BF  80..BF  80..BF
 *   U+40000..U+FFFFF    F1..F3  80..BF  80..BF  80..BF
 *   U+100000..U+10FFFF  F4      80..8F  80..BF  80..BF
 */
#include "utf8.h"

#include <string.h>

/* True for bytes of the form 10xxxxxx. */
static int is_continuation(uint8_t b)
{
    return (b & 0xC0) == 0x80;
}

int utf8_decode(const uint8_t *buf, size_t size, uint32_t *cp, size_t *len)
{
    uint8_t b0 = buf[0];
    size_t need;     /* total length of the sequence */
    uint8_t lo = 0x80, hi = 0xBF; /* allowed range for the second byte */
    uint32_t value;

    if (b0 < 0x80) {
        if (cp)
            *cp = b0;
        *len = 1;
        return UTF8_OK;
    }

    if (b0 < 0xC2) {
        /* 80..BF: a continuation byte where a lead byte was expected.
         * C0, C1: could only start overlong 2-byte encodings. */
        *len = 1;
        return is_continuation(b0) ? UTF8_ERR_BAD_CONTINUATION : UTF8_ERR_OVERLONG;
    } else if (b0 < 0xE0) {
        need = 2;
        value = b0 & 0x1F;
    } else if (b0 < 0xF0) {
        need = 3;
        value = b0 & 0x0F;
        if (b0 == 0xE0)
            lo = 0xA0; /* below would be overlong */
        else if (b0 == 0xED)
            hi = 0x9F; /* above would be a surrogate */
    } else if (b0 < 0xF5) {
        need = 4;
        value = b0 & 0x07;
        if (b0 == 0xF0)
            lo = 0x90; /* below would be overlong */
        else if (b0 == 0xF4)
            hi = 0x8F; /* above would exceed U+10FFFF */
    } else {
        /* F5..FF never appear in UTF-8. */
        *len = 1;
        return UTF8_ERR_INVALID_LEAD;
    }

    /*
     * Check the bytes we have one at a time. On an error, report how many
     * bytes formed a valid prefix ("maximal subpart"), which is the number
     * the Unicode standard recommends replacing with a single U+FFFD.
     */
    for (size_t i = 1; i < need; i++) {
        if (i >= size) {
            *len = i;
            return UTF8_ERR_TRUNCATED;
        }
        uint8_t b = buf[i];
        uint8_t min = (i == 1) ? lo : 0x80;
        uint8_t max = (i == 1) ? hi : 0xBF;
        if (b < min || b > max) {
            *len = i;
            if (i == 1 && is_continuation(b)) {
                /* A continuation byte, just outside the allowed range:
                 * tell the caller which rule was broken. */
                if (b0 == 0xED)
                    return UTF8_ERR_SURROGATE;
                if (b0 == 0xF4)
                    return UTF8_ERR_TOO_LARGE;
                return UTF8_ERR_OVERLONG;
            }
            return UTF8_ERR_BAD_CONTINUATION;
        }
        value = (value << 6) | (b & 0x3F);
    }

    if (cp)
        *cp = value;
    *len = need;
    return UTF8_OK;
}

size_t utf8_encode(uint32_t cp, uint8_t out[4])
{
    if (cp < 0x80) {
        out[0] = (uint8_t)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (uint8_t)(0xC0 | (cp >> 6));
        out[1] = (uint8_t)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return 0; /* surrogates can't be encoded in UTF-8 */
    if (cp < 0x10000) {
        out[0] = (uint8_t)(0xE0 | (cp >> 12));
        out[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (uint8_t)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp <= UTF8_MAX_CODEPOINT) {
        out[0] = (uint8_t)(0xF0 | (cp >> 18));
        out[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (uint8_t)(0x80 | (cp & 0x3F));
        return 4;
    }
    return 0;
}

int utf8_validate(const uint8_t *buf, size_t size, size_t *error_offset)
{
    size_t i = 0;
    while (i < size) {
        /* Fast path for runs of ASCII, which dominate most real text. */
        if (buf[i] < 0x80) {
            i++;
            continue;
        }
        size_t len;
        if (utf8_decode(buf + i, size - i, NULL, &len) != UTF8_OK) {
            if (error_offset)
                *error_offset = i;
            return 0;
        }
        i += len;
    }
    return 1;
}

size_t utf8_length(const uint8_t *buf, size_t size)
{
    size_t count = 0, i = 0;
    while (i < size) {
        size_t len;
        if (utf8_decode(buf + i, size - i, NULL, &len) != UTF8_OK)
            return (size_t)-1;
        i += len;
        count++;
    }
    return count;
}

size_t utf8_truncate(const uint8_t *buf, size_t size, size_t max_bytes)
{
    if (max_bytes >= size)
        return size;
    /* Step back over continuation bytes until buf[n] starts a character.
     * At most 3 steps in valid UTF-8. */
    size_t n = max_bytes;
    while (n > 0 && is_continuation(buf[n]))
        n--;
    return n;
}

size_t utf8_sanitize(const uint8_t *src, size_t src_size, uint8_t *dst, size_t dst_size)
{
    static const uint8_t replacement[3] = {0xEF, 0xBF, 0xBD};
    size_t needed = 0; /* bytes the complete output requires */
    size_t written = 0;
    int full = 0;      /* set once something didn't fit, to stop writing */
    size_t i = 0;

    while (i < src_size) {
        size_t len;
        const uint8_t *piece;
        size_t piece_len;

        if (utf8_decode(src + i, src_size - i, NULL, &len) == UTF8_OK) {
            piece = src + i;
            piece_len = len;
        } else {
            piece = replacement;
            piece_len = sizeof replacement;
        }
        i += len;
        needed += piece_len;

        /* Never write part of a character: stop at the first piece that
         * doesn't fit, even if a later, shorter one would. */
        if (!full && written + piece_len <= dst_size) {
            memcpy(dst + written, piece, piece_len);
            written += piece_len;
        } else {
            full = 1;
        }
    }
    return needed;
}

const char *utf8_strerror(int status)
{
    switch (status) {
    case UTF8_OK: return "ok";
    case UTF8_ERR_TRUNCATED: return "truncated sequence";
    case UTF8_ERR_INVALID_LEAD: return "invalid lead byte";
    case UTF8_ERR_BAD_CONTINUATION: return "unexpected or missing continuation byte";
    case UTF8_ERR_OVERLONG: return "overlong encoding";
    case UTF8_ERR_SURROGATE: return "encoded surrogate";
    case UTF8_ERR_TOO_LARGE: return "code point above U+10FFFF";
    default: return "unknown error";
    }
}
