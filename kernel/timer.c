#include "kernel/timer.h"

#include "hal/cpu.h"
#include "kernel/dpc.h"
#include "kernel/ke_time.h"
#include "kernel/live_objects.h"
#include "kernel/system_time.h"
#include "kernel/wdm.h"

#define MS_100NS 10000u
#define NO_TIMER UINT64_MAX

static LIST_ENTRY timers = { &timers, &timers }; /* earliest due first; changed with interrupts off */
static volatile uint64_t next_due = NO_TIMER;

static KDPC expiry_dpc;

static void update_next_due(void)
{
    next_due = IsListEmpty(&timers) ? NO_TIMER
                                    : CONTAINING_RECORD(timers.Flink, KTIMER, TimerListEntry)->DueTime.QuadPart;
}

static void unlink(PKTIMER t)
{
    RemoveEntryList(&t->TimerListEntry);
    t->Header.Inserted = FALSE;
    live_objects_add(-1);
    update_next_due();
}

void timer_clock_tick(uint64_t now)
{
    ke_time_tick();
    if (now >= next_due)
        KeInsertQueueDpc(&expiry_dpc, 0, 0);
}

/* Links t in due-time order, after those due at the same time (FIFO among equals). Interrupts off. */
static void insert(PKTIMER t)
{
    t->Header.Inserted = TRUE;
    live_objects_add(1);
    PLIST_ENTRY after = timers.Blink; /* the last timer due no later than this one */
    while (after != &timers && CONTAINING_RECORD(after, KTIMER, TimerListEntry)->DueTime.QuadPart > t->DueTime.QuadPart)
        after = after->Blink;
    InsertTailList(after->Flink, &t->TimerListEntry); /* links it in front of after's successor */
    update_next_due();
}

/* As in NT, each expired timer's DPC gets the expiry time: low part, high part. A periodic timer goes
 * back in the list, Period milliseconds after its due time (or one unit after now, if it fell behind). */
static VOID NTAPI expire_timers(PKDPC dpc, PVOID context, PVOID arg1, PVOID arg2)
{
    (void)dpc, (void)context, (void)arg1, (void)arg2;
    ULARGE_INTEGER now = { .QuadPart = KeQueryInterruptTime() };
    for (;;) {
        uint32_t flags = cpu_save_and_disable_interrupts();
        PKTIMER t = IsListEmpty(&timers) ? NULL : CONTAINING_RECORD(timers.Flink, KTIMER, TimerListEntry);
        if (!t || t->DueTime.QuadPart > now.QuadPart) {
            cpu_restore_interrupts(flags);
            return;
        }
        unlink(t);
        t->Header.SignalState = 1;
        if (t->Period) {
            uint64_t due = t->DueTime.QuadPart + (uint64_t)t->Period * MS_100NS;
            t->DueTime.QuadPart = due > now.QuadPart ? due : now.QuadPart + 1;
            insert(t);
        }
        cpu_restore_interrupts(flags);
        if (t->Dpc)
            KeInsertQueueDpc(t->Dpc, (PVOID)now.LowPart, (PVOID)now.HighPart);
    }
}

static bool in_range(const void *p, uintptr_t lo, uintptr_t hi)
{
    return (uintptr_t)p >= lo && (uintptr_t)p < hi;
}

static enum timer_dpc_found timer_in_range(uintptr_t lo, uintptr_t hi, const void **object)
{
    enum timer_dpc_found found = TIMER_FOUND_NONE;
    uint32_t flags = cpu_save_and_disable_interrupts();
    for (PLIST_ENTRY e = timers.Flink; e != &timers && found == TIMER_FOUND_NONE; e = e->Flink) {
        PKTIMER t = CONTAINING_RECORD(e, KTIMER, TimerListEntry);
        *object = t;
        if (in_range(t, lo, hi))
            found = TIMER_FOUND_TIMER;
        else if (t->Dpc && in_range(t->Dpc, lo, hi))
            found = TIMER_FOUND_DPC, *object = t->Dpc;
        else if (t->Dpc && in_range((const void *)t->Dpc->DeferredRoutine, lo, hi))
            found = TIMER_FOUND_DPC_ROUTINE, *object = (const void *)t->Dpc->DeferredRoutine;
    }
    cpu_restore_interrupts(flags);
    return found;
}

enum timer_dpc_found timer_or_dpc_in_range(uintptr_t lo, uintptr_t hi, const void **object)
{
    enum timer_dpc_found found = timer_in_range(lo, hi, object);
    bool routine_only;
    if (found == TIMER_FOUND_NONE && (*object = dpc_find_queued_in_range(lo, hi, &routine_only)))
        found = routine_only ? TIMER_FOUND_DPC_ROUTINE : TIMER_FOUND_DPC;
    return found;
}

void timer_init(void)
{
    KeInitializeDpc(&expiry_dpc, expire_timers, NULL);
}

VOID NTAPI KeInitializeTimerEx(PKTIMER Timer, TIMER_TYPE Type)
{
    *Timer = (KTIMER){ .Header = { .Type = Type == SynchronizationTimer ? TIMER_SYNCHRONIZATION_OBJECT
                                                                       : TIMER_NOTIFICATION_OBJECT,
                                   .Size = sizeof(KTIMER) / sizeof(ULONG) } };
    InitializeListHead(&Timer->Header.WaitListHead);
}

VOID NTAPI KeInitializeTimer(PKTIMER Timer)
{
    KeInitializeTimerEx(Timer, NotificationTimer);
}

BOOLEAN NTAPI KeSetTimer(PKTIMER Timer, LARGE_INTEGER DueTime, PKDPC Dpc)
{
    return KeSetTimerEx(Timer, DueTime, 0, Dpc);
}

/* DueTime: negative, relative in 100 ns units; positive, an absolute system time (one already past
 * expires at once). Period: milliseconds between expiries, 0 for a one-shot timer (the WDK requires it
 * >= 0; a negative one is taken as 0). */
BOOLEAN NTAPI KeSetTimerEx(PKTIMER Timer, LARGE_INTEGER DueTime, LONG Period, PKDPC Dpc)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    BOOLEAN was_set = Timer->Header.Inserted;
    if (was_set)
        unlink(Timer);
    Timer->DueTime.QuadPart = DueTime.QuadPart < 0 ? KeQueryInterruptTime() - (ULONGLONG)DueTime.QuadPart
                                                   : system_time_to_interrupt_time((ULONGLONG)DueTime.QuadPart);
    Timer->Dpc = Dpc;
    Timer->Period = Period > 0 ? (ULONG)Period : 0;
    Timer->Header.SignalState = 0;
    insert(Timer);
    cpu_restore_interrupts(flags);
    return was_set;
}

/* TolerableDelay lets Windows fire the timer up to that many milliseconds late, with others, to save
 * power; Pagoda coalesces nothing, so it fires at its due time, which the delay allows. */
BOOLEAN NTAPI KeSetCoalescableTimer(PKTIMER Timer, LARGE_INTEGER DueTime, ULONG Period, ULONG TolerableDelay,
                                    PKDPC Dpc)
{
    (void)TolerableDelay;
    return KeSetTimerEx(Timer, DueTime, (LONG)Period, Dpc);
}

BOOLEAN NTAPI KeCancelTimer(PKTIMER Timer)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    BOOLEAN was_set = Timer->Header.Inserted;
    if (was_set)
        unlink(Timer);
    cpu_restore_interrupts(flags);
    return was_set;
}

BOOLEAN NTAPI KeReadStateTimer(PKTIMER Timer)
{
    return Timer->Header.SignalState != 0;
}
