#include "kernel/dpc.h"

#include "hal/cpu.h"
#include "kernel/callout.h"
#include "kernel/irql.h"
#include "kernel/live_objects.h"

#define DPC_OBJECT 0x13 /* KOBJECTS' DpcObject */

static LIST_ENTRY queue = { &queue, &queue };
static bool in_routine;

bool dpc_routine_running(void)
{
    return in_routine;
}

VOID NTAPI KeInitializeDpc(PRKDPC Dpc, PKDEFERRED_ROUTINE DeferredRoutine, PVOID DeferredContext)
{
    *Dpc = (KDPC){
        .Type = DPC_OBJECT,
        .Importance = MediumImportance,
        .DeferredRoutine = DeferredRoutine,
        .DeferredContext = DeferredContext,
    };
}

BOOLEAN NTAPI KeInsertQueueDpc(PRKDPC Dpc, PVOID SystemArgument1, PVOID SystemArgument2)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    BOOLEAN inserted = Dpc->DpcData == NULL;
    if (inserted) {
        Dpc->SystemArgument1 = SystemArgument1;
        Dpc->SystemArgument2 = SystemArgument2;
        Dpc->DpcData = &queue;
        if (Dpc->Importance == HighImportance) /* the WDK: at the head of the queue */
            InsertHeadList(&queue, &Dpc->DpcListEntry);
        else
            InsertTailList(&queue, &Dpc->DpcListEntry);
        live_objects_add(1);
        irql_request_software_interrupt(DISPATCH_LEVEL);
    }
    cpu_restore_interrupts(flags);
    return inserted;
}

BOOLEAN NTAPI KeRemoveQueueDpc(PRKDPC Dpc)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    BOOLEAN removed = Dpc->DpcData != NULL;
    if (removed) {
        RemoveEntryList(&Dpc->DpcListEntry);
        Dpc->DpcData = NULL;
        live_objects_add(-1);
    }
    cpu_restore_interrupts(flags);
    return removed;
}

const void *dpc_find_queued_in_range(uintptr_t lo, uintptr_t hi, bool *routine_only)
{
    const void *found = 0;
    uint32_t flags = cpu_save_and_disable_interrupts();
    for (PLIST_ENTRY e = queue.Flink; e != &queue && !found; e = e->Flink) {
        PKDPC dpc = CONTAINING_RECORD(e, KDPC, DpcListEntry);
        uintptr_t at = (uintptr_t)dpc, routine = (uintptr_t)dpc->DeferredRoutine;
        *routine_only = !(at >= lo && at < hi);
        if (!*routine_only)
            found = dpc;
        else if (routine >= lo && routine < hi)
            found = (const void *)routine;
    }
    cpu_restore_interrupts(flags);
    return found;
}

void dpc_drain(void)
{
    for (;;) {
        uint32_t flags = cpu_save_and_disable_interrupts();
        if (IsListEmpty(&queue)) {
            cpu_restore_interrupts(flags);
            return;
        }
        PKDPC dpc = CONTAINING_RECORD(RemoveHeadList(&queue), KDPC, DpcListEntry);
        PVOID arg1 = dpc->SystemArgument1, arg2 = dpc->SystemArgument2;
        dpc->DpcData = NULL; /* from here on the routine may queue it again */
        live_objects_add(-1);
        cpu_restore_interrupts(flags);
        in_routine = true;
        uintptr_t args[] = { (uintptr_t)dpc, (uintptr_t)dpc->DeferredContext, (uintptr_t)arg1, (uintptr_t)arg2 };
        callout_stdcall((const void *)dpc->DeferredRoutine, 4, args); /* a driver's, often */
        in_routine = false;
    }
}

/* Below DISPATCH_LEVEL the queue is drained whenever IRQL drops; a raise and lower makes sure of it. */
VOID NTAPI KeFlushQueuedDpcs(VOID)
{
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KeLowerIrql(old);
}

VOID NTAPI KeSetImportanceDpc(PRKDPC Dpc, KDPC_IMPORTANCE Importance)
{
    Dpc->Importance = (UCHAR)Importance;
}

/* As x86 Windows stores it: MAXIMUM_PROCESSORS (32) + the number, so 0 means "no target". */
VOID NTAPI KeSetTargetProcessorDpc(PRKDPC Dpc, CHAR Number)
{
    Dpc->Number = (USHORT)(32 + (UCHAR)Number);
}
