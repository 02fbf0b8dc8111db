/* The pool's view of a POOL_TYPE (wdm.h): which of its two pools serves it, and what the type asks
 * of a block. */
#ifndef PAGODA_POOL_TYPE_H
#define PAGODA_POOL_TYPE_H

#include <stdbool.h>

#include "kernel/wdm.h"

enum pool_kind { POOL_KIND_NONPAGED, POOL_KIND_PAGED, POOL_KINDS };

/* poolmon's short names of the two pools. */
static inline const char *pool_kind_name(enum pool_kind kind)
{
    return kind == POOL_KIND_PAGED ? "Paged" : "Nonp";
}

/* Whether a POOL_TYPE is one the pool serves: session and NX variants included, and the flag bits a
 * caller may add (POOL_RAISE_IF_ALLOCATION_FAILURE: a failure is the bugcheck of the exception Windows
 * raises, see pool_raise_insufficient_resources). */
static inline bool pool_type_valid(POOL_TYPE type)
{
    unsigned t = (unsigned)type & ~(unsigned)(NonPagedPoolSession | NonPagedPoolNx | POOL_QUOTA_FAIL_INSTEAD_OF_RAISE |
                                              POOL_RAISE_IF_ALLOCATION_FAILURE | POOL_COLD_ALLOCATION);
    return t < MaxPoolType && t != DontUseThisType;
}

/* The type without its session, NX and flag bits: the three bits the rules below read. */
static inline unsigned pool_base_type(POOL_TYPE type)
{
    return (unsigned)type & 7u;
}

static inline enum pool_kind pool_kind_of(POOL_TYPE type)
{
    unsigned t = pool_base_type(type);
    return t == PagedPool || t == PagedPoolCacheAligned ? POOL_KIND_PAGED : POOL_KIND_NONPAGED;
}

static inline bool pool_type_cache_aligned(unsigned base_type)
{
    return base_type == NonPagedPoolCacheAligned || base_type == PagedPoolCacheAligned ||
           base_type == NonPagedPoolCacheAlignedMustS;
}

static inline bool pool_type_must_succeed(unsigned base_type)
{
    return base_type == NonPagedPoolMustSucceed || base_type == NonPagedPoolCacheAlignedMustS;
}

#endif
