/* Kernel mutexes (KMUTEX): SignalState 1 when free, 1 - n when its owner thread holds it n times. The
 * owner may wait on it again (it is recursive); other threads wait until it is free. The first acquire
 * enters a critical region and the last release leaves it, as ApcDisable (1 from KeInitializeMutex)
 * says. Releasing a mutex the calling thread does not hold (held by another thread, or by none) raises
 * STATUS_MUTANT_NOT_OWNED on Windows; with no handler to catch it that is 0x1E. A thread that ends
 * owning one is 0x4000008A (kernel/sched.c). */
#include "kernel/bugcheck.h"
#include "kernel/dispatcher.h"
#include "kernel/thread.h"
#include "hal/cpu.h"

VOID NTAPI KeInitializeMutex(PRKMUTEX Mutex, ULONG Level)
{
    (void)Level; /* ignored since Windows 2000 */
    *Mutex = (KMUTEX){ .Header = { .Type = MUTANT_OBJECT, .Size = sizeof(KMUTEX) / sizeof(ULONG), .SignalState = 1 },
                       .ApcDisable = 1 };
    InitializeListHead(&Mutex->Header.WaitListHead);
}

LONG NTAPI KeReadStateMutex(PRKMUTEX Mutex)
{
    return Mutex->Header.SignalState;
}

bool mutex_available(PRKMUTEX Mutex)
{
    return Mutex->Header.SignalState > 0 || Mutex->OwnerThread == KeGetCurrentThread();
}

bool mutex_take(PRKMUTEX Mutex)
{
    PKTHREAD thread = KeGetCurrentThread();
    if (!mutex_available(Mutex))
        return false;
    if (--Mutex->Header.SignalState == 0) {
        Mutex->OwnerThread = thread;
        thread->mutexes_held++;
        thread->last_mutex = Mutex;
        if (Mutex->ApcDisable)
            KeEnterCriticalRegion();
    }
    return true;
}

/* The state before: 0 when this release made the mutex free. */
LONG NTAPI KeReleaseMutex(PRKMUTEX Mutex, BOOLEAN Wait)
{
    (void)Wait; /* its combined wait is an ordinary one here */
    uint32_t flags = cpu_save_and_disable_interrupts();
    LONG before = Mutex->Header.SignalState;
    if (before > 0 || Mutex->OwnerThread != KeGetCurrentThread())
        bugcheck_unhandled_status(STATUS_MUTANT_NOT_OWNED, __builtin_return_address(0));
    if (++Mutex->Header.SignalState == 1) {
        Mutex->OwnerThread->mutexes_held--;
        Mutex->OwnerThread = 0;
        if (Mutex->ApcDisable)
            KeLeaveCriticalRegion();
    }
    cpu_restore_interrupts(flags);
    thread_signal();
    return before;
}
