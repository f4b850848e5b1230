#include "base64.h"

static const char STD[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char URL[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

size_t base64_encoded_size(size_t n, int pad) {
    size_t full = (n / 3) * 4;
    size_t rem = n % 3;
    if (rem) full += pad ? 4 : rem + 1;
    return full + 1;
}

size_t base64_decoded_max(size_t n) {
    return (n / 4) * 3 + (n % 4 ? 3 : 0);
}

size_t base64_encode(const unsigned char *src, size_t n, char *dst, size_t cap, b64_variant v, int pad) {
    const char *alpha = v == B64_URLSAFE ? URL : STD;
    size_t need = base64_encoded_size(n, pad);
    size_t i, o = 0;

    if (dst == NULL || cap < need) return 0;

    for (i = 0; i + 2 < n; i += 3) {
        unsigned long w = ((unsigned long)src[i] << 16) | ((unsigned long)src[i + 1] << 8) | src[i + 2];
        dst[o++] = alpha[(w >> 18) & 63];
        dst[o++] = alpha[(w >> 12) & 63];
        dst[o++] = alpha[(w >> 6) & 63];
        dst[o++] = alpha[w & 63];
    }
    if (n - i == 1) {
        unsigned long w = (unsigned long)src[i] << 16;
        dst[o++] = alpha[(w >> 18) & 63];
        dst[o++] = alpha[(w >> 12) & 63];
        if (pad) {
            dst[o++] = '=';
            dst[o++] = '=';
        }
    } else if (n - i == 2) {
        unsigned long w = ((unsigned long)src[i] << 16) | ((unsigned long)src[i + 1] << 8);
        dst[o++] = alpha[(w >> 18) & 63];
        dst[o++] = alpha[(w >> 12) & 63];
        dst[o++] = alpha[(w >> 6) & 63];
        if (pad) dst[o++] = '=';
    }
    dst[o] = '\0';
    return o;
}

static int sextet(char c, b64_variant v) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (v == B64_STANDARD) {
        if (c == '+') return 62;
        if (c == '/') return 63;
    } else {
        if (c == '-') return 62;
        if (c == '_') return 63;
    }
    return -1;
}

int base64_decode(const char *src, size_t n, unsigned char *dst, size_t cap, size_t *out_len, b64_variant v) {
    unsigned long acc = 0;
    int bits = 0;
    size_t o = 0, i, pads = 0;

    /* Strip padding; it may only appear at the end, at most twice. */
    while (n > 0 && src[n - 1] == '=') {
        n--;
        pads++;
    }
    if (pads > 2) return B64_ERR_PADDING;
    if (pads && (n + pads) % 4 != 0) return B64_ERR_PADDING;
    if (n % 4 == 1) return B64_ERR_LENGTH;

    for (i = 0; i < n; i++) {
        int s = sextet(src[i], v);
        if (s < 0) return src[i] == '=' ? B64_ERR_PADDING : B64_ERR_CHAR;
        acc = (acc << 6) | (unsigned long)s;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (o >= cap) return B64_ERR_SPACE;
            dst[o++] = (unsigned char)((acc >> bits) & 0xFF);
        }
    }
    if (out_len) *out_len = o;
    return B64_OK;
}
