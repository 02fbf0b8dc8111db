#include "tools/pagesim/lirs.h"

#include <stdbool.h>
#include <stdlib.h>

#include "tools/pagesim/page_lists.h"

/* Two list sets: the stack S and the queue Q (a page may be on both). */
enum { ON = 1 };

struct lirs {
    struct page_lists s, q;
    bool *lir, *resident;
    uint32_t lirs, lir_max;
};

/* The stack's bottom is always a LIR page: HIR entries below the lowest LIR page go. */
static void prune(struct lirs *x)
{
    while (x->s.tail[ON] != PAGE_LISTS_NIL && !x->lir[x->s.tail[ON]])
        page_lists_remove(&x->s, x->s.tail[ON]);
}

/* A HIR page re-referenced while in the stack becomes LIR; the bottom LIR page becomes resident HIR. */
static void to_lir(struct lirs *x, uint32_t page)
{
    x->lir[page] = true;
    page_lists_remove(&x->q, page);
    page_lists_push(&x->s, ON, page);
    uint32_t bottom = x->s.tail[ON];
    x->lir[bottom] = false;
    page_lists_remove(&x->s, bottom);
    page_lists_push(&x->q, ON, bottom);
    prune(x);
}

uint64_t sim_run_lirs(const struct trace *t, uint32_t frames)
{
    struct lirs x;
    uint32_t n = t->distinct ? t->distinct : 1, hir = frames / 100 ? frames / 100 : 1;
    page_lists_init(&x.s, n);
    page_lists_init(&x.q, n);
    x.lir = calloc(n, sizeof(bool));
    x.resident = calloc(n, sizeof(bool));
    x.lirs = 0;
    x.lir_max = frames > hir ? frames - hir : 0;
    uint32_t resident = 0;
    uint64_t faults = 0;
    for (uint32_t i = 0; i < t->count; i++) {
        uint32_t page = t->refs[i];
        if (x.resident[page] && x.lir[page]) {
            bool bottom = x.s.tail[ON] == page;
            page_lists_push(&x.s, ON, page);
            if (bottom)
                prune(&x);
            continue;
        }
        if (x.resident[page]) {
            if (x.s.on[page]) {
                to_lir(&x, page);
            } else {
                page_lists_push(&x.s, ON, page);
                page_lists_push(&x.q, ON, page);
            }
            continue;
        }
        faults++;
        if (x.lirs < x.lir_max && resident == x.lirs) { /* filling up: LIR until the LIR set is full */
            x.lir[page] = x.resident[page] = true;
            x.lirs++;
            resident++;
            page_lists_push(&x.s, ON, page);
            continue;
        }
        if (resident == frames) {
            uint32_t victim = x.q.tail[ON]; /* the oldest resident HIR page; its stack entry stays */
            page_lists_remove(&x.q, victim);
            x.resident[victim] = false;
            resident--;
        }
        x.resident[page] = true;
        resident++;
        if (x.s.on[page]) {
            to_lir(&x, page);
        } else {
            page_lists_push(&x.s, ON, page);
            page_lists_push(&x.q, ON, page);
        }
    }
    page_lists_free(&x.s);
    page_lists_free(&x.q);
    free(x.lir);
    free(x.resident);
    return faults;
}
