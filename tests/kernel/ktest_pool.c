/* The pool as the kernel runs it (i686, the memory manager's pages): alignment, tags, big blocks, size
 * classes' pages going back, a freed block handed out again. */
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
    struct tag_entry junk, none;
    bool found = tagtab_find('KNUJ', &junk) && tagtab_find(POOL_TAG_NONE, &none);
    KT_EXPECT(t, found && junk.pool[POOL_KIND_PAGED].allocs - junk.pool[POOL_KIND_PAGED].frees == 1);
    KT_EXPECT(t, found && junk.pool[POOL_KIND_PAGED].bytes == 56);
    KT_EXPECT(t, found && none.pool[POOL_KIND_NONPAGED].allocs >= 1);
    ExFreePoolWithTag(a, 'KNUJ');
    ExFreePool(b);
    KT_EXPECT(t, tagtab_find('KNUJ', &junk) && junk.pool[POOL_KIND_PAGED].bytes == 0);
}

/* Four 1008-byte blocks fill a page of their class. Freed, two pages' blocks wait in the class's cache
 * (sixteen at most): the pages stay. A trim sends them back to their pages, which go back to the provider
 * (the host tests follow a full cache sending its older half back, and the page a class keeps). */
static void freed_blocks_wait_in_the_cache_until_a_trim(struct ktest *t)
{
    enum { N = 16 };
    void *blocks[N];
    pool_trim();
    for (int i = 0; i < N; i++)
        blocks[i] = ExAllocatePoolWithTag(NonPagedPool, 1000, 'grMK');
    int first = -1, second = -1; /* two pages of four of ours, their first block 64 bytes in */
    for (int i = 0; i + 3 < N; i++)
        if ((uintptr_t)blocks[i] % 4096 == 64 && (char *)blocks[i + 3] == (char *)blocks[i] + 3 * 1008) {
            if (first < 0)
                first = i;
            else if (second < 0)
                second = i;
        }
    KT_EXPECT(t, first >= 0 && second >= 0);
    struct pool_stats before, cached, trimmed;
    pool_get_stats(&before);
    for (int i = 0; first >= 0 && second >= 0 && i < 4; i++) {
        ExFreePoolWithTag(blocks[first + i], 'grMK');
        ExFreePoolWithTag(blocks[second + i], 'grMK');
        blocks[first + i] = blocks[second + i] = 0;
    }
    pool_get_stats(&cached);
    pool_trim();
    pool_get_stats(&trimmed);
    KT_EXPECT(t, cached.small_pages[POOL_KIND_NONPAGED] == before.small_pages[POOL_KIND_NONPAGED]);
    KT_EXPECT(t, trimmed.small_pages[POOL_KIND_NONPAGED] == before.small_pages[POOL_KIND_NONPAGED] - 2);
    for (int i = 0; i < N; i++)
        if (blocks[i])
            ExFreePoolWithTag(blocks[i], 'grMK');
}

static void a_freed_block_is_the_next_handed_out(struct ktest *t)
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
    struct tag_entry e;
    KT_EXPECT(t, tagtab_find('LKpP', &e) && e.pool[POOL_KIND_PAGED].allocs == 1 && e.pool[POOL_KIND_PAGED].frees == 1);
}

static const struct ktest_case pool_cases[] = {
    { "small_blocks_are_aligned_and_tagged", small_blocks_are_aligned_and_tagged },
    { "big_and_cache_aligned_blocks", big_and_cache_aligned_blocks },
    { "tags_are_counted_per_pool", tags_are_counted_per_pool },
    { "freed_blocks_wait_in_the_cache_until_a_trim", freed_blocks_wait_in_the_cache_until_a_trim },
    { "a_freed_block_is_the_next_handed_out", a_freed_block_is_the_next_handed_out },
    { "wdk_lookaside_lists", wdk_lookaside_lists },
};
KTEST_SUITE(pool_suite, "pool", pool_cases);
