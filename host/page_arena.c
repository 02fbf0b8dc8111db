#include "host/page_arena.h"

struct page_arena_run {
    struct page_arena_run *next;
    size_t npages;
};

void page_arena_init(struct page_arena *a, uintptr_t base, uintptr_t limit, uint8_t *owners)
{
    *a = (struct page_arena){ .base = base, .limit = limit, .bump = base, .bytes = limit - base, .owners = owners };
}


static void push_run(struct page_arena *a, void *pages, size_t npages)
{
    struct page_arena_run *run = pages;
    run->npages = npages;
    struct page_arena_run **list = npages <= PAGE_ARENA_CLASSES ? &a->runs[npages] : &a->long_runs;
    run->next = *list;
    *list = run;
}

static void *take_long_run(struct page_arena *a, size_t npages)
{
    for (struct page_arena_run **link = &a->long_runs; *link; link = &(*link)->next) {
        struct page_arena_run *run = *link;
        if (run->npages < npages)
            continue;
        *link = run->next;
        if (run->npages > npages)
            push_run(a, (char *)run + npages * PAGE_ARENA_PAGE, run->npages - npages);
        return run;
    }
    return 0;
}

void *page_arena_alloc(struct page_arena *a, size_t npages)
{
    if (npages == 0 || (a->page_limit && a->pages_in_use + npages > a->page_limit))
        return 0;
    void *p = 0;
    if (npages <= PAGE_ARENA_CLASSES && a->runs[npages]) {
        p = a->runs[npages];
        a->runs[npages] = a->runs[npages]->next;
    } else if (!(p = take_long_run(a, npages))) {
        if (npages > (a->limit - a->bump) / PAGE_ARENA_PAGE)
            return 0;
        p = (void *)a->bump;
        a->bump += npages * PAGE_ARENA_PAGE;
    }
    a->pages_in_use += npages;
    return p;
}

void page_arena_free(struct page_arena *a, void *pages, size_t npages)
{
    push_run(a, pages, npages);
    a->pages_in_use -= npages;
}
