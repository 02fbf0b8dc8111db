#include "mm/pages.h"

#include "kernel/bugcheck.h"
#include "kernel/wdm.h"
#include "mm/frames.h"
#include "mm/mm.h"
#include "mm/mm_lock.h"
#include "mm/page_table.h"
#include "mm/pager.h"
#include "mm/reclaim.h"
#include "mm/special_pages.h"
#include "mm/va_range.h"
#include "mm/working_set.h"

static uint32_t nonpaged_bitmap[BITMAP_WORDS((NONPAGED_POOL_END - NONPAGED_POOL_START) / 4096)];
static uint32_t paged_bitmap[BITMAP_WORDS((PAGED_POOL_END - PAGED_POOL_START) / 4096)];
static uint32_t special_bitmap[BITMAP_WORDS((SPECIAL_POOL_END - SPECIAL_POOL_START) / 4096)];
static struct va_range nonpaged, paged, special;
static uint8_t special_pair_state[(SPECIAL_POOL_END - SPECIAL_POOL_START) / 8192]; /* special_page_state */
static uint32_t commit_used, commit_limit;

void pages_init(void)
{
    va_range_init(&nonpaged, nonpaged_bitmap, NONPAGED_POOL_START, NONPAGED_POOL_END);
    va_range_init(&paged, paged_bitmap, PAGED_POOL_START, PAGED_POOL_END);
    va_range_init(&special, special_bitmap, SPECIAL_POOL_START, SPECIAL_POOL_END);
    commit_limit = UINT32_MAX; /* until the paging file is known: boot's own nonpaged needs */
}

void pages_set_commit_limit(uint32_t limit)
{
    commit_limit = limit;
}

uint32_t pages_commit(void)
{
    return commit_used;
}

uint32_t pages_commit_limit(void)
{
    return commit_limit;
}

/* Whatever backs one page goes: its frame, its paging-file slot, its place in the working set. */
static void release_page(uint32_t va)
{
    uint32_t pte = *pte_of(va);
    enum pte_kind kind = pte_kind_of(pte);
    if (kind == PTE_KIND_VALID || kind == PTE_KIND_TRANSITION) {
        uint32_t pfn = pte_payload(pte);
        struct pfn_entry *e = pfn_entry(frames_db(), pfn);
        if (e->state == PFN_ACTIVE)
            ws_remove(pfn);
        if (e->slot != PFN_NO_SLOT)
            pagefile_slot_free(pager_pagefile(), e->slot);
        frame_release(pfn);
    } else if (kind == PTE_KIND_PAGEFILE) {
        pagefile_slot_free(pager_pagefile(), pte_payload(pte));
    }
    pte_store(va, 0);
}

static uint32_t alloc_pageable(uint32_t npages)
{
    uint32_t va = va_range_alloc(&paged, npages);
    for (uint32_t i = 0; va && i < npages; i++)
        pte_store(va + i * 4096, pte_make_software(PTE_KIND_DEMAND_ZERO, 0));
    return va;
}

/* Resident frames behind [va, va + npages pages); false (and nothing kept) when frames run out. */
static bool back_with_frames(uint32_t va, uint32_t npages)
{
    for (uint32_t i = 0; i < npages; i++) {
        uint32_t page = va + i * 4096, pfn = reclaim_frame(PFN_KERNEL, false);
        if (pfn == PFN_NONE) {
            while (i--)
                release_page(va + i * 4096);
            return false;
        }
        pfn_entry(frames_db(), pfn)->pte_va = pte_address(page);
        pte_store(page, pte_make_valid(pfn, PTE_WRITE | PTE_GLOBAL));
    }
    return true;
}

static uint32_t alloc_nonpaged(uint32_t npages)
{
    uint32_t va = va_range_alloc(&nonpaged, npages);
    if (va && !back_with_frames(va, npages)) {
        va_range_free(&nonpaged, va, npages);
        return 0;
    }
    return va;
}

void *mm_alloc_pages(size_t npages, bool pageable)
{
    if (npages == 0)
        return 0;
    KIRQL lock = mm_lock();
    uint32_t va = 0;
    if (npages <= commit_limit - commit_used) {
        va = pageable ? alloc_pageable(npages) : alloc_nonpaged(npages);
        commit_used += va ? npages : 0;
    }
    reclaim_balance();
    mm_unlock(lock);
    return (void *)va;
}

void mm_free_pages(void *base, size_t npages)
{
    uint32_t va = (uint32_t)base;
    bool pageable = va_range_contains(&paged, va);
    struct va_range *r = pageable ? &paged : &nonpaged;
    KIRQL lock = mm_lock();
    if (!va_range_is_allocated(r, va, npages)) /* a double free, or an address never handed out */
        KeBugCheckEx(BUGCHECK_MEMORY_MANAGEMENT, 0x3000, va, npages, 0);
    for (uint32_t i = 0; i < npages; i++)
        release_page(va + i * 4096);
    va_range_free(r, va, npages);
    commit_used -= npages;
    mm_unlock(lock);
}

bool mm_owns_page(const void *p)
{
    uint32_t page = (uint32_t)p & PTE_FRAME_MASK;
    KIRQL lock = mm_lock();
    bool owned = va_range_is_allocated(&paged, page, 1) || va_range_is_allocated(&nonpaged, page, 1);
    mm_unlock(lock);
    return owned;
}

/* Special pool: two pages of the special range, the first committed (demand-zero or a resident frame),
 * the second a guard whose no-access PTE the fault handler turns into 0xCD. */
void *special_pages_alloc(bool pageable)
{
    KIRQL lock = mm_lock();
    uint32_t va = commit_used < commit_limit ? va_range_alloc(&special, 2) : 0;
    if (va && pageable) {
        pte_store(va, pte_make_software(PTE_KIND_DEMAND_ZERO, 0));
    } else if (va && !back_with_frames(va, 1)) {
        va_range_free(&special, va, 2);
        va = 0;
    }
    if (va) {
        pte_store(va + 4096, pte_make_software(PTE_KIND_NO_ACCESS, 0));
        special_pair_state[(va - SPECIAL_POOL_START) / 8192] = pageable ? SPECIAL_PAGE_PAGEABLE : SPECIAL_PAGE_RESIDENT;
        commit_used++;
    }
    reclaim_balance();
    mm_unlock(lock);
    return (void *)va;
}

void special_pages_retire(void *page)
{
    KIRQL lock = mm_lock();
    release_page((uint32_t)page);
    pte_store((uint32_t)page, pte_make_software(PTE_KIND_NO_ACCESS, PTE_NO_ACCESS_FREED));
    special_pair_state[((uint32_t)page - SPECIAL_POOL_START) / 8192] = SPECIAL_PAGE_RETIRED;
    commit_used--;
    mm_unlock(lock);
}

void special_pages_free(void *page)
{
    uint32_t va = (uint32_t)page;
    KIRQL lock = mm_lock();
    pte_store(va, 0);
    pte_store(va + 4096, 0);
    special_pair_state[(va - SPECIAL_POOL_START) / 8192] = SPECIAL_PAGE_FREE;
    va_range_free(&special, va, 2);
    mm_unlock(lock);
}

bool special_pages_contains(const void *p)
{
    return va_range_contains(&special, (uint32_t)p);
}

void *special_pages_next(const void *after)
{
    uint32_t pairs = sizeof(special_pair_state);
    for (uint32_t i = after ? ((uint32_t)after - SPECIAL_POOL_START) / 8192 + 1 : 0; i < pairs; i++)
        if (special_pair_state[i] == SPECIAL_PAGE_RESIDENT || special_pair_state[i] == SPECIAL_PAGE_PAGEABLE)
            return (void *)(SPECIAL_POOL_START + i * 8192);
    return 0;
}

enum special_page_state special_pages_state(const void *p)
{
    uint32_t at = (uint32_t)p - SPECIAL_POOL_START;
    return at & 4096 ? SPECIAL_PAGE_FREE : (enum special_page_state)special_pair_state[at / 8192];
}
