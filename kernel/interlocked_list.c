/* ExInterlocked*List and their fastcall Exf* forms: list operations under the caller's spinlock with
 * interrupts off, so they may be used at any IRQL, from an ISR too (the lock word still catches a lock
 * taken twice). Each returns the entry that was first before the call (last, for an insert at the
 * tail), or NULL. */
#include "hal/cpu.h"
#include "kernel/spinlock.h"
#include "kernel/wdm.h"

static uint32_t lock_list(PKSPIN_LOCK lock)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    spinlock_take(lock);
    return flags;
}

static void unlock_list(PKSPIN_LOCK lock, uint32_t flags)
{
    spinlock_give(lock);
    cpu_restore_interrupts(flags);
}

PLIST_ENTRY FASTCALL ExfInterlockedInsertHeadList(PLIST_ENTRY ListHead, PLIST_ENTRY ListEntry, PKSPIN_LOCK Lock)
{
    uint32_t flags = lock_list(Lock);
    PLIST_ENTRY first = IsListEmpty(ListHead) ? NULL : ListHead->Flink;
    InsertHeadList(ListHead, ListEntry);
    unlock_list(Lock, flags);
    return first;
}

PLIST_ENTRY FASTCALL ExfInterlockedInsertTailList(PLIST_ENTRY ListHead, PLIST_ENTRY ListEntry, PKSPIN_LOCK Lock)
{
    uint32_t flags = lock_list(Lock);
    PLIST_ENTRY last = IsListEmpty(ListHead) ? NULL : ListHead->Blink;
    InsertTailList(ListHead, ListEntry);
    unlock_list(Lock, flags);
    return last;
}

PLIST_ENTRY FASTCALL ExfInterlockedRemoveHeadList(PLIST_ENTRY ListHead, PKSPIN_LOCK Lock)
{
    uint32_t flags = lock_list(Lock);
    PLIST_ENTRY first = IsListEmpty(ListHead) ? NULL : RemoveHeadList(ListHead);
    unlock_list(Lock, flags);
    return first;
}

PSINGLE_LIST_ENTRY FASTCALL ExfInterlockedPopEntryList(PSINGLE_LIST_ENTRY ListHead, PKSPIN_LOCK Lock)
{
    uint32_t flags = lock_list(Lock);
    PSINGLE_LIST_ENTRY first = ListHead->Next;
    if (first)
        ListHead->Next = first->Next;
    unlock_list(Lock, flags);
    return first;
}

PSINGLE_LIST_ENTRY FASTCALL ExfInterlockedPushEntryList(PSINGLE_LIST_ENTRY ListHead, PSINGLE_LIST_ENTRY ListEntry,
                                                        PKSPIN_LOCK Lock)
{
    uint32_t flags = lock_list(Lock);
    PSINGLE_LIST_ENTRY first = ListHead->Next;
    ListEntry->Next = first;
    ListHead->Next = ListEntry;
    unlock_list(Lock, flags);
    return first;
}

ULONG FASTCALL ExfInterlockedAddUlong(PULONG Addend, ULONG Increment, PKSPIN_LOCK Lock)
{
    uint32_t flags = lock_list(Lock);
    ULONG old = *Addend;
    *Addend = old + Increment;
    unlock_list(Lock, flags);
    return old;
}

PLIST_ENTRY NTAPI ExInterlockedInsertHeadList(PLIST_ENTRY ListHead, PLIST_ENTRY ListEntry, PKSPIN_LOCK Lock)
{
    return ExfInterlockedInsertHeadList(ListHead, ListEntry, Lock);
}

PLIST_ENTRY NTAPI ExInterlockedInsertTailList(PLIST_ENTRY ListHead, PLIST_ENTRY ListEntry, PKSPIN_LOCK Lock)
{
    return ExfInterlockedInsertTailList(ListHead, ListEntry, Lock);
}

PLIST_ENTRY NTAPI ExInterlockedRemoveHeadList(PLIST_ENTRY ListHead, PKSPIN_LOCK Lock)
{
    return ExfInterlockedRemoveHeadList(ListHead, Lock);
}

PSINGLE_LIST_ENTRY NTAPI ExInterlockedPopEntryList(PSINGLE_LIST_ENTRY ListHead, PKSPIN_LOCK Lock)
{
    return ExfInterlockedPopEntryList(ListHead, Lock);
}

PSINGLE_LIST_ENTRY NTAPI ExInterlockedPushEntryList(PSINGLE_LIST_ENTRY ListHead, PSINGLE_LIST_ENTRY ListEntry,
                                                    PKSPIN_LOCK Lock)
{
    return ExfInterlockedPushEntryList(ListHead, ListEntry, Lock);
}

ULONG NTAPI ExInterlockedAddUlong(PULONG Addend, ULONG Increment, PKSPIN_LOCK Lock)
{
    return ExfInterlockedAddUlong(Addend, Increment, Lock);
}

LARGE_INTEGER NTAPI ExInterlockedAddLargeInteger(PLARGE_INTEGER Addend, LARGE_INTEGER Increment, PKSPIN_LOCK Lock)
{
    uint32_t flags = lock_list(Lock);
    LARGE_INTEGER old = *Addend;
    Addend->QuadPart = old.QuadPart + Increment.QuadPart;
    unlock_list(Lock, flags);
    return old;
}
