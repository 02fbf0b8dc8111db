/* Semaphores (KSEMAPHORE): SignalState is the count, each satisfied wait takes one, a release adds its
 * Adjustment. A release past Limit raises STATUS_SEMAPHORE_LIMIT_EXCEEDED on Windows; with no handler
 * to catch it that is 0x1E. */
#include "kernel/bugcheck.h"
#include "kernel/dispatcher.h"
#include "kernel/thread.h"
#include "hal/cpu.h"

VOID NTAPI KeInitializeSemaphore(PRKSEMAPHORE Semaphore, LONG Count, LONG Limit)
{
    *Semaphore = (KSEMAPHORE){ .Header = { .Type = SEMAPHORE_OBJECT, .Size = sizeof(KSEMAPHORE) / sizeof(ULONG),
                                           .SignalState = Count },
                               .Limit = Limit };
    InitializeListHead(&Semaphore->Header.WaitListHead);
}

LONG NTAPI KeReadStateSemaphore(PRKSEMAPHORE Semaphore)
{
    return Semaphore->Header.SignalState;
}

bool semaphore_take(PRKSEMAPHORE Semaphore)
{
    if (Semaphore->Header.SignalState <= 0)
        return false;
    Semaphore->Header.SignalState--;
    return true;
}

/* The count before. */
LONG NTAPI KeReleaseSemaphore(PRKSEMAPHORE Semaphore, KPRIORITY Increment, LONG Adjustment, BOOLEAN Wait)
{
    (void)Increment, (void)Wait; /* no boosts; Wait's combined wait is an ordinary one here */
    uint32_t flags = cpu_save_and_disable_interrupts();
    LONG before = Semaphore->Header.SignalState;
    LONG after = (LONG)((ULONG)before + (ULONG)Adjustment);
    if (after > Semaphore->Limit || after < before)
        bugcheck_unhandled_status(STATUS_SEMAPHORE_LIMIT_EXCEEDED, __builtin_return_address(0));
    Semaphore->Header.SignalState = after;
    cpu_restore_interrupts(flags);
    thread_signal();
    return before;
}
