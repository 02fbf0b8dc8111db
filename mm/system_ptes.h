/* The system-PTE range behind MmMapIoSpace, MmUnmapIoSpace and MmGetPhysicalAddress (kernel/wdm.h):
 * device memory and the ramdisk. */
#ifndef PAGODA_MM_SYSTEM_PTES_H
#define PAGODA_MM_SYSTEM_PTES_H

void system_ptes_init(void);

#endif
