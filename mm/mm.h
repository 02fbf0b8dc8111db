/* The memory manager's entry points for the rest of the kernel. */
#ifndef PAGODA_MM_H
#define PAGODA_MM_H

#include "physmem.h"

/* Takes the usable frames from the loader's memory map, at most mem_mib MiB of them (0: no cap). */
void mm_init(const struct phys_range *map, unsigned count, uint32_t mem_mib);
const struct physmem *mm_physmem(void);

#endif
