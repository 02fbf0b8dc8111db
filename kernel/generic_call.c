/* Calls on every processor at once, as drivers broadcast them: KeGenericCallDpc (a DPC routine at
 * DISPATCH_LEVEL on each, the caller waiting until each has signalled done) and KeIpiGenericCall (a
 * routine at IPI_LEVEL with interrupts off on each). Here one processor: the routine runs once, on the
 * caller's stack, through a callout so that its calls are charged to its driver. */
#include "hal/cpu.h"
#include "kernel/callout.h"
#include "kernel/wdm.h"

/* The routine gets its DPC, its context, the count of processors still to signal done (SystemArgument1)
 * and the barrier (SystemArgument2). A routine that never calls KeSignalCallDpcDone leaves the caller
 * waiting for ever, as on Windows. */
VOID NTAPI KeGenericCallDpc(PKDEFERRED_ROUTINE Routine, PVOID Context)
{
    KDPC dpc;
    volatile LONG remaining = 1, barrier = 1;
    KeInitializeDpc(&dpc, Routine, Context);
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    uintptr_t args[] = { (uintptr_t)&dpc, (uintptr_t)Context, (uintptr_t)&remaining, (uintptr_t)&barrier };
    callout_stdcall((const void *)Routine, 4, args);
    KeLowerIrql(old);
    while (remaining)
        __builtin_ia32_pause();
}

VOID NTAPI KeSignalCallDpcDone(PVOID SystemArgument1)
{
    InterlockedDecrement((volatile LONG *)SystemArgument1);
}

/* Each processor waits here until all have come; TRUE on exactly one of them, the last to come. The
 * barrier is armed again for the next synchronization, so a routine may synchronize several times. */
LOGICAL NTAPI KeSignalCallDpcSynchronize(PVOID SystemArgument2)
{
    volatile LONG *barrier = SystemArgument2;
    BOOLEAN last = InterlockedDecrement(barrier) == 0;
    if (last)
        *barrier = 1; /* the processors, one */
    return last;
}

ULONG_PTR NTAPI KeIpiGenericCall(PKIPI_BROADCAST_WORKER BroadcastFunction, ULONG_PTR Context)
{
    KIRQL old;
    KeRaiseIrql(IPI_LEVEL, &old);
    uint32_t flags = cpu_save_and_disable_interrupts();
    uintptr_t args[] = { Context };
    ULONG_PTR result = callout_stdcall((const void *)BroadcastFunction, 1, args);
    cpu_restore_interrupts(flags);
    KeLowerIrql(old);
    return result;
}
