#include "tw.h"

#include <string.h>

#define MASK (TW_SLOTS - 1)
#define LOW(l) ((UINT64_C(1) << (TW_BITS * (l))) - 1)

static void link(tw_timer **head, tw_timer *t) {
    t->next = *head;
    if (*head) (*head)->pprev = &t->next;
    *head = t;
    t->pprev = head;
}

static void unlink(tw_timer *t) {
    *t->pprev = t->next;
    if (t->next) t->next->pprev = t->pprev;
    t->next = NULL;
    t->pprev = NULL;
}

static void place(tw_wheel *w, tw_timer *t) {
    if (t->at < w->now) t->at = w->now;
    uint64_t x = t->at ^ w->now;
    for (int l = 0; l < TW_LEVELS; l++) {
        if (!(x >> (TW_BITS * (l + 1)))) {
            link(&w->slot[l][(t->at >> (TW_BITS * l)) & MASK], t);
            return;
        }
    }
    link(&w->late, t);
}

void tw_init(tw_wheel *w, uint64_t now) {
    memset(w, 0, sizeof *w);
    w->now = now;
}

int tw_pending(const tw_timer *t) { return t->pprev != NULL; }

void tw_add(tw_wheel *w, tw_timer *t, uint64_t delay, uint64_t every, tw_fn fn, void *arg) {
    if (tw_pending(t)) tw_del(w, t);
    t->at = w->now + (delay ? delay : 1);
    t->every = every;
    t->fn = fn;
    t->arg = arg;
    place(w, t);
    w->n++;
}

void tw_del(tw_wheel *w, tw_timer *t) {
    if (!tw_pending(t)) return;
    unlink(t);
    w->n--;
}

static void cascade(tw_wheel *w, int l) {
    unsigned s = (unsigned)(w->now >> (TW_BITS * l)) & MASK;
    tw_timer *t = w->slot[l][s];
    w->slot[l][s] = NULL;
    while (t) {
        tw_timer *nx = t->next;
        t->pprev = NULL;
        t->next = NULL;
        place(w, t);
        t = nx;
    }
}

static void recheck_late(tw_wheel *w) {
    tw_timer *t = w->late;
    w->late = NULL;
    while (t) {
        tw_timer *nx = t->next;
        t->pprev = NULL;
        t->next = NULL;
        place(w, t);
        t = nx;
    }
}

size_t tw_advance(tw_wheel *w, uint64_t to) {
    size_t fired = 0;
    while (w->now < to) {
        w->now++;
        if (w->late && !(w->now & LOW(TW_LEVELS))) recheck_late(w);
        for (int l = TW_LEVELS - 1; l > 0; l--)
            if (!(w->now & LOW(l))) cascade(w, l);

        tw_timer **head = &w->slot[0][w->now & MASK];
        while (*head) {
            tw_timer *t = *head;
            unlink(t);
            if (t->every) {
                t->at = w->now + t->every;
                place(w, t);
            } else {
                w->n--;
            }
            t->fn(t->arg);
            fired++;
        }
    }
    return fired;
}

uint64_t tw_next(const tw_wheel *w) {
    if (!w->n) return UINT64_MAX;
    uint64_t best = UINT64_MAX;
    for (int l = 0; l < TW_LEVELS; l++)
        for (unsigned s = 0; s < TW_SLOTS; s++)
            for (tw_timer *t = w->slot[l][s]; t; t = t->next)
                if (t->at < best) best = t->at;
    for (tw_timer *t = w->late; t; t = t->next)
        if (t->at < best) best = t->at;
    return best;
}
