/* Device timers: IoInitializeTimer gives a device one routine to call about once a second at
 * DISPATCH_LEVEL while started. One kernel timer drives them all, set while any is started; a device's
 * timer goes with it (io_timer_delete from IoDeleteDevice). */
#include "drivers/io_timer.h"

#include <stdbool.h>

#include "kernel/callout.h"

#define TAG_TIMER 'iToI' /* "IoTi" */
#define SECOND_100NS (-10000000LL)

struct io_timer {
    PDEVICE_OBJECT device;
    PIO_TIMER_ROUTINE routine;
    PVOID context;
    bool started;
    struct io_timer *next;
};

static struct io_timer *timers;
static KTIMER clock;
static KDPC clock_dpc;
static unsigned started;

static VOID NTAPI tick(PKDPC dpc, PVOID context, PVOID a, PVOID b)
{
    (void)dpc, (void)context, (void)a, (void)b;
    for (struct io_timer *t = timers; t; t = t->next) {
        if (!t->started)
            continue;
        uintptr_t args[] = { (uintptr_t)t->device, (uintptr_t)t->context };
        callout_stdcall((const void *)t->routine, 2, args);
    }
}

NTSTATUS NTAPI IoInitializeTimer(PDEVICE_OBJECT DeviceObject, PIO_TIMER_ROUTINE TimerRoutine, PVOID Context)
{
    struct io_timer *t = DeviceObject->Timer;
    if (!t) {
        if (!(t = ExAllocatePoolWithTag(NonPagedPool, sizeof *t, TAG_TIMER)))
            return STATUS_INSUFFICIENT_RESOURCES;
        *t = (struct io_timer){ .device = DeviceObject, .next = timers };
        timers = t;
        DeviceObject->Timer = t;
    }
    t->routine = TimerRoutine;
    t->context = Context;
    if (!clock.Header.Type) { /* the first timer of all: the kernel timer that drives them */
        KeInitializeTimerEx(&clock, NotificationTimer);
        KeInitializeDpc(&clock_dpc, tick, 0);
    }
    return STATUS_SUCCESS;
}

/* started goes on or off; the kernel timer runs while any is on. */
static void set_started(PDEVICE_OBJECT device, bool on)
{
    struct io_timer *t = device->Timer;
    KIRQL irql;
    KeRaiseIrql(DISPATCH_LEVEL, &irql);
    if (t && t->started != on) {
        t->started = on;
        if (on)
            started++;
        else
            started--;
        if (on && started == 1)
            KeSetTimerEx(&clock, (LARGE_INTEGER){ .QuadPart = SECOND_100NS }, 1000, &clock_dpc);
        else if (!on && started == 0)
            KeCancelTimer(&clock);
    }
    KeLowerIrql(irql);
}

VOID NTAPI IoStartTimer(PDEVICE_OBJECT DeviceObject)
{
    set_started(DeviceObject, true);
}

VOID NTAPI IoStopTimer(PDEVICE_OBJECT DeviceObject)
{
    set_started(DeviceObject, false);
}

void io_timer_delete(PDEVICE_OBJECT device)
{
    struct io_timer *t = device->Timer;
    if (!t)
        return;
    set_started(device, false);
    struct io_timer **link = &timers;
    while (*link != t)
        link = &(*link)->next;
    *link = t->next;
    device->Timer = 0;
    ExFreePoolWithTag(t, TAG_TIMER);
}
