/* Counts since boot of what the memory manager did, for `mem` and the tests. */
#ifndef PAGODA_MM_COUNTERS_H
#define PAGODA_MM_COUNTERS_H

#include <stdint.h>

struct mm_counters {
    uint32_t faults_dz, faults_soft, faults_hard;
    uint32_t pageouts, pageins;
    uint32_t pageout_errors; /* writes that failed: the pages stayed modified */
    uint32_t trimmed; /* pages taken out of the working set */
};

extern struct mm_counters mm_counters;

#endif
