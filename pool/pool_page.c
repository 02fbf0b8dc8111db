#include "pool/pool_page.h"

#include "mm/pool_pages.h"
#include "pool/pool_header.h"

struct hashtab pool_page_table = HASHTAB_INIT(struct page_entry);
struct pool_stats pool_stats;

static struct {
    uintptr_t base;        /* POOL_RESERVE_PAGES contiguous pages, or 0 if none could be had */
    void *free[POOL_RESERVE_PAGES];
    unsigned nfree;
} reserve;

/* Pages given back lately: a second free of a block whose page already went back is still reported
 * as a double free (0xC2/0x07, header contents 0 since the header went with the page), not as an
 * address that was never pool. */
#define RELEASED_PAGES_REMEMBERED 64
static uintptr_t released_pages[RELEASED_PAGES_REMEMBERED];
static unsigned released_next;

void pool_page_init(void)
{
    char *pages = pool_pages_alloc(POOL_RESERVE_PAGES, false);
    if (pages) {
        reserve.base = (uintptr_t)pages;
        for (unsigned i = 0; i < POOL_RESERVE_PAGES; i++)
            reserve.free[reserve.nfree++] = pages + i * POOL_PAGE;
    }
}

bool pool_page_in_reserve(const void *p)
{
    return reserve.base && (uintptr_t)p - reserve.base < POOL_RESERVE_PAGES * POOL_PAGE;
}

void *pool_page_get(size_t npages, enum pool_kind kind, bool must_succeed)
{
    void *p = pool_pages_alloc(npages, kind == POOL_KIND_PAGED);
    if (!p && must_succeed && npages == 1 && reserve.nfree)
        p = reserve.free[--reserve.nfree];
    return p;
}

void pool_page_put(void *pages, size_t npages)
{
    released_pages[released_next++ % RELEASED_PAGES_REMEMBERED] = (uintptr_t)pages;
    if (pool_page_in_reserve(pages))
        reserve.free[reserve.nfree++] = pages;
    else
        pool_pages_free(pages, npages);
}

bool pool_page_released_lately(uintptr_t page)
{
    if (page == 0) /* the empty slots: page 0 is never the pool's */
        return false;
    for (unsigned i = 0; i < RELEASED_PAGES_REMEMBERED; i++)
        if (released_pages[i] == page)
            return true;
    return false;
}

unsigned pool_page_reserve_free(void)
{
    return reserve.nfree;
}
