/**
 * @file ppmtool.c
 * @brief Command-line front end: read a PPM, apply filters, write a PPM.
 *
 * Usage:
 *   ppmtool [--gray] [--blur RADIUS] [INPUT [OUTPUT]]
 *
 * INPUT and OUTPUT default to standard input and standard output, so the tool
 * can be used in a pipeline:  ppmtool --gray < in.ppm > out.ppm
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"

static void usage(const char *prog) {
    fprintf(stderr, "usage: %s [--gray] [--blur RADIUS] [INPUT [OUTPUT]]\n", prog);
}

/* Parses a non-negative integer argument; returns -1 if it is not one. */
static int parse_radius(const char *text) {
    char *end = NULL;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < 0 || value > 1000) {
        return -1;
    }
    return (int)value;
}

int main(int argc, char **argv) {
    int gray = 0;
    int blur = 0;
    const char *input_path = NULL;
    const char *output_path = NULL;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--gray") == 0) {
            gray = 1;
        } else if (strcmp(argv[i], "--blur") == 0) {
            if (i + 1 >= argc || (blur = parse_radius(argv[++i])) < 0) {
                fprintf(stderr, "--blur needs a radius between 0 and 1000\n");
                return 2;
            }
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            usage(argv[0]);
            return 2;
        } else if (input_path == NULL) {
            input_path = argv[i];
        } else if (output_path == NULL) {
            output_path = argv[i];
        } else {
            usage(argv[0]);
            return 2;
        }
    }

    FILE *in = input_path ? fopen(input_path, "rb") : stdin;
    if (in == NULL) {
        perror(input_path);
        return 1;
    }

    img_image img;
    img_status status = img_read_ppm(in, &img);
    if (in != stdin) {
        fclose(in);
    }
    if (status != IMG_OK) {
        fprintf(stderr, "%s: %s\n", input_path ? input_path : "<stdin>", img_strerror(status));
        return 1;
    }

    if (gray) {
        img_grayscale(&img);
    }
    if (blur > 0 && (status = img_box_blur(&img, blur)) != IMG_OK) {
        fprintf(stderr, "blur failed: %s\n", img_strerror(status));
        img_free(&img);
        return 1;
    }

    FILE *out = output_path ? fopen(output_path, "wb") : stdout;
    if (out == NULL) {
        perror(output_path);
        img_free(&img);
        return 1;
    }
    status = img_write_ppm(out, &img);
    if (out != stdout && fclose(out) != 0 && status == IMG_OK) {
        status = IMG_ERR_IO;
    }
    img_free(&img);

    if (status != IMG_OK) {
        fprintf(stderr, "%s: %s\n", output_path ? output_path : "<stdout>", img_strerror(status));
        return 1;
    }
    return 0;
}
