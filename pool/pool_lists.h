/* Small blocks on their pages: a free list per block size with a two-level bitmap of the non-empty
 * ones (the best fit is two bit scans away), merging with both neighbours on release, and pages going
 * back once all their blocks are free. The lookasides in front of it are pool_small.h's. Every call
 * holds pool_lock(kind). */
#ifndef PAGODA_POOL_LISTS_H
#define PAGODA_POOL_LISTS_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/wdm.h"
#include "pool/pool_header.h"
#include "pool/pool_type.h"

#define CACHE_SLACK_UNITS ((POOL_CACHE_LINE - POOL_UNIT) / POOL_UNIT)

/* The calls from pool_small.c and pool.c that the common paths make take their arguments in
 * registers on i686 (the kernel build has no LTO to inline them; x86-64 passes them so anyway). */
#ifdef __i386__
#define POOL_HOT_CALL __attribute__((regparm(3)))
#else
#define POOL_HOT_CALL
#endif

/* The units of a small block for a request of bytes, header included. */
static inline unsigned pool_units_for(SIZE_T bytes)
{
    unsigned n = (unsigned)((bytes + sizeof(struct pool_header) + POOL_UNIT - 1) / POOL_UNIT);
    return n < POOL_MIN_BLOCK_UNITS ? POOL_MIN_BLOCK_UNITS : n;
}

/* Whether a previous size of prev units fits a block at units into its page: 0 exactly for the
 * page's first block, else no further back than the page start. */
static inline bool pool_previous_fits(unsigned prev, unsigned at)
{
    return prev - 1u < at || (prev | at) == 0;
}

/* The fields of an allocated block's first ULONG, per kind: its descriptor (not cached) and a
 * POOL_TYPE + 1 of its pool. The nonpaged types + 1 are the odd numbers under 8, the paged ones 2 and
 * 6, so one mask and one compare test both fields. */
_Static_assert(NonPagedPool + 1 == 1 && NonPagedPoolMustSucceed + 1 == 3 && NonPagedPoolCacheAligned + 1 == 5 &&
                   NonPagedPoolCacheAlignedMustS + 1 == 7 && PagedPool + 1 == 2 && PagedPoolCacheAligned + 1 == 6,
               "the nonpaged types + 1 are the odd numbers under 8, the paged ones 2 and 6");

static inline uint32_t pool_allocated_fields_mask(enum pool_kind kind)
{
    uint32_t free_type_bits = kind == POOL_KIND_NONPAGED ? 6u : 4u;
    return 0x7Fu << 9 | (0x7Fu & ~free_type_bits) << 25;
}

static inline uint32_t pool_allocated_fields(enum pool_kind kind)
{
    return pool_header_fields(kind, 0, kind == POOL_KIND_NONPAGED ? 1u : 2u);
}

/* Whether the allocated block h whose first ULONG is w passes pool_lists_check_block's tests of its
 * own fields and of the next block's view of it (with fewer branches). As NT's free does, it leaves
 * the previous block's size to pool_lists_release, which checks it before it merges; a block freed to
 * a lookaside does not merge, and a wrong previous size is reported when the block before it is
 * freed. */
__attribute__((always_inline)) static inline bool pool_block_looks_right(enum pool_kind kind,
                                                                        const struct pool_header *h, uint32_t w)
{
    unsigned at = pool_units_into_page(h), n = pool_header_word_size(w);
    bool fields_ok = (w & pool_allocated_fields_mask(kind)) == pool_allocated_fields(kind) && n != 0 &&
                     at + n <= POOL_PAGE_UNITS && pool_previous_fits(w & POOL_HEADER_PREVIOUS_MASK, at);
    if (!fields_ok)
        return false;
    return at + n == POOL_PAGE_UNITS || (h + n)->previous_size == n;
}

void pool_lists_init(void);
/* A block of n units (cache aligned for the CacheAligned types) from the lists or a new page, its tag
 * counted; NULL when no page can be had. */
POOL_HOT_CALL void *pool_lists_alloc(enum pool_kind kind, unsigned n, unsigned base_type, uint32_t tag);
/* Makes the n units at h a free block: merged with free neighbours, listed, or its page given back. */
POOL_HOT_CALL void pool_lists_release(enum pool_kind kind, struct pool_header *h, unsigned n);
/* The O(1) checks of an allocated block on free, once pool_block_looks_right said no: reports the
 * first that fails. */
void pool_lists_check_block(enum pool_kind kind, struct pool_header *h);

#endif
