/* Kernel timers (KTIMER, KeSetTimer, KeCancelTimer are in wdm.h): one list in due-time order. The clock
 * interrupt only compares the time with the first due time; the expiry runs as a DPC. */
#ifndef PAGODA_TIMER_H
#define PAGODA_TIMER_H

#include <stdbool.h>
#include <stdint.h>

void timer_init(void);
/* From the clock interrupt, with the new time in 100 ns units. */
void timer_clock_tick(uint64_t now);

/* What lies in [lo, hi) of a memory range about to go (a driver image being unloaded, a pool block
 * being freed), as 0xC7 TIMER_OR_DPC_INVALID names it: 0 a set timer, 1 a DPC, 2 a DPC routine. */
enum timer_dpc_found { TIMER_FOUND_TIMER, TIMER_FOUND_DPC, TIMER_FOUND_DPC_ROUTINE, TIMER_FOUND_NONE };
/* The first set timer that is, or whose DPC or DPC routine is, in [lo, hi); then the first queued DPC
 * (kernel/dpc.h) that is, or whose routine is. *object: the timer, the DPC or the routine (0xC7's
 * parameter 2). Each set timer counts in live_objects (kernel/live_objects.h). */
enum timer_dpc_found timer_or_dpc_in_range(uintptr_t lo, uintptr_t hi, const void **object);

#endif
