/* Replays a trace against a number of frames under one replacement policy and counts the faults,
 * cold misses included. `kernel` runs the kernel's own policy code (mm/ws_policy.c). */
#ifndef PAGODA_PAGESIM_SIM_H
#define PAGODA_PAGESIM_SIM_H

#include "tools/pagesim/trace.h"

enum sim_policy { SIM_KERNEL, SIM_OPT, SIM_LRU, SIM_CLOCK, SIM_FIFO, SIM_CLOCKPRO, SIM_ARC, SIM_LIRS, SIM_POLICY_COUNT };

/* SIM_POLICY_COUNT for a name that is none of kernel, opt, lru, clock, fifo, clockpro, arc, lirs. */
enum sim_policy sim_policy_by_name(const char *name);
const char *sim_policy_name(enum sim_policy policy);
uint64_t sim_faults(enum sim_policy policy, const struct trace *t, uint32_t frames);

#endif
