/* Fast mutexes. Taking a free one clears Count's lock bit and records the owner thread; a thread that
 * finds it held counts itself in Contention and waits on its event, as on Windows; giving it back sets
 * the bit again and signals the event when someone counted itself as waiting. The test and the count
 * are one step with interrupts off, so a release cannot fall between them and leave a waiter asleep.
 * A recursive acquire waits for itself: the deadlock it is on Windows. */
#include "kernel/fast_mutex.h"

#include "hal/cpu.h"

BOOLEAN fast_mutex_take(PFAST_MUTEX m)
{
    LONG count = m->Count;
    if (!(count & FM_LOCK_BIT))
        return FALSE;
    m->Count = count & ~FM_LOCK_BIT;
    m->Owner = KeGetCurrentThread();
    return TRUE;
}

VOID fast_mutex_acquire(PFAST_MUTEX m)
{
    for (;;) {
        uint32_t flags = cpu_save_and_disable_interrupts();
        BOOLEAN taken = fast_mutex_take(m);
        if (!taken)
            m->Contention++;
        cpu_restore_interrupts(flags);
        if (taken)
            return;
        KeWaitForSingleObject(&m->Event, Executive, 0, FALSE, NULL);
    }
}

VOID fast_mutex_release(PFAST_MUTEX m)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    m->Owner = NULL;
    m->Count |= FM_LOCK_BIT;
    BOOLEAN waiters = m->Contention != 0;
    cpu_restore_interrupts(flags);
    if (waiters)
        KeSetEvent(&m->Event, 0, FALSE);
}

VOID FASTCALL ExAcquireFastMutex(PFAST_MUTEX FastMutex)
{
    KIRQL old;
    KeRaiseIrql(APC_LEVEL, &old);
    fast_mutex_acquire(FastMutex);
    FastMutex->OldIrql = old;
}

VOID FASTCALL ExReleaseFastMutex(PFAST_MUTEX FastMutex)
{
    KIRQL old = (KIRQL)FastMutex->OldIrql;
    fast_mutex_release(FastMutex);
    KeLowerIrql(old);
}

/* FALSE, IRQL unchanged, if it is held. */
BOOLEAN FASTCALL ExTryToAcquireFastMutex(PFAST_MUTEX FastMutex)
{
    KIRQL old;
    KeRaiseIrql(APC_LEVEL, &old);
    if (!fast_mutex_take(FastMutex)) {
        KeLowerIrql(old);
        return FALSE;
    }
    FastMutex->OldIrql = old;
    return TRUE;
}

VOID FASTCALL ExAcquireFastMutexUnsafe(PFAST_MUTEX FastMutex)
{
    fast_mutex_acquire(FastMutex);
}

VOID FASTCALL ExReleaseFastMutexUnsafe(PFAST_MUTEX FastMutex)
{
    fast_mutex_release(FastMutex);
}
