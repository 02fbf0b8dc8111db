/* Fast mutexes for the one thread there is. Taking a free one clears Count's lock bit and records the
 * owner; taking one that is held waits on its event, as on Windows, and since only its owner can give it
 * back that wait never ends: a recursive acquire deadlocks here as it does there. Giving it back sets
 * the bit again and signals the event when someone counted itself as waiting (Contention). */
#include "kernel/wdm.h"

/* Whether the lock bit was set (the mutex free): then it is taken, by the current thread. */
static BOOLEAN take(PFAST_MUTEX m)
{
    LONG count = m->Count;
    if (!(count & FM_LOCK_BIT))
        return FALSE;
    m->Count = count & ~FM_LOCK_BIT;
    m->Owner = KeGetCurrentThread();
    return TRUE;
}

static VOID acquire(PFAST_MUTEX m)
{
    while (!take(m)) {
        m->Contention++;
        KeWaitForSingleObject(&m->Event, Executive, 0, FALSE, NULL);
    }
}

static VOID release(PFAST_MUTEX m)
{
    m->Owner = NULL;
    m->Count |= FM_LOCK_BIT;
    if (m->Contention)
        KeSetEvent(&m->Event, 0, FALSE);
}

VOID FASTCALL ExAcquireFastMutex(PFAST_MUTEX FastMutex)
{
    KIRQL old;
    KeRaiseIrql(APC_LEVEL, &old);
    acquire(FastMutex);
    FastMutex->OldIrql = old;
}

VOID FASTCALL ExReleaseFastMutex(PFAST_MUTEX FastMutex)
{
    KIRQL old = (KIRQL)FastMutex->OldIrql;
    release(FastMutex);
    KeLowerIrql(old);
}

/* FALSE, IRQL unchanged, if it is held. */
BOOLEAN FASTCALL ExTryToAcquireFastMutex(PFAST_MUTEX FastMutex)
{
    KIRQL old;
    KeRaiseIrql(APC_LEVEL, &old);
    if (!take(FastMutex)) {
        KeLowerIrql(old);
        return FALSE;
    }
    FastMutex->OldIrql = old;
    return TRUE;
}

VOID FASTCALL ExAcquireFastMutexUnsafe(PFAST_MUTEX FastMutex)
{
    acquire(FastMutex);
}

VOID FASTCALL ExReleaseFastMutexUnsafe(PFAST_MUTEX FastMutex)
{
    release(FastMutex);
}
