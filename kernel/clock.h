/* The system clock: the PIT's interrupt, at CLOCK2_LEVEL, counts ticks and hands expired timers to a
 * DPC (kernel/timer.c). */
#ifndef PAGODA_CLOCK_H
#define PAGODA_CLOCK_H

#include <stdint.h>

#define CLOCK_HZ 100
#define CLOCK_TICK_100NS (10000000u / CLOCK_HZ)

void clock_init(void);
uint64_t clock_ticks(void);

#endif
