/* The lookaside core under both the WDK's Ex*LookasideList calls and the pool's own per-size caches:
 * a bounded singly linked stack of free blocks, hit/miss counters, and a depth that follows the miss
 * rate. Windows adjusts depths once a second from a timer; here the check runs every
 * LOOKASIDE_ADAPT_PERIOD allocations, so it needs no timer and behaves the same on the host. */
#ifndef PAGODA_LOOKASIDE_H
#define PAGODA_LOOKASIDE_H

#include <stdbool.h>

#include "kernel/wdm.h"

#define LOOKASIDE_MIN_DEPTH 4
#define LOOKASIDE_MAX_DEPTH 256
#define LOOKASIDE_ADAPT_PERIOD 256

void lookaside_init(PGENERAL_LOOKASIDE l, POOL_TYPE type, SIZE_T size, ULONG tag, PALLOCATE_FUNCTION allocate,
                    PFREE_FUNCTION free);
void lookaside_adapt(PGENERAL_LOOKASIDE l);

/* The entry the next lookaside_pop hands out (NULL: it misses). */
static inline PSINGLE_LIST_ENTRY lookaside_first(const GENERAL_LOOKASIDE *l)
{
    return l->ListHead.Next.Next;
}

/* Whether the next lookaside_pop adapts the depth: a fast path that has made sure it does not, and
 * that it hits, inlines a pop that makes no call. */
static inline bool lookaside_adapt_due(const GENERAL_LOOKASIDE *l)
{
    return l->TotalAllocates + 1 - l->LastTotalAllocates >= LOOKASIDE_ADAPT_PERIOD;
}

/* The next cached entry, or NULL (a miss). Counts the allocation either way. */
static inline PVOID lookaside_pop(PGENERAL_LOOKASIDE l)
{
    PSINGLE_LIST_ENTRY e = lookaside_first(l);
    bool adapt = lookaside_adapt_due(l);
    l->TotalAllocates++;
    if (adapt)
        lookaside_adapt(l);
    if (!e) {
        l->AllocateMisses++;
        return 0;
    }
    l->ListHead.Next.Next = e->Next;
    l->ListHead.Depth--;
    return e;
}

static inline bool lookaside_full(const GENERAL_LOOKASIDE *l)
{
    return l->ListHead.Depth >= l->Depth;
}

/* Caches entry unless the list holds Depth entries already (a free miss: the caller frees it). */
static inline bool lookaside_push(PGENERAL_LOOKASIDE l, PVOID entry)
{
    l->TotalFrees++;
    if (lookaside_full(l)) {
        l->FreeMisses++;
        return false;
    }
    PSINGLE_LIST_ENTRY e = entry;
    e->Next = l->ListHead.Next.Next;
    l->ListHead.Next.Next = e;
    l->ListHead.Depth++;
    return true;
}

/* Takes every cached entry off the list (for deletion or trimming); returns the chain. */
PSINGLE_LIST_ENTRY lookaside_drain(PGENERAL_LOOKASIDE l);
/* Registered lists, for the `lookaside` command: start with NULL. */
PGENERAL_LOOKASIDE lookaside_next(PGENERAL_LOOKASIDE prev);
void lookaside_register(PGENERAL_LOOKASIDE l);
void lookaside_unregister(PGENERAL_LOOKASIDE l);

#endif
