#include "clock.h"

#include "../drivers/pit.h"
#include "trap.h"

static volatile uint64_t ticks;

static void clock_interrupt(void)
{
    ticks++;
}

void clock_init(void)
{
    pit_start(CLOCK_HZ);
    irq_set_handler(PIT_IRQ, clock_interrupt);
}

uint64_t clock_ticks(void)
{
    /* A 64-bit read is two loads on i386: keep the tick from landing between them. */
    uint32_t flags;
    __asm__ volatile("pushf; pop %0; cli" : "=r"(flags));
    uint64_t t = ticks;
    __asm__ volatile("push %0; popf" : : "r"(flags) : "memory", "cc");
    return t;
}
