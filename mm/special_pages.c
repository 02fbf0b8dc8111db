/* Special pool's page pairs (special_pages.h): two pages of the special range, the first committed
 * (demand-zero or a resident frame), the second a guard whose no-access PTE the fault handler turns
 * into 0xCD; a retired page stays no-access (0xCC) until the ring of retired pages lets it go. */
#include "mm/special_pages.h"

#include "mm/commit.h"
#include "mm/layout.h"
#include "mm/mm_lock.h"
#include "mm/page_backing.h"
#include "mm/page_table.h"
#include "mm/reclaim.h"
#include "mm/va_range.h"

#define PAIR_BYTES (2 * PAGE_SIZE)

static uint32_t special_bitmap[BITMAP_WORDS((SPECIAL_POOL_END - SPECIAL_POOL_START) / PAGE_SIZE)];
static struct va_range special;
static uint8_t pair_state[(SPECIAL_POOL_END - SPECIAL_POOL_START) / PAIR_BYTES]; /* special_page_state */

void special_pages_init(void)
{
    va_range_init(&special, special_bitmap, SPECIAL_POOL_START, SPECIAL_POOL_END);
}

static uint8_t *state_of(uint32_t va)
{
    return &pair_state[(va - SPECIAL_POOL_START) / PAIR_BYTES];
}

void *special_pages_alloc(bool pageable)
{
    KIRQL lock = mm_lock();
    uint32_t va = 0;
    if (commit_charge(1)) {
        va = va_range_alloc(&special, 2);
        if (va && !page_backing_new(va, 1, pageable)) {
            va_range_free(&special, va, 2);
            va = 0;
        }
        if (!va)
            commit_return(1);
    }
    if (va) {
        pte_store(va + PAGE_SIZE, pte_make_software(PTE_KIND_NO_ACCESS, 0));
        *state_of(va) = pageable ? SPECIAL_PAGE_PAGEABLE : SPECIAL_PAGE_RESIDENT;
    }
    reclaim_balance();
    mm_unlock(lock);
    return (void *)va;
}

void special_pages_retire(void *page)
{
    KIRQL lock = mm_lock();
    page_backing_release((uint32_t)page);
    pte_store((uint32_t)page, pte_make_software(PTE_KIND_NO_ACCESS, PTE_NO_ACCESS_FREED));
    *state_of((uint32_t)page) = SPECIAL_PAGE_RETIRED;
    commit_return(1);
    mm_unlock(lock);
}

void special_pages_free(void *page)
{
    uint32_t va = (uint32_t)page;
    KIRQL lock = mm_lock();
    pte_store(va, 0);
    pte_store(va + PAGE_SIZE, 0);
    *state_of(va) = SPECIAL_PAGE_FREE;
    va_range_free(&special, va, 2);
    mm_unlock(lock);
}

bool special_pages_contains(const void *p)
{
    return va_range_contains(&special, (uint32_t)p);
}

void *special_pages_next(const void *after)
{
    uint32_t pairs = sizeof(pair_state);
    for (uint32_t i = after ? ((uint32_t)after - SPECIAL_POOL_START) / PAIR_BYTES + 1 : 0; i < pairs; i++)
        if (pair_state[i] == SPECIAL_PAGE_RESIDENT || pair_state[i] == SPECIAL_PAGE_PAGEABLE)
            return (void *)(SPECIAL_POOL_START + i * PAIR_BYTES);
    return 0;
}

enum special_page_state special_pages_state(const void *p)
{
    uint32_t at = (uint32_t)p - SPECIAL_POOL_START;
    return at & PAGE_SIZE ? SPECIAL_PAGE_FREE : (enum special_page_state)*state_of((uint32_t)p);
}
