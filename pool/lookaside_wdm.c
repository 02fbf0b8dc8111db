/* The WDK's lookaside calls over the lookaside core: a miss allocates with the list's Allocate
 * routine (the pool by default), a free past the depth goes to its Free routine. A nonpaged list may
 * be used from DPCs and passive code at once, so its list operations run under its spinlock (NT's
 * interlocked SList, on one CPU); the Allocate and Free routines run outside it. */
#include "kernel/spinlock.h"
#include "pool/lookaside.h"

static void init_list(PGENERAL_LOOKASIDE l, POOL_TYPE type, PALLOCATE_FUNCTION allocate, PFREE_FUNCTION free,
                      SIZE_T size, ULONG tag)
{
    lookaside_init(l, type, size, tag, allocate ? allocate : ExAllocatePoolWithTag, free ? free : ExFreePool);
    lookaside_register(l);
}

/* lock: the list's spinlock, or NULL for a paged list. */
static PVOID allocate_from(PGENERAL_LOOKASIDE l, PKSPIN_LOCK lock)
{
    KIRQL old = lock ? spinlock_acquire(lock) : 0;
    PVOID e = lookaside_pop(l);
    if (lock)
        spinlock_release(lock, old);
    return e ? e : l->Allocate(l->Type, l->Size, l->Tag);
}

static VOID free_to(PGENERAL_LOOKASIDE l, PKSPIN_LOCK lock, PVOID entry)
{
    KIRQL old = lock ? spinlock_acquire(lock) : 0;
    bool cached = lookaside_push(l, entry);
    if (lock)
        spinlock_release(lock, old);
    if (!cached)
        l->Free(entry);
}

static VOID delete_list(PGENERAL_LOOKASIDE l)
{
    PSINGLE_LIST_ENTRY e = lookaside_drain(l);
    while (e) {
        PSINGLE_LIST_ENTRY next = e->Next;
        l->Free(e);
        e = next;
    }
    lookaside_unregister(l);
}

VOID NTAPI ExInitializeNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside, PALLOCATE_FUNCTION Allocate,
                                     PFREE_FUNCTION Free, ULONG Flags, SIZE_T Size, ULONG Tag, USHORT Depth)
{
    (void)Depth;
    KeInitializeSpinLock(&Lookaside->Lock__ObsoleteButDoNotDelete);
    init_list(&Lookaside->L, (POOL_TYPE)(NonPagedPool | Flags), Allocate, Free, Size, Tag);
}

VOID NTAPI ExInitializePagedLookasideList(PPAGED_LOOKASIDE_LIST Lookaside, PALLOCATE_FUNCTION Allocate,
                                    PFREE_FUNCTION Free, ULONG Flags, SIZE_T Size, ULONG Tag, USHORT Depth)
{
    (void)Depth;
    init_list(&Lookaside->L, (POOL_TYPE)(PagedPool | Flags), Allocate, Free, Size, Tag);
}

PVOID NTAPI ExAllocateFromNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside)
{
    return allocate_from(&Lookaside->L, &Lookaside->Lock__ObsoleteButDoNotDelete);
}

VOID NTAPI ExFreeToNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside, PVOID Entry)
{
    free_to(&Lookaside->L, &Lookaside->Lock__ObsoleteButDoNotDelete, Entry);
}

PVOID NTAPI ExAllocateFromPagedLookasideList(PPAGED_LOOKASIDE_LIST Lookaside)
{
    return allocate_from(&Lookaside->L, 0);
}

VOID NTAPI ExFreeToPagedLookasideList(PPAGED_LOOKASIDE_LIST Lookaside, PVOID Entry)
{
    free_to(&Lookaside->L, 0, Entry);
}

VOID NTAPI ExDeleteNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside)
{
    delete_list(&Lookaside->L);
}

VOID NTAPI ExDeletePagedLookasideList(PPAGED_LOOKASIDE_LIST Lookaside)
{
    delete_list(&Lookaside->L);
}
