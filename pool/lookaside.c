#include "pool/lookaside.h"

#include "kernel/lib/kstring.h"

static LIST_ENTRY registered = { &registered, &registered };

void lookaside_init(PGENERAL_LOOKASIDE l, POOL_TYPE type, SIZE_T size, ULONG tag, PALLOCATE_FUNCTION allocate,
                    PFREE_FUNCTION free)
{
    memset(l, 0, sizeof(*l));
    l->Type = type;
    l->Size = (ULONG)(size < sizeof(SINGLE_LIST_ENTRY) ? sizeof(SINGLE_LIST_ENTRY) : size);
    l->Tag = tag;
    l->Allocate = allocate;
    l->Free = free;
    l->Depth = LOOKASIDE_MIN_DEPTH;
    l->MaximumDepth = LOOKASIDE_MAX_DEPTH;
}

/* As Windows' depth computation: a miss rate under 0.5% shrinks the bound by 10; otherwise it grows
 * in proportion to the miss rate and the room left, by at least 5. */
void lookaside_adapt(PGENERAL_LOOKASIDE l)
{
    ULONG allocates = l->TotalAllocates - l->LastTotalAllocates;
    ULONG misses = l->AllocateMisses - l->LastAllocateMisses;
    l->LastTotalAllocates = l->TotalAllocates;
    l->LastAllocateMisses = l->AllocateMisses;
    unsigned depth = l->Depth;
    if (misses * 200 < allocates) {
        depth = depth > LOOKASIDE_MIN_DEPTH + 10 ? depth - 10 : LOOKASIDE_MIN_DEPTH;
    } else {
        unsigned room = l->MaximumDepth - depth;
        unsigned step = (unsigned)((unsigned long long)room * misses / (allocates ? allocates : 1)) + 5;
        depth = depth + step < l->MaximumDepth ? depth + step : l->MaximumDepth;
    }
    l->Depth = (USHORT)depth;
}

PSINGLE_LIST_ENTRY lookaside_drain(PGENERAL_LOOKASIDE l)
{
    PSINGLE_LIST_ENTRY chain = l->ListHead.Next.Next;
    l->ListHead.Next.Next = 0;
    l->ListHead.Depth = 0;
    return chain;
}

void lookaside_register(PGENERAL_LOOKASIDE l)
{
    l->ListEntry.Flink = &registered;
    l->ListEntry.Blink = registered.Blink;
    registered.Blink->Flink = &l->ListEntry;
    registered.Blink = &l->ListEntry;
}

void lookaside_unregister(PGENERAL_LOOKASIDE l)
{
    l->ListEntry.Blink->Flink = l->ListEntry.Flink;
    l->ListEntry.Flink->Blink = l->ListEntry.Blink;
}

PGENERAL_LOOKASIDE lookaside_next(PGENERAL_LOOKASIDE prev)
{
    PLIST_ENTRY next = prev ? prev->ListEntry.Flink : registered.Flink;
    if (next == &registered)
        return 0;
    return (PGENERAL_LOOKASIDE)((char *)next - offsetof(GENERAL_LOOKASIDE, ListEntry));
}
