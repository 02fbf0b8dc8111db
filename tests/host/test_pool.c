/* The pool's semantics on the host: alignment, tags, the header layout, big blocks, counters,
 * merging and pages going back, must-succeed and exhaustion. */
#include <stdbool.h>

#include "host/pool_host.h"
#include "tests/host/pool_test_util.h"
#include "tests/host/unit.h"

#define TAG_TEST 0x74736554u /* 'tseT' */

TEST(pool_blocks_are_8_byte_aligned_with_the_tag_right_before_them)
{
    for (SIZE_T bytes = 1; bytes <= 301; bytes += 7) {
        unsigned char *p = ExAllocatePoolWithTag(NonPagedPool, bytes, 'tseT');
        CHECK(p && (uintptr_t)p % 8 == 0);
        CHECK(p[-4] == 'T' && p[-3] == 'e' && p[-2] == 's' && p[-1] == 't');
        const struct pool_header *h = pool_header_of(p);
        CHECK(h->pool_type == NonPagedPool + 1 && h->pool_index == POOL_KIND_NONPAGED);
        CHECK(h->block_size * 8u >= bytes + 8 && h->block_size >= POOL_MIN_BLOCK_UNITS);
        ExFreePoolWithTag(p, 'tseT');
    }
}

TEST(pool_requests_over_4080_bytes_take_whole_pages)
{
    void *small = ExAllocatePoolWithTag(PagedPool, 4080, 'tseT');
    void *big = ExAllocatePoolWithTag(PagedPool, 4081, 'tseT');
    void *bigger = ExAllocatePoolWithTag(NonPagedPool, 3 * 4096 + 1, 'tseT');
    CHECK(small && page_offset(small) != 0);
    CHECK(big && page_offset(big) == 0);
    CHECK(bigger && page_offset(bigger) == 0);
    __builtin_memset(bigger, 0xAB, 3 * 4096 + 1);
    ExFreePoolWithTag(small, 'tseT');
    ExFreePoolWithTag(big, 'tseT');
    ExFreePool(bigger);
}

TEST(pool_cache_aligned_types_are_aligned_to_64_bytes)
{
    static const POOL_TYPE types[] = { NonPagedPoolCacheAligned, PagedPoolCacheAligned, NonPagedPoolCacheAlignedMustS };
    void *keep[3][64];
    for (unsigned t = 0; t < 3; t++)
        for (unsigned i = 0; i < 64; i++) {
            SIZE_T bytes = 1 + i * 67 % 5000;
            keep[t][i] = ExAllocatePoolWithTag(types[t], bytes, 'nilC');
            CHECK(keep[t][i] && (uintptr_t)keep[t][i] % 64 == 0);
        }
    for (unsigned t = 0; t < 3; t++)
        for (unsigned i = 0; i < 64; i++)
            ExFreePoolWithTag(keep[t][i], 'nilC');
}

TEST(pool_every_pool_type_allocates_from_the_right_pool)
{
    static const struct {
        POOL_TYPE type;
        enum pool_kind kind;
    } cases[] = {
        { NonPagedPool, POOL_KIND_NONPAGED },          { PagedPool, POOL_KIND_PAGED },
        { NonPagedPoolMustSucceed, POOL_KIND_NONPAGED }, { NonPagedPoolCacheAligned, POOL_KIND_NONPAGED },
        { PagedPoolCacheAligned, POOL_KIND_PAGED },    { NonPagedPoolCacheAlignedMustS, POOL_KIND_NONPAGED },
        { NonPagedPoolNx, POOL_KIND_NONPAGED },        { PagedPoolSession, POOL_KIND_PAGED },
        { PagedPool | POOL_RAISE_IF_ALLOCATION_FAILURE, POOL_KIND_PAGED },
    };
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        unsigned char *p = ExAllocatePoolWithTag(cases[i].type, 40, 'epyT');
        CHECK(p != 0);
        CHECK(pool_header_of(p)->pool_index == cases[i].kind);
        CHECK(pool_header_of(p)->pool_type == ((unsigned)cases[i].type & 7) + 1);
        ExFreePoolWithTag(p, 'epyT');
    }
    CHECK(ExAllocatePoolWithTag(DontUseThisType, 40, 'epyT') == 0);
    CHECK(ExAllocatePoolWithTag(MaxPoolType, 40, 'epyT') == 0);
}

TEST(pool_untagged_calls_are_tagged_None)
{
    struct tag_counters before = tag_counts(POOL_TAG_NONE, POOL_KIND_PAGED);
    unsigned char *p = ExAllocatePool(PagedPool, 10);
    CHECK(p && p[-4] == 'N' && p[-3] == 'o' && p[-2] == 'n' && p[-1] == 'e');
    CHECK(tag_counts(POOL_TAG_NONE, POOL_KIND_PAGED).allocs == before.allocs + 1);
    ExFreePool(p);
    CHECK(tag_counts(POOL_TAG_NONE, POOL_KIND_PAGED).frees == before.frees + 1);
}

TEST(pool_counts_allocations_frees_and_bytes_per_tag_and_pool)
{
    void *a = ExAllocatePoolWithTag(NonPagedPool, 42, '1gaT');
    void *b = ExAllocatePoolWithTag(NonPagedPool, 100, '1gaT');
    void *c = ExAllocatePoolWithTag(PagedPool, 5000, '1gaT');
    struct tag_counters np = tag_counts('1gaT', POOL_KIND_NONPAGED), pg = tag_counts('1gaT', POOL_KIND_PAGED);
    CHECK(np.allocs == 2 && np.frees == 0);
    CHECK(np.bytes == pool_header_of(a)->block_size * 8u + pool_header_of(b)->block_size * 8u);
    CHECK(pg.allocs == 1 && pg.bytes == 2 * 4096);
    ExFreePoolWithTag(a, '1gaT');
    ExFreePoolWithTag(c, '1gaT');
    np = tag_counts('1gaT', POOL_KIND_NONPAGED);
    pg = tag_counts('1gaT', POOL_KIND_PAGED);
    CHECK(np.frees == 1 && np.bytes == pool_header_of(b)->block_size * 8u);
    CHECK(pg.frees == 1 && pg.bytes == 0);
    ExFreePoolWithTag(b, '1gaT');
}

TEST(pool_tag_table_grows_past_its_first_page)
{
    void *blocks[600];
    for (unsigned i = 0; i < 600; i++)
        blocks[i] = ExAllocatePoolWithTag(PagedPool, 24, 0x20202041u + (i % 26) + ((i / 26) << 8));
    for (unsigned i = 0; i < 600; i++) {
        uint32_t tag = 0x20202041u + (i % 26) + ((i / 26) << 8);
        CHECK(tag_counts(tag, POOL_KIND_PAGED).allocs >= 1);
        ExFreePoolWithTag(blocks[i], tag);
    }
}

struct walk_result {
    const void *target;
    unsigned blocks, free_blocks;
    bool found, adjacent_free, sizes_disagree;
    bool last_free;
    uint32_t last_bytes;
};

static void note_block(void *ctx, const struct pool_block_info *b)
{
    struct walk_result *w = ctx;
    w->blocks++;
    w->free_blocks += !b->allocated;
    if (b->header + 8 == (uintptr_t)w->target)
        w->found = b->allocated;
    w->adjacent_free |= w->last_free && !b->allocated;
    w->last_free = !b->allocated;
}

/* Two 2000-byte blocks fill a fresh page but for a small free tail: [X | Y | tail]. */
static bool find_fresh_pair(void **keep, unsigned n, void **x, void **y)
{
    for (unsigned i = 0; i < n; i++)
        keep[i] = ExAllocatePoolWithTag(NonPagedPool, 2000, 'egrM');
    for (unsigned i = 0; i + 1 < n; i++)
        if (page_offset(keep[i]) == 8 && (char *)keep[i + 1] == (char *)keep[i] + 2008) {
            *x = keep[i];
            *y = keep[i + 1];
            keep[i] = keep[i + 1] = 0;
            return true;
        }
    return false;
}

TEST(pool_free_merges_with_both_neighbours_and_the_free_page_goes_back)
{
    void *keep[24], *x = 0, *y = 0;
    CHECK(find_fresh_pair(keep, 24, &x, &y));
    if (!x)
        return;
    struct walk_result w = { .target = y };
    pool_walk_page(x, note_block, &w);
    CHECK(w.blocks == 3 && w.free_blocks == 1 && w.found);
    ExFreePoolWithTag(x, 'egrM');
    w = (struct walk_result){ .target = y };
    pool_walk_page(y, note_block, &w);
    CHECK(w.blocks == 3 && w.free_blocks == 2 && w.found);
    size_t pages = pool_host_pages_in_use();
    ExFreePoolWithTag(y, 'egrM'); /* merges with x before it and the tail after it: the page is free */
    CHECK(pool_host_pages_in_use() == pages - 1);
    CHECK(!pool_walk_page(y, note_block, &w));
    for (unsigned i = 0; i < 24; i++)
        if (keep[i])
            ExFreePoolWithTag(keep[i], 'egrM');
}

static void check_no_free_neighbours(void *ctx, const struct pool_block_info *b)
{
    struct walk_result *w = ctx;
    if (b->previous_bytes == 0)
        w->last_free = false;
    else
        w->sizes_disagree |= b->previous_bytes != w->last_bytes;
    w->last_bytes = b->bytes;
    note_block(ctx, b);
}

static bool cached(const struct pool_header *h)
{
    return h->pool_index & POOL_INDEX_CACHED;
}

/* Random sizes and types, half freed: every block's previous size matches its neighbour and no two
 * free blocks stay side by side; all freed: every page is back with the provider. */
static bool random_cycle(void)
{
    enum { N = 3000 };
    static void *blocks[N];
    uint32_t seed = 12345;
    for (unsigned i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u;
        blocks[i] = ExAllocatePoolWithTag(i % 3 ? NonPagedPool : PagedPoolCacheAligned, seed >> 20, 'dnaR');
        CHECK(blocks[i] != 0);
    }
    for (unsigned i = 0; i < N; i += 2)
        ExFreePoolWithTag(blocks[i], 'dnaR');
    pool_trim();
    struct walk_result w = { 0 };
    pool_walk_all(check_no_free_neighbours, &w);
    for (unsigned i = 1; i < N; i += 2)
        ExFreePoolWithTag(blocks[i], 'dnaR');
    pool_trim();
    return !w.adjacent_free && !w.sizes_disagree;
}

TEST(pool_no_two_free_blocks_stay_side_by_side_and_every_page_goes_back)
{
    CHECK(random_cycle()); /* the first run may grow the page table for good */
    size_t pages = pool_host_pages_in_use();
    CHECK(random_cycle());
    CHECK(pool_host_pages_in_use() == pages);
    CHECK(tag_counts('dnaR', POOL_KIND_NONPAGED).bytes == 0 && tag_counts('dnaR', POOL_KIND_PAGED).bytes == 0);
}

TEST(pool_small_sizes_come_back_through_the_lookaside)
{
    void *p = ExAllocatePoolWithTag(NonPagedPool, 100, 'kooL');
    ExFreePoolWithTag(p, 'kooL');
    CHECK(cached(pool_header_of(p)) && pool_header_of(p)->pool_type == 0);
    void *q = ExAllocatePoolWithTag(NonPagedPool, 100, 'kooL');
    CHECK(q == p && !cached(pool_header_of(q)));
    ExFreePoolWithTag(q, 'kooL');
}

TEST(pool_exhaustion_returns_null_and_must_succeed_uses_the_reserve)
{
    pool_trim(); /* nothing cached: no page can come free when the calls below find none */
    struct pool_stats before;
    pool_get_stats(&before);
    pool_host_set_page_limit(pool_host_pages_in_use());
    CHECK(ExAllocatePoolWithTag(NonPagedPool, 3 * 4096, 'lluF') == 0);
    CHECK(ExAllocatePoolWithTag(PagedPool, 4000, 'lluF') == 0);
    void *m = ExAllocatePoolWithTag(NonPagedPoolMustSucceed, 4000, 'tsuM');
    CHECK(m != 0);
    struct pool_stats during;
    pool_get_stats(&during);
    CHECK(during.reserve_free == before.reserve_free - 1);
    pool_host_set_page_limit(0);
    ExFreePoolWithTag(m, 'tsuM');
    pool_get_stats(&during);
    CHECK(during.reserve_free == before.reserve_free);
}

/* A page whose blocks all wait in the pool's lookaside for 504-byte blocks: out of pages, an
 * allocation trims the lookasides, the page goes back, and the second try gets it. */
TEST(pool_out_of_pages_trims_the_lookasides_and_tries_again)
{
    enum { N = 64 };
    static unsigned char *blocks[N];
    pool_trim();
    for (unsigned i = 0; i < N; i++)
        blocks[i] = ExAllocatePoolWithTag(NonPagedPool, 504, 'mirT');
    unsigned first = N; /* the first block of a page that holds eight of ours */
    for (unsigned i = 0; i + 8 <= N && first == N; i++)
        if (page_offset(blocks[i]) == 8 && blocks[i + 7] == blocks[i] + 7 * 512)
            first = i;
    CHECK(first < N);
    if (first == N)
        return;
    for (unsigned i = first; i < first + 8; i++) /* these first: the lookaside takes what it has room for */
        ExFreePoolWithTag(blocks[i], 'mirT');
    for (unsigned i = 0; i < N; i++)
        if (i < first || i >= first + 8)
            ExFreePoolWithTag(blocks[i], 'mirT');
    const struct pool_header *h = pool_header_of(blocks[first]);
    CHECK(h->pool_type == 0 && (h->pool_index & POOL_INDEX_CACHED)); /* the page is held by the cache */
    pool_host_set_page_limit(pool_host_pages_in_use());
    void *p = ExAllocatePoolWithTag(NonPagedPool, 4096, 'mirT');
    pool_host_set_page_limit(0);
    CHECK(p != 0);
    if (p)
        ExFreePoolWithTag(p, 'mirT');
}
