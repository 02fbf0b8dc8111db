/* The one lock pool_locks.h describes: its rules live there, next to the calls that take it. */
#include "pool/pool_locks.h"

#include "kernel/driver_code.h"
#include "kernel/verifier_violations.h"

KSPIN_LOCK pool_spinlock;

void pool_free_irql_violation(enum pool_kind kind, ULONG_PTR type, void *p, const void *caller)
{
    KIRQL irql = KeGetCurrentIrql();
    if (driver_code_verified(caller))
        KeBugCheckEx(BUGCHECK_DRIVER_VERIFIER_DETECTED_VIOLATION,
                     kind == POOL_KIND_PAGED ? VERIFIER_PAGED_FREE_IRQL : VERIFIER_NONPAGED_FREE_IRQL, irql, type,
                     (ULONG_PTR)p);
    KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_FREE_IRQL, irql, type, (ULONG_PTR)p);
}
