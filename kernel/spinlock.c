/* Spinlocks on one CPU: raising to DISPATCH_LEVEL is what excludes other code; the lock word is kept so
 * that taking a lock twice, or releasing one not held, is caught. A verified driver's call at the wrong
 * IRQL is Driver Verifier's 0xC4 (kernel/verifier_violations.h). */
#include "kernel/spinlock.h"

#include "kernel/bugcheck.h"
#include "kernel/driver_code.h"
#include "kernel/verifier_violations.h"

#define CALLER __builtin_return_address(0)

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

/* The IRQL is tested first: a call made at the right level costs nothing more, whoever makes it. */
static inline void verify(bool wrong_irql, enum verifier_violation violation, PKSPIN_LOCK lock, const void *caller)
{
    if (__builtin_expect(wrong_irql, 0) && driver_code_verified(caller))
        KeBugCheckEx(BUGCHECK_DRIVER_VERIFIER_DETECTED_VIOLATION, violation, KeGetCurrentIrql(), (ULONG_PTR)lock, 0);
}

static inline void take_at_dpc_level(PKSPIN_LOCK lock, const void *caller)
{
    verify(KeGetCurrentIrql() < DISPATCH_LEVEL, VERIFIER_ACQUIRE_AT_DPC_IRQL, lock, caller);
    spinlock_take(lock);
}

static inline void give_from_dpc_level(PKSPIN_LOCK lock, const void *caller)
{
    verify(KeGetCurrentIrql() < DISPATCH_LEVEL, VERIFIER_RELEASE_FROM_DPC_IRQL, lock, caller);
    spinlock_give(lock);
}

static inline KIRQL acquire(PKSPIN_LOCK lock, const void *caller)
{
    verify(KeGetCurrentIrql() > DISPATCH_LEVEL, VERIFIER_ACQUIRE_SPINLOCK_IRQL, lock, caller);
    KIRQL old = KeRaiseIrqlToDpcLevel();
    spinlock_take(lock);
    return old;
}

static inline void release(PKSPIN_LOCK lock, KIRQL new_irql, const void *caller)
{
    verify(KeGetCurrentIrql() != DISPATCH_LEVEL, VERIFIER_RELEASE_SPINLOCK_IRQL, lock, caller);
    spinlock_release(lock, new_irql);
}

VOID NTAPI KeAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock)
{
    take_at_dpc_level(SpinLock, CALLER);
}

VOID NTAPI KeReleaseSpinLockFromDpcLevel(PKSPIN_LOCK SpinLock)
{
    give_from_dpc_level(SpinLock, CALLER);
}

VOID NTAPI KeAcquireSpinLock(PKSPIN_LOCK SpinLock, PKIRQL OldIrql)
{
    *OldIrql = acquire(SpinLock, CALLER);
}

VOID NTAPI KeReleaseSpinLock(PKSPIN_LOCK SpinLock, KIRQL NewIrql)
{
    release(SpinLock, NewIrql, CALLER);
}

KIRQL FASTCALL KfAcquireSpinLock(PKSPIN_LOCK SpinLock)
{
    return acquire(SpinLock, CALLER);
}

VOID FASTCALL KfReleaseSpinLock(PKSPIN_LOCK SpinLock, KIRQL NewIrql)
{
    release(SpinLock, NewIrql, CALLER);
}

KIRQL FASTCALL KeAcquireSpinLockRaiseToSynch(PKSPIN_LOCK SpinLock)
{
    return acquire(SpinLock, CALLER); /* SYNCH_LEVEL is DISPATCH_LEVEL on one CPU */
}

VOID FASTCALL KefAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock)
{
    take_at_dpc_level(SpinLock, CALLER);
}

VOID FASTCALL KefReleaseSpinLockFromDpcLevel(PKSPIN_LOCK SpinLock)
{
    give_from_dpc_level(SpinLock, CALLER);
}

/* At DISPATCH_LEVEL (a verified driver's call below it is 0xC4, as for the AtDpcLevel acquire). On one
 * CPU a held lock is the caller's own: FALSE, as on Windows for a lock someone holds. */
BOOLEAN FASTCALL KeTryToAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock)
{
    verify(KeGetCurrentIrql() < DISPATCH_LEVEL, VERIFIER_ACQUIRE_AT_DPC_IRQL, SpinLock, CALLER);
    if (*(volatile KSPIN_LOCK *)SpinLock)
        return FALSE;
    spinlock_take(SpinLock);
    return TRUE;
}

BOOLEAN FASTCALL KeTestSpinLock(PKSPIN_LOCK SpinLock)
{
    return *(volatile KSPIN_LOCK *)SpinLock == 0;
}

VOID FASTCALL KiAcquireSpinLock(PKSPIN_LOCK SpinLock)
{
    spinlock_take(SpinLock);
}

VOID FASTCALL KiReleaseSpinLock(PKSPIN_LOCK SpinLock)
{
    spinlock_give(SpinLock);
}
