/* The pools' page runs (pool_pages.h) in the kernel: the paged pool range (pageable, demand-zero) and
 * the nonpaged pool range (resident frames), each page charged against the commit limit, and the pool's
 * owner byte per page of both ranges in nonpaged memory, so that reading it never faults at any IRQL. */
#include "mm/pool_pages.h"

#include "kernel/bugcheck.h"
#include "kernel/wdm.h"
#include "mm/commit.h"
#include "mm/layout.h"
#include "mm/mm_lock.h"
#include "mm/page_backing.h"
#include "mm/reclaim.h"
#include "mm/resident.h"
#include "mm/va_range.h"

#define RANGE_PAGES(start, end) (((end) - (start)) / PAGE_SIZE)

static uint32_t nonpaged_bitmap[BITMAP_WORDS(RANGE_PAGES(NONPAGED_POOL_START, NONPAGED_POOL_END))];
static uint32_t paged_bitmap[BITMAP_WORDS(RANGE_PAGES(PAGED_POOL_START, PAGED_POOL_END))];
static struct va_range nonpaged, paged;
uint8_t pool_pages_nonpaged_owners[RANGE_PAGES(NONPAGED_POOL_START, NONPAGED_POOL_END)];
static uint8_t paged_owners[RANGE_PAGES(PAGED_POOL_START, PAGED_POOL_END)];
static enum pool_pages_limit last_failure;
static uint32_t failures;

void pool_pages_init(void)
{
    va_range_init(&nonpaged, nonpaged_bitmap, NONPAGED_POOL_START, NONPAGED_POOL_END);
    va_range_init(&paged, paged_bitmap, PAGED_POOL_START, PAGED_POOL_END);
}

/* A run of the range, its pages backed as the range's pages are; 0 when either runs out. */
static uint32_t alloc_run(uint32_t npages, bool pageable)
{
    struct va_range *r = pageable ? &paged : &nonpaged;
    uint32_t va = va_range_alloc(r, npages);
    if (va && !page_backing_new(va, npages, pageable)) {
        va_range_free(r, va, npages);
        return 0;
    }
    return va;
}

void *pool_pages_alloc(size_t npages, bool pageable)
{
    if (npages == 0)
        return 0;
    KIRQL lock = mm_lock();
    uint32_t va = 0;
    if (!commit_charge(npages)) {
        failures++;
        last_failure = POOL_PAGES_COMMIT;
    } else {
        uint32_t refusals = resident_refusals();
        va = alloc_run(npages, pageable);
        if (!va) {
            commit_return(npages);
            failures++;
            /* Its pages or their page tables could not be made resident, or the range had no room. */
            last_failure = resident_refusals() != refusals ? POOL_PAGES_RESIDENT : POOL_PAGES_RANGE;
        }
    }
    reclaim_balance();
    mm_unlock(lock);
    return (void *)va;
}

void pool_pages_free(void *base, size_t npages)
{
    uint32_t va = (uint32_t)base;
    struct va_range *r = va_range_contains(&paged, va) ? &paged : &nonpaged;
    KIRQL lock = mm_lock();
    if (!va_range_is_allocated(r, va, npages)) /* a double free, or an address never handed out */
        KeBugCheckEx(BUGCHECK_MEMORY_MANAGEMENT, 0x3000, va, npages, 0);
    for (uint32_t i = 0; i < npages; i++)
        page_backing_release(va + i * PAGE_SIZE);
    va_range_free(r, va, npages);
    commit_return(npages);
    mm_unlock(lock);
}

uint32_t pool_pages_failures(enum pool_pages_limit *last)
{
    *last = last_failure;
    return failures;
}

const char *pool_pages_limit_name(enum pool_pages_limit limit)
{
    static const char *const names[] = { "no limit", "commit limit", "resident-page limit",
                                         "pool address range" };
    return names[limit];
}

uint8_t *pool_pages_owner(const void *p)
{
    uint32_t va = (uint32_t)p;
    uint8_t *nonpaged_owner = pool_pages_nonpaged_owner(p);
    if (nonpaged_owner)
        return nonpaged_owner;
    if (va - PAGED_POOL_START < PAGED_POOL_END - PAGED_POOL_START)
        return &paged_owners[(va - PAGED_POOL_START) / PAGE_SIZE];
    return 0;
}
