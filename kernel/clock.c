#include "kernel/clock.h"

#include "hal/cpu.h"
#include "hal/pit.h"
#include "kernel/interrupt.h"

static volatile uint64_t ticks;
static clock_tick_handler tick_handler;

static void clock_interrupt(void)
{
    ticks++;
    tick_handler(ticks * CLOCK_TICK_100NS);
}

void clock_init(clock_tick_handler on_tick)
{
    tick_handler = on_tick;
    pit_start(CLOCK_HZ);
    irq_set_handler(PIT_IRQ, clock_interrupt);
}

uint64_t clock_ticks(void)
{
    /* A 64-bit read is two loads on i386: keep the tick from landing between them. */
    uint32_t flags = cpu_save_and_disable_interrupts();
    uint64_t t = ticks;
    cpu_restore_interrupts(flags);
    return t;
}

ULONGLONG NTAPI KeQueryInterruptTime(VOID)
{
    return clock_ticks() * CLOCK_TICK_100NS;
}
