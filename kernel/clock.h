/* The system clock: the PIT's interrupt, at CLOCK2_LEVEL, counts ticks and tells the one handler given
 * at init (the timers, kernel/timer.c, which hand expired timers to a DPC) the new time. */
#ifndef PAGODA_CLOCK_H
#define PAGODA_CLOCK_H

#include <stdint.h>

#define CLOCK_HZ 100
#define CLOCK_TICK_100NS (10000000u / CLOCK_HZ)

/* From the clock interrupt, with the new time in 100 ns units. */
typedef void (*clock_tick_handler)(uint64_t now);

void clock_init(clock_tick_handler on_tick);
uint64_t clock_ticks(void);

#endif
