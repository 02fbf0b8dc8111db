/* Adaptive CLOCK-Pro as published, a reference for the kernel's policy: its own simulation over dense
 * page ids (clockpro.c says how it reads the paper). */
#ifndef PAGODA_PAGESIM_CLOCKPRO_H
#define PAGODA_PAGESIM_CLOCKPRO_H

#include <stdint.h>

#include "tools/pagesim/trace.h"

/* Faults for a trace and a number of frames, cold misses counted. */
uint64_t sim_run_clockpro(const struct trace *t, uint32_t frames);

#endif
