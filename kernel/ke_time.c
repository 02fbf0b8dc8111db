/* Time as drivers read it: KeTickCount (a data export: the WDK's inline KeQueryTickCount reads it
 * directly), KeQueryTickCount, KeQueryTimeIncrement, ExSetTimerResolution, the interrupt time's
 * unbiased and precise forms (KeQuerySystemTime: kernel/system_time.c); and
 * HAL.dll's performance counter and busy wait, over the clock's tick count and the CPU's time stamp
 * counter. */
#include "kernel/ke_time.h"

#include "hal/cpu.h"
#include "kernel/bugcheck.h"
#include "kernel/clock.h"

/* 0xC4's parameter 1 for the DDI compliance rule IrqlExApcLte2 (Pagoda always checks it). */
#define RULE_IRQL_EX_APC_LTE2 0x00020006

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

/* No request changes the clock's period: the answer is always the tick, set or not. */
ULONG NTAPI ExSetTimerResolution(ULONG DesiredTime, BOOLEAN SetResolution)
{
    (void)DesiredTime, (void)SetResolution;
    if (KeGetCurrentIrql() > APC_LEVEL)
        KeBugCheckEx(BUGCHECK_DRIVER_VERIFIER_DETECTED_VIOLATION, RULE_IRQL_EX_APC_LTE2,
                     (ULONG_PTR)"IrqlExApcLte2: ExSetTimerResolution above APC_LEVEL", 0, 0);
    return CLOCK_TICK_100NS;
}

/* Nothing sleeps, so no time is left out. */
ULONGLONG NTAPI KeQueryUnbiasedInterruptTime(VOID)
{
    return KeQueryInterruptTime();
}

/* As fine as the tick, like the counter it pairs with; interrupts off so that the two agree. */
ULONGLONG NTAPI KeQueryInterruptTimePrecise(PULONGLONG QpcTimeStamp)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    ULONGLONG now = KeQueryInterruptTime();
    *QpcTimeStamp = (ULONGLONG)KeQueryPerformanceCounter(NULL).QuadPart;
    cpu_restore_interrupts(flags);
    return now;
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
