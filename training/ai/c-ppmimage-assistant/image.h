/**
 * @file image.h
 * @brief Minimal RGB image type with PPM (P6/P3) input/output and a few filters.
 *
 * All functions that can fail return an ::img_status code. Images own their
 * pixel buffer and must be released with img_free().
 */
#ifndef IMAGE_H
#define IMAGE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/** Result codes returned by the image functions. */
typedef enum {
    IMG_OK = 0,          /**< Success. */
    IMG_ERR_ARG,         /**< An argument was NULL or out of range. */
    IMG_ERR_NOMEM,       /**< Memory allocation failed. */
    IMG_ERR_IO,          /**< Reading or writing the stream failed. */
    IMG_ERR_FORMAT,      /**< The input is not a supported PPM file. */
    IMG_ERR_TOO_LARGE    /**< The dimensions exceed IMG_MAX_DIM. */
} img_status;

/** Largest width or height accepted, to keep width * height * 3 far from overflow. */
#define IMG_MAX_DIM 16384

/** One pixel, 8 bits per channel. */
typedef struct {
    uint8_t r, g, b;
} img_rgb;

/** An image stored row by row, top to bottom. */
typedef struct {
    int width;
    int height;
    img_rgb *pixels; /**< width * height pixels. */
} img_image;

/**
 * Allocates an image filled with black.
 * @param out    Receives the new image.
 * @param width  Width in pixels, 1..IMG_MAX_DIM.
 * @param height Height in pixels, 1..IMG_MAX_DIM.
 */
img_status img_create(img_image *out, int width, int height);

/** Releases the pixel buffer. Safe to call on a zeroed or already freed image. */
void img_free(img_image *img);

/** Returns a pointer to the pixel at (x, y), or NULL if the coordinates are outside the image. */
img_rgb *img_at(const img_image *img, int x, int y);

/** Reads a binary (P6) or ASCII (P3) PPM image with maxval up to 255. */
img_status img_read_ppm(FILE *in, img_image *out);

/** Writes the image as a binary (P6) PPM. */
img_status img_write_ppm(FILE *out, const img_image *img);

/** Converts the image to grayscale in place using Rec. 601 luma weights. */
void img_grayscale(img_image *img);

/**
 * Applies a box blur of the given radius in place.
 * Runs in O(width * height) regardless of the radius (separable running sums).
 */
img_status img_box_blur(img_image *img, int radius);

/** Returns a human-readable message for a status code. */
const char *img_strerror(img_status status);

#endif /* IMAGE_H */
