/**
 * ringbuffer.c - A fixed-size, single-producer/single-consumer ring buffer.
 *
 * The buffer stores bytes and never allocates after initialization, which makes it
 * suitable for embedded systems and interrupt handlers.
 */
#include "ringbuffer.h"

#include <stdlib.h>
#include <string.h>

/* Returns true if n is a power of two (required so we can use a bit mask). */
static bool is_power_of_two(size_t n) {
    return n != 0 && (n & (n - 1)) == 0;
}

int ringbuffer_init(ringbuffer_t *rb, size_t capacity) {
    if (rb == NULL || !is_power_of_two(capacity)) {
        return RB_ERR_INVALID;
    }

    rb->data = malloc(capacity);
    if (rb->data == NULL) {
        return RB_ERR_NOMEM;
    }

    rb->capacity = capacity;
    rb->mask = capacity - 1;
    rb->head = 0;
    rb->tail = 0;
    return RB_OK;
}

void ringbuffer_free(ringbuffer_t *rb) {
    if (rb != NULL) {
        free(rb->data);
        rb->data = NULL;
        rb->capacity = 0;
    }
}

size_t ringbuffer_size(const ringbuffer_t *rb) {
    return rb->head - rb->tail;
}

size_t ringbuffer_free_space(const ringbuffer_t *rb) {
    return rb->capacity - ringbuffer_size(rb);
}

size_t ringbuffer_write(ringbuffer_t *rb, const uint8_t *src, size_t len) {
    size_t available = ringbuffer_free_space(rb);
    size_t to_write = len < available ? len : available;

    // Copy in at most two chunks: up to the end of the buffer, then from the start.
    size_t offset = rb->head & rb->mask;
    size_t first_chunk = rb->capacity - offset;
    if (first_chunk > to_write) {
        first_chunk = to_write;
    }
    memcpy(rb->data + offset, src, first_chunk);
    memcpy(rb->data, src + first_chunk, to_write - first_chunk);

    rb->head += to_write;
    return to_write;
}

size_t ringbuffer_read(ringbuffer_t *rb, uint8_t *dst, size_t len) {
    size_t available = ringbuffer_size(rb);
    size_t to_read = len < available ? len : available;

    size_t offset = rb->tail & rb->mask;
    size_t first_chunk = rb->capacity - offset;
    if (first_chunk > to_read) {
        first_chunk = to_read;
    }
    memcpy(dst, rb->data + offset, first_chunk);
    memcpy(dst + first_chunk, rb->data, to_read - first_chunk);

    rb->tail += to_read;
    return to_read;
}

int ringbuffer_peek(const ringbuffer_t *rb, uint8_t *out) {
    if (ringbuffer_size(rb) == 0) {
        return RB_ERR_EMPTY;
    }
    *out = rb->data[rb->tail & rb->mask];
    return RB_OK;
}
