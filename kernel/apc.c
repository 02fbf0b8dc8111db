/* APC state as drivers query and change it. No threads yet: the one thread's critical and guarded
 * regions are two counts (KTHREAD's KernelApcDisable and SpecialApcDisable), and no APC is ever pending,
 * so leaving a region delivers nothing. As on Windows, only KeAreAllApcsDisabled counts IRQL. */
#include "kernel/wdm.h"

static LONG critical_regions, guarded_regions;

VOID NTAPI KeEnterCriticalRegion(VOID)
{
    critical_regions++;
}

VOID NTAPI KeLeaveCriticalRegion(VOID)
{
    critical_regions--;
}

VOID NTAPI KeEnterGuardedRegion(VOID)
{
    guarded_regions++;
}

VOID NTAPI KeLeaveGuardedRegion(VOID)
{
    guarded_regions--;
}

/* Normal kernel APCs are off inside either region, whatever the IRQL. */
BOOLEAN NTAPI KeAreApcsDisabled(VOID)
{
    return critical_regions > 0 || guarded_regions > 0;
}

/* All APCs are off inside a guarded region or at APC_LEVEL or above. */
BOOLEAN NTAPI KeAreAllApcsDisabled(VOID)
{
    return guarded_regions > 0 || KeGetCurrentIrql() >= APC_LEVEL;
}
