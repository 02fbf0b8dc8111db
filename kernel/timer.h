/* Kernel timers (KTIMER, KeSetTimer, KeCancelTimer are in wdm.h): one list in due-time order. The clock
 * interrupt only compares the time with the first due time; the expiry runs as a DPC. */
#ifndef PAGODA_TIMER_H
#define PAGODA_TIMER_H

#include <stdint.h>

void timer_init(void);
/* From the clock interrupt, with the new time in 100 ns units. */
void timer_clock_tick(uint64_t now);

#endif
