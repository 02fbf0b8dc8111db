/* The interrupt flag. On one CPU, turning interrupts off is all the exclusion a short critical section
 * needs; the IRQL machinery itself and the DPC and timer queues use it. */
#ifndef PAGODA_CPU_H
#define PAGODA_CPU_H

#include <stdint.h>

#define EFLAGS_IF 0x200u

static inline void cpu_enable_interrupts(void)
{
    __asm__ volatile("sti" ::: "memory");
}

static inline void cpu_disable_interrupts(void)
{
    __asm__ volatile("cli" ::: "memory");
}

/* Sleeps until the next interrupt (interrupts must be on). */
static inline void cpu_halt(void)
{
    __asm__ volatile("hlt" ::: "memory");
}

/* Turns interrupts on and sleeps: sti takes effect only after the hlt has begun, so an interrupt that
 * was held off by a preceding cli cannot slip in between and be slept through. */
static inline void cpu_enable_interrupts_and_halt(void)
{
    __asm__ volatile("sti; hlt" ::: "memory");
}

/* The end of the line: interrupts off, halted for good. */
static inline __attribute__((noreturn)) void cpu_stop(void)
{
    for (;;)
        __asm__ volatile("cli; hlt");
}

/* Returns the flags to give back to cpu_restore_interrupts. */
static inline uint32_t cpu_save_and_disable_interrupts(void)
{
    uint32_t flags;
    __asm__ volatile("pushf; pop %0; cli" : "=r"(flags) : : "memory");
    return flags;
}

static inline void cpu_restore_interrupts(uint32_t flags)
{
    __asm__ volatile("push %0; popf" : : "r"(flags) : "memory", "cc");
}

#endif
