/* Events, KeWaitForSingleObject, KeWaitForMultipleObjects and KeDelayExecutionThread. A wait that is not
 * satisfied hands the CPU to another thread (kernel/sched.c) and looks at its objects again when it
 * gets it back: after anything was signaled, at each clock tick, or when its timeout passes. The boot
 * thread's wait, when no other thread can run, polls with interrupts on as it always did, so what
 * signals it (a DPC, a timer's expiry, an ISR) runs meanwhile, and so do the system's work items. A wait
 * satisfied on a synchronization event or timer resets it, as the WDK documents; a notification one
 * stays signaled, as does an ended thread; mutexes and semaphores (kernel/mutex.c, kernel/semaphore.c)
 * are taken as theirs say. Waits are for IRQL <= APC_LEVEL: at DISPATCH_LEVEL no other thread runs and
 * no DPC, and only a timeout or an ISR ends the wait. */
#include <stdbool.h>

#include "hal/cpu.h"
#include "kernel/bugcheck.h"
#include "kernel/dispatcher.h"
#include "kernel/system_time.h"
#include "kernel/thread.h"
#include "kernel/wdm.h"
#include "kernel/work_queue.h"

#define NO_DEADLINE UINT64_MAX

VOID NTAPI KeInitializeEvent(PRKEVENT Event, EVENT_TYPE Type, BOOLEAN State)
{
    *Event = (KEVENT){ .Header = { .Type = Type == SynchronizationEvent ? EVENT_SYNCHRONIZATION_OBJECT
                                                                       : EVENT_NOTIFICATION_OBJECT,
                                   .Size = sizeof(KEVENT) / sizeof(ULONG),
                                   .SignalState = State ? 1 : 0 } };
    InitializeListHead(&Event->Header.WaitListHead);
}

/* Both return the state before: nonzero if it was signaled. */
static LONG exchange_state(PRKEVENT Event, LONG state)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    LONG before = Event->Header.SignalState;
    Event->Header.SignalState = state;
    cpu_restore_interrupts(flags);
    return before;
}

/* Waiters look again; one of higher priority than the caller runs before this returns. */
LONG NTAPI KeSetEvent(PRKEVENT Event, KPRIORITY Increment, BOOLEAN Wait)
{
    (void)Increment, (void)Wait; /* no boosts; Wait's combined wait is an ordinary one here */
    LONG before = exchange_state(Event, 1);
    thread_signal();
    return before;
}

LONG NTAPI KeResetEvent(PRKEVENT Event)
{
    return exchange_state(Event, 0);
}

VOID NTAPI KeClearEvent(PRKEVENT Event)
{
    exchange_state(Event, 0);
}

LONG NTAPI KeReadStateEvent(PRKEVENT Event)
{
    return Event->Header.SignalState;
}

/* The interrupt time a timeout ends at: NULL never, negative relative to now, positive a system time. */
static uint64_t deadline_of(const LARGE_INTEGER *timeout)
{
    if (!timeout)
        return NO_DEADLINE;
    if (timeout->QuadPart < 0)
        return KeQueryInterruptTime() + (uint64_t)-timeout->QuadPart;
    return system_time_to_interrupt_time((ULONGLONG)timeout->QuadPart);
}

/* Whether the object would satisfy a wait now (pulsed: an event being pulsed, which counts as
 * signaled for the wait in progress); with interrupts off. */
static bool available(const DISPATCHER_HEADER *h, const DISPATCHER_HEADER *pulsed)
{
    if (h == pulsed)
        return true;
    return h->Type == MUTANT_OBJECT ? mutex_available((PRKMUTEX)h) : h->SignalState > 0;
}

/* Takes an available object for the waiter: a synchronization event or timer, or a gate (a guarded
 * mutex's), is reset, a semaphore's count goes down, a mutex is its owner's once more. */
static void take(DISPATCHER_HEADER *h)
{
    if (h->Type == MUTANT_OBJECT)
        mutex_take((PRKMUTEX)h);
    else if (h->Type == SEMAPHORE_OBJECT)
        semaphore_take((PRKSEMAPHORE)h);
    else if (h->Type == EVENT_SYNCHRONIZATION_OBJECT || h->Type == TIMER_SYNCHRONIZATION_OBJECT || h->Type == GATE_OBJECT)
        h->SignalState = 0;
}

/* A thread's wait in progress (KTHREAD's wait): what KePulseEvent, from any thread, a DPC or an ISR,
 * satisfies as it releases a waiting thread on Windows. */
struct wait {
    ULONG count;
    PVOID *objects;
    WAIT_TYPE type;
    volatile bool done;
    volatile NTSTATUS status;
};

/* Satisfies the wait if it can be now, taking its objects: WaitAny the first available (status
 * STATUS_WAIT_0 + its index), WaitAll all of them or none. With interrupts off. */
static bool satisfy(struct wait *w, const DISPATCHER_HEADER *pulsed)
{
    if (w->type == WaitAny) {
        for (ULONG i = 0; i < w->count; i++)
            if (available(w->objects[i], pulsed)) {
                take(w->objects[i]);
                w->status = STATUS_WAIT_0 + (NTSTATUS)i;
                return w->done = true;
            }
        return false;
    }
    for (ULONG i = 0; i < w->count; i++)
        if (!available(w->objects[i], pulsed))
            return false;
    for (ULONG i = 0; i < w->count; i++)
        take(w->objects[i]);
    w->status = STATUS_SUCCESS;
    return w->done = true;
}

/* Until the wait is satisfied or the timeout passes: below DISPATCH_LEVEL another thread runs
 * meanwhile. The boot thread, when none can, polls; a wait of its that may block (at PASSIVE_LEVEL,
 * holding nothing: outside critical and guarded regions) lets the system's work items run meanwhile, as
 * the worker threads would while it waited (kernel/work_queue.h). */
static NTSTATUS wait(struct wait *w, const LARGE_INTEGER *timeout)
{
    uint64_t deadline = deadline_of(timeout);
    PKTHREAD self = ke_current_thread;
    struct wait *outer = self->wait;
    self->wait = w;
    NTSTATUS status = STATUS_TIMEOUT;
    bool blocked = false; /* counted out of the caller's queue (kernel/queue.c) */
    for (;;) {
        uint32_t flags = cpu_save_and_disable_interrupts();
        bool done = w->done || satisfy(w, 0);
        bool expired = !done && KeQueryInterruptTime() >= deadline;
        if (!done && !expired && !blocked && self->queue) {
            thread_queue_event(self, QUEUE_THREAD_BLOCKS);
            blocked = true;
        }
        bool switched = !done && !expired && KeGetCurrentIrql() < DISPATCH_LEVEL && thread_wait_switch(deadline);
        cpu_restore_interrupts(flags);
        if (done) {
            status = w->status;
            break;
        }
        if (expired)
            break;
        if (!switched &&
            !(self == &ke_boot_thread && KeGetCurrentIrql() == PASSIVE_LEVEL && !KeAreApcsDisabled() && work_queue_run_one()))
            __asm__ volatile("pause");
    }
    uint32_t flags = cpu_save_and_disable_interrupts();
    if (blocked) /* nothing if the queue was run down meanwhile */
        thread_queue_event(self, QUEUE_THREAD_RESUMES);
    cpu_restore_interrupts(flags);
    self->wait = outer;
    return status;
}

NTSTATUS NTAPI KeWaitForSingleObject(PVOID Object, KWAIT_REASON WaitReason, KPROCESSOR_MODE WaitMode,
                                     BOOLEAN Alertable, PLARGE_INTEGER Timeout)
{
    (void)WaitReason, (void)WaitMode, (void)Alertable; /* no APCs, no alerts: a wait ends only so */
    struct wait w = { 1, &Object, WaitAny, false, STATUS_TIMEOUT };
    return wait(&w, Timeout);
}

/* Count above THREAD_WAIT_OBJECTS without a WaitBlockArray, or above MAXIMUM_WAIT_OBJECTS, is 0x0C
 * MAXIMUM_WAIT_OBJECTS_EXCEEDED (no parameters), as the WDK documents. The caller's wait blocks are
 * filled as the kernel's would be (thread, object, key), though nothing queues them. */
NTSTATUS NTAPI KeWaitForMultipleObjects(ULONG Count, PVOID Object[], WAIT_TYPE WaitType, KWAIT_REASON WaitReason,
                                        KPROCESSOR_MODE WaitMode, BOOLEAN Alertable, PLARGE_INTEGER Timeout,
                                        PKWAIT_BLOCK WaitBlockArray)
{
    (void)WaitReason, (void)WaitMode, (void)Alertable;
    if (Count > (WaitBlockArray ? MAXIMUM_WAIT_OBJECTS : THREAD_WAIT_OBJECTS))
        KeBugCheckEx(BUGCHECK_MAXIMUM_WAIT_OBJECTS_EXCEEDED, 0, 0, 0, 0);
    for (ULONG i = 0; WaitBlockArray && i < Count; i++)
        WaitBlockArray[i] = (KWAIT_BLOCK){ .Thread = KeGetCurrentThread(), .Object = Object[i],
                                           .NextWaitBlock = &WaitBlockArray[(i + 1) % Count],
                                           .WaitKey = (USHORT)i, .WaitType = (UCHAR)WaitType };
    struct wait w = { Count, Object, WaitType, false, STATUS_TIMEOUT };
    return wait(&w, Timeout);
}

/* The state before. A wait in progress that the event's signal would satisfy is satisfied (the
 * waiting thread released, as on Windows); then the event is not signaled. */
LONG NTAPI KePulseEvent(PRKEVENT Event, KPRIORITY Increment, BOOLEAN Wait)
{
    (void)Increment, (void)Wait;
    uint32_t flags = cpu_save_and_disable_interrupts();
    LONG before = Event->Header.SignalState;
    for (PKTHREAD t = thread_next(0); t && !before; t = thread_next(t)) {
        struct wait *w = t->wait;
        for (ULONG i = 0; w && !w->done && i < w->count; i++)
            if (w->objects[i] == Event)
                satisfy(w, &Event->Header);
    }
    Event->Header.SignalState = 0;
    cpu_restore_interrupts(flags);
    thread_signal();
    return before;
}

/* A wait for nothing: other threads run meanwhile, and on the boot thread the work items a wait may
 * run, as Windows' workers get the CPU while the thread sleeps. An interval already over (zero) yields
 * the rest of the quantum to a ready thread of the same priority, as on Windows. */
NTSTATUS NTAPI KeDelayExecutionThread(KPROCESSOR_MODE WaitMode, BOOLEAN Alertable, PLARGE_INTEGER Interval)
{
    (void)WaitMode, (void)Alertable;
    if (KeGetCurrentIrql() < DISPATCH_LEVEL && deadline_of(Interval) <= KeQueryInterruptTime())
        thread_yield();
    struct wait nothing = { 0, 0, WaitAny, false, STATUS_TIMEOUT };
    wait(&nothing, Interval);
    return STATUS_SUCCESS;
}
