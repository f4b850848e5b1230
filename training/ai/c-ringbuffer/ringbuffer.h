#ifndef RINGBUFFER_H
#define RINGBUFFER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Error codes returned by the ring buffer functions. */
enum {
    RB_OK = 0,
    RB_ERR_INVALID = -1, /* Invalid argument (e.g. capacity not a power of two) */
    RB_ERR_NOMEM = -2,   /* Memory allocation failed */
    RB_ERR_EMPTY = -3,   /* The buffer holds no data */
};

/**
 * A byte ring buffer. head and tail grow without bound and are masked on access,
 * so the buffer can be completely full without an extra "full" flag.
 */
typedef struct {
    uint8_t *data;
    size_t capacity;
    size_t mask;
    size_t head; /* Next position to write */
    size_t tail; /* Next position to read */
} ringbuffer_t;

/** Initializes the buffer. Capacity must be a power of two. */
int ringbuffer_init(ringbuffer_t *rb, size_t capacity);

/** Releases the buffer's memory. Safe to call with NULL. */
void ringbuffer_free(ringbuffer_t *rb);

/** Number of bytes currently stored. */
size_t ringbuffer_size(const ringbuffer_t *rb);

/** Number of bytes that can be written before the buffer is full. */
size_t ringbuffer_free_space(const ringbuffer_t *rb);

/** Writes up to len bytes; returns how many were written. */
size_t ringbuffer_write(ringbuffer_t *rb, const uint8_t *src, size_t len);

/** Reads up to len bytes; returns how many were read. */
size_t ringbuffer_read(ringbuffer_t *rb, uint8_t *dst, size_t len);

/** Copies the next byte without removing it. */
int ringbuffer_peek(const ringbuffer_t *rb, uint8_t *out);

#ifdef __cplusplus
}
#endif

#endif /* RINGBUFFER_H */
