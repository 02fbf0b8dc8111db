/* Guarded mutexes: a fast mutex (kernel/fast_mutex.h) whose gate is its event, held inside a guarded
 * region instead of at APC_LEVEL. KeAcquireGuardedMutex enters the region and KeReleaseGuardedMutex
 * leaves it; the Unsafe forms leave the region to the caller, as the WDK says. A thread that already
 * holds the mutex and acquires it again waits on its own gate for ever, the deadlock the WDK
 * documents. Every routine is for IRQL <= APC_LEVEL: above it Driver Verifier's DDI compliance rule
 * IrqlKeApcLte1 stops the machine (Pagoda always checks it, as it does IrqlMmApcLte). */
#include <stddef.h>

#include "kernel/bugcheck.h"
#include "kernel/fast_mutex.h"

/* 0xC4's parameter 1 for the DDI compliance rule IrqlKeApcLte1. */
#define RULE_IRQL_KE_APC_LTE1 0x0002000F

_Static_assert(offsetof(KGUARDED_MUTEX, Owner) == offsetof(FAST_MUTEX, Owner) &&
                   offsetof(KGUARDED_MUTEX, Contention) == offsetof(FAST_MUTEX, Contention) &&
                   offsetof(KGUARDED_MUTEX, Gate) == offsetof(FAST_MUTEX, Event) && sizeof(KGATE) == sizeof(KEVENT),
               "a guarded mutex is a fast mutex with a gate for its event");

static PFAST_MUTEX as_fast_mutex(PKGUARDED_MUTEX m)
{
    return (PFAST_MUTEX)m;
}

/* p2 names the routine, as a string, for whoever reads the screen. */
static void check_irql(const char *routine)
{
    if (KeGetCurrentIrql() > APC_LEVEL)
        KeBugCheckEx(BUGCHECK_DRIVER_VERIFIER_DETECTED_VIOLATION, RULE_IRQL_KE_APC_LTE1, (ULONG_PTR)routine, 0, 0);
}

VOID FASTCALL KeInitializeGuardedMutex(PKGUARDED_MUTEX GuardedMutex)
{
    *GuardedMutex = (KGUARDED_MUTEX){ .Count = GM_LOCK_BIT,
                                      .Gate = { .Header = { .Type = GATE_OBJECT,
                                                            .Size = sizeof(KGATE) / sizeof(ULONG) } } };
    InitializeListHead(&GuardedMutex->Gate.Header.WaitListHead);
}

VOID FASTCALL KeAcquireGuardedMutex(PKGUARDED_MUTEX GuardedMutex)
{
    check_irql("IrqlKeApcLte1: KeAcquireGuardedMutex above APC_LEVEL");
    KeEnterGuardedRegion();
    fast_mutex_acquire(as_fast_mutex(GuardedMutex));
}

VOID FASTCALL KeReleaseGuardedMutex(PKGUARDED_MUTEX GuardedMutex)
{
    check_irql("IrqlKeApcLte1: KeReleaseGuardedMutex above APC_LEVEL");
    fast_mutex_release(as_fast_mutex(GuardedMutex));
    KeLeaveGuardedRegion();
}

BOOLEAN FASTCALL KeTryToAcquireGuardedMutex(PKGUARDED_MUTEX GuardedMutex)
{
    check_irql("IrqlKeApcLte1: KeTryToAcquireGuardedMutex above APC_LEVEL");
    KeEnterGuardedRegion();
    if (fast_mutex_take(as_fast_mutex(GuardedMutex)))
        return TRUE;
    KeLeaveGuardedRegion();
    return FALSE;
}

VOID FASTCALL KeAcquireGuardedMutexUnsafe(PKGUARDED_MUTEX GuardedMutex)
{
    check_irql("IrqlKeApcLte1: KeAcquireGuardedMutexUnsafe above APC_LEVEL");
    fast_mutex_acquire(as_fast_mutex(GuardedMutex));
}

VOID FASTCALL KeReleaseGuardedMutexUnsafe(PKGUARDED_MUTEX GuardedMutex)
{
    check_irql("IrqlKeApcLte1: KeReleaseGuardedMutexUnsafe above APC_LEVEL");
    fast_mutex_release(as_fast_mutex(GuardedMutex));
}
