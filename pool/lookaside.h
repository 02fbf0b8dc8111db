/* The lookaside core under the WDK's Ex*LookasideList calls: a bounded singly linked stack of free
 * blocks, hit/miss counters, and a depth that follows the miss rate. Windows adjusts depths once a
 * second from a timer; here the check runs every LOOKASIDE_ADAPT_PERIOD allocations, so it needs no
 * timer and behaves the same on the host. */
#ifndef PAGODA_LOOKASIDE_H
#define PAGODA_LOOKASIDE_H

#include <stdbool.h>
#include <stdint.h>

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
/* Registered lists, for the `lookaside` command: start with NULL. The WDK's lists (those drivers and
 * the kernel initialize), in the order they were registered. */
PGENERAL_LOOKASIDE lookaside_next(PGENERAL_LOOKASIDE prev);

/* The WDK's lists are live from their initialization to their deletion: each counts in live_objects
 * (kernel/live_objects.h), since no block being freed may hold one. Each has the owner number of the
 * code that initialized it (pool/verifier.h; 0 the kernel's) in Future[0]. A list that does not cache
 * (Depth and MaximumDepth 0, as Driver Verifier makes a verified driver's) hands every allocation to
 * its Allocate routine and every free to its Free routine, so the pool sees every block. */
void lookaside_register_wdk(PGENERAL_LOOKASIDE l, unsigned owner, bool caching);
void lookaside_unregister_wdk(PGENERAL_LOOKASIDE l);
bool lookaside_wdk_live(const GENERAL_LOOKASIDE *l);
/* A live list whose structure starts in [lo, hi) (a block being freed), or NULL. */
PGENERAL_LOOKASIDE lookaside_wdk_in(uintptr_t lo, uintptr_t hi);
/* A live list that owner initialized, or that lies in [lo, hi) or whose routines do (an image about to
 * go), or NULL. */
PGENERAL_LOOKASIDE lookaside_wdk_left_by(unsigned owner, uintptr_t lo, uintptr_t hi);
/* Makes owner's live lists cache (as after their initialization) or stop caching. */
void lookaside_set_caching(unsigned owner, bool caching);

#endif
