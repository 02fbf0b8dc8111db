/* LIRS (Jiang and Zhang, SIGMETRICS 2002), a reference for the kernel's policy: the LIR pages (small
 * inter-reference recency) stay; the resident HIR pages, 1 % of the frames, are a FIFO queue; a
 * recency stack, pruned at its bottom, tells which pages re-referenced soon enough to become LIR. The
 * stack's non-resident entries are not bounded. Like ARC, it needs every reference. */
#ifndef PAGODA_PAGESIM_LIRS_H
#define PAGODA_PAGESIM_LIRS_H

#include <stdint.h>

#include "tools/pagesim/trace.h"

/* Faults for a trace and a number of frames, cold misses counted. */
uint64_t sim_run_lirs(const struct trace *t, uint32_t frames);

#endif
