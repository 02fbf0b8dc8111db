/* Time as drivers read it: KeTickCount (a data export: the WDK's inline KeQueryTickCount reads it
 * directly), KeQueryTickCount, KeQueryTimeIncrement (KeQuerySystemTime: kernel/system_time.c); and
 * HAL.dll's performance counter and busy wait, over the clock's tick count and the CPU's time stamp
 * counter. */
#include "kernel/ke_time.h"

#include "hal/cpu.h"
#include "kernel/clock.h"

volatile KSYSTEM_TIME KeTickCount;

static uint64_t ticks;

/* From the clock interrupt. High2Time, LowPart, High1Time in that order of writing, as NT does, so a
 * reader that sees High1Time == High2Time has a consistent pair. */
void ke_time_tick(void)
{
    ticks++;
    KeTickCount.High2Time = (LONG)(ticks >> 32);
    KeTickCount.LowPart = (ULONG)ticks;
    KeTickCount.High1Time = (LONG)(ticks >> 32);
}

VOID NTAPI KeQueryTickCount(PLARGE_INTEGER TickCount)
{
    LONG high;
    ULONG low;
    do {
        high = KeTickCount.High1Time;
        low = KeTickCount.LowPart;
    } while (high != KeTickCount.High2Time);
    TickCount->LowPart = low;
    TickCount->HighPart = high;
}

ULONG NTAPI KeQueryTimeIncrement(VOID)
{
    return CLOCK_TICK_100NS;
}

#define PERF_FREQUENCY 1193182u /* the PIT's input clock, as the uniprocessor HAL reports it */

LARGE_INTEGER NTAPI KeQueryPerformanceCounter(PLARGE_INTEGER PerformanceFrequency)
{
    if (PerformanceFrequency)
        PerformanceFrequency->QuadPart = PERF_FREQUENCY;
    /* Ticks of 10 ms at 100 Hz: the counter advances by PERF_FREQUENCY / CLOCK_HZ per tick. */
    LARGE_INTEGER now = { .QuadPart = (LONGLONG)(clock_ticks() * (PERF_FREQUENCY / CLOCK_HZ)) };
    return now;
}

/* A busy wait of at least MicroSeconds; Pagoda calibrates nothing, so the clock's ticks bound it and the
 * wait is at least one tick's worth of the rest rounded up (coarse, never short). */
VOID NTAPI KeStallExecutionProcessor(ULONG MicroSeconds)
{
    uint64_t start = KeQueryInterruptTime(), wait = (uint64_t)MicroSeconds * 10;
    uint32_t flags = cpu_save_and_disable_interrupts();
    cpu_restore_interrupts(flags);
    if ((flags & EFLAGS_IF) && KeGetCurrentIrql() < CLOCK2_LEVEL) { /* the clock still ticks */
        while (KeQueryInterruptTime() - start < wait)
            __asm__ volatile("pause");
        return;
    }
    for (volatile uint64_t spin = (uint64_t)MicroSeconds * 1000; spin; spin--) /* no clock: about 1 ns/turn */
        ;
}
