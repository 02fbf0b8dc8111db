/* Adaptive CLOCK-Pro as Jiang, Chen and Zhang describe it (USENIX 2005), the reference the kernel's
 * policy is measured against: one clock of hot pages, resident cold pages and non-resident cold pages
 * in their test period, three hands, and the cold target adapted by test-period outcomes (+1 for a
 * reference in the test period, -1 for a test period that runs out). As in the paper, a page's
 * reference bit is set by hits only (the fault that brings it in leaves it clear), the non-resident
 * pages are bounded by the number of frames, and a cold page referenced outside its test period only
 * starts a new one. Like the authors' own simulator, a page is not promoted when HAND_hot reaches it
 * before it finds a hot page to demote, and pages HAND_hot passes over go to the list head. */
#include "tools/pagesim/clockpro.h"

#include <stdbool.h>
#include <stdlib.h>

#define NIL UINT32_MAX

enum { OUT, HOT, COLD, NONRES };

struct clockpro {
    uint8_t *state, *test, *ref;
    uint32_t *next, *prev; /* the clock; next runs from older to newer, the hands move along it */
    uint32_t head;         /* the newest page, where pages are (re)placed */
    uint32_t hand_hot, hand_cold, hand_test;
    uint32_t frames, hot, cold, nonres, cold_target, cold_min, cold_max;
};

static void target_add(struct clockpro *c, int d)
{
    if (d > 0 && c->cold_target < c->cold_max)
        c->cold_target++;
    else if (d < 0 && c->cold_target > c->cold_min)
        c->cold_target--;
}

static void take_out(struct clockpro *c, uint32_t page)
{
    uint32_t after = c->next[page] == page ? NIL : c->next[page];
    uint32_t *const hands[] = { &c->hand_hot, &c->hand_cold, &c->hand_test };
    for (unsigned i = 0; i < 3; i++)
        if (*hands[i] == page)
            *hands[i] = after;
    if (c->head == page)
        c->head = after == NIL ? NIL : c->prev[page];
    if (after != NIL) {
        c->next[c->prev[page]] = c->next[page];
        c->prev[c->next[page]] = c->prev[page];
    }
}

/* Out of the clock (if in it) and back in at the head, reference bit clear. */
static void to_head(struct clockpro *c, uint32_t page)
{
    if (c->state[page] != OUT)
        take_out(c, page);
    c->ref[page] = 0;
    if (c->head == NIL) {
        c->next[page] = c->prev[page] = page;
    } else {
        c->prev[page] = c->head;
        c->next[page] = c->next[c->head];
        c->prev[c->next[c->head]] = page;
        c->next[c->head] = page;
    }
    c->head = page;
}

static uint32_t start(const struct clockpro *c, uint32_t hand)
{
    return hand != NIL ? hand : c->next[c->head];
}

/* A test period ends without a reference: the cold target shrinks; a non-resident page leaves. */
static void end_test(struct clockpro *c, uint32_t page)
{
    c->test[page] = 0;
    target_add(c, -1);
    if (c->state[page] == NONRES) {
        take_out(c, page);
        c->state[page] = OUT;
        c->nonres--;
    }
}

static void run_hand_test(struct clockpro *c)
{
    uint32_t page = start(c, c->hand_test);
    while (!c->test[page])
        page = c->next[page];
    c->hand_test = c->next[page];
    end_test(c, page);
}

/* Demotes the first hot page without a reference before `until`, ending the test periods it passes;
 * false when it reaches `until` first. */
static bool run_hand_hot(struct clockpro *c, uint32_t until)
{
    for (uint32_t page = start(c, c->hand_hot); page != until; page = start(c, c->hand_hot)) {
        c->hand_hot = c->next[page] == page ? NIL : c->next[page];
        if (c->state[page] == HOT) {
            bool referenced = c->ref[page];
            to_head(c, page);
            if (!referenced) {
                c->state[page] = COLD;
                c->hot--;
                c->cold++;
                return true;
            }
        } else if (c->test[page]) {
            end_test(c, page);
        }
    }
    return false;
}

/* A cold page referenced in its test period becomes hot if HAND_hot can make room before reaching it. */
static bool promote(struct clockpro *c, uint32_t page)
{
    target_add(c, +1);
    while (c->hot > 0 && c->hot + c->cold_target >= c->frames)
        if (!c->test[page] || !run_hand_hot(c, page))
            return false;
    return true;
}

static void make(struct clockpro *c, uint32_t page, bool hot)
{
    to_head(c, page);
    c->state[page] = hot ? HOT : COLD;
    c->test[page] = !hot;
    if (hot)
        c->hot++;
    else
        c->cold++;
}

/* HAND_cold: frees one frame. */
static void evict_one(struct clockpro *c)
{
    for (;;) {
        if (c->cold == 0)
            run_hand_hot(c, NIL);
        uint32_t page = start(c, c->hand_cold);
        while (c->state[page] != COLD)
            page = c->next[page];
        c->hand_cold = c->next[page];
        if (c->ref[page]) {
            c->cold--;
            make(c, page, c->test[page] && promote(c, page));
            continue;
        }
        c->cold--;
        if (c->test[page]) {
            c->state[page] = NONRES;
            if (++c->nonres > c->frames)
                run_hand_test(c);
        } else {
            take_out(c, page);
            c->state[page] = OUT;
        }
        return;
    }
}

uint64_t sim_run_clockpro(const struct trace *t, uint32_t frames)
{
    struct clockpro c = { .head = NIL, .hand_hot = NIL, .hand_cold = NIL, .hand_test = NIL, .frames = frames };
    uint32_t n = t->distinct ? t->distinct : 1;
    c.state = calloc(n, 1);
    c.test = calloc(n, 1);
    c.ref = calloc(n, 1);
    c.next = malloc(n * sizeof(uint32_t));
    c.prev = malloc(n * sizeof(uint32_t));
    c.cold_min = frames / 100 > 2 ? frames / 100 : 2;
    c.cold_max = frames > c.cold_min ? frames - c.cold_min : 1;
    c.cold_target = c.cold_min;
    uint64_t faults = 0;
    for (uint32_t i = 0; i < t->count; i++) {
        uint32_t page = t->refs[i];
        if (c.state[page] == HOT || c.state[page] == COLD) {
            c.ref[page] = 1;
            continue;
        }
        faults++;
        if (c.hot + c.cold == frames)
            evict_one(&c);
        bool hot;
        if (c.state[page] == NONRES) {
            c.nonres--;
            hot = promote(&c, page);
        } else {
            hot = c.hot + c.cold + c.cold_min < frames; /* filling up: hot until the hot share is full */
        }
        make(&c, page, hot);
    }
    free(c.state);
    free(c.test);
    free(c.ref);
    free(c.next);
    free(c.prev);
    return faults;
}
