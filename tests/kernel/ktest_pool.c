/* The pool as the kernel runs it (i686, the interim page provider): alignment, tags, big blocks,
 * merging and pages going back, the lookaside in front of small sizes. */
#include "kernel/ktest.h"
#include "pool/pool.h"
#include "pool/pool_header.h"

static void small_blocks_are_aligned_and_tagged(struct ktest *t)
{
    for (SIZE_T bytes = 1; bytes <= 4080; bytes = bytes * 3 + 1) {
        const unsigned char *p = ExAllocatePoolWithTag(NonPagedPool, bytes, 'tseT');
        KT_EXPECT(t, p && (uintptr_t)p % 8 == 0 && (uintptr_t)p % 4096 != 0);
        KT_EXPECT(t, p[-4] == 'T' && p[-3] == 'e' && p[-2] == 's' && p[-1] == 't');
        KT_EXPECT(t, pool_header_of(p)->block_size >= (bytes + 15) / 8);
        ExFreePoolWithTag((PVOID)p, 'tseT');
    }
}

static void big_and_cache_aligned_blocks(struct ktest *t)
{
    void *big = ExAllocatePoolWithTag(PagedPool, 4081, 'giBK');
    void *line = ExAllocatePoolWithTag(PagedPoolCacheAligned, 100, 'niLK');
    void *line2 = ExAllocatePoolWithTag(NonPagedPoolCacheAligned, 3000, 'niLK');
    KT_EXPECT(t, big && (uintptr_t)big % 4096 == 0);
    KT_EXPECT(t, line && (uintptr_t)line % 64 == 0 && line2 && (uintptr_t)line2 % 64 == 0);
    ExFreePoolWithTag(big, 'giBK');
    ExFreePool(line);
    ExFreePool(line2);
}

static void tags_are_counted_per_pool(struct ktest *t)
{
    void *a = ExAllocatePoolWithTag(PagedPool, 42, 'KNUJ');
    void *b = ExAllocatePool(NonPagedPool, 42);
    const struct tag_entry *junk = tagtab_find('KNUJ'), *none = tagtab_find(POOL_TAG_NONE);
    KT_EXPECT(t, junk && junk->pool[POOL_KIND_PAGED].allocs - junk->pool[POOL_KIND_PAGED].frees == 1);
    KT_EXPECT(t, junk && junk->pool[POOL_KIND_PAGED].bytes == 56);
    KT_EXPECT(t, none && none->pool[POOL_KIND_NONPAGED].allocs >= 1);
    ExFreePoolWithTag(a, 'KNUJ');
    ExFreePool(b);
    KT_EXPECT(t, junk->pool[POOL_KIND_PAGED].bytes == 0);
}

/* Two 2000-byte blocks at the start of a fresh page leave a small free tail. Freeing the first, then
 * the second, merges both neighbours into the whole page, which goes back. */
static void freeing_merges_both_neighbours_and_returns_the_page(struct ktest *t)
{
    void *blocks[24];
    int pair = -1;
    for (int i = 0; i < 24; i++) {
        blocks[i] = ExAllocatePoolWithTag(NonPagedPool, 2000, 'grMK');
        if (i && pair < 0 && (uintptr_t)blocks[i - 1] % 4096 == 8 && (char *)blocks[i] == (char *)blocks[i - 1] + 2008)
            pair = i - 1;
    }
    KT_EXPECT(t, pair >= 0);
    struct pool_stats before, after;
    if (pair >= 0) {
        ExFreePoolWithTag(blocks[pair], 'grMK');
        pool_get_stats(&before);
        ExFreePoolWithTag(blocks[pair + 1], 'grMK');
        pool_get_stats(&after);
        KT_EXPECT(t, after.small_pages[POOL_KIND_NONPAGED] == before.small_pages[POOL_KIND_NONPAGED] - 1);
        blocks[pair] = blocks[pair + 1] = 0;
    }
    for (int i = 0; i < 24; i++)
        if (blocks[i])
            ExFreePoolWithTag(blocks[i], 'grMK');
}

static void small_sizes_reuse_the_lookaside(struct ktest *t)
{
    void *p = ExAllocatePoolWithTag(NonPagedPool, 64, 'kLKK');
    ExFreePool(p);
    void *q = ExAllocatePoolWithTag(NonPagedPool, 64, 'kLKK');
    KT_EXPECT(t, p == q);
    ExFreePool(q);
}

static void wdk_lookaside_lists(struct ktest *t)
{
    PAGED_LOOKASIDE_LIST l;
    ExInitializePagedLookasideList(&l, 0, 0, 0, 120, 'LKpP', 0);
    void *a = ExAllocateFromPagedLookasideList(&l);
    ExFreeToPagedLookasideList(&l, a);
    void *b = ExAllocateFromPagedLookasideList(&l);
    KT_EXPECT(t, a && b == a && l.L.TotalAllocates == 2 && l.L.AllocateMisses == 1 && l.L.TotalFrees == 1);
    ExFreeToPagedLookasideList(&l, b);
    ExDeletePagedLookasideList(&l);
    const struct tag_entry *e = tagtab_find('LKpP');
    KT_EXPECT(t, e && e->pool[POOL_KIND_PAGED].allocs == 1 && e->pool[POOL_KIND_PAGED].frees == 1);
}

static const struct ktest_case pool_cases[] = {
    { "small_blocks_are_aligned_and_tagged", small_blocks_are_aligned_and_tagged },
    { "big_and_cache_aligned_blocks", big_and_cache_aligned_blocks },
    { "tags_are_counted_per_pool", tags_are_counted_per_pool },
    { "freeing_merges_both_neighbours_and_returns_the_page", freeing_merges_both_neighbours_and_returns_the_page },
    { "small_sizes_reuse_the_lookaside", small_sizes_reuse_the_lookaside },
    { "wdk_lookaside_lists", wdk_lookaside_lists },
};
KTEST_SUITE(pool_suite, "pool", pool_cases);
