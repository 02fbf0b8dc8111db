/* The kernel address space (DESIGN.md, NT x86 without PAE). Every range the memory manager hands out
 * is named here, with the page size; nothing is mapped below KERNEL_VBASE after boot. */
#ifndef PAGODA_MM_LAYOUT_H
#define PAGODA_MM_LAYOUT_H

#define PAGE_SIZE 4096u

#define KERNEL_VBASE 0x80000000u /* the low 16 MiB of physical memory at 0x80000000 + phys */
#define NONPAGED_POOL_START 0x81000000u /* frames stay resident */
#define NONPAGED_POOL_END 0x91000000u
#define SYSTEM_PTES_START 0x91000000u /* MmMapIoSpace: device memory and the ramdisk */
#define SYSTEM_PTES_END 0xBC000000u
/* Driver images (.sys), carved from the top of the system PTEs as NT maps drivers there: resident
 * pages, code and read-only data write-protected. */
#define DRIVER_IMAGES_START 0xBC000000u
#define DRIVER_IMAGES_END 0xC0000000u
#define SELF_MAP_PDE 0x300u
#define PAGE_TABLES_VA 0xC0000000u /* the self-map: the PTE of va is at PAGE_TABLES_VA + (va >> 12) * 4 */
#define PAGE_DIRECTORY_VA (PAGE_TABLES_VA + SELF_MAP_PDE * 4096u)
#define HYPERSPACE_START 0xC0400000u /* short-lived mappings for zeroing and for the pager */
#define HYPERSPACE_END 0xC0800000u
#define PFN_DATABASE_START 0xC0800000u /* the PFN database, up to 4 GiB of frames */
#define PFN_DATABASE_END 0xC3800000u
/* The working set's replacement policy's tables: pages mapped as it grows into them (working_set.c). */
#define WS_POLICY_START 0xC3800000u
#define WS_POLICY_END 0xC8000000u
#define PAGED_POOL_START 0xE1000000u /* frames come and go */
#define PAGED_POOL_END 0xF1000000u
/* Driver Verifier's special pool: each block on a page of its own followed by a no-access guard page,
 * and freed pages kept no-access for a while; faults here are 0xCC / 0xCD rather than 0x50. */
#define SPECIAL_POOL_START 0xF1000000u
#define SPECIAL_POOL_END 0xF5000000u

#endif
