/* The system clock: the PIT's interrupt counts ticks. */
#ifndef PAGODA_CLOCK_H
#define PAGODA_CLOCK_H

#include <stdint.h>

#define CLOCK_HZ 100

void clock_init(void);
uint64_t clock_ticks(void);

#endif
