#ifndef BASE64_H
#define BASE64_H

/*
 * Small base64 codec (RFC 4648), standard and URL-safe alphabets.
 *
 * Encoding:
 *     char buf[64];
 *     size_t len = base64_encode(data, n, buf, sizeof buf, B64_STANDARD, 1);
 *     if (len == 0 && n > 0) { ... buffer too small ... }
 *
 * Decoding:
 *     unsigned char out[48];
 *     size_t out_len;
 *     int rc = base64_decode(text, strlen(text), out, sizeof out, &out_len, B64_URLSAFE);
 *     if (rc != B64_OK) { ... }
 *
 * Decoding accepts input with or without trailing '=' padding, but never
 * whitespace or characters from the other alphabet.
 */

#include <stddef.h>

/* Error codes returned by base64_decode. */
#define B64_OK 0
#define B64_ERR_LENGTH -1   /* input length cannot come from an encoder */
#define B64_ERR_CHAR -2     /* character outside the alphabet */
#define B64_ERR_PADDING -3  /* misplaced or excess '=' */
#define B64_ERR_SPACE -4    /* output buffer too small */

typedef enum {
    B64_STANDARD, /* A-Z a-z 0-9 + / */
    B64_URLSAFE   /* A-Z a-z 0-9 - _ */
} b64_variant;

/* Number of bytes needed to encode n input bytes, including the terminating NUL. */
size_t base64_encoded_size(size_t n, int pad);

/* Upper bound on decoded size for an encoded string of length n. */
size_t base64_decoded_max(size_t n);

/* Encodes src into dst (NUL-terminated). Returns the string length, or 0 if dst is too small. */
size_t base64_encode(const unsigned char *src, size_t n, char *dst, size_t cap, b64_variant v, int pad);

/* Decodes src (length n) into dst. Padding is optional. Writes the decoded length to *out_len. */
int base64_decode(const char *src, size_t n, unsigned char *dst, size_t cap, size_t *out_len, b64_variant v);

#endif /* BASE64_H */
