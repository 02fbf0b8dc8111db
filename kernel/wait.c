/* Events, KeWaitForSingleObject and KeDelayExecutionThread for the one thread there is: a wait polls the
 * object's SignalState with interrupts on until it is signaled or the timeout passes, so what signals it
 * (a DPC, a timer's expiry, an ISR) runs meanwhile. A wait satisfied on a synchronization event or timer
 * resets it, as the WDK documents; a notification one stays signaled; mutexes and semaphores
 * (kernel/mutex.c, kernel/semaphore.c) are taken as theirs say. Waits are for IRQL <= APC_LEVEL:
 * above it no DPC runs, and only a timeout or an ISR ends the wait. */
#include <stdbool.h>

#include "hal/cpu.h"
#include "kernel/dispatcher.h"
#include "kernel/system_time.h"
#include "kernel/wdm.h"

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

LONG NTAPI KeSetEvent(PRKEVENT Event, KPRIORITY Increment, BOOLEAN Wait)
{
    (void)Increment, (void)Wait; /* no thread to boost, none to wait for */
    return exchange_state(Event, 1);
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

/* Takes the object if it is signaled (a synchronization object is reset by it, a semaphore's count
 * goes down, a mutex is its owner's once more); true if it was. */
static bool take(DISPATCHER_HEADER *h)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    bool signaled = h->Type == MUTANT_OBJECT      ? mutex_take((PRKMUTEX)h)
                    : h->Type == SEMAPHORE_OBJECT ? semaphore_take((PRKSEMAPHORE)h)
                                                  : h->SignalState > 0;
    if (signaled && (h->Type == EVENT_SYNCHRONIZATION_OBJECT || h->Type == TIMER_SYNCHRONIZATION_OBJECT))
        h->SignalState = 0;
    cpu_restore_interrupts(flags);
    return signaled;
}

NTSTATUS NTAPI KeWaitForSingleObject(PVOID Object, KWAIT_REASON WaitReason, KPROCESSOR_MODE WaitMode,
                                     BOOLEAN Alertable, PLARGE_INTEGER Timeout)
{
    (void)WaitReason, (void)WaitMode, (void)Alertable; /* no APCs, no alerts: a wait ends only so */
    DISPATCHER_HEADER *h = Object;
    uint64_t deadline = deadline_of(Timeout);
    while (!take(h)) {
        if (KeQueryInterruptTime() >= deadline)
            return STATUS_TIMEOUT;
        __asm__ volatile("pause");
    }
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI KeDelayExecutionThread(KPROCESSOR_MODE WaitMode, BOOLEAN Alertable, PLARGE_INTEGER Interval)
{
    (void)WaitMode, (void)Alertable;
    uint64_t deadline = deadline_of(Interval);
    while (KeQueryInterruptTime() < deadline)
        __asm__ volatile("pause");
    return STATUS_SUCCESS;
}
