/* The system-PTE range behind MmMapIoSpace, MmUnmapIoSpace and MmGetPhysicalAddress (kernel/wdm.h):
 * device memory, the ramdisk, and MDLs mapped by MmMapLockedPagesSpecifyCache (mm/mdl.c). */
#ifndef PAGODA_MM_SYSTEM_PTES_H
#define PAGODA_MM_SYSTEM_PTES_H

#include <stdint.h>

#include "kernel/wdm.h"

void system_ptes_init(void);
/* The pages (so the PTEs) that bytes from va touch: what a mapping of them takes, and an MDL's frame count. */
static inline uint32_t system_ptes_spanned(uintptr_t va, SIZE_T bytes)
{
    return (uint32_t)(((va & 0xFFF) + bytes + 4095) / 4096);
}
/* npages frames at consecutive system PTE addresses: the start, or 0 when no room is left. */
uint32_t system_ptes_map_frames(const ULONG *frames, uint32_t npages, MEMORY_CACHING_TYPE cache);
/* Unmaps what a map call handed out: 0xDA SYSTEM_PTE_MISUSE for any other range. */
void system_ptes_unmap(uint32_t va, uint32_t npages);

#endif
