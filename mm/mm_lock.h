/* The memory manager's lock until spinlocks exist: interrupts off on this one CPU. The page-fault
 * handler already runs with interrupts off (an interrupt gate), so it never needs to take it. */
#ifndef PAGODA_MM_LOCK_H
#define PAGODA_MM_LOCK_H

#include <stdint.h>

static inline uint32_t mm_lock(void)
{
    uint32_t flags;
    __asm__ volatile("pushf; pop %0; cli" : "=r"(flags) : : "memory");
    return flags;
}

static inline void mm_unlock(uint32_t flags)
{
    __asm__ volatile("push %0; popf" : : "r"(flags) : "memory", "cc");
}

#endif
