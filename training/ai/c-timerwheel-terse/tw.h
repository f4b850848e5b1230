#ifndef TW_H
#define TW_H

#include <stddef.h>
#include <stdint.h>

#define TW_BITS 6
#define TW_SLOTS (1u << TW_BITS)
#define TW_LEVELS 4

typedef void (*tw_fn)(void *arg);

typedef struct tw_timer {
    struct tw_timer *next, **pprev;
    uint64_t at;
    uint64_t every;
    tw_fn fn;
    void *arg;
} tw_timer;

typedef struct {
    tw_timer *slot[TW_LEVELS][TW_SLOTS];
    tw_timer *late;
    uint64_t now;
    size_t n;
} tw_wheel;

void tw_init(tw_wheel *w, uint64_t now);
void tw_add(tw_wheel *w, tw_timer *t, uint64_t delay, uint64_t every, tw_fn fn, void *arg);
void tw_del(tw_wheel *w, tw_timer *t);
int tw_pending(const tw_timer *t);
size_t tw_advance(tw_wheel *w, uint64_t to);
uint64_t tw_next(const tw_wheel *w);

#endif
