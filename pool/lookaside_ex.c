/* LOOKASIDE_LIST_EX: the lookaside core with routines that get the list. Drivers' inline
 * ExAllocateFromLookasideListEx pops L.ListHead with InterlockedPopEntrySList and calls L.AllocateEx on a
 * miss, so the list is an SList changed only with interrupts off (kernel/slist.c), and the default
 * routines take the four and two arguments the WDK's stdcall types pass. Depth follows the miss rate as
 * for the classic lists; the list is registered, so `lookaside` shows it. The default routines charge
 * the code that called them (a driver's inline call) and these calls pass their own caller's return
 * address down, and call a driver's own routines through kernel/callout.h, as the classic lists' do
 * (pool/lookaside_wdm.c), with the same checks. */
#include "kernel/callout.h"
#include "pool/lookaside.h"
#include "pool/lookaside_checks.h"
#include "pool/pool.h"

#define CALLER __builtin_return_address(0)

static PVOID NTAPI pool_allocate_ex(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag, PLOOKASIDE_LIST_EX Lookaside)
{
    (void)Lookaside;
    return pool_allocate_as(CALLER, PoolType, NumberOfBytes, Tag);
}

static VOID NTAPI pool_free_ex(PVOID Buffer, PLOOKASIDE_LIST_EX Lookaside)
{
    (void)Lookaside;
    pool_free_as(CALLER, Buffer, 0);
}

static PVOID allocate_entry(PLOOKASIDE_LIST_EX list, const void *caller)
{
    PGENERAL_LOOKASIDE l = &list->L;
    if (l->AllocateEx == pool_allocate_ex)
        return pool_allocate_as(caller, l->Type, l->Size, l->Tag);
    uintptr_t args[] = { (uintptr_t)l->Type, l->Size, l->Tag, (uintptr_t)list };
    return (PVOID)callout_stdcall((const void *)l->AllocateEx, 4, args);
}

static VOID free_entry(PLOOKASIDE_LIST_EX list, PVOID entry, const void *caller)
{
    uintptr_t args[] = { (uintptr_t)entry, (uintptr_t)list };
    if (list->L.FreeEx == pool_free_ex)
        pool_free_as(caller, entry, 0);
    else
        callout_stdcall((const void *)list->L.FreeEx, 2, args);
}

NTSTATUS NTAPI ExInitializeLookasideListEx(PLOOKASIDE_LIST_EX Lookaside, PALLOCATE_FUNCTION_EX Allocate,
                                           PFREE_FUNCTION_EX Free, POOL_TYPE PoolType, ULONG Flags, SIZE_T Size,
                                           ULONG Tag, USHORT Depth)
{
    (void)Depth;
    if ((Flags & EX_LOOKASIDE_LIST_EX_FLAGS_RAISE_ON_FAIL) && (Flags & EX_LOOKASIDE_LIST_EX_FLAGS_FAIL_NO_RAISE))
        return STATUS_INVALID_PARAMETER;
    unsigned owner = lookaside_check_initialize(&Lookaside->L, Size, CALLER);
    lookaside_init(&Lookaside->L, PoolType, Size, Tag, NULL, NULL);
    Lookaside->L.AllocateEx = Allocate ? Allocate : pool_allocate_ex;
    Lookaside->L.FreeEx = Free ? Free : pool_free_ex;
    lookaside_register_wdk(&Lookaside->L, owner, lookaside_caches_for(owner));
    return STATUS_SUCCESS;
}

static VOID flush(PLOOKASIDE_LIST_EX list, const void *caller)
{
    PSLIST_ENTRY e = InterlockedFlushSList(&list->L.ListHead);
    while (e) {
        PSLIST_ENTRY next = e->Next;
        free_entry(list, e, caller);
        e = next;
    }
}

VOID NTAPI ExFlushLookasideListEx(PLOOKASIDE_LIST_EX Lookaside)
{
    flush(Lookaside, CALLER);
}

VOID NTAPI ExDeleteLookasideListEx(PLOOKASIDE_LIST_EX Lookaside)
{
    lookaside_check_delete(&Lookaside->L, CALLER);
    flush(Lookaside, CALLER);
    lookaside_unregister_wdk(&Lookaside->L);
}

/* The WDK's inline pair, for Pagoda's own callers and MmGetSystemRoutineAddress. */
PVOID NTAPI ExAllocateFromLookasideListEx(PLOOKASIDE_LIST_EX Lookaside)
{
    PGENERAL_LOOKASIDE l = &Lookaside->L;
    l->TotalAllocates++;
    PVOID e = InterlockedPopEntrySList(&l->ListHead);
    if (e)
        return e;
    l->AllocateMisses++;
    return allocate_entry(Lookaside, CALLER);
}

VOID NTAPI ExFreeToLookasideListEx(PLOOKASIDE_LIST_EX Lookaside, PVOID Entry)
{
    PGENERAL_LOOKASIDE l = &Lookaside->L;
    l->TotalFrees++;
    if (ExQueryDepthSList(&l->ListHead) >= l->Depth) {
        l->FreeMisses++;
        free_entry(Lookaside, Entry, CALLER);
    } else {
        InterlockedPushEntrySList(&l->ListHead, Entry);
    }
}
