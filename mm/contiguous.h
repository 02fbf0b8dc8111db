/* Physical pages for drivers. Physically contiguous nonpaged memory, for devices that DMA without scatter/gather:
 * MmAllocateContiguousMemory and its SpecifyCache form (kernel/wdm.h), and MmAllocateNonCachedMemory,
 * which Pagoda also serves with one contiguous run (more than the WDK promises, never less). A run
 * is charged to commit and resident pages as nonpaged pool is, and mapped at system PTE addresses;
 * its first frame's record keeps its length (struct pfn_entry's run), which is how a free knows an
 * address it handed out: any other is 0xC2 BAD_POOL_CALLER (0x60, address, 0, 0). And frames with
 * no mapping at all, for an MDL (MmAllocatePagesForMdl). */
#ifndef PAGODA_MM_CONTIGUOUS_H
#define PAGODA_MM_CONTIGUOUS_H

#define BAD_POOL_CALLER_BAD_CONTIGUOUS_FREE 0x60

#include <stdbool.h>
#include <stdint.h>

#include "kernel/wdm.h"

/* MmAllocatePagesForMdl's frames (drivers/mdl.c makes the MDL): up to count free frames between the
 * physical addresses low and high, zeroed if asked, each charged as a page of nonpaged memory; how
 * many it took. */
uint32_t physical_pages_take(PHYSICAL_ADDRESS low, PHYSICAL_ADDRESS high, uint32_t count, bool zero,
                             PFN_NUMBER *frames);
/* Gives them back (MmFreePagesFromMdl); the caller has unmapped them. */
void physical_pages_release(const PFN_NUMBER *frames, uint32_t count);

#endif
