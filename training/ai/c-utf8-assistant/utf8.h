/*
 * utf8.h - small, strict UTF-8 utilities.
 *
 * All functions work on byte buffers with an explicit length, so they can be
 * used on data that is not NUL-terminated (network buffers, mmap'ed files)
 * and on data that contains NUL bytes.
 *
 * "Strict" means the decoder follows the Unicode standard exactly and
 * rejects everything the standard calls ill-formed:
 *
 *   - overlong encodings   (e.g. 0xC0 0xAF for '/', a classic security bug)
 *   - surrogates           (U+D800..U+DFFF are not characters)
 *   - code points above U+10FFFF
 *   - truncated sequences and stray continuation bytes
 *
 * None of the functions allocate memory.
 */
#ifndef UTF8_H
#define UTF8_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The replacement character, U+FFFD, used by the lossy functions. */
#define UTF8_REPLACEMENT 0xFFFDu

/* Largest valid code point. */
#define UTF8_MAX_CODEPOINT 0x10FFFFu

/* Result codes for utf8_decode(). Negative values are errors. */
enum utf8_status {
    UTF8_OK = 0,
    UTF8_ERR_TRUNCATED = -1,     /* input ends in the middle of a sequence */
    UTF8_ERR_INVALID_LEAD = -2,  /* byte can never start a sequence */
    UTF8_ERR_BAD_CONTINUATION = -3,
    UTF8_ERR_OVERLONG = -4,
    UTF8_ERR_SURROGATE = -5,
    UTF8_ERR_TOO_LARGE = -6
};

/*
 * Decode one code point from the start of buf.
 *
 * On success returns UTF8_OK, stores the code point in *cp and the number of
 * bytes consumed (1-4) in *len. On failure returns a negative utf8_status and
 * stores in *len how many bytes to skip to resynchronise (at least 1), so a
 * caller can always make progress. `cp` may be NULL.
 *
 * Precondition: size > 0.
 */
int utf8_decode(const uint8_t *buf, size_t size, uint32_t *cp, size_t *len);

/*
 * Encode a code point into out, which must have room for 4 bytes.
 * Returns the number of bytes written (1-4), or 0 if cp is a surrogate or
 * larger than U+10FFFF.
 */
size_t utf8_encode(uint32_t cp, uint8_t out[4]);

/*
 * Check that buf[0..size) is entirely valid UTF-8.
 * Returns 1 if valid. If invalid returns 0 and, if error_offset is not NULL,
 * stores the offset of the first ill-formed byte.
 */
int utf8_validate(const uint8_t *buf, size_t size, size_t *error_offset);

/*
 * Number of code points in a valid UTF-8 buffer. Returns (size_t)-1 if the
 * buffer is not valid UTF-8.
 */
size_t utf8_length(const uint8_t *buf, size_t size);

/*
 * Largest n <= max_bytes such that buf[0..n) ends on a code point boundary.
 * Use this to cut a string to fit a fixed-size field without splitting a
 * multi-byte character. buf is assumed to be valid UTF-8.
 */
size_t utf8_truncate(const uint8_t *buf, size_t size, size_t max_bytes);

/*
 * Copy src to dst, replacing every ill-formed sequence with U+FFFD (encoded
 * as EF BF BD), the way browsers display invalid text.
 *
 * Writes at most dst_size bytes and never splits a character. Returns the
 * number of bytes that the full output needs; if that is larger than
 * dst_size the output was cut short (call again with a bigger buffer, like
 * snprintf). dst may be NULL when dst_size is 0, to measure.
 */
size_t utf8_sanitize(const uint8_t *src, size_t src_size, uint8_t *dst, size_t dst_size);

/* A human-readable description of a utf8_status value. */
const char *utf8_strerror(int status);

#ifdef __cplusplus
}
#endif

#endif /* UTF8_H */
