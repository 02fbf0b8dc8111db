/* The memory manager's entry points for the rest of the kernel. The WDK-named calls (MmMapIoSpace,
 * MmGetPhysicalAddress) are declared in kernel/wdm.h. */
#ifndef PAGODA_MM_H
#define PAGODA_MM_H

#include <stdbool.h>
#include <stddef.h>

#include "mm/physmem.h"

/* Builds the PFN database over the usable frames of the loader's map (at most mem_mib MiB of them,
 * 0: no cap), the paging file on a ramdisk of up to pagefile_mib MiB reserved beside them, and takes
 * over page faults. Returns the paging file's size in pages, which is less than asked when the
 * machine cannot hold both. */
uint32_t mm_init(const struct phys_range *map, unsigned count, uint32_t mem_mib, uint32_t pagefile_mib);
const struct physmem *mm_physmem(void);

/* The page provider of the pools: npages of virtual memory, page aligned, from the paged pool range
 * (pageable, demand-zero) or from the nonpaged pool range (resident frames, contents undefined), each
 * page charged against the commit limit (paging-file slots plus free RAM at boot): NULL beyond it, so
 * a full paging file makes allocation fail, never a later page fault. */
void *mm_alloc_pages(size_t npages, bool pageable);
/* Gives back what mm_alloc_pages returned: the same address and page count (or a part of it). Pages
 * not handed out (a double free) are bugcheck 0x1A MEMORY_MANAGEMENT with p1 0x3000. */
void mm_free_pages(void *va, size_t npages);
/* Whether p lies in a page mm_alloc_pages handed out and that is not freed (paged out or not): the
 * pool's check before it follows a pointer a driver may have overwritten. The three calls have the
 * shapes of the pool's struct pool_pages_ops (alloc, free, contains). */
bool mm_owns_page(const void *p);

struct mm_info {
    uint32_t frames_total, frames_free, frames_zeroed, frames_standby, frames_modified, frames_active;
    uint32_t frames_kernel, pagefile_total, pagefile_used, ws_pages, ws_limit, commit, commit_limit;
    uint32_t faults_dz, faults_soft, faults_hard, pageouts, pageins, trimmed;
};
void mm_query(struct mm_info *info);
/* Empties the system working set: every pageable page leaves memory (to standby or modified). */
void mm_trim_all(void);
/* mm_trim_all, then every modified page written and every standby frame reused: the next touch of
 * any pageable page reads it back from the paging file. */
void mm_page_out_all(void);
/* Test hook: pages va out and flips a bit of its paging-file copy, so that touching it again must
 * end in bugcheck 0x7A. False when va is not a committed pageable page. */
bool mm_corrupt_paged_out_copy(uint32_t va);

#endif
