/* The WDK's lookaside calls over the lookaside core: a miss allocates with the list's Allocate
 * routine (the pool by default), a free past the depth goes to its Free routine. A nonpaged list may
 * be used from DPCs and passive code at once, so its list operations run under its spinlock (NT's
 * interlocked SList, on one CPU); the Allocate and Free routines run outside it.
 *
 * The default routines are ExAllocatePoolWithTag and ExFreePool themselves: a driver's inline
 * ExAllocateFromNPagedLookasideList calls them from its own code, so the pool charges the driver. These
 * calls, made on a driver's behalf, pass the driver's return address down instead of calling them. A
 * verified driver's lists do not cache, and its calls get Driver Verifier's checks (0xC4/0xCA, 0xCB,
 * 0xCD; pool/lookaside_checks.h). */
#include "kernel/callout.h"
#include "kernel/spinlock.h"
#include "pool/lookaside.h"
#include "pool/lookaside_checks.h"
#include "pool/pool.h"

#define CALLER __builtin_return_address(0)

static void init_list(PGENERAL_LOOKASIDE l, POOL_TYPE type, PALLOCATE_FUNCTION allocate, PFREE_FUNCTION free,
                      SIZE_T size, ULONG tag, const void *caller)
{
    unsigned owner = lookaside_check_initialize(l, size, caller);
    lookaside_init(l, type, size, tag, allocate ? allocate : ExAllocatePoolWithTag, free ? free : ExFreePool);
    lookaside_register_wdk(l, owner, lookaside_caches_for(owner));
}

/* A driver's own routine is called as the kernel calls into drivers (kernel/callout.h). */
static PVOID allocate_entry(PGENERAL_LOOKASIDE l, const void *caller)
{
    if (l->Allocate == ExAllocatePoolWithTag)
        return pool_allocate_as(caller, l->Type, l->Size, l->Tag);
    uintptr_t args[] = { (uintptr_t)l->Type, l->Size, l->Tag };
    return (PVOID)callout_stdcall((const void *)l->Allocate, 3, args);
}

static VOID free_entry(PGENERAL_LOOKASIDE l, PVOID entry, const void *caller)
{
    uintptr_t arg = (uintptr_t)entry;
    if (l->Free == ExFreePool)
        pool_free_as(caller, entry, 0);
    else
        callout_stdcall((const void *)l->Free, 1, &arg);
}

/* lock: the list's spinlock, or NULL for a paged list. */
static PVOID allocate_from(PGENERAL_LOOKASIDE l, PKSPIN_LOCK lock, const void *caller)
{
    KIRQL old = lock ? spinlock_acquire(lock) : 0;
    PVOID e = lookaside_pop(l);
    if (lock)
        spinlock_release(lock, old);
    return e ? e : allocate_entry(l, caller);
}

static VOID free_to(PGENERAL_LOOKASIDE l, PKSPIN_LOCK lock, PVOID entry, const void *caller)
{
    KIRQL old = lock ? spinlock_acquire(lock) : 0;
    bool cached = lookaside_push(l, entry);
    if (lock)
        spinlock_release(lock, old);
    if (!cached)
        free_entry(l, entry, caller);
}

static VOID delete_list(PGENERAL_LOOKASIDE l, const void *caller)
{
    lookaside_check_delete(l, caller);
    PSINGLE_LIST_ENTRY e = lookaside_drain(l);
    while (e) {
        PSINGLE_LIST_ENTRY next = e->Next;
        free_entry(l, e, caller);
        e = next;
    }
    lookaside_unregister_wdk(l);
}

VOID NTAPI ExInitializeNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside, PALLOCATE_FUNCTION Allocate,
                                     PFREE_FUNCTION Free, ULONG Flags, SIZE_T Size, ULONG Tag, USHORT Depth)
{
    (void)Depth;
    KeInitializeSpinLock(&Lookaside->Lock__ObsoleteButDoNotDelete);
    init_list(&Lookaside->L, (POOL_TYPE)(NonPagedPool | Flags), Allocate, Free, Size, Tag, CALLER);
}

VOID NTAPI ExInitializePagedLookasideList(PPAGED_LOOKASIDE_LIST Lookaside, PALLOCATE_FUNCTION Allocate,
                                    PFREE_FUNCTION Free, ULONG Flags, SIZE_T Size, ULONG Tag, USHORT Depth)
{
    (void)Depth;
    init_list(&Lookaside->L, (POOL_TYPE)(PagedPool | Flags), Allocate, Free, Size, Tag, CALLER);
}

PVOID NTAPI ExAllocateFromNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside)
{
    return allocate_from(&Lookaside->L, &Lookaside->Lock__ObsoleteButDoNotDelete, CALLER);
}

VOID NTAPI ExFreeToNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside, PVOID Entry)
{
    free_to(&Lookaside->L, &Lookaside->Lock__ObsoleteButDoNotDelete, Entry, CALLER);
}

PVOID NTAPI ExAllocateFromPagedLookasideList(PPAGED_LOOKASIDE_LIST Lookaside)
{
    return allocate_from(&Lookaside->L, 0, CALLER);
}

VOID NTAPI ExFreeToPagedLookasideList(PPAGED_LOOKASIDE_LIST Lookaside, PVOID Entry)
{
    free_to(&Lookaside->L, 0, Entry, CALLER);
}

VOID NTAPI ExDeleteNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside)
{
    delete_list(&Lookaside->L, CALLER);
}

VOID NTAPI ExDeletePagedLookasideList(PPAGED_LOOKASIDE_LIST Lookaside)
{
    delete_list(&Lookaside->L, CALLER);
}
