/* Kernel queues (KQUEUE), the heart of Windows' worker threads and I/O completion ports. Entries wait in
 * EntryListHead (SignalState counts them); threads wait in KeRemoveQueue, each on an event of its own
 * linked into Header.WaitListHead, and an entry inserted while one waits is handed to it directly, to
 * the one that began waiting last (LIFO: its stack and cache are the warmest, as on Windows). The
 * concurrency limit counts the running threads associated with the queue (CurrentCount): KeRemoveQueue
 * associates its caller, a wait on anything else or the thread's end stops it counting and may hand an
 * entry to a waiter. A wait on the queue with KeWaitForSingleObject sees it signaled while it holds
 * entries and takes none. KeRundownQueue marks the queue (EntryListHead.Flink NULL): its waiters and
 * any later KeRemoveQueue get STATUS_ABANDONED. */
#include "hal/cpu.h"
#include "kernel/thread.h"

struct queue_waiter {
    LIST_ENTRY link;     /* in Header.WaitListHead, the newest first */
    KEVENT ready;        /* set when entry is */
    PLIST_ENTRY entry;   /* the entry handed over, or STATUS_ABANDONED */
};

static bool run_down(const KQUEUE *q)
{
    return q->EntryListHead.Flink == NULL;
}

/* The newest waiter gets the entry and counts as running. Interrupts off. */
static void hand_to_waiter(PRKQUEUE q, PLIST_ENTRY entry)
{
    struct queue_waiter *w = CONTAINING_RECORD(RemoveHeadList(&q->Header.WaitListHead), struct queue_waiter, link);
    w->entry = entry;
    q->CurrentCount++;
    KeSetEvent(&w->ready, 0, FALSE);
}

/* Entries to waiters while the limit allows (after a running thread stopped counting). Interrupts off. */
static void hand_out(PRKQUEUE q)
{
    while (q->CurrentCount < q->MaximumCount && !IsListEmpty(&q->EntryListHead) &&
           !IsListEmpty(&q->Header.WaitListHead)) {
        q->Header.SignalState--;
        hand_to_waiter(q, RemoveHeadList(&q->EntryListHead));
    }
}

VOID NTAPI KeInitializeQueue(PRKQUEUE Queue, ULONG Count)
{
    *Queue = (KQUEUE){ .Header = { .Type = QUEUE_OBJECT, .Size = sizeof(KQUEUE) / sizeof(ULONG) },
                       .MaximumCount = Count ? Count : 1 /* the processors */ };
    InitializeListHead(&Queue->Header.WaitListHead);
    InitializeListHead(&Queue->EntryListHead);
    InitializeListHead(&Queue->ThreadListHead);
}

LONG NTAPI KeReadStateQueue(PRKQUEUE Queue)
{
    return Queue->Header.SignalState;
}

static LONG insert(PRKQUEUE q, PLIST_ENTRY entry, bool head)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    LONG before = q->Header.SignalState;
    if (!IsListEmpty(&q->Header.WaitListHead) && q->CurrentCount < q->MaximumCount) {
        hand_to_waiter(q, entry);
    } else {
        if (head)
            InsertHeadList(&q->EntryListHead, entry);
        else
            InsertTailList(&q->EntryListHead, entry);
        q->Header.SignalState++;
    }
    cpu_restore_interrupts(flags);
    thread_signal(); /* KeWaitForSingleObject's waiters on the queue look again */
    return before;
}

LONG NTAPI KeInsertQueue(PRKQUEUE Queue, PLIST_ENTRY Entry)
{
    return insert(Queue, Entry, false);
}

LONG NTAPI KeInsertHeadQueue(PRKQUEUE Queue, PLIST_ENTRY Entry)
{
    return insert(Queue, Entry, true);
}

/* An associated thread's wait elsewhere, its wait's end, its end (kernel/thread.h). Interrupts off. */
static void thread_event(PKTHREAD thread, enum queue_event event)
{
    PRKQUEUE q = thread->queue;
    if (event == QUEUE_THREAD_RESUMES) {
        q->CurrentCount++;
        return;
    }
    q->CurrentCount--;
    hand_out(q);
    if (event == QUEUE_THREAD_LEAVES)
        thread->queue = NULL;
}

/* The caller becomes the queue's (leaving another it was associated with) and, for now, not running in
 * it. Interrupts off. */
static void associate(PKTHREAD self, PRKQUEUE q)
{
    thread_set_queue_handler(thread_event);
    if (self->queue == q)
        q->CurrentCount--;
    else if (self->queue)
        thread_event(self, QUEUE_THREAD_LEAVES);
    self->queue = q;
}

PLIST_ENTRY NTAPI KeRemoveQueue(PRKQUEUE Queue, KPROCESSOR_MODE WaitMode, PLARGE_INTEGER Timeout)
{
    PKTHREAD self = ke_current_thread;
    uint32_t flags = cpu_save_and_disable_interrupts();
    associate(self, Queue);
    if (run_down(Queue)) {
        self->queue = NULL;
        cpu_restore_interrupts(flags);
        return (PLIST_ENTRY)(ULONG_PTR)STATUS_ABANDONED;
    }
    if (!IsListEmpty(&Queue->EntryListHead) && Queue->CurrentCount < Queue->MaximumCount) {
        Queue->Header.SignalState--;
        Queue->CurrentCount++;
        PLIST_ENTRY entry = RemoveHeadList(&Queue->EntryListHead);
        cpu_restore_interrupts(flags);
        return entry;
    }
    struct queue_waiter w = { .entry = NULL };
    KeInitializeEvent(&w.ready, SynchronizationEvent, FALSE);
    InsertHeadList(&Queue->Header.WaitListHead, &w.link);
    self->queue = NULL; /* this wait is the queue's own: it must not count as blocking elsewhere */
    cpu_restore_interrupts(flags);

    KeWaitForSingleObject(&w.ready, Executive, WaitMode, FALSE, Timeout);

    flags = cpu_save_and_disable_interrupts();
    PLIST_ENTRY entry = w.entry;
    if (!entry) { /* timed out, nothing handed over meanwhile */
        RemoveEntryList(&w.link);
        Queue->CurrentCount++;
        entry = (PLIST_ENTRY)(ULONG_PTR)STATUS_TIMEOUT;
    }
    self->queue = entry == (PLIST_ENTRY)(ULONG_PTR)STATUS_ABANDONED ? NULL : Queue;
    cpu_restore_interrupts(flags);
    return entry;
}

PLIST_ENTRY NTAPI KeRundownQueue(PRKQUEUE Queue)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    PLIST_ENTRY first = NULL;
    if (!IsListEmpty(&Queue->EntryListHead)) {
        first = Queue->EntryListHead.Flink;
        RemoveEntryList(&Queue->EntryListHead); /* the entries stay linked to one another */
    }
    Queue->EntryListHead.Flink = Queue->EntryListHead.Blink = NULL;
    Queue->Header.SignalState = 0;
    while (!IsListEmpty(&Queue->Header.WaitListHead))
        hand_to_waiter(Queue, (PLIST_ENTRY)(ULONG_PTR)STATUS_ABANDONED);
    for (PKTHREAD t = thread_next(0); t; t = thread_next(t))
        if (t->queue == Queue)
            t->queue = NULL;
    Queue->CurrentCount = 0;
    cpu_restore_interrupts(flags);
    return first;
}

