/* Hyperspace: a few short-lived mappings of any frame, for zeroing and for the pager's copies. Callers
 * hold the memory manager's lock (or run in the fault handler) from map to unmap. */
#ifndef PAGODA_MM_HYPERSPACE_H
#define PAGODA_MM_HYPERSPACE_H

#include <stdint.h>

void hyperspace_init(void);
void *hyperspace_map(uint32_t frame);
void hyperspace_unmap(void *va);
/* Fills a frame with zeros. */
void hyperspace_zero_frame(uint32_t frame);

#endif
