/* HAL.dll's IRQL routines as driver images import them: real functions over the inline fast paths of
 * kernel/wdm.h, so a driver's raise and lower keep the same bound checks and bugchecks. Each checks the
 * direction first, so that 0x09 and 0x0A name the driver's call (p4), not this function; a verified
 * driver's wrong call is Driver Verifier's 0xC4/0x30 or 0x31 instead (kernel/verifier_violations.h). */
#include "kernel/irql_export.h"

#include "kernel/bugcheck.h"
#include "kernel/dpc.h"
#include "kernel/driver_code.h"
#include "kernel/spinlock.h"
#include "kernel/verifier_violations.h"

#define CALLER __builtin_return_address(0)

__attribute__((noreturn, cold)) static void violation(enum verifier_violation what, KIRQL asked, ULONG_PTR p4)
{
    KeBugCheckEx(BUGCHECK_DRIVER_VERIFIER_DETECTED_VIOLATION, what, KeGetCurrentIrql(), asked, p4);
}

static inline KIRQL raise(KIRQL new_irql, const void *caller)
{
    KIRQL current = KeGetCurrentIrql();
    if (__builtin_expect(new_irql < current || new_irql > HIGH_LEVEL, 0)) {
        if (driver_code_verified(caller))
            violation(VERIFIER_RAISE_IRQL, new_irql, 0);
        irql_raise_refused(new_irql, current, (ULONG_PTR)caller);
    }
    KIRQL old;
    KeRaiseIrql(new_irql, &old);
    return old;
}

/* A DPC routine runs at DISPATCH_LEVEL and must return there: lowering below it inside one is wrong
 * too, which only Driver Verifier reports. */
static inline void lower(KIRQL new_irql, const void *caller)
{
    KIRQL current = KeGetCurrentIrql();
    bool up = new_irql > current, out_of_dpc = new_irql < DISPATCH_LEVEL && dpc_routine_running();
    if (__builtin_expect(up || out_of_dpc, 0) && driver_code_verified(caller))
        violation(VERIFIER_LOWER_IRQL, new_irql, up ? VERIFIER_LOWER_BAD : VERIFIER_LOWER_IN_DPC);
    if (up)
        KeBugCheckEx(BUGCHECK_IRQL_NOT_LESS_OR_EQUAL, new_irql, current, 0, (ULONG_PTR)caller);
    KeLowerIrql(new_irql);
}

KIRQL FASTCALL KfRaiseIrql(KIRQL NewIrql)
{
    return raise(NewIrql, CALLER);
}

VOID FASTCALL KfLowerIrql(KIRQL NewIrql)
{
    lower(NewIrql, CALLER);
}

KIRQL NTAPI KeRaiseIrqlToSynchLevel(VOID)
{
    return raise(SYNCH_LEVEL, CALLER);
}

KIRQL NTAPI irql_export_get_current(VOID)
{
    return KeGetCurrentIrql();
}

VOID NTAPI irql_export_raise(KIRQL NewIrql, PKIRQL OldIrql)
{
    *OldIrql = raise(NewIrql, CALLER);
}

VOID NTAPI irql_export_lower(KIRQL NewIrql)
{
    lower(NewIrql, CALLER);
}

KIRQL NTAPI irql_export_raise_to_dpc(VOID)
{
    return raise(DISPATCH_LEVEL, CALLER);
}
