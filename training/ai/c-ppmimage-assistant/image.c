/**
 * @file image.c
 * @brief Implementation of the PPM image helpers declared in image.h.
 */
#include "image.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

img_status img_create(img_image *out, int width, int height) {
    if (out == NULL) {
        return IMG_ERR_ARG;
    }
    memset(out, 0, sizeof(*out));

    if (width <= 0 || height <= 0) {
        return IMG_ERR_ARG;
    }
    if (width > IMG_MAX_DIM || height > IMG_MAX_DIM) {
        return IMG_ERR_TOO_LARGE;
    }

    /* calloc zero-initializes, so the image starts out black. */
    out->pixels = calloc((size_t)width * (size_t)height, sizeof(img_rgb));
    if (out->pixels == NULL) {
        return IMG_ERR_NOMEM;
    }
    out->width = width;
    out->height = height;
    return IMG_OK;
}

void img_free(img_image *img) {
    if (img == NULL) {
        return;
    }
    free(img->pixels);
    img->pixels = NULL;
    img->width = 0;
    img->height = 0;
}

img_rgb *img_at(const img_image *img, int x, int y) {
    if (img == NULL || img->pixels == NULL || x < 0 || y < 0 || x >= img->width || y >= img->height) {
        return NULL;
    }
    return &img->pixels[(size_t)y * (size_t)img->width + (size_t)x];
}

/*
 * Reads the next unsigned decimal number from a PPM header, skipping
 * whitespace and '#' comments (which run to the end of the line).
 * Returns 0 on success, -1 on malformed input or EOF.
 */
static int read_header_int(FILE *in, int *value) {
    int c;
    long result = 0;
    int digits = 0;

    /* Skip whitespace and comments. */
    for (;;) {
        c = fgetc(in);
        if (c == '#') {
            while (c != '\n' && c != EOF) {
                c = fgetc(in);
            }
        } else if (!isspace(c)) {
            break;
        }
    }

    while (c != EOF && isdigit(c)) {
        result = result * 10 + (c - '0');
        if (result > 1000000) {
            return -1; /* Unreasonably large; treat as malformed rather than overflow. */
        }
        digits++;
        c = fgetc(in);
    }
    if (digits == 0) {
        return -1;
    }
    /* Give back the terminating character so the caller sees the single
     * whitespace byte that separates the header from binary pixel data. */
    if (c != EOF) {
        ungetc(c, in);
    }
    *value = (int)result;
    return 0;
}

/* Rescales a sample from [0, maxval] to [0, 255], rounding to nearest. */
static uint8_t scale_sample(int v, int maxval) {
    if (maxval == 255) {
        return (uint8_t)v;
    }
    return (uint8_t)((v * 255 + maxval / 2) / maxval);
}

img_status img_read_ppm(FILE *in, img_image *out) {
    char magic[2];
    int width, height, maxval;
    img_status status;

    if (in == NULL || out == NULL) {
        return IMG_ERR_ARG;
    }
    memset(out, 0, sizeof(*out));

    if (fread(magic, 1, 2, in) != 2 || magic[0] != 'P' || (magic[1] != '6' && magic[1] != '3')) {
        return IMG_ERR_FORMAT;
    }
    if (read_header_int(in, &width) != 0 || read_header_int(in, &height) != 0 ||
        read_header_int(in, &maxval) != 0) {
        return IMG_ERR_FORMAT;
    }
    /* 16-bit PPMs (maxval > 255) are valid but not supported here. */
    if (maxval < 1 || maxval > 255) {
        return IMG_ERR_FORMAT;
    }

    status = img_create(out, width, height);
    if (status != IMG_OK) {
        return status;
    }

    size_t count = (size_t)width * (size_t)height;
    if (magic[1] == '6') {
        /* Exactly one whitespace byte separates maxval from the binary data. */
        int sep = fgetc(in);
        if (!isspace(sep)) {
            img_free(out);
            return IMG_ERR_FORMAT;
        }
        if (fread(out->pixels, sizeof(img_rgb), count, in) != count) {
            img_free(out);
            return IMG_ERR_IO;
        }
        if (maxval != 255) {
            for (size_t i = 0; i < count; i++) {
                out->pixels[i].r = scale_sample(out->pixels[i].r, maxval);
                out->pixels[i].g = scale_sample(out->pixels[i].g, maxval);
                out->pixels[i].b = scale_sample(out->pixels[i].b, maxval);
            }
        }
    } else {
        for (size_t i = 0; i < count; i++) {
            int r, g, b;
            if (read_header_int(in, &r) != 0 || read_header_int(in, &g) != 0 || read_header_int(in, &b) != 0 ||
                r > maxval || g > maxval || b > maxval) {
                img_free(out);
                return IMG_ERR_FORMAT;
            }
            out->pixels[i].r = scale_sample(r, maxval);
            out->pixels[i].g = scale_sample(g, maxval);
            out->pixels[i].b = scale_sample(b, maxval);
        }
    }
    return IMG_OK;
}

img_status img_write_ppm(FILE *out, const img_image *img) {
    if (out == NULL || img == NULL || img->pixels == NULL) {
        return IMG_ERR_ARG;
    }
    size_t count = (size_t)img->width * (size_t)img->height;
    if (fprintf(out, "P6\n%d %d\n255\n", img->width, img->height) < 0) {
        return IMG_ERR_IO;
    }
    if (fwrite(img->pixels, sizeof(img_rgb), count, out) != count) {
        return IMG_ERR_IO;
    }
    return fflush(out) == 0 ? IMG_OK : IMG_ERR_IO;
}

void img_grayscale(img_image *img) {
    if (img == NULL || img->pixels == NULL) {
        return;
    }
    size_t count = (size_t)img->width * (size_t)img->height;
    for (size_t i = 0; i < count; i++) {
        img_rgb *p = &img->pixels[i];
        /* Integer form of 0.299 R + 0.587 G + 0.114 B, with rounding. */
        unsigned y = (299u * p->r + 587u * p->g + 114u * p->b + 500u) / 1000u;
        p->r = p->g = p->b = (uint8_t)y;
    }
}

/*
 * One pass of a 1-D box blur over `n` pixels spaced `stride` apart.
 * Edge pixels are clamped (the border is extended) so the image does not darken at the edges.
 */
static void blur_line(const img_rgb *src, img_rgb *dst, int n, size_t stride, int radius) {
    long sum_r = 0, sum_g = 0, sum_b = 0;
    const long window = 2L * radius + 1;

    /* Prime the running sum with the window centred on index 0. */
    for (int k = -radius; k <= radius; k++) {
        int idx = k < 0 ? 0 : (k >= n ? n - 1 : k);
        sum_r += src[(size_t)idx * stride].r;
        sum_g += src[(size_t)idx * stride].g;
        sum_b += src[(size_t)idx * stride].b;
    }

    for (int i = 0; i < n; i++) {
        dst[(size_t)i * stride].r = (uint8_t)((sum_r + window / 2) / window);
        dst[(size_t)i * stride].g = (uint8_t)((sum_g + window / 2) / window);
        dst[(size_t)i * stride].b = (uint8_t)((sum_b + window / 2) / window);

        /* Slide the window: drop the leftmost sample, add the next one. */
        int out_idx = i - radius < 0 ? 0 : i - radius;
        int in_idx = i + radius + 1 >= n ? n - 1 : i + radius + 1;
        sum_r += (long)src[(size_t)in_idx * stride].r - src[(size_t)out_idx * stride].r;
        sum_g += (long)src[(size_t)in_idx * stride].g - src[(size_t)out_idx * stride].g;
        sum_b += (long)src[(size_t)in_idx * stride].b - src[(size_t)out_idx * stride].b;
    }
}

img_status img_box_blur(img_image *img, int radius) {
    if (img == NULL || img->pixels == NULL || radius < 0) {
        return IMG_ERR_ARG;
    }
    if (radius == 0) {
        return IMG_OK; /* Nothing to do. */
    }

    size_t count = (size_t)img->width * (size_t)img->height;
    img_rgb *tmp = malloc(count * sizeof(img_rgb));
    if (tmp == NULL) {
        return IMG_ERR_NOMEM;
    }

    /* Horizontal pass: img -> tmp. */
    for (int y = 0; y < img->height; y++) {
        size_t row = (size_t)y * (size_t)img->width;
        blur_line(img->pixels + row, tmp + row, img->width, 1, radius);
    }
    /* Vertical pass: tmp -> img. */
    for (int x = 0; x < img->width; x++) {
        blur_line(tmp + x, img->pixels + x, img->height, (size_t)img->width, radius);
    }

    free(tmp);
    return IMG_OK;
}

const char *img_strerror(img_status status) {
    switch (status) {
    case IMG_OK: return "success";
    case IMG_ERR_ARG: return "invalid argument";
    case IMG_ERR_NOMEM: return "out of memory";
    case IMG_ERR_IO: return "I/O error";
    case IMG_ERR_FORMAT: return "unsupported or malformed PPM";
    case IMG_ERR_TOO_LARGE: return "image dimensions too large";
    }
    return "unknown error";
}
