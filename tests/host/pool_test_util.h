/* Helpers shared by the pool's host tests. */
#ifndef PAGODA_POOL_TEST_UTIL_H
#define PAGODA_POOL_TEST_UTIL_H

#include <stdint.h>

#include "pool/pool.h"
#include "pool/pool_header.h"

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

#endif
