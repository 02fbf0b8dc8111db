/* The page directory the boot code built, and the step that ends the boot-time identity map. */
#ifndef PAGODA_BOOT_PAGING_H
#define PAGODA_BOOT_PAGING_H

#include <stdint.h>

/* Removes PDE 0 (the low 4 MiB identity map the boot code needed) and flushes the TLB, so that a NULL
 * or low reference faults from then on. */
void boot_paging_drop_identity_map(void);
/* Write-protects the kernel's text and read-only data (CR0.WP on, so the kernel itself is held to it),
 * unmaps the guard page under the boot stack, and unmaps the low map above the kernel image (the
 * memory manager's frames, reached only through its own mappings). */
void boot_paging_protect_kernel(void);
/* Physical address of the kernel image's end: frames from here up are free for the memory manager. */
uint32_t boot_paging_kernel_end_phys(void);

#endif
