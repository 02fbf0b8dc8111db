/* The pool on the memory manager's pages: paged pool goes to the paging file and comes back intact;
 * nonpaged pool stays resident whatever the pressure. */
#include "kernel/ktest.h"
#include "kernel/wdm.h"
#include "mm/mm.h"
#include "mm/pte.h"

#define BIG_BYTES (6 * 4096)

static bool resident(const void *p)
{
    return *(volatile uint32_t *)pte_address((uint32_t)p) & PTE_VALID;
}

static uint32_t pattern(uint32_t seed, unsigned i)
{
    return seed ^ (i * 2654435761u);
}

static void fill(uint32_t *w, unsigned words, uint32_t seed)
{
    for (unsigned i = 0; i < words; i++)
        w[i] = pattern(seed, i);
}

static bool intact(const uint32_t *w, unsigned words, uint32_t seed)
{
    for (unsigned i = 0; i < words; i++)
        if (w[i] != pattern(seed, i))
            return false;
    return true;
}

static void paged_pool_leaves_memory_and_comes_back(struct ktest *t)
{
    uint32_t *big = ExAllocatePoolWithTag(PagedPool, BIG_BYTES, 'gPtK');
    uint32_t *small = ExAllocatePoolWithTag(PagedPool, 200, 'gPtK');
    KT_EXPECT(t, big && small);
    if (!big || !small)
        return;
    fill(big, BIG_BYTES / 4, 0xB16);
    fill(small, 200 / 4, 0x5A1);
    struct mm_info before, after;
    mm_query(&before);
    mm_page_out_all();
    KT_EXPECT(t, !resident(big) && !resident(big + BIG_BYTES / 4 - 1) && !resident(small));
    KT_EXPECT(t, intact(big, BIG_BYTES / 4, 0xB16) && intact(small, 200 / 4, 0x5A1));
    mm_query(&after);
    KT_EXPECT(t, after.pageins >= before.pageins + BIG_BYTES / 4096 + 1);
    KT_EXPECT(t, after.faults_hard >= before.faults_hard + BIG_BYTES / 4096 + 1);
    ExFreePoolWithTag(small, 'gPtK');
    ExFreePoolWithTag(big, 'gPtK');
}

static void nonpaged_pool_stays_resident(struct ktest *t)
{
    uint32_t *big = ExAllocatePoolWithTag(NonPagedPool, BIG_BYTES, 'pNtK');
    uint32_t *small = ExAllocatePoolWithTag(NonPagedPoolCacheAligned, 200, 'pNtK');
    KT_EXPECT(t, big && small);
    if (!big || !small)
        return;
    fill(big, BIG_BYTES / 4, 0xC0DE);
    struct mm_info before, after;
    mm_query(&before);
    mm_page_out_all();
    KT_EXPECT(t, resident(big) && resident(big + BIG_BYTES / 4 - 1) && resident(small));
    KT_EXPECT(t, intact(big, BIG_BYTES / 4, 0xC0DE));
    mm_query(&after);
    KT_EXPECT(t, after.faults_hard == before.faults_hard && after.faults_soft == before.faults_soft);
    ExFreePoolWithTag(small, 'pNtK');
    ExFreePoolWithTag(big, 'pNtK');
}

static void pool_pages_lie_in_their_ranges(struct ktest *t)
{
    void *paged = ExAllocatePoolWithTag(PagedPool, 64, 'gRtK');
    void *nonpaged = ExAllocatePoolWithTag(NonPagedPool, 64, 'gRtK');
    KT_EXPECT(t, (uint32_t)paged >= 0xE1000000u && (uint32_t)paged < 0xF1000000u);
    KT_EXPECT(t, (uint32_t)nonpaged >= 0x81000000u && (uint32_t)nonpaged < 0x91000000u);
    ExFreePoolWithTag(paged, 'gRtK');
    ExFreePoolWithTag(nonpaged, 'gRtK');
}

static const struct ktest_case pool_paging_cases[] = {
    { "paged_pool_leaves_memory_and_comes_back", paged_pool_leaves_memory_and_comes_back },
    { "nonpaged_pool_stays_resident", nonpaged_pool_stays_resident },
    { "pool_pages_lie_in_their_ranges", pool_pages_lie_in_their_ranges },
};
KTEST_SUITE(pool_paging_suite, "pool_paging", pool_paging_cases);
