#include "pool/pool_small.h"

#include "pool/pool_locks.h"
#include "pool/pool_page.h"
#include "pool/pool_tags.h"
#include "pool/verifier.h"

bool pool_ready;

/* All of it under the spinlock: a DPC that came in the middle would allocate from half-made class
 * tables and buckets (the first call may be passive code's, with a timer DPC about to allocate, as in
 * `stress`). pool_ready goes true only once all is made; a caller that lost the race to a DPC finds it
 * made. */
__attribute__((noinline, cold)) void pool_small_setup(enum pool_kind kind)
{
    KIRQL old = pool_shared_begin(kind);
    if (!pool_ready) {
        pool_class_init();
        pool_page_init();
        tagtab_setup(POOL_RECORD_TAG);
        pool_bucket_init();
        pool_ready = true;
    }
    pool_shared_end(kind, old);
}

/* Counts an allocation (alloc) or free of a block of bucket b of kind with tag: nonpaged pool's in the
 * bucket, paged pool's in the tag's entry, under the spinlock. */
static inline void count(enum pool_kind kind, struct pool_bucket *b, uint32_t tag, bool alloc)
{
    if (kind == POOL_KIND_NONPAGED)
        pool_bucket_count(b, tag, alloc);
    else if (alloc)
        pool_count_alloc(tag, kind, pool_classes[pool_bucket_class(b)].bytes);
    else
        pool_count_free(tag, kind, pool_classes[pool_bucket_class(b)].bytes);
}

/* Marks the free block h (first ULONG w) allocated to the caller. */
static inline void *hand_out(struct pool_header *h, uint32_t w, unsigned base_type, uint32_t tag)
{
    pool_header_set_word(h, w | (base_type + 1) << 25);
    h->pool_tag = tag;
    return h + 1;
}

POOL_HOT_CALL void *pool_small_alloc_slow(enum pool_kind kind, unsigned base_type, SIZE_T bytes, uint32_t tag)
{
    if (!pool_ready)
        pool_small_setup(kind);
    unsigned size_class = pool_small_class(base_type, bytes);
    struct pool_bucket *b = &pool_buckets[kind][size_class];
    struct pool_header *h;
    uint32_t w;
    if (b->cache) {
        h = pool_header_of(pool_bucket_cache_pop(b, &w));
    } else if (!pool_classes[size_class].first) {
        if (!(h = pool_bucket_take_whole(b, base_type)))
            return 0;
        w = pool_header_word(h);
    } else {
        struct pool_page_record *rec = b->pages ? b->pages : pool_bucket_new_page(b, base_type);
        if (!rec)
            return 0;
        h = pool_header_of(pool_bucket_pop(b, rec, &w));
        if (rec->free == (void *)rec)
            pool_bucket_page_full(b, rec);
    }
    count(kind, b, tag, true);
    return hand_out(h, w, base_type, tag);
}

POOL_HOT_CALL void pool_small_free_checked(enum pool_kind kind, void *p, uint32_t w, unsigned code)
{
    unsigned size_class = pool_small_code_class(code);
    const struct pool_class *c = &pool_classes[size_class];
    struct pool_header *h = pool_header_of(p);
    uint32_t block_tag = h->pool_tag; /* the page may go back below */
    struct pool_bucket *b = &pool_buckets[kind][size_class];
    if (code < POOL_SMALL_CLASSES) {
        if (!b->room)
            pool_bucket_flush(b, b->cache_max / 2);
        pool_bucket_cache_push(b, h, w);
    } else if (!c->first) {
        pool_bucket_give_back_whole(b, h, w);
    } else {
        struct pool_page_record *rec = (struct pool_page_record *)pool_page_of(p);
        uint32_t used = pool_bucket_push(rec, h, w);
        if (!pool_bucket_push_is_plain(used, c))
            pool_bucket_freed(b, rec, used);
    }
    count(kind, b, block_tag, false);
}

uint32_t pool_small_set_owner(void *p, unsigned owner)
{
    struct pool_header *h = pool_header_of(p);
    h->pool_index |= owner << POOL_INDEX_OWNER_SHIFT;
    return h->block_size * POOL_UNIT;
}

/* The inline test's checks again, in the order they report, with the owner bits left out of the
 * header's pattern; an owner no driver has means a corrupt header. A driver's block gives its charge
 * back before it is freed. */
__attribute__((noinline)) void pool_small_free(enum pool_kind kind, void *p, uint32_t tag, unsigned code)
{
    const struct pool_class *c = &pool_classes[pool_small_code_class(code)];
    struct pool_header *h = pool_header_of(p);
    uint32_t w;
    if (!pool_small_plain_block(kind, &pool_buckets[kind][pool_small_code_class(code)], p, POOL_HEADER_OWNER_BITS, &w)) {
        if (pool_class_block_index(c, (uint32_t)((uintptr_t)p % POOL_PAGE)) >= c->count)
            KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_BAD_ADDRESS, (ULONG_PTR)p, 0, 0);
        pool_class_bad_header(kind, c, h, p);
    }
    unsigned owner = pool_header_word_owner(w);
    if (owner && !verifier_driver_numbered(owner)) /* no driver has that number: the header is corrupt */
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_BAD_HEADER, (ULONG_PTR)h, w, 0);
    pool_small_check_tag(p, tag);
    if (owner) {
        KIRQL shared = pool_shared_begin(kind);
        verifier_discharge(owner, h->pool_tag, kind, c->bytes);
        pool_shared_end(kind, shared);
    }
    pool_small_free_checked(kind, p, w, code);
}

/* Deferral stops once nonpaged pool has fallen below half the pages that turned it on. */
static void stop_deferring_if_small(void)
{
    if (pool_stats.small_pages[POOL_KIND_NONPAGED] < POOL_DEFER_PAGES / 2)
        pool_bucket_defer = false;
}

void pool_small_trim(enum pool_kind kind)
{
    KIRQL old = pool_lock(kind);
    if (kind == POOL_KIND_NONPAGED)
        pool_small_drain();
    pool_bucket_trim(kind);
    if (kind == POOL_KIND_NONPAGED)
        stop_deferring_if_small();
    pool_unlock(kind, old);
}

struct pool_deferred pool_deferred;

/* Oldest first, as they came. */
__attribute__((noinline)) void pool_small_drain(void)
{
    struct pool_deferred *d = &pool_deferred;
    for (unsigned i = 0; i < POOL_DEFERRED_FREES; i++) {
        struct pool_deferred_free *f = &d->waiting[(d->next + i) % POOL_DEFERRED_FREES];
        void *q = f->block;
        if (q) {
            f->block = 0;
            pool_small_free_nonpaged(q, f->tag, f->code);
        }
    }
}

void pool_small_settle(void)
{
    bool waiting = false;
    for (unsigned i = 0; i < POOL_DEFERRED_FREES; i++)
        waiting |= pool_deferred.waiting[i].block != 0;
    if (!waiting || KeGetCurrentIrql() > DISPATCH_LEVEL)
        return;
    KIRQL old = pool_lock(POOL_KIND_NONPAGED);
    pool_small_drain();
    pool_unlock(POOL_KIND_NONPAGED, old);
}

/* p is a deferred free still waiting, or nonpaged pool has fallen below half the pages that turned
 * deferral on: the waiting frees are made (p's first free among them, so that its second finds its
 * header free and reports the double free), deferral stops if the pool is that small, and p is freed
 * at once. */
__attribute__((noinline, cold)) static void free_after_the_waiting(void *p, uint32_t tag, unsigned code)
{
    pool_small_drain();
    stop_deferring_if_small();
    pool_small_free_nonpaged(p, tag, code);
}

POOL_HOT_CALL void pool_small_free_deferred(void *p, uint32_t tag, unsigned code, const void *caller)
{
    __builtin_prefetch(pool_header_of(p));
    struct pool_deferred *d = &pool_deferred;
    bool again = false;
#pragma GCC unroll 8
    for (unsigned i = 0; i < POOL_DEFERRED_FREES; i++)
        again |= d->waiting[i].block == p;
    if (__builtin_expect(again | (pool_stats.small_pages[POOL_KIND_NONPAGED] < POOL_DEFER_PAGES / 2), 0)) {
        free_after_the_waiting(p, tag, code);
        return;
    }
    if (driver_code_owner(caller)) { /* its wrong tag reported at its call */
        pool_small_free_nonpaged(p, tag, code);
        return;
    }
    struct pool_deferred_free *f = &d->waiting[d->next], q = *f;
    *f = (struct pool_deferred_free){ p, tag, code };
    d->next = (d->next + 1) % POOL_DEFERRED_FREES;
    if (q.block) {
        d->recent[q.code] = q.block;
        pool_small_free_nonpaged(q.block, q.tag, q.code);
    }
}
