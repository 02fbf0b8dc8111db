/* Spinlocks on one CPU: raising to DISPATCH_LEVEL is what excludes other code; the lock word is kept so
 * that taking a lock twice, or releasing one not held, is caught. */
#include "kernel/spinlock.h"

#include "kernel/bugcheck.h"

void irql_raise_refused(KIRQL level, KIRQL current, ULONG_PTR caller)
{
    KeBugCheckEx(BUGCHECK_IRQL_NOT_GREATER_OR_EQUAL, level, current, 0, caller);
}

void spinlock_already_owned(PKSPIN_LOCK lock)
{
    KeBugCheckEx(BUGCHECK_SPIN_LOCK_ALREADY_OWNED, (ULONG_PTR)lock, KeGetCurrentIrql(), 0, 0);
}

void spinlock_not_owned(PKSPIN_LOCK lock)
{
    KeBugCheckEx(BUGCHECK_SPIN_LOCK_NOT_OWNED, (ULONG_PTR)lock, KeGetCurrentIrql(), 0, 0);
}

VOID NTAPI KeInitializeSpinLock(PKSPIN_LOCK SpinLock)
{
    *SpinLock = 0;
}

VOID NTAPI KeAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock)
{
    spinlock_take(SpinLock);
}

VOID NTAPI KeReleaseSpinLockFromDpcLevel(PKSPIN_LOCK SpinLock)
{
    spinlock_give(SpinLock);
}

VOID NTAPI KeAcquireSpinLock(PKSPIN_LOCK SpinLock, PKIRQL OldIrql)
{
    *OldIrql = KeRaiseIrqlToDpcLevel();
    spinlock_take(SpinLock);
}

VOID NTAPI KeReleaseSpinLock(PKSPIN_LOCK SpinLock, KIRQL NewIrql)
{
    spinlock_release(SpinLock, NewIrql);
}

KIRQL FASTCALL KfAcquireSpinLock(PKSPIN_LOCK SpinLock)
{
    KIRQL old = KeRaiseIrqlToDpcLevel();
    spinlock_take(SpinLock);
    return old;
}

VOID FASTCALL KfReleaseSpinLock(PKSPIN_LOCK SpinLock, KIRQL NewIrql)
{
    spinlock_release(SpinLock, NewIrql);
}

KIRQL FASTCALL KeAcquireSpinLockRaiseToSynch(PKSPIN_LOCK SpinLock)
{
    return KfAcquireSpinLock(SpinLock); /* SYNCH_LEVEL is DISPATCH_LEVEL on one CPU */
}

VOID FASTCALL KefAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock)
{
    spinlock_take(SpinLock);
}

VOID FASTCALL KefReleaseSpinLockFromDpcLevel(PKSPIN_LOCK SpinLock)
{
    spinlock_give(SpinLock);
}

VOID FASTCALL KiAcquireSpinLock(PKSPIN_LOCK SpinLock)
{
    spinlock_take(SpinLock);
}

VOID FASTCALL KiReleaseSpinLock(PKSPIN_LOCK SpinLock)
{
    spinlock_give(SpinLock);
}
