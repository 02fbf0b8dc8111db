/* Small blocks (up to POOL_SMALL_MAX bytes): a block of its size class (pool_class.h) from the first
 * page on its bucket's list (pool_bucket.h), and back to its page's free list. The common nonpaged
 * allocation and free are inline, so that the WDK calls (pool.c) take them without a call of their
 * own (the kernel build has no LTO); everything else is one call away. Every call but
 * pool_small_init and pool_small_trim holds pool_lock(kind). */
#ifndef PAGODA_POOL_SMALL_H
#define PAGODA_POOL_SMALL_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/driver_code.h"
#include "kernel/wdm.h"
#include "pool/pool_bucket.h"

/* Whether a request of this type and size is served from small blocks. */
static inline bool pool_small_fits(unsigned base_type, SIZE_T bytes)
{
    if (bytes > POOL_SMALL_MAX)
        return false;
    return !pool_type_cache_aligned(base_type) || bytes <= POOL_CLASS_ALIGNED_MAX_BYTES;
}

/* Whether the pool is set up: its class tables and buckets, the must-succeed reserve, the tag table's
 * entry counted last. There is no init call: the first call that needs them makes them, with
 * pool_small_setup. Before, every class table reads 0 and every bucket is empty, so that the inline
 * allocation takes the call below, which sets the pool up first. */
extern bool pool_ready;
/* Sets the pool up unless it is, in a call that holds pool_lock(kind). */
void pool_small_setup(enum pool_kind kind);
/* Every allocation the inline path does not take: the pool's first, paged pool's (its tags counted
 * under the spinlock), a bucket with an empty cache, a tag its bucket did not count last. NULL when no
 * page can be had. */
POOL_HOT_CALL void *pool_small_alloc_slow(enum pool_kind kind, unsigned base_type, SIZE_T bytes, uint32_t tag);
/* Gives the block at p, just allocated, the owner number of the driver that allocated it
 * (pool/verifier.h); returns its block bytes. */
uint32_t pool_small_set_owner(void *p, unsigned owner);
/* A free after the owner byte said p's page holds small blocks of kind, with that code; tag 0 skips the
 * tag check. Every free the inline path does not take: paged pool's, a reserve page's, and a driver's
 * block (its owner bits fail the inline test), whose charge goes back to its driver. */
void pool_small_free(enum pool_kind kind, void *p, uint32_t tag, unsigned code);
/* The rest of a free whose checks passed (w: the block's first ULONG), where the inline path stops: a
 * tag its bucket did not count last, a full cache; and the others pool_small_free takes. */
POOL_HOT_CALL void pool_small_free_checked(enum pool_kind kind, void *p, uint32_t w, unsigned code);
/* Empties the caches of kind and gives back the empty pages kept for its size classes, so that an
 * allocation that found no page may find one. Takes pool_lock(kind). */
void pool_small_trim(enum pool_kind kind);

/* The size class of a request: its units (header included, rounded up) in the table of its types. */
static inline unsigned pool_small_class(unsigned base_type, SIZE_T bytes)
{
    size_t units = (bytes + sizeof(struct pool_header) + POOL_UNIT - 1) / POOL_UNIT;
    return pool_type_cache_aligned(base_type) ? pool_class_of_units_aligned[units] : pool_class_of_units[units];
}

/* The common allocation: nonpaged, a sound block in its bucket's cache, the tag its bucket counted last;
 * else NULL (pool_small_alloc_slow reports a block that is not sound). */
__attribute__((always_inline)) static inline void *pool_small_take_cached(unsigned base_type, SIZE_T bytes,
                                                                         uint32_t tag)
{
    struct pool_bucket *b = &pool_buckets[POOL_KIND_NONPAGED][pool_small_class(base_type, bytes)];
    if (!b->cache || b->pending.tag != tag) /* no cache also before the pool is set up */
        return 0;
    uint32_t w;
    struct pool_free_link *l = pool_bucket_cache_take(b, &w);
    if (!l)
        return 0;
    b->pending.allocs++;
    struct pool_header *h = pool_header_of(l);
    pool_header_set_word(h, w | (base_type + 1) << 25);
    h->pool_tag = tag;
    return l;
}

/* A small block of kind; NULL when no page can be had. */
static inline void *pool_small_alloc(enum pool_kind kind, unsigned base_type, SIZE_T bytes, uint32_t tag)
{
    void *p = kind == POOL_KIND_NONPAGED ? pool_small_take_cached(base_type, bytes, tag) : 0;
    return p ? p : pool_small_alloc_slow(kind, base_type, bytes, tag);
}

/* Whether p, freed from a page of bucket b's class and kind, is a block start ((offset - first) a multiple
 * of the size) whose header, but for the bits `ignored`, reads as the class's pattern of an allocated
 * block of the kernel's (the previous size included: an overrun of the block before shows here). Each
 * test O(1); the header is read only for a block start. Its first ULONG in *word. */
__attribute__((always_inline)) static inline bool pool_small_plain_block(enum pool_kind kind,
                                                                        const struct pool_bucket *b, void *p,
                                                                        uint32_t ignored, uint32_t *word)
{
    uint32_t index = pool_block_index(&b->test, (uint32_t)((uintptr_t)p % POOL_PAGE));
    if (__builtin_expect(index >= b->test.count, 0))
        return false;
    *word = pool_header_word(pool_header_of(p));
    uint32_t expected = index ? b->test.word : b->test.word_first;
    return __builtin_expect((*word & pool_allocated_mask(kind) & ~ignored) == expected, 1);
}

static inline void pool_small_check_tag(const void *p, uint32_t tag)
{
    uint32_t block_tag = pool_header_of(p)->pool_tag;
    if (__builtin_expect(tag && tag != block_tag, 0))
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_WRONG_TAG, (ULONG_PTR)p, block_tag, tag);
}

/* The common free: nonpaged, not a reserve page (code below POOL_SMALL_CLASSES), the tag its bucket
 * counted last, room in the cache. */
__attribute__((always_inline)) static inline void pool_small_free_nonpaged(void *p, uint32_t tag, unsigned code)
{
    const enum pool_kind k = POOL_KIND_NONPAGED;
    struct pool_bucket *b = pool_buckets[k] + code;
    uint32_t w;
    struct pool_header *h = pool_header_of(p);
    if (!pool_small_plain_block(k, b, p, 0, &w) || (tag && tag != h->pool_tag)) { /* reported there */
        pool_small_free(k, p, tag, pool_bucket_class(b));
        return;
    }
    if (h->pool_tag != b->pending.tag || !b->room) {
        pool_small_free_checked(k, p, w, pool_bucket_class(b));
        return;
    }
    b->pending.frees++;
    pool_bucket_cache_push(b, h, w);
}

/* Deferred frees. While nonpaged pool's small blocks fill more than POOL_DEFER_PAGES pages
 * (pool_bucket_defer), a freed block's header is seldom in the cache, and a free that reads it stalls
 * the processor until it comes (a read that misses holds up every instruction after it; mimalloc's
 * free only writes the block). So the kernel's frees of small nonpaged blocks are then deferred, as
 * NT's ExDeferredFreePool batches them: the free prefetches the block's header and takes the slot of
 * the oldest of the last POOL_DEFERRED_FREES deferred frees, whose checks and push, the common free's,
 * it makes now, its header in the cache by then. What a free checks at the call, deferred or not: the
 * IRQL, the page (owner byte), timers, DPCs and lookaside lists in the block, and that the block is no
 * deferred free still waiting (a double free, reported as one: the waiting frees are made first, so
 * the second finds the header free, 0xC2/0x07 with the same parameters). What it checks later, in the
 * order the frees came: the block start, the header and the tag (0xC2/0x0A, with the same parameters,
 * from a later call). Never deferred: a driver's free (its wrong tag is reported at its call), paged
 * pool's, a reserve page's, and the free of the block its class's deferred frees put in the cache last
 * (recent[class]), the block an allocation of the class takes first: a block allocated and freed at
 * once is in the cache, and takes the common free. The waiting frees are made before anyone reads what
 * they change: the tag counters' readers and the walks (pool_small_settle), a trim, and when nonpaged
 * pool falls below half the pages. */
#ifndef POOL_DEFERRED_FREES
#define POOL_DEFERRED_FREES 4
#endif
struct pool_deferred_free {
    void *block; /* NULL: none */
    uint32_t tag, code;
};
struct pool_deferred {
    struct pool_deferred_free waiting[POOL_DEFERRED_FREES];
    uint32_t next;                              /* the oldest */
    void *recent[POOL_SMALL_CLASSES];           /* the block each class's deferred frees put in its cache last */
};
extern struct pool_deferred pool_deferred;

/* Whether the free of p (a small nonpaged block of class code) goes to pool_small_free_deferred: while
 * deferring, every free but that of the block its class cached last (which is never a waiting one). */
__attribute__((always_inline)) static inline bool pool_small_defers(const void *p, unsigned code)
{
    return __builtin_expect(pool_bucket_defer, 0) && p != pool_deferred.recent[code];
}

/* The free of p (tag 0: no tag check) by the code at caller, in a call that holds
 * pool_lock(POOL_KIND_NONPAGED): deferred, or at once for a driver's, once checked against the waiting
 * ones (a driver freeing a block whose free by the kernel waits, IoFreeIrp then ExFreePool, is a double
 * free at its call too). */
POOL_HOT_CALL void pool_small_free_deferred(void *p, uint32_t tag, unsigned code, const void *caller);
/* Makes the deferred frees that wait, in a call that holds pool_lock(POOL_KIND_NONPAGED). */
void pool_small_drain(void);
/* The same for readers, at any IRQL: at DISPATCH_LEVEL or below it takes the lock (above, the frees
 * wait). */
void pool_small_settle(void);

#endif
