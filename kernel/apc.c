/* APC state as drivers query and change it: each thread's critical and guarded regions are two counts
 * (KTHREAD's KernelApcDisable and SpecialApcDisable), and no APC is ever pending, so leaving a region
 * delivers nothing. As on Windows, only KeAreAllApcsDisabled counts IRQL. A thread that ends inside a
 * region is bugcheck 0x20 (kernel/sched.c). */
#include "kernel/thread.h"

VOID NTAPI KeEnterCriticalRegion(VOID)
{
    ke_current_thread->critical_regions++;
}

VOID NTAPI KeLeaveCriticalRegion(VOID)
{
    ke_current_thread->critical_regions--;
}

VOID NTAPI KeEnterGuardedRegion(VOID)
{
    ke_current_thread->guarded_regions++;
}

VOID NTAPI KeLeaveGuardedRegion(VOID)
{
    ke_current_thread->guarded_regions--;
}

/* Normal kernel APCs are off inside either region, whatever the IRQL. */
BOOLEAN NTAPI KeAreApcsDisabled(VOID)
{
    return ke_current_thread->critical_regions > 0 || ke_current_thread->guarded_regions > 0;
}

/* All APCs are off inside a guarded region or at APC_LEVEL or above. */
BOOLEAN NTAPI KeAreAllApcsDisabled(VOID)
{
    return ke_current_thread->guarded_regions > 0 || KeGetCurrentIrql() >= APC_LEVEL;
}
