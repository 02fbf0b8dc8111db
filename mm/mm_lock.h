/* The memory manager's lock (NT's PFN lock): a spinlock, so its holder runs at DISPATCH_LEVEL and no
 * DPC can come into the frame lists, working set or paging file meanwhile. Nothing it guards is
 * pageable, and the page-fault handler never takes it: a fault while it is held is at DISPATCH_LEVEL,
 * which the handler reports as bugcheck 0x0A before touching anything. */
#ifndef PAGODA_MM_LOCK_H
#define PAGODA_MM_LOCK_H

#include "kernel/spinlock.h"

extern KSPIN_LOCK mm_pfn_lock;

static inline KIRQL mm_lock(void)
{
    return spinlock_acquire(&mm_pfn_lock);
}

static inline void mm_unlock(KIRQL old)
{
    spinlock_release(&mm_pfn_lock, old);
}

#endif
