/* ExQueryPoolBlockSize: the bytes a pool block holds for its caller (its header not counted), found by
 * the same walk as !pool. No quota is ever charged. An address that is no allocated block is
 * BAD_POOL_CALLER 0x42, as a free of it would be. */
#include "kernel/bugcheck.h"
#include "pool/pool.h"
#include "pool/pool_header.h"
#include "pool/pool_violations.h"
#include "pool/pool_walk.h"

/* The allocated block whose caller's address is start, if the walk meets it. */
struct wanted_block {
    uintptr_t start;
    struct pool_block_info block;
    bool found;
};

static void keep_the_block_at_start(void *ctx, const struct pool_block_info *b)
{
    struct wanted_block *w = ctx;
    uintptr_t start = b->big || b->special ? b->header : b->header + POOL_UNIT; /* small: after the header */
    if (b->allocated && start == w->start)
        w->block = *b, w->found = true;
}

SIZE_T NTAPI ExQueryPoolBlockSize(PVOID PoolBlock, PBOOLEAN QuotaCharged)
{
    struct wanted_block w = { .start = (uintptr_t)PoolBlock };
    if (!pool_walk_page(PoolBlock, keep_the_block_at_start, &w) || !w.found)
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_NOT_POOL, (ULONG_PTR)PoolBlock, 0, 0);
    if (QuotaCharged)
        *QuotaCharged = FALSE;
    if (w.block.special)
        return w.block.bytes;
    return w.block.big ? (SIZE_T)w.block.bytes * POOL_PAGE : w.block.bytes - POOL_UNIT;
}
