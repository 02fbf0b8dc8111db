/* Helpers shared by the pool's host tests. */
#ifndef PAGODA_POOL_TEST_UTIL_H
#define PAGODA_POOL_TEST_UTIL_H

#include <stdint.h>

#include "pool/pool.h"
#include "pool/pool_header.h"
#include "pool/pool_small.h"

static inline uintptr_t page_offset(const void *p)
{
    return (uintptr_t)p % POOL_PAGE;
}

/* The counters of one tag in one pool (zeros if the tag was never seen). */
static inline struct tag_counters tag_counts(uint32_t tag, enum pool_kind kind)
{
    struct tag_entry e;
    struct tag_counters none = { 0, 0, 0 };
    return tagtab_find(tag, &e) ? e.pool[kind] : none;
}

/* Nonpaged pool past POOL_DEFER_PAGES pages of small blocks (pool_small.h), so that the kernel's frees
 * are deferred: blocks of 1008 bytes, four a page. Returns the last allocated but one, which is not the
 * block its class cached last; stops the test (0xDEAD) if the pool does not defer, which would leave it
 * testing nothing. */
static inline void *fill_past_deferral(void)
{
    void *p = 0;
    for (unsigned i = 0; i < 4 * (POOL_DEFER_PAGES + 20); i++) {
        void *q = ExAllocatePoolWithTag(NonPagedPool, 1000, 'elbD');
        if (i == 4 * POOL_DEFER_PAGES)
            p = q;
    }
    if (!pool_bucket_defer)
        KeBugCheckEx(0xDEAD, 0, 0, 0, 0);
    return p;
}

/* Whether p's free waits among the deferred ones. */
static inline bool free_waits(const void *p)
{
    bool waits = false;
    for (unsigned i = 0; i < POOL_DEFERRED_FREES; i++)
        waits |= pool_deferred.waiting[i].block == p;
    return waits;
}

#endif
