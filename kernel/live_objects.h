/* How many objects live now that must not lie in memory being freed: set timers and queued DPCs
 * (kernel/timer.c, kernel/dpc.c) and the WDK's lookaside lists (pool/lookaside.c). The pool's free
 * looks for them in the block only while there are some, so the common free pays one test for it. */
#ifndef PAGODA_LIVE_OBJECTS_H
#define PAGODA_LIVE_OBJECTS_H

#include <stdint.h>

extern volatile uint32_t live_objects;

/* One step, so that an interrupt that counts meanwhile loses nothing. */
static inline void live_objects_add(int n)
{
    __atomic_fetch_add(&live_objects, (uint32_t)n, __ATOMIC_RELAXED);
}

#endif
