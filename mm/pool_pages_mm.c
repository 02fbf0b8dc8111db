/* The pool's page provider in the kernel: the memory manager's pages from the paged pool range
 * (pageable, demand-zero) and the nonpaged pool range (resident), with the pool's owner byte per page
 * of both ranges in nonpaged memory, so that reading it never faults at any IRQL. */
#include "mm/layout.h"
#include "mm/mm.h"
#include "mm/pool_pages.h"

#define RANGE_PAGES(start, end) (((end) - (start)) / PAGE_SIZE)

static uint8_t nonpaged_owners[RANGE_PAGES(NONPAGED_POOL_START, NONPAGED_POOL_END)];
static uint8_t paged_owners[RANGE_PAGES(PAGED_POOL_START, PAGED_POOL_END)];

void *pool_pages_alloc(size_t npages, bool pageable)
{
    return mm_alloc_pages(npages, pageable);
}

void pool_pages_free(void *pages, size_t npages)
{
    mm_free_pages(pages, npages);
}

uint8_t *pool_pages_owner(const void *p)
{
    uint32_t va = (uint32_t)p;
    if (va - NONPAGED_POOL_START < NONPAGED_POOL_END - NONPAGED_POOL_START)
        return &nonpaged_owners[(va - NONPAGED_POOL_START) / PAGE_SIZE];
    if (va - PAGED_POOL_START < PAGED_POOL_END - PAGED_POOL_START)
        return &paged_owners[(va - PAGED_POOL_START) / PAGE_SIZE];
    return 0;
}
