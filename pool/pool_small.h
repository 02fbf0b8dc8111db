/* Small blocks (up to POOL_SMALL_MAX bytes): a block of its size class (pool_class.h) from the first
 * page on its bucket's list (pool_bucket.h), and back to its page's free list. The common nonpaged
 * allocation and free are inline, so that the WDK calls (pool.c) take them without a call of their
 * own (the kernel build has no LTO); everything else is one call away. Every call but
 * pool_small_init and pool_small_trim holds pool_lock(kind). */
#ifndef PAGODA_POOL_SMALL_H
#define PAGODA_POOL_SMALL_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/wdm.h"
#include "pool/pool_bucket.h"
#include "pool/pool_tags.h"

/* Whether a request of this type and size is served from small blocks. */
static inline bool pool_small_fits(unsigned base_type, SIZE_T bytes)
{
    if (bytes > POOL_SMALL_MAX)
        return false;
    return !pool_type_cache_aligned(base_type) || bytes <= pool_class_aligned_max_bytes;
}

void pool_small_init(void);
/* Every allocation the inline path does not take: paged pool (its tags counted under the spinlock), a
 * bucket with no page on its list, the one-block class, a tag not counted last. NULL when no page can
 * be had. */
POOL_HOT_CALL void *pool_small_alloc_slow(enum pool_kind kind, unsigned size_class, unsigned base_type, uint32_t tag);
/* Gives the block at p, just allocated, the owner number of the driver that allocated it
 * (pool/verifier.h); returns its block bytes. */
uint32_t pool_small_set_owner(void *p, unsigned owner);
/* A free after the owner byte said p's page holds small blocks of kind of that size class; tag 0 skips
 * the tag check. Every free the inline path does not take: paged pool's, and a driver's block (its
 * owner bits fail the inline test), whose charge goes back to its driver. */
void pool_small_free(enum pool_kind kind, void *p, uint32_t tag, unsigned size_class);
/* The rest of a free whose checks passed (w: the block's first ULONG), where the inline path stops: the
 * one-block class, a tag not counted last; and paged pool's. */
POOL_HOT_CALL void pool_small_free_checked(enum pool_kind kind, void *p, uint32_t w, unsigned size_class);
/* Gives back the empty pages kept for the size classes of kind, so that an allocation that found no
 * page may find one. Takes pool_lock(kind). */
void pool_small_trim(enum pool_kind kind);

/* The size class of a request: its units (header included, rounded up) in the table of its types. */
static inline unsigned pool_small_class(unsigned base_type, SIZE_T bytes)
{
    unsigned units = (unsigned)((bytes + sizeof(struct pool_header) + POOL_UNIT - 1) / POOL_UNIT);
    return pool_type_cache_aligned(base_type) ? pool_class_of_units_aligned[units] : pool_class_of_units[units];
}

/* The common allocation: nonpaged, a page on its bucket's list, the tag counted last. NULL when no page
 * can be had. */
__attribute__((always_inline)) static inline void *pool_small_alloc(enum pool_kind kind, unsigned base_type,
                                                                   SIZE_T bytes, uint32_t tag)
{
    if (kind != POOL_KIND_NONPAGED)
        return pool_small_alloc_slow(kind, pool_small_class(base_type, bytes), base_type, tag);
    unsigned size_class = pool_small_class(base_type, bytes);
    const struct pool_bucket *b = &pool_buckets[POOL_KIND_NONPAGED][size_class];
    struct pool_page_record *rec = b->pages;
    struct tag_entry *t = tagtab_recent(tag);
    if (!rec || !t)
        return pool_small_alloc_slow(kind, size_class, base_type, tag);
    tag_counters_alloc(&t->pool[POOL_KIND_NONPAGED], b->bytes); /* first: then b is no longer needed */
    uint32_t w;
    struct pool_free_link *l = pool_bucket_pop(b->free_word, rec, &w);
    struct pool_header *h = pool_header_of(l);
    pool_header_set_word(h, w | (base_type + 1) << 25);
    h->pool_tag = tag;
    if (rec->free == (void *)rec)
        pool_bucket_page_full(&pool_buckets[POOL_KIND_NONPAGED][size_class], rec);
    return l;
}

/* Whether p, freed from a page of class c of kind, is a block start ((offset - first) a multiple of the
 * size) whose header, but for the bits `ignored`, reads as the class's pattern of an allocated block of
 * the kernel's (the previous size included: an overrun of the block before shows here). Each test
 * O(1); the header is read only for a block start. Its first ULONG in *word. */
__attribute__((always_inline)) static inline bool pool_small_plain_block(enum pool_kind kind,
                                                                        const struct pool_class *c, void *p,
                                                                        uint32_t ignored, uint32_t *word)
{
    uint32_t index = pool_class_block_index(c, (uint32_t)((uintptr_t)p % POOL_PAGE));
    if (__builtin_expect(index >= c->count, 0))
        return false;
    *word = pool_header_word(pool_header_of(p));
    uint32_t expected = pool_allocated_fields(kind, c->units) | pool_class_previous(c, index);
    return __builtin_expect((*word & pool_allocated_mask(kind) & ~ignored) == expected, 1);
}

static inline void pool_small_check_tag(const void *p, uint32_t tag)
{
    uint32_t block_tag = pool_header_of(p)->pool_tag;
    if (__builtin_expect(tag && tag != block_tag, 0))
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_WRONG_TAG, (ULONG_PTR)p, block_tag, tag);
}

/* The common free: nonpaged, the tag counted last. A page that was full goes back on its list, one that
 * becomes empty is kept or given back (pool_bucket_freed), but for the bucket's kept page itself, the
 * common case of a churning pair. */
__attribute__((always_inline)) static inline void pool_small_free_nonpaged(void *p, uint32_t tag, unsigned size_class)
{
    const enum pool_kind k = POOL_KIND_NONPAGED;
    const struct pool_class *c = &pool_classes[size_class];
    uint32_t w;
    if (!pool_small_plain_block(k, c, p, 0, &w)) {
        pool_small_free(k, p, tag, size_class);
        return;
    }
    pool_small_check_tag(p, tag);
    struct pool_header *h = pool_header_of(p);
    struct tag_entry *t = tagtab_recent(h->pool_tag);
    if (!t || !c->first) {
        pool_small_free_checked(k, p, w, size_class);
        return;
    }
    tag_counters_free(&t->pool[k], c->bytes);
    struct pool_page_record *rec = (struct pool_page_record *)pool_page_of(p);
    uint32_t used = pool_bucket_push(rec, h, w);
    if (pool_bucket_push_is_plain(used, c))
        return;
    struct pool_bucket *b = &pool_buckets[k][size_class];
    if (used != 1 || b->spare != rec)
        pool_bucket_freed(b, rec, used);
}

#endif
