/* ExQueryPoolBlockSize: the bytes a pool block holds for its caller (its header not counted), found by
 * the same walk as !pool. No quota is ever charged. An address that is no allocated block is
 * BAD_POOL_CALLER 0x42, as a free of it would be. */
#include "kernel/bugcheck.h"
#include "pool/pool.h"
#include "pool/pool_header.h"
#include "pool/pool_violations.h"
#include "pool/pool_walk.h"

struct query {
    uintptr_t address;
    SIZE_T bytes;
    bool found;
};

static void match(void *ctx, const struct pool_block_info *block)
{
    struct query *q = ctx;
    if (!block->allocated)
        return;
    uintptr_t start = block->big || block->special ? block->header : block->header + POOL_UNIT;
    if (q->address != start)
        return;
    q->found = true;
    q->bytes = block->special ? block->bytes : block->big ? (SIZE_T)block->bytes * POOL_PAGE : block->bytes - POOL_UNIT;
}

SIZE_T NTAPI ExQueryPoolBlockSize(PVOID PoolBlock, PBOOLEAN QuotaCharged)
{
    struct query q = { (uintptr_t)PoolBlock, 0, false };
    if (!pool_walk_page(PoolBlock, match, &q) || !q.found)
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_NOT_POOL, (ULONG_PTR)PoolBlock, 0, 0);
    if (QuotaCharged)
        *QuotaCharged = FALSE;
    return q.bytes;
}
