/* IRQL for the host library: one thread and no interrupts, so a variable is the whole state; the
 * rules and their bugchecks are the kernel's (0x09 for a raise below the current level or above
 * HIGH_LEVEL, 0x0A for a lower above it; p1 the level asked for, p2 the current one, p4 the caller). */
#include "kernel/bugcheck.h"
#include "kernel/spinlock.h"

static KIRQL current_irql = PASSIVE_LEVEL;

KIRQL KeGetCurrentIrql(VOID)
{
    return current_irql;
}

/* There is no IRQL checker on the host: the kernel's own raise is the driver's. */
static KIRQL raise(KIRQL level, ULONG_PTR caller)
{
    if (level < current_irql || level > HIGH_LEVEL)
        irql_raise_refused(level, current_irql, caller);
    KIRQL old = current_irql;
    current_irql = level;
    return old;
}

KIRQL irql_raise_for_lock(KIRQL level)
{
    return raise(level, (ULONG_PTR)__builtin_return_address(0));
}

VOID KeRaiseIrql(KIRQL NewIrql, PKIRQL OldIrql)
{
    *OldIrql = raise(NewIrql, (ULONG_PTR)__builtin_return_address(0));
}

KIRQL KeRaiseIrqlToDpcLevel(VOID)
{
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    return old;
}

VOID KeLowerIrql(KIRQL NewIrql)
{
    if (NewIrql > current_irql)
        KeBugCheckEx(BUGCHECK_IRQL_NOT_LESS_OR_EQUAL, NewIrql, current_irql, 0,
                     (ULONG_PTR)__builtin_return_address(0));
    current_irql = NewIrql;
}
