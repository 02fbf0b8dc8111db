/* Sequenced singly linked lists (SLIST_HEADER) as x86 drivers use them, also through the WDK's inline
 * lookaside code: each change with interrupts off (one CPU: that is what makes it atomic), Depth
 * counting the entries and Sequence bumped on every change, as on Windows. Portable: the host's pool
 * (LOOKASIDE_LIST_EX) uses it too. */
#include "kernel/wdm.h"

#if defined(__i386__)
#include "hal/cpu.h"

static inline uint32_t slist_lock(void)
{
    return cpu_save_and_disable_interrupts();
}

static inline void slist_unlock(uint32_t flags)
{
    cpu_restore_interrupts(flags);
}
#else /* the host build of the pool (lookaside_ex.c): one thread, no interrupts */
static inline uint32_t slist_lock(void)
{
    return 0;
}

static inline void slist_unlock(uint32_t flags)
{
    (void)flags;
}
#endif

enum slist_change { SLIST_PUSH, SLIST_POP, SLIST_FLUSH };

/* Returns the entry that was first before the change. */
static PSLIST_ENTRY slist_change(PSLIST_HEADER head, enum slist_change change, PSLIST_ENTRY entry)
{
    uint32_t flags = slist_lock();
    PSLIST_ENTRY first = head->Next.Next;
    if (change == SLIST_PUSH) {
        entry->Next = first;
        head->Next.Next = entry;
        head->Depth++;
    } else if (change == SLIST_POP && first) {
        head->Next.Next = first->Next;
        head->Depth--;
    } else if (change == SLIST_FLUSH) {
        head->Next.Next = NULL;
        head->Depth = 0;
    }
    head->Sequence++;
    slist_unlock(flags);
    return first;
}

PSLIST_ENTRY FASTCALL InterlockedPushEntrySList(PSLIST_HEADER ListHead, PSLIST_ENTRY ListEntry)
{
    return slist_change(ListHead, SLIST_PUSH, ListEntry);
}

PSLIST_ENTRY FASTCALL InterlockedPopEntrySList(PSLIST_HEADER ListHead)
{
    return slist_change(ListHead, SLIST_POP, NULL);
}

PSLIST_ENTRY FASTCALL InterlockedFlushSList(PSLIST_HEADER ListHead)
{
    return slist_change(ListHead, SLIST_FLUSH, NULL);
}

/* The Ex forms take a spinlock that x86 Windows ignores too (cmpxchg8b needs none). */
PSLIST_ENTRY FASTCALL ExInterlockedPushEntrySList(PSLIST_HEADER ListHead, PSLIST_ENTRY ListEntry, PKSPIN_LOCK Lock)
{
    (void)Lock;
    return slist_change(ListHead, SLIST_PUSH, ListEntry);
}

PSLIST_ENTRY FASTCALL ExInterlockedPopEntrySList(PSLIST_HEADER ListHead, PKSPIN_LOCK Lock)
{
    (void)Lock;
    return slist_change(ListHead, SLIST_POP, NULL);
}

PSLIST_ENTRY FASTCALL ExInterlockedFlushSList(PSLIST_HEADER ListHead)
{
    return slist_change(ListHead, SLIST_FLUSH, NULL);
}
