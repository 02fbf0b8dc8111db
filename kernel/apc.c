/* APC state as drivers query it. No threads yet, so no APC is ever disabled by a critical region:
 * only IRQL at APC_LEVEL or above holds them off. */
#include "kernel/wdm.h"

BOOLEAN NTAPI KeAreApcsDisabled(VOID)
{
    return KeGetCurrentIrql() >= APC_LEVEL;
}

BOOLEAN NTAPI KeAreAllApcsDisabled(VOID)
{
    return KeGetCurrentIrql() >= APC_LEVEL;
}
