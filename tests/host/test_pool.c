/* The pool's semantics on the host: alignment, tags, the header layout, big blocks, counters, size
 * classes and their pages (rounding, layout, pages going back, no growth under churn), must-succeed and
 * exhaustion. */
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

/* What a tag's entry holds now, the counts its buckets keep not added. */
static struct tag_counters settled(uint32_t tag)
{
    const struct tag_entry *e = tagtab_lookup(tag);
    return e ? e->pool[POOL_KIND_NONPAGED] : (struct tag_counters){ 0, 0, 0 };
}

static bool same_counts(struct tag_counters a, uint32_t allocs, uint32_t frees, size_t bytes)
{
    return a.allocs == allocs && a.frees == frees && a.bytes == bytes;
}

/* The counts of one tag as tagtab_next shows them (poolmon's walk). */
static struct tag_counters walked(uint32_t tag)
{
    struct tag_entry e;
    size_t cursor = 0;
    while (tagtab_next(&cursor, &e))
        if (e.key.key == tag)
            return e.pool[POOL_KIND_NONPAGED];
    return (struct tag_counters){ 0, 0, 0 };
}

TEST(pool_bucket_keeps_its_tag_counts_until_it_counts_another_tag)
{
    void *a[3];
    for (unsigned i = 0; i < 3; i++)
        a[i] = ExAllocatePoolWithTag(NonPagedPool, 200, 'AgaT');
    ExFreePoolWithTag(a[2], 'AgaT');
    size_t bytes = pool_header_of(a[0])->block_size * 8u;
    CHECK(same_counts(tag_counts('AgaT', POOL_KIND_NONPAGED), 3, 1, 2 * bytes));
    CHECK(same_counts(walked('AgaT'), 3, 1, 2 * bytes));
    CHECK(same_counts(settled('AgaT'), 0, 0, 0)); /* all in the bucket */
    void *b = ExAllocatePoolWithTag(NonPagedPool, 200, 'BgaT');
    CHECK(same_counts(settled('AgaT'), 3, 1, 2 * bytes)); /* settled */
    CHECK(same_counts(tag_counts('AgaT', POOL_KIND_NONPAGED), 3, 1, 2 * bytes));
    CHECK(same_counts(tag_counts('BgaT', POOL_KIND_NONPAGED), 1, 0, bytes));
    CHECK(same_counts(walked('BgaT'), 1, 0, bytes));
    ExFreePoolWithTag(a[0], 'AgaT'); /* the bucket counts A again: B's count settles */
    CHECK(same_counts(settled('BgaT'), 1, 0, bytes));
    CHECK(same_counts(tag_counts('AgaT', POOL_KIND_NONPAGED), 3, 2, bytes));
    ExFreePoolWithTag(b, 'BgaT');
    ExFreePoolWithTag(a[1], 'AgaT');
    CHECK(same_counts(tag_counts('AgaT', POOL_KIND_NONPAGED), 3, 3, 0));
    CHECK(same_counts(tag_counts('BgaT', POOL_KIND_NONPAGED), 1, 1, 0));
    CHECK(same_counts(walked('BgaT'), 1, 1, 0));
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

/* The blocks a walk of one page shows, and whether they lie where the page's class puts them with
 * every previous size matching the block before. */
struct walk_result {
    const void *target;
    unsigned blocks, free_blocks;
    bool found, sizes_disagree;
    uintptr_t next_header;
    uint32_t last_bytes;
};

static void note_block(void *ctx, const struct pool_block_info *b)
{
    struct walk_result *w = ctx;
    if (b->big || b->special)
        return;
    if (b->header % POOL_PAGE == 0) /* a page's first block (its record, or the one-block class's block) */
        w->next_header = b->header, w->last_bytes = 0;
    w->sizes_disagree |= b->header != w->next_header || b->previous_bytes != w->last_bytes;
    w->next_header = b->header + b->bytes;
    w->last_bytes = b->bytes;
    w->blocks++;
    w->free_blocks += !b->allocated;
    if (b->header + 8 == (uintptr_t)w->target)
        w->found = b->allocated;
}

/* Allocates n blocks of one size and sorts them so that those of pages holding nothing else come first,
 * a page's blocks together; returns how many pages that is. per_page: the class's count. */
static unsigned alloc_whole_pages(void **blocks, unsigned n, SIZE_T bytes, unsigned per_page, uint32_t tag)
{
    for (unsigned i = 0; i < n; i++)
        blocks[i] = ExAllocatePoolWithTag(NonPagedPool, bytes, tag);
    unsigned whole = 0;
    for (unsigned i = 0; i < n; i++) {
        uintptr_t page = (uintptr_t)blocks[i] & ~(uintptr_t)(POOL_PAGE - 1);
        unsigned mine = 0;
        for (unsigned j = 0; j < n; j++)
            mine += ((uintptr_t)blocks[j] & ~(uintptr_t)(POOL_PAGE - 1)) == page;
        if (mine != per_page || page_offset(blocks[i]) != 64)
            continue;
        for (unsigned j = i; j < n; j++) /* the page's blocks, in address order, to the front */
            if (((uintptr_t)blocks[j] & ~(uintptr_t)(POOL_PAGE - 1)) == page) {
                void *t = blocks[whole];
                blocks[whole++] = blocks[j];
                blocks[j] = t;
            }
    }
    return whole / per_page;
}

static void free_all(void **blocks, unsigned n, uint32_t tag)
{
    for (unsigned i = 0; i < n; i++)
        ExFreePoolWithTag(blocks[i], tag);
}

TEST(pool_a_page_holds_blocks_of_one_class_after_its_record_and_walks_from_end_to_end)
{
    unsigned size_class = pool_class_of_units[(1000 + 15) / 8], count = pool_classes[size_class].count;
    CHECK(pool_classes[size_class].units * 8u == 1008 && count == 4);
    void *blocks[12];
    CHECK(alloc_whole_pages(blocks, 12, 1000, count, 'egaP') >= 1);
    for (unsigned i = 1; i < count; i++) /* after the record: the first block's pointer 64 bytes in */
        CHECK(blocks[i] == (char *)blocks[0] + i * 1008);
    struct walk_result w = { .target = blocks[1] };
    CHECK(pool_walk_page(blocks[1], note_block, &w));
    CHECK(w.blocks == 1 + count + 1 && w.free_blocks == 1 && w.found && !w.sizes_disagree); /* record, 4, tail */
    free_all(blocks, 12, 'egaP');
}

/* A freed block waits in its class's cache (walks show it free); a free that finds the cache full first
 * sends the cache's older half back to their pages. A page whose blocks are all back goes to the
 * provider, but for one kept per class so that churn neither maps nor unmaps; a trim empties the caches
 * and gives the kept one back too. Blocks of 1008 bytes: four a page, sixteen in a full cache. */
TEST(pool_freed_blocks_wait_in_a_cache_and_empty_pages_go_back_but_one_per_class)
{
    enum { PER_PAGE = 4, FULL = 4 * PER_PAGE, N = 24 };
    void *blocks[N];
    pool_trim();
    const struct pool_bucket *b = &pool_buckets[POOL_KIND_NONPAGED][pool_small_class(NonPagedPool, 1000)];
    CHECK(b->cache_max == FULL && pool_bucket_cached(b) == 0);
    CHECK(alloc_whole_pages(blocks, N, 1000, PER_PAGE, 'ytpE') >= 5);
    size_t pages = pool_host_pages_in_use();
    free_all(blocks, FULL, 'ytpE'); /* the first four pages' blocks: all cached */
    CHECK(pool_bucket_cached(b) == FULL && pool_host_pages_in_use() == pages);
    struct walk_result w = { .target = blocks[0] };
    CHECK(pool_walk_page(blocks[0], note_block, &w) && !w.found && w.free_blocks == 1 + PER_PAGE);
    free_all(blocks + FULL, 1, 'ytpE'); /* the cache was full: the first two pages' blocks go back */
    CHECK(pool_bucket_cached(b) == FULL / 2 + 1 && pool_host_pages_in_use() == pages - 1);
    /* The cache's order, the last freed first: the second page emptied first, and is kept. */
    CHECK(pool_walk_page(blocks[PER_PAGE], note_block, &(struct walk_result){ 0 }));
    CHECK(!pool_walk_page(blocks[0], note_block, &(struct walk_result){ 0 }));
    pool_trim(); /* the third and fourth pages' blocks back: they go; so does the kept one */
    CHECK(pool_bucket_cached(b) == 0 && pool_host_pages_in_use() == pages - 4);
    CHECK(!pool_walk_page(blocks[PER_PAGE], note_block, &(struct walk_result){ 0 }));
    free_all(blocks + FULL + 1, N - FULL - 1, 'ytpE');
}

/* Blocks of 2017 to 4080 bytes take a page each: the class's cache keeps up to 16 pages of freed blocks
 * (a 17th free sends the older half back to the provider), and a trim gives back the kept ones. */
TEST(pool_pages_of_the_one_block_class_are_kept_up_to_16)
{
    enum { N = 20 };
    void *blocks[N];
    pool_trim();
    size_t pages = pool_host_pages_in_use();
    for (unsigned i = 0; i < N; i++) {
        blocks[i] = ExAllocatePoolWithTag(NonPagedPool, 4000, 'elhW');
        CHECK(page_offset(blocks[i]) == 8);
    }
    CHECK(pool_host_pages_in_use() == pages + N);
    free_all(blocks, 16, 'elhW');
    CHECK(pool_host_pages_in_use() == pages + N);
    free_all(blocks + 16, N - 16, 'elhW'); /* the first of these sends eight back */
    CHECK(pool_host_pages_in_use() == pages + N - 8);
    void *again = ExAllocatePoolWithTag(NonPagedPool, 3000, 'elhW'); /* the page of the last block freed */
    CHECK(again == blocks[N - 1] && pool_host_pages_in_use() == pages + N - 8);
    ExFreePoolWithTag(again, 'elhW');
    pool_trim();
    CHECK(pool_host_pages_in_use() == pages);
}

/* An allocation and its free, over and over, at a page's edge or not: the pool takes no page beyond
 * the first, and a random churn of a bounded set of blocks of one size does not grow it either. */
TEST(pool_churn_of_one_size_does_not_grow_the_pool)
{
    pool_trim();
    size_t pages = pool_host_pages_in_use();
    for (unsigned i = 0; i < 10000; i++)
        ExFreePoolWithTag(ExAllocatePoolWithTag(NonPagedPool, 200, 'nrhC'), 'nrhC');
    CHECK(pool_host_pages_in_use() <= pages + 1);
    enum { LIVE = 500 };
    static void *live[LIVE];
    for (unsigned i = 0; i < LIVE; i++)
        live[i] = ExAllocatePoolWithTag(NonPagedPool, 200, 'nrhC');
    size_t filled = pool_host_pages_in_use();
    uint32_t seed = 99;
    for (unsigned i = 0; i < 100000; i++) {
        seed = seed * 1103515245u + 12345u;
        unsigned s = (seed >> 16) % LIVE;
        ExFreePoolWithTag(live[s], 'nrhC');
        live[s] = ExAllocatePoolWithTag(NonPagedPool, 200, 'nrhC');
    }
    CHECK(pool_host_pages_in_use() <= filled + 1);
    for (unsigned i = 0; i < LIVE; i++)
        ExFreePoolWithTag(live[i], 'nrhC');
    pool_trim();
    CHECK(pool_host_pages_in_use() == pages);
}

/* Class rounding is bounded: none beyond the 8-byte unit up to 128 bytes, at most 15% of the block up to
 * 504, and beyond that a page holds as many blocks of the class as it would of blocks of the size asked. */
TEST(pool_class_rounding_is_bounded)
{
    for (SIZE_T bytes = 0; bytes <= POOL_SMALL_MAX; bytes++) {
        unsigned units = (unsigned)(bytes + 15) / 8, size_class = pool_class_of_units[units];
        CHECK(size_class < POOL_SMALL_CLASSES);
        if (size_class >= POOL_SMALL_CLASSES)
            return;
        const struct pool_class *c = &pool_classes[size_class];
        unsigned asked = units < POOL_MIN_BLOCK_UNITS ? POOL_MIN_BLOCK_UNITS : units;
        if (asked <= 16)
            CHECK(c->units == asked);
        else if (asked <= 63)
            CHECK((c->units - asked) * 100 <= c->units * 15);
        else
            CHECK(c->count == (asked * 2 > POOL_PAGE_UNITS ? 1 : (POOL_PAGE_UNITS - POOL_RECORD_UNITS - 1) / asked));
    }
    /* The CacheAligned types: small blocks up to the largest class of 64-byte multiples, pages beyond. */
    unsigned largest = pool_class_of_units_aligned[(POOL_CLASS_ALIGNED_MAX_BYTES + 15) / 8];
    CHECK(largest < POOL_SMALL_CLASSES && pool_classes[largest].bytes == POOL_CLASS_ALIGNED_MAX_BYTES + 8);
    CHECK(pool_class_of_units_aligned[(POOL_CLASS_ALIGNED_MAX_BYTES + 16) / 8] == POOL_CLASS_NONE);
}

/* Every pointer offset in a page of every class: the multiply by the inverse finds exactly the blocks'
 * starts. */
TEST(pool_block_starts_are_found_by_the_inverse_for_every_offset)
{
    for (unsigned k = 0; k < POOL_SMALL_CLASSES; k++) {
        const struct pool_class *c = &pool_classes[k];
        unsigned starts = 0;
        for (uint32_t offset = 0; offset < POOL_PAGE; offset++) {
            uint32_t index = pool_class_block_index(c, offset);
            bool start = offset >= (c->first + 1u) * 8 && (offset - (c->first + 1u) * 8) % c->bytes == 0 &&
                         (offset - (c->first + 1u) * 8) / c->bytes < c->count;
            CHECK(start == (index < c->count));
            starts += index < c->count;
        }
        CHECK(starts == c->count && pool_class_tail(c) >= 1 && pool_class_tail(c) < POOL_PAGE_UNITS);
    }
}

/* Random sizes and types, half freed: every page walks from end to end with each block where its class
 * puts it and every previous size agreeing; all freed: every page is back with the provider. */
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
    struct walk_result w = { 0 };
    pool_walk_all(note_block, &w);
    for (unsigned i = 1; i < N; i += 2)
        ExFreePoolWithTag(blocks[i], 'dnaR');
    pool_trim();
    return !w.sizes_disagree && w.free_blocks > 0;
}

TEST(pool_pages_walk_by_their_class_and_every_page_goes_back)
{
    CHECK(random_cycle()); /* the first run may grow the page table for good */
    size_t pages = pool_host_pages_in_use();
    CHECK(random_cycle());
    CHECK(pool_host_pages_in_use() == pages);
    CHECK(tag_counts('dnaR', POOL_KIND_NONPAGED).bytes == 0 && tag_counts('dnaR', POOL_KIND_PAGED).bytes == 0);
}

TEST(pool_a_freed_block_is_the_next_of_its_class_handed_out)
{
    void *keep = ExAllocatePoolWithTag(NonPagedPool, 100, 'kooL'); /* so the page stays in use */
    void *p = ExAllocatePoolWithTag(NonPagedPool, 100, 'kooL');
    ExFreePoolWithTag(p, 'kooL');
    CHECK(pool_header_of(p)->pool_type == 0 && pool_header_of(p)->pool_tag == 'kooL'); /* free, tag kept */
    void *q = ExAllocatePoolWithTag(NonPagedPool, 100, 'kooL');
    CHECK(q == p && pool_header_of(q)->pool_type == NonPagedPool + 1);
    ExFreePoolWithTag(q, 'kooL');
    ExFreePoolWithTag(keep, 'kooL');
}

TEST(pool_exhaustion_returns_null_and_must_succeed_uses_the_reserve)
{
    pool_trim(); /* nothing kept: no page can come free when the calls below find none */
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
    ExFreePoolWithTag(m, 'tsuM'); /* a reserve page goes back at once, never kept as a class's spare */
    pool_get_stats(&during);
    CHECK(during.reserve_free == before.reserve_free);
}

/* A small must-succeed block out of pages: on a page of the reserve, whose blocks skip the class's cache,
 * so that the page is back in the reserve as soon as its last block is freed. */
TEST(pool_a_reserve_page_of_small_blocks_goes_back_when_its_last_block_is_freed)
{
    pool_trim();
    struct pool_stats before, during;
    pool_get_stats(&before);
    pool_host_set_page_limit(pool_host_pages_in_use());
    void *m = ExAllocatePoolWithTag(NonPagedPoolMustSucceed, 100, 'tsuM');
    void *n = ExAllocatePoolWithTag(NonPagedPoolMustSucceed, 100, 'tsuM');
    pool_host_set_page_limit(0);
    pool_get_stats(&during);
    CHECK(m && n && pool_page_of(m) == pool_page_of(n) && during.reserve_free == before.reserve_free - 1);
    ExFreePoolWithTag(m, 'tsuM');
    pool_get_stats(&during);
    CHECK(during.reserve_free == before.reserve_free - 1);
    ExFreePoolWithTag(n, 'tsuM');
    pool_get_stats(&during);
    CHECK(during.reserve_free == before.reserve_free);
}

/* Pages holding only free blocks of the 504-byte class, one kept empty, the others' blocks waiting in
 * the class's cache: out of pages, an allocation of another size gives them all back and the second try
 * gets one. */
TEST(pool_out_of_pages_gives_back_the_kept_pages_and_tries_again)
{
    enum { PER_PAGE = 8, N = 24 };
    void *blocks[N];
    pool_trim();
    unsigned whole = alloc_whole_pages(blocks, N, 496, PER_PAGE, 'mirT');
    CHECK(whole >= 1);
    free_all(blocks, PER_PAGE, 'mirT'); /* the first page to empty: the class keeps it */
    free_all(blocks + PER_PAGE, N - PER_PAGE, 'mirT');
    struct pool_stats before, after;
    pool_get_stats(&before);
    pool_host_set_page_limit(pool_host_pages_in_use());
    void *p = ExAllocatePoolWithTag(NonPagedPool, 4096, 'mirT');
    pool_host_set_page_limit(0);
    pool_get_stats(&after);
    CHECK(p != 0);
    CHECK(after.small_pages[POOL_KIND_NONPAGED] == before.small_pages[POOL_KIND_NONPAGED] - whole);
    if (p)
        ExFreePoolWithTag(p, 'mirT');
}

/* Nonpaged pool past POOL_DEFER_PAGES pages of small blocks: the kernel's frees wait, POOL_DEFERRED_FREES
 * of them, and each is made (checked, counted, cached) when a later free takes its slot; a reader of the
 * tag counters makes them first, and so does a trim. A block allocated and freed at once is not deferred
 * (it is the block its class's deferred frees cached last). Below half the pages, frees are immediate
 * again. Blocks of 1008 bytes: four a page. */
static bool waiting(const void *p)
{
    for (unsigned i = 0; i < POOL_DEFERRED_FREES; i++)
        if (pool_deferred.waiting[i].block == p)
            return true;
    return false;
}

TEST(pool_frees_wait_in_a_large_nonpaged_pool_and_are_made_before_anyone_reads)
{
    enum { N = 4 * (POOL_DEFER_PAGES + 20) };
    static void *blocks[N];
    pool_trim();
    CHECK(!pool_bucket_defer);
    for (unsigned i = 0; i < N; i++)
        blocks[i] = ExAllocatePoolWithTag(NonPagedPool, 1000, 'refD');
    CHECK(pool_bucket_defer);
    struct tag_counters before = tag_counts('refD', POOL_KIND_NONPAGED);
    ExFreePoolWithTag(blocks[0], 'refD');
    CHECK(waiting(blocks[0]));
    CHECK(tag_counts('refD', POOL_KIND_NONPAGED).frees == before.frees + 1 && !waiting(blocks[0]));
    enum { LAST = POOL_DEFERRED_FREES + 1 };
    for (unsigned i = 1; i <= LAST; i++) /* the first of these waits until the last takes its slot */
        ExFreePoolWithTag(blocks[i], 'refD');
    CHECK(!waiting(blocks[1]) && waiting(blocks[2]) && waiting(blocks[LAST]));
    void *again = ExAllocatePoolWithTag(NonPagedPool, 1000, 'refD'); /* the block cached last: blocks[1] */
    CHECK(again == blocks[1]);
    ExFreePoolWithTag(again, 'refD'); /* not deferred: back in the cache at once */
    CHECK(!waiting(again));
    blocks[1] = ExAllocatePoolWithTag(NonPagedPool, 1000, 'refD');
    CHECK(blocks[1] == again);
    ExFreePoolWithTag(blocks[1], 'refD');
    for (unsigned i = LAST + 1; i < N; i++)
        ExFreePoolWithTag(blocks[i], 'refD');
    CHECK(!pool_bucket_defer); /* the pool fell below half the pages: the frees were made */
    for (unsigned i = 0; i < N; i++)
        CHECK(!waiting(blocks[i]));
    CHECK(tag_counts('refD', POOL_KIND_NONPAGED).frees == before.frees + N + 2);
    pool_trim();
}
