/* HAL.dll's IRQL routines as driver images import them: real functions over the inline fast paths of
 * kernel/wdm.h, so a driver's raise and lower keep the same bound checks and bugchecks. The Kf pair checks
 * the direction first, so that 0x09 and 0x0A name the driver's call (p4), not this function. */
#include "kernel/irql_export.h"

#include "kernel/bugcheck.h"
#include "kernel/spinlock.h"

KIRQL FASTCALL KfRaiseIrql(KIRQL NewIrql)
{
    if (NewIrql < KeGetCurrentIrql())
        irql_raise_refused(NewIrql, KeGetCurrentIrql(), (ULONG_PTR)__builtin_return_address(0));
    KIRQL old;
    KeRaiseIrql(NewIrql, &old);
    return old;
}

VOID FASTCALL KfLowerIrql(KIRQL NewIrql)
{
    if (NewIrql > KeGetCurrentIrql())
        KeBugCheckEx(BUGCHECK_IRQL_NOT_LESS_OR_EQUAL, NewIrql, KeGetCurrentIrql(), 0,
                     (ULONG_PTR)__builtin_return_address(0));
    KeLowerIrql(NewIrql);
}

KIRQL NTAPI KeRaiseIrqlToSynchLevel(VOID)
{
    return KeRaiseIrqlToDpcLevel();
}

KIRQL NTAPI irql_export_get_current(VOID)
{
    return KeGetCurrentIrql();
}

VOID NTAPI irql_export_raise(KIRQL NewIrql, PKIRQL OldIrql)
{
    KeRaiseIrql(NewIrql, OldIrql);
}

VOID NTAPI irql_export_lower(KIRQL NewIrql)
{
    KeLowerIrql(NewIrql);
}

KIRQL NTAPI irql_export_raise_to_dpc(VOID)
{
    return KeRaiseIrqlToDpcLevel();
}
