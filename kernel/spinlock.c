/* Spinlocks on one CPU: raising to DISPATCH_LEVEL is what excludes other code; the lock word is kept so
 * that taking a lock twice, or releasing one not held, is caught. */
#include "spinlock.h"

#include "bugcheck.h"

#define SPINLOCK_HELD 1

VOID KeInitializeSpinLock(PKSPIN_LOCK SpinLock)
{
    *SpinLock = 0;
}

VOID KeAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock)
{
    volatile KSPIN_LOCK *word = SpinLock;
    if (*word)
        KeBugCheckEx(BUGCHECK_SPIN_LOCK_ALREADY_OWNED, (ULONG_PTR)SpinLock, KeGetCurrentIrql(), 0, 0);
    *word = SPINLOCK_HELD;
}

VOID KeReleaseSpinLockFromDpcLevel(PKSPIN_LOCK SpinLock)
{
    volatile KSPIN_LOCK *word = SpinLock;
    if (!*word)
        KeBugCheckEx(BUGCHECK_SPIN_LOCK_NOT_OWNED, (ULONG_PTR)SpinLock, KeGetCurrentIrql(), 0, 0);
    *word = 0;
}

VOID KeAcquireSpinLock(PKSPIN_LOCK SpinLock, PKIRQL OldIrql)
{
    *OldIrql = KeRaiseIrqlToDpcLevel();
    KeAcquireSpinLockAtDpcLevel(SpinLock);
}

VOID KeReleaseSpinLock(PKSPIN_LOCK SpinLock, KIRQL NewIrql)
{
    KeReleaseSpinLockFromDpcLevel(SpinLock);
    KeLowerIrql(NewIrql);
}

KIRQL spinlock_acquire(PKSPIN_LOCK lock)
{
    KIRQL old = irql_raise_for_lock(DISPATCH_LEVEL);
    KeAcquireSpinLockAtDpcLevel(lock);
    return old;
}
