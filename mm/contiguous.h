/* Physically contiguous nonpaged memory, for devices that DMA without scatter/gather:
 * MmAllocateContiguousMemory and its SpecifyCache form (kernel/wdm.h), and MmAllocateNonCachedMemory,
 * which Pagoda also serves with one contiguous run (more than the WDK promises, never less). A run
 * is charged to commit and resident pages as nonpaged pool is, and mapped at system PTE addresses;
 * its first frame's record keeps its length (struct pfn_entry's run), which is how a free knows an
 * address it handed out: any other is 0xC2 BAD_POOL_CALLER (0x60, address, 0, 0). */
#ifndef PAGODA_MM_CONTIGUOUS_H
#define PAGODA_MM_CONTIGUOUS_H

#define BAD_POOL_CALLER_BAD_CONTIGUOUS_FREE 0x60

#endif
