/* HAL.dll's IRQL routines as driver images import them: real functions over the inline fast paths of
 * kernel/wdm.h, so a driver's raise and lower keep the same bound checks and bugchecks. */
#include "kernel/irql_export.h"

KIRQL FASTCALL KfRaiseIrql(KIRQL NewIrql)
{
    KIRQL old;
    KeRaiseIrql(NewIrql, &old);
    return old;
}

VOID FASTCALL KfLowerIrql(KIRQL NewIrql)
{
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
