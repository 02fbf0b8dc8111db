/* ARC (Megiddo and Modha, FAST 2003), a reference for the kernel's policy: LRU lists of pages seen once
 * (T1) and more (T2), ghost lists of pages each evicted (B1, B2), and T1's target size moved by ghost
 * hits. It needs every reference, not an accessed bit, so no kernel could run it as it is. */
#ifndef PAGODA_PAGESIM_ARC_H
#define PAGODA_PAGESIM_ARC_H

#include <stdint.h>

#include "tools/pagesim/trace.h"

/* Faults for a trace and a number of frames, cold misses counted. */
uint64_t sim_run_arc(const struct trace *t, uint32_t frames);

#endif
