/* ExQueueWorkItem's queue, run by the console's thread (kernel/work_queue.h). Misuse is Windows' 0xE4
 * WORKER_INVALID: an item queued while queued (p1 1), a queue type that does not exist (6), a routine
 * that is no kernel address (7); p2 the item, p3 the queue type. An item whose routine returns at
 * another IRQL than PASSIVE_LEVEL is 0xE1 WORKER_THREAD_RETURNED_AT_BAD_IRQL (the routine, the IRQL,
 * the parameter, the item). */
#include "kernel/work_queue.h"

#include "hal/cpu.h"
#include "kernel/bugcheck.h"
#include "kernel/callout.h"

#define WORKER_ACTIVE_QUEUED 1
#define WORKER_BAD_QUEUE_TYPE 6
#define WORKER_BAD_ROUTINE 7
#define SYSTEM_SPACE 0x80000000u

static LIST_ENTRY queue = { &queue, &queue };

VOID NTAPI ExQueueWorkItem(PWORK_QUEUE_ITEM WorkItem, WORK_QUEUE_TYPE QueueType)
{
    ULONG reason = WorkItem->List.Flink                                                    ? WORKER_ACTIVE_QUEUED
                   : (unsigned)QueueType >= MaximumWorkQueue && QueueType != CustomPriorityWorkQueue ? WORKER_BAD_QUEUE_TYPE
                   : (uintptr_t)WorkItem->WorkerRoutine < SYSTEM_SPACE                     ? WORKER_BAD_ROUTINE
                                                                                           : 0;
    if (reason)
        KeBugCheckEx(BUGCHECK_WORKER_INVALID, reason, (ULONG_PTR)WorkItem, (ULONG_PTR)QueueType, 0);
    uint32_t flags = cpu_save_and_disable_interrupts();
    InsertTailList(&queue, &WorkItem->List);
    cpu_restore_interrupts(flags);
}

/* Takes the oldest item wanted accepts (any if wanted is NULL) off the queue, its List.Flink NULL again
 * so that its routine may queue it anew. */
static PWORK_QUEUE_ITEM dequeue(bool (*wanted)(const WORK_QUEUE_ITEM *, const void *), const void *ctx)
{
    PWORK_QUEUE_ITEM found = 0;
    uint32_t flags = cpu_save_and_disable_interrupts();
    for (PLIST_ENTRY e = queue.Flink; e != &queue && !found; e = e->Flink) {
        PWORK_QUEUE_ITEM item = CONTAINING_RECORD(e, WORK_QUEUE_ITEM, List);
        if (!wanted || wanted(item, ctx))
            found = item;
    }
    if (found) {
        RemoveEntryList(&found->List);
        found->List.Flink = 0;
    }
    cpu_restore_interrupts(flags);
    return found;
}

static void run(PWORK_QUEUE_ITEM item)
{
    const void *routine = (const void *)item->WorkerRoutine;
    uintptr_t parameter = (uintptr_t)item->Parameter;
    callout_stdcall(routine, 1, &parameter); /* the item may be freed or queued again by now */
    if (KeGetCurrentIrql() != PASSIVE_LEVEL)
        KeBugCheckEx(BUGCHECK_WORKER_THREAD_RETURNED_AT_BAD_IRQL, (ULONG_PTR)routine, KeGetCurrentIrql(), parameter,
                     (ULONG_PTR)item);
}

bool work_queue_run_one(void)
{
    PWORK_QUEUE_ITEM item = dequeue(0, 0);
    if (item)
        run(item);
    return item != 0;
}

void work_queue_run_matching(bool (*wanted)(const WORK_QUEUE_ITEM *item, const void *ctx), const void *ctx)
{
    for (PWORK_QUEUE_ITEM item; (item = dequeue(wanted, ctx));)
        run(item);
}

const WORK_QUEUE_ITEM *work_queue_find_in_range(uintptr_t lo, uintptr_t hi)
{
    const WORK_QUEUE_ITEM *found = 0;
    uint32_t flags = cpu_save_and_disable_interrupts();
    for (PLIST_ENTRY e = queue.Flink; e != &queue && !found; e = e->Flink) {
        const WORK_QUEUE_ITEM *item = CONTAINING_RECORD(e, WORK_QUEUE_ITEM, List);
        if ((uintptr_t)item - lo < hi - lo || (uintptr_t)item->WorkerRoutine - lo < hi - lo)
            found = item;
    }
    cpu_restore_interrupts(flags);
    return found;
}
