#include "kernel/timer.h"

#include "hal/cpu.h"
#include "kernel/wdm.h"

#define TIMER_NOTIFICATION_OBJECT 8 /* KOBJECTS' TimerNotificationObject */
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
    update_next_due();
}

void timer_clock_tick(uint64_t now)
{
    if (now >= next_due)
        KeInsertQueueDpc(&expiry_dpc, 0, 0);
}

/* As in NT, each expired timer's DPC gets the expiry time: low part, high part. */
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
        cpu_restore_interrupts(flags);
        if (t->Dpc)
            KeInsertQueueDpc(t->Dpc, (PVOID)now.LowPart, (PVOID)now.HighPart);
    }
}

void timer_init(void)
{
    KeInitializeDpc(&expiry_dpc, expire_timers, NULL);
}

VOID NTAPI KeInitializeTimer(PKTIMER Timer)
{
    *Timer = (KTIMER){ .Header = { .Type = TIMER_NOTIFICATION_OBJECT } };
}

BOOLEAN NTAPI KeSetTimer(PKTIMER Timer, LARGE_INTEGER DueTime, PKDPC Dpc)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    BOOLEAN was_set = Timer->Header.Inserted;
    if (was_set)
        unlink(Timer);
    Timer->DueTime.QuadPart = DueTime.QuadPart < 0 ? KeQueryInterruptTime() - (ULONGLONG)DueTime.QuadPart
                                                   : (ULONGLONG)DueTime.QuadPart;
    Timer->Dpc = Dpc;
    Timer->Header.SignalState = 0;
    Timer->Header.Inserted = TRUE;
    PLIST_ENTRY after = timers.Blink; /* the last timer due no later than this one: FIFO among equals */
    while (after != &timers && CONTAINING_RECORD(after, KTIMER, TimerListEntry)->DueTime.QuadPart >
                                   Timer->DueTime.QuadPart)
        after = after->Blink;
    InsertTailList(after->Flink, &Timer->TimerListEntry); /* links it in front of after's successor */
    update_next_due();
    cpu_restore_interrupts(flags);
    return was_set;
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
