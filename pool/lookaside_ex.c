/* LOOKASIDE_LIST_EX: the lookaside core with routines that get the list. Drivers' inline
 * ExAllocateFromLookasideListEx pops L.ListHead with InterlockedPopEntrySList and calls L.AllocateEx on a
 * miss, so the list is an SList changed only with interrupts off (kernel/slist.c), and the default
 * routines take the four and two arguments the WDK's stdcall types pass. Depth follows the miss rate as
 * for the classic lists; the list is registered, so `lookaside` shows it. */
#include "pool/lookaside.h"

static PVOID NTAPI pool_allocate_ex(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag, PLOOKASIDE_LIST_EX Lookaside)
{
    (void)Lookaside;
    return ExAllocatePoolWithTag(PoolType, NumberOfBytes, Tag);
}

static VOID NTAPI pool_free_ex(PVOID Buffer, PLOOKASIDE_LIST_EX Lookaside)
{
    (void)Lookaside;
    ExFreePool(Buffer);
}

NTSTATUS NTAPI ExInitializeLookasideListEx(PLOOKASIDE_LIST_EX Lookaside, PALLOCATE_FUNCTION_EX Allocate,
                                           PFREE_FUNCTION_EX Free, POOL_TYPE PoolType, ULONG Flags, SIZE_T Size,
                                           ULONG Tag, USHORT Depth)
{
    (void)Depth;
    if ((Flags & EX_LOOKASIDE_LIST_EX_FLAGS_RAISE_ON_FAIL) && (Flags & EX_LOOKASIDE_LIST_EX_FLAGS_FAIL_NO_RAISE))
        return STATUS_INVALID_PARAMETER;
    lookaside_init(&Lookaside->L, PoolType, Size, Tag, NULL, NULL);
    Lookaside->L.AllocateEx = Allocate ? Allocate : pool_allocate_ex;
    Lookaside->L.FreeEx = Free ? Free : pool_free_ex;
    lookaside_register(&Lookaside->L);
    return STATUS_SUCCESS;
}

VOID NTAPI ExFlushLookasideListEx(PLOOKASIDE_LIST_EX Lookaside)
{
    PSLIST_ENTRY e = InterlockedFlushSList(&Lookaside->L.ListHead);
    while (e) {
        PSLIST_ENTRY next = e->Next;
        Lookaside->L.FreeEx(e, Lookaside);
        e = next;
    }
}

VOID NTAPI ExDeleteLookasideListEx(PLOOKASIDE_LIST_EX Lookaside)
{
    ExFlushLookasideListEx(Lookaside);
    lookaside_unregister(&Lookaside->L);
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
    return l->AllocateEx(l->Type, l->Size, l->Tag, Lookaside);
}

VOID NTAPI ExFreeToLookasideListEx(PLOOKASIDE_LIST_EX Lookaside, PVOID Entry)
{
    PGENERAL_LOOKASIDE l = &Lookaside->L;
    l->TotalFrees++;
    if (ExQueryDepthSList(&l->ListHead) >= l->Depth) {
        l->FreeMisses++;
        l->FreeEx(Entry, Lookaside);
    } else {
        InterlockedPushEntrySList(&l->ListHead, Entry);
    }
}
