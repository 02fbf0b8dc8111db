#include "tools/pagesim/arc.h"

#include <stdbool.h>

#include "tools/pagesim/page_lists.h"

enum { T1 = 1, T2, B1, B2 };

/* REPLACE in the paper: T1's or T2's least recent page to its ghost list. */
static void replace(struct page_lists *l, uint32_t target, bool in_b2)
{
    if (l->size[T1] > 0 && (l->size[T1] > target || (in_b2 && l->size[T1] == target)))
        page_lists_push(l, B1, l->tail[T1]);
    else
        page_lists_push(l, B2, l->tail[T2]);
}

uint64_t sim_run_arc(const struct trace *t, uint32_t frames)
{
    struct page_lists l;
    page_lists_init(&l, t->distinct);
    uint32_t target = 0; /* for T1 */
    uint64_t faults = 0;
    for (uint32_t i = 0; i < t->count; i++) {
        uint32_t page = t->refs[i];
        unsigned on = l.on[page];
        if (on == T1 || on == T2) {
            page_lists_push(&l, T2, page);
            continue;
        }
        faults++;
        if (on == B1 || on == B2) {
            uint32_t mine = l.size[on], other = l.size[on == B1 ? B2 : B1];
            uint32_t step = other > mine ? other / mine : 1;
            if (on == B1)
                target = target + step < frames ? target + step : frames;
            else
                target = target > step ? target - step : 0;
            replace(&l, target, on == B2);
            page_lists_push(&l, T2, page);
            continue;
        }
        uint32_t l1 = l.size[T1] + l.size[B1], all = l1 + l.size[T2] + l.size[B2];
        if (l1 == frames) {
            if (l.size[T1] < frames) {
                page_lists_remove(&l, l.tail[B1]);
                replace(&l, target, false);
            } else {
                page_lists_remove(&l, l.tail[T1]);
            }
        } else if (all >= frames) {
            if (all == 2 * frames)
                page_lists_remove(&l, l.tail[B2]);
            replace(&l, target, false);
        }
        page_lists_push(&l, T1, page);
    }
    page_lists_free(&l);
    return faults;
}
