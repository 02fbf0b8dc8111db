/* Small blocks (up to POOL_SMALL_MAX bytes): those up to 512 bytes pass through a lookaside per size,
 * the pool's own, in front of the free lists (pool_lists.h). Every call but pool_small_init and
 * pool_small_trim holds pool_lock(kind). */
#ifndef PAGODA_POOL_SMALL_H
#define PAGODA_POOL_SMALL_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/wdm.h"
#include "pool/pool_lists.h"

#define POOL_LOOKASIDE_UNITS 64        /* blocks up to 512 bytes go through the pool's per-size lookasides */
#define POOL_LOOKASIDE_TAG 0x6C6F6F50u /* 'looP': the pool's own lookasides show as "Pool" */

/* Whether a request of this type and size is served from small blocks (cache alignment needs slack).
 * Inline: the kernel build has no LTO to take it across files. */
static inline bool pool_small_fits(unsigned base_type, SIZE_T bytes)
{
    if (bytes > POOL_SMALL_MAX)
        return false;
    return !pool_type_cache_aligned(base_type) || pool_units_for(bytes) + CACHE_SLACK_UNITS < POOL_PAGE_UNITS;
}

void pool_small_init(void);
/* NULL when no page can be had. */
POOL_HOT_CALL void *pool_small_alloc(enum pool_kind kind, unsigned base_type, SIZE_T bytes, uint32_t tag);
/* Gives the block at p, just allocated, the owner number of the driver that allocated it
 * (pool/verifier.h); returns its block bytes. */
uint32_t pool_small_set_owner(void *p, unsigned owner);
/* After the owner byte said p's page holds small blocks of kind; tag 0 skips the tag check. The
 * first is the common case's fast path, which hands everything else to the second. */
POOL_HOT_CALL void pool_small_free_nonpaged(void *p, uint32_t tag);
void pool_small_free(enum pool_kind kind, void *p, uint32_t tag);
/* Puts the blocks cached in the lookasides of kind back on the free lists, so that pages whose blocks
 * are all free go back to the page provider. Takes pool_lock(kind). */
void pool_small_trim(enum pool_kind kind);

#endif
