/* The memory manager's lock until it takes a spinlock: interrupts off on this one CPU. The page-fault
 * handler already runs with interrupts off (an interrupt gate), so it never needs to take it. */
#ifndef PAGODA_MM_LOCK_H
#define PAGODA_MM_LOCK_H

#include "../kernel/cpu.h"

static inline uint32_t mm_lock(void)
{
    return cpu_save_and_disable_interrupts();
}

static inline void mm_unlock(uint32_t flags)
{
    cpu_restore_interrupts(flags);
}

#endif
