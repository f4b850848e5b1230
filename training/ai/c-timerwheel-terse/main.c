#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tw.h"

typedef struct {
    const char *name;
    uint64_t *clock;
    int hits;
    int limit;
    tw_timer *self;
    tw_wheel *w;
} job;

static void run(void *p) {
    job *j = p;
    j->hits++;
    printf("%8" PRIu64 "  %-10s #%d\n", *j->clock, j->name, j->hits);
    if (j->limit && j->hits >= j->limit) tw_del(j->w, j->self);
}

static uint64_t now;
static int fired_check;
static void count(void *p) {
    uint64_t want = (uint64_t)(uintptr_t)p;
    if (want != now) {
        fprintf(stderr, "late: want %" PRIu64 " got %" PRIu64 "\n", want, now);
        exit(1);
    }
    fired_check++;
}

static int selftest(void) {
    enum { N = 20000 };
    tw_wheel w;
    tw_timer *ts = calloc(N, sizeof *ts);
    if (!ts) return 1;
    tw_init(&w, now = 0);
    srand(7);
    for (int i = 0; i < N; i++) {
        uint64_t d = 1 + (uint64_t)rand() % (i % 3 == 0 ? 30000000 : 5000);
        tw_add(&w, &ts[i], d, 0, count, (void *)(uintptr_t)d);
    }
    for (int i = 0; i < N; i += 5) tw_del(&w, &ts[i]);
    while (w.n) {
        uint64_t nx = tw_next(&w);
        while (now < nx) tw_advance(&w, ++now);
    }
    free(ts);
    printf("selftest: %d fired, expected %d\n", fired_check, N - N / 5);
    return fired_check != N - N / 5;
}

int main(int argc, char **argv) {
    if (argc > 1 && !strcmp(argv[1], "--selftest")) return selftest();

    uint64_t until = argc > 1 ? strtoull(argv[1], NULL, 10) : 300;
    tw_wheel w;
    tw_timer t[3] = {0};
    job jobs[] = {
        {"heartbeat", &now, 0, 0, &t[0], &w},
        {"flush", &now, 0, 3, &t[1], &w},
        {"once", &now, 0, 0, &t[2], &w},
    };
    tw_init(&w, now = 0);
    tw_add(&w, &t[0], 50, 50, run, &jobs[0]);
    tw_add(&w, &t[1], 70, 70, run, &jobs[1]);
    tw_add(&w, &t[2], 4100, 0, run, &jobs[2]);

    while (now < until && w.n) {
        uint64_t nx = tw_next(&w);
        if (nx > until) break;
        while (now < nx) tw_advance(&w, ++now);
    }
    printf("done at %" PRIu64 ", %zu pending\n", now, w.n);
    return 0;
}
