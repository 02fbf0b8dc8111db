#include "pool/lookaside.h"

#include "kernel/lib/kstring.h"
#include "kernel/live_objects.h"
#include "pool/pool_locks.h"

#define OWNER Future[0]

static LIST_ENTRY wdk = { &wdk, &wdk }; /* live WDK lists, changed under the pool's lock */

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
    l->Depth = (USHORT)(depth < l->MaximumDepth ? depth : l->MaximumDepth); /* 0 for a list that does not cache */
}

PSINGLE_LIST_ENTRY lookaside_drain(PGENERAL_LOOKASIDE l)
{
    PSINGLE_LIST_ENTRY chain = l->ListHead.Next.Next;
    l->ListHead.Next.Next = 0;
    l->ListHead.Depth = 0;
    return chain;
}

static void link_tail(PLIST_ENTRY anchor, PGENERAL_LOOKASIDE l)
{
    l->ListEntry.Flink = anchor;
    l->ListEntry.Blink = anchor->Blink;
    anchor->Blink->Flink = &l->ListEntry;
    anchor->Blink = &l->ListEntry;
}

static void set_caching(PGENERAL_LOOKASIDE l, bool caching)
{
    l->MaximumDepth = caching ? LOOKASIDE_MAX_DEPTH : 0;
    l->Depth = caching ? LOOKASIDE_MIN_DEPTH : 0;
}

static PGENERAL_LOOKASIDE list_of(PLIST_ENTRY e)
{
    return (PGENERAL_LOOKASIDE)((char *)e - offsetof(GENERAL_LOOKASIDE, ListEntry));
}

/* Whether l is on the live list, under the pool's lock. */
static bool on_wdk(const GENERAL_LOOKASIDE *l)
{
    for (PLIST_ENTRY e = wdk.Flink; e != &wdk; e = e->Flink)
        if (list_of(e) == l)
            return true;
    return false;
}

static void unlink_wdk(PGENERAL_LOOKASIDE l)
{
    l->ListEntry.Blink->Flink = l->ListEntry.Flink;
    l->ListEntry.Flink->Blink = l->ListEntry.Blink;
    live_objects_add(-1);
}

/* A live list initialized again (Driver Verifier stops a verified driver's first) is linked once, and
 * one that is not live is never unlinked: the live list, which every free walks while it holds any,
 * stays whole whatever a driver does. */
void lookaside_register_wdk(PGENERAL_LOOKASIDE l, unsigned owner, bool caching)
{
    l->OWNER = owner;
    set_caching(l, caching);
    KIRQL old = pool_tables_lock();
    if (on_wdk(l))
        unlink_wdk(l);
    link_tail(&wdk, l);
    live_objects_add(1);
    pool_tables_unlock(old);
}

void lookaside_unregister_wdk(PGENERAL_LOOKASIDE l)
{
    KIRQL old = pool_tables_lock();
    if (on_wdk(l))
        unlink_wdk(l);
    pool_tables_unlock(old);
}

PGENERAL_LOOKASIDE lookaside_next(PGENERAL_LOOKASIDE prev)
{
    PLIST_ENTRY next = prev ? prev->ListEntry.Flink : wdk.Flink;
    return next == &wdk ? 0 : list_of(next);
}

static bool in(uintptr_t a, uintptr_t lo, uintptr_t hi)
{
    return a >= lo && a < hi;
}

/* The first live WDK list that lies in [lo, hi), or (left_by) that owner initialized or whose routines
 * lie there, under the pool's lock. */
static PGENERAL_LOOKASIDE find_wdk(bool left_by, unsigned owner, uintptr_t lo, uintptr_t hi)
{
    PGENERAL_LOOKASIDE found = 0;
    KIRQL old = pool_tables_lock();
    for (PLIST_ENTRY e = wdk.Flink; e != &wdk && !found; e = e->Flink) {
        PGENERAL_LOOKASIDE l = list_of(e);
        bool match = in((uintptr_t)l, lo, hi) ||
                     (left_by && (l->OWNER == owner || in((uintptr_t)l->Allocate, lo, hi) || in((uintptr_t)l->Free, lo, hi)));
        if (match)
            found = l;
    }
    pool_tables_unlock(old);
    return found;
}

bool lookaside_wdk_live(const GENERAL_LOOKASIDE *l)
{
    KIRQL old = pool_tables_lock();
    bool live = on_wdk(l);
    pool_tables_unlock(old);
    return live;
}

PGENERAL_LOOKASIDE lookaside_wdk_in(uintptr_t lo, uintptr_t hi)
{
    return find_wdk(false, 0, lo, hi);
}

PGENERAL_LOOKASIDE lookaside_wdk_left_by(unsigned owner, uintptr_t lo, uintptr_t hi)
{
    return find_wdk(true, owner, lo, hi);
}

void lookaside_set_caching(unsigned owner, bool caching)
{
    KIRQL old = pool_tables_lock();
    for (PLIST_ENTRY e = wdk.Flink; e != &wdk; e = e->Flink)
        if (list_of(e)->OWNER == owner)
            set_caching(list_of(e), caching);
    pool_tables_unlock(old);
}
