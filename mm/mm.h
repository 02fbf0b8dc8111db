/* The memory manager's entry points for boot and the console: bring-up, figures, trimming. The
 * pools' pages are in mm/pool_pages.h; the WDK-named calls (MmMapIoSpace, MmGetPhysicalAddress) are
 * declared in kernel/wdm.h. */
#ifndef PAGODA_MM_H
#define PAGODA_MM_H

#include <stdbool.h>
#include <stddef.h>

#include "mm/blockdev.h"
#include "mm/physmem.h"

/* Builds the PFN database over the usable frames of the loader's map (at most mem_mib MiB of them,
 * 0: no cap), sets up the kernel's ranges and takes over page faults. Returns the frames reserved
 * beside them for the paging file's disk (up to pagefile_mib MiB; fewer when the machine cannot hold
 * both), which boot hands back through mm_attach_paging_file. A balanced paging file (the default
 * size, not one asked for) leaves the memory manager at least half the machine when mem= sets no cap. */
struct frame_run mm_init(const struct phys_range *map, unsigned count, uint32_t mem_mib, uint32_t pagefile_mib,
                         bool balanced);
/* The paging file on disk (NULL: none), and the commit limit it makes: its slots plus free RAM. */
void mm_attach_paging_file(struct block_device *disk);
const struct physmem *mm_physmem(void);

struct mm_info {
    uint32_t frames_total, frames_free, frames_zeroed, frames_standby, frames_modified, frames_active;
    uint32_t frames_kernel; /* never leaves memory now: nonpaged, page tables, and frames_locked */
    uint32_t frames_locked; /* pageable pages locked resident (driver images, MmProbeAndLockPages) */
    uint32_t pagefile_total, pagefile_used, ws_pages, ws_limit, ws_storage, commit, commit_limit;
    uint32_t resident_available; /* what nonpaged allocations may still take */
    uint32_t faults_dz, faults_soft, faults_hard, pageouts, pageins, pageout_errors, trimmed;
};
void mm_query(struct mm_info *info);
/* Empties the system working set: every pageable page leaves memory (to standby or modified). */
void mm_trim_all(void);
/* The idle work (NT's zero page thread's): whether the zeroed list is below its target with a free frame
 * to zero, and zeroing one onto it, so a demand-zero fault finds its frame ready. The console does it
 * each time it goes idle, before its prompt. NT zeroes every free page in the background; Pagoda keeps a
 * stock of MM_ZEROED_TARGET, enough for a burst of faults and refilled in about a millisecond, so the
 * figures never move while the prompt waits (tests and debuggers compare them). */
#define MM_ZEROED_TARGET 256
bool mm_zero_page_wanted(void);
void mm_zero_page_idle(void);
/* The zeroed list emptied onto the free list (faultbench: demand-zero faults that zero their frame). */
void mm_forget_zeroed_pages(void);
/* Records for at least that many free frames made now, not at the fault that first needs one (the PFN
 * database makes them 1024 at a time): faultbench's figures are then the same for any page count. */
void mm_make_frame_records(uint32_t free_frames);
/* A new limit for the system working set (1 up to the one it booted with, 3/4 of the frames), trimming
 * down to it; returns the old one. Given to an emptied set, the replacement policy starts afresh
 * (`replay` relies on that). */
uint32_t mm_set_ws_limit(uint32_t pages);
/* mm_trim_all, then every modified page written and every standby frame reused: the next touch of
 * any pageable page reads it back from the paging file. */
void mm_page_out_all(void);
/* Test hook: pages va out and flips a bit of its paging-file copy, so that touching it again must
 * end in bugcheck 0x7A. False when va is not a committed pageable page. */
bool mm_corrupt_paged_out_copy(uint32_t va);

#endif
