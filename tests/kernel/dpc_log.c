#include "tests/kernel/dpc_log.h"

#include "kernel/lib/kstring.h"

struct dpc_log dpc_log;

void dpc_log_reset(void)
{
    memset(&dpc_log, 0, sizeof(dpc_log));
}

VOID NTAPI dpc_log_routine(PKDPC Dpc, PVOID DeferredContext, PVOID SystemArgument1, PVOID SystemArgument2)
{
    (void)Dpc;
    if (dpc_log.count < sizeof(dpc_log.order) - 1)
        dpc_log.order[dpc_log.count] = (char)(uintptr_t)DeferredContext;
    dpc_log.count++;
    dpc_log.irql = KeGetCurrentIrql();
    dpc_log.arg1 = SystemArgument1;
    dpc_log.arg2 = SystemArgument2;
}
