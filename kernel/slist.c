/* Sequenced singly linked lists (SLIST_HEADER) as x86 drivers use them, also through the WDK's inline
 * lookaside code: push and pop with interrupts off (one CPU: that is what makes them atomic), Depth
 * counting the entries and Sequence bumped on every change, as on Windows. */
#include "kernel/wdm.h"

#include "hal/cpu.h"

PSLIST_ENTRY FASTCALL InterlockedPushEntrySList(PSLIST_HEADER ListHead, PSLIST_ENTRY ListEntry)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    PSLIST_ENTRY first = ListHead->Next.Next;
    ListEntry->Next = first;
    ListHead->Next.Next = ListEntry;
    ListHead->Depth++;
    ListHead->Sequence++;
    cpu_restore_interrupts(flags);
    return first;
}

PSLIST_ENTRY FASTCALL InterlockedPopEntrySList(PSLIST_HEADER ListHead)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    PSLIST_ENTRY first = ListHead->Next.Next;
    if (first) {
        ListHead->Next.Next = first->Next;
        ListHead->Depth--;
        ListHead->Sequence++;
    }
    cpu_restore_interrupts(flags);
    return first;
}

PSLIST_ENTRY FASTCALL InterlockedFlushSList(PSLIST_HEADER ListHead)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    PSLIST_ENTRY first = ListHead->Next.Next;
    ListHead->Next.Next = NULL;
    ListHead->Depth = 0;
    cpu_restore_interrupts(flags);
    return first;
}

/* The Ex forms take a spinlock that x86 Windows ignores too (cmpxchg8b needs none). */
PSLIST_ENTRY FASTCALL ExInterlockedPushEntrySList(PSLIST_HEADER ListHead, PSLIST_ENTRY ListEntry, PKSPIN_LOCK Lock)
{
    (void)Lock;
    return InterlockedPushEntrySList(ListHead, ListEntry);
}

PSLIST_ENTRY FASTCALL ExInterlockedPopEntrySList(PSLIST_HEADER ListHead, PKSPIN_LOCK Lock)
{
    (void)Lock;
    return InterlockedPopEntrySList(ListHead);
}

PSLIST_ENTRY FASTCALL ExInterlockedFlushSList(PSLIST_HEADER ListHead)
{
    return InterlockedFlushSList(ListHead);
}
